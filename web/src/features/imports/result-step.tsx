import { Alert, Button, Card, Col, Result, Row, Statistic, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, RedoOutlined, TeamOutlined } from '@ant-design/icons';
import type { ImportBatch } from '../../../../common/src/schemas/imports.js';
import type { Job } from '../../../../common/src/schemas/jobs.js';
import { useT } from '../../lib/i18n.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { JobProgress } from '../../components/job-progress.js';
import { fileUrl } from './api.js';
import { LinkButton } from './link-button.js';
import { importMessages, type ImportMessageKey } from './messages.js';

/** Step ④: the import job's progress (the job id is remembered, so a reload comes back here). */
export function ProgressStep({ jobId, onDone }: { jobId: number | null; onDone: (job: Job) => void }) {
  const t = useT(importMessages);
  return (
    <div style={{ maxWidth: 720, margin: '24px auto' }}>
      <Typography.Title level={5}>{t('importing')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('importingHint')}</Typography.Paragraph>
      {jobId === null ? <Alert type="info" showIcon title={t('noJob')} /> : <JobProgress jobId={jobId} onDone={onDone} />}
    </div>
  );
}

export interface ResultStepProps {
  batch: ImportBatch;
  onAnother: () => void;
  onRetry: () => void;
  retrying: boolean;
}

/** Step ⑤: what the import did, the error file, and where to go next. */
export function ResultStep({ batch, onAnother, onRetry, retrying }: ResultStepProps) {
  const t = useT(importMessages);

  if (batch.status === 'failed') {
    return (
      <Result
        status="error"
        title={t('result.failedTitle')}
        subTitle={
          <>
            {batch.error && <div>{batch.error}</div>}
            <div>{t('result.failedHint')}</div>
          </>
        }
        extra={[
          <Button key="retry" type="primary" icon={<RedoOutlined />} loading={retrying} onClick={onRetry}>
            {t('result.retry')}
          </Button>,
          <Button key="another" icon={<PlusOutlined />} onClick={onAnother}>
            {t('result.another')}
          </Button>,
        ]}
      />
    );
  }

  const persons = (n: number): ImportMessageKey => (n === 1 ? 'unit.person' : 'unit.persons');
  const rows = (n: number): ImportMessageKey => (n === 1 ? 'unit.row' : 'unit.rows');
  const counts: { key: ImportMessageKey; value: number; unit: ImportMessageKey; testId: string }[] = [
    { key: 'result.created', value: batch.createdRows, unit: persons(batch.createdRows), testId: 'created' },
    { key: 'result.linked', value: batch.linkedRows, unit: persons(batch.linkedRows), testId: 'linked' },
    { key: 'result.flagged', value: batch.flaggedRows, unit: rows(batch.flaggedRows), testId: 'flagged' },
    { key: 'result.skipped', value: batch.skippedRows, unit: rows(batch.skippedRows), testId: 'skipped' },
    { key: 'result.refused', value: batch.refusedRows, unit: rows(batch.refusedRows), testId: 'refused' },
  ];

  return (
    <Result
      status="success"
      title={t('result.title')}
      subTitle={t('result.subtitle', {
        source: batch.sourceName,
        file: batch.fileName,
        time: formatDateTime(batch.committedAt ?? batch.createdAt),
      })}
      extra={[
        <LinkButton key="persons" type="primary" icon={<TeamOutlined />} to={`/persons?sourceId=${batch.sourceId}`}>
          {t('result.viewPersons')}
        </LinkButton>,
        batch.errorFileId !== null && (
          <Button key="errors" icon={<DownloadOutlined />} href={fileUrl(batch.errorFileId)} download>
            {t('result.downloadErrors')}
          </Button>
        ),
        <Button key="another" icon={<PlusOutlined />} onClick={onAnother}>
          {t('result.another')}
        </Button>,
      ]}
    >
      <Row gutter={[12, 12]} justify="center">
        {counts.map((c) => (
          <Col key={c.key} flex="0 1 150px">
            <Card size="small" data-testid={`result-${c.testId}`}>
              <Statistic title={t(c.key)} value={c.value} formatter={(v) => formatNumber(Number(v))} suffix={t(c.unit)} />
            </Card>
          </Col>
        ))}
      </Row>
      {batch.errorFileId !== null && (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
          {t('result.errorsHint')}
        </Typography.Paragraph>
      )}
    </Result>
  );
}
