import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import type { LinkRun } from '../../../../common/src/schemas/consolidation.js';
import type { Job } from '../../../../common/src/schemas/jobs.js';
import { useT } from '../../lib/i18n.js';
import { useErrorText } from '../../components/form-errors.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { JobProgress, useRememberedJob } from '../../components/job-progress.js';
import { LoadErrorAlert } from '../../components/load-error-alert.js';
import { componentMessages } from '../../components/messages.js';
import { LinkButton } from '../imports/link-button.js';
import { consolidationKeys, useRuns, useStartRun, type RunResult } from './api.js';
import { consolidationMessages } from './messages.js';

// For users who may run consolidation: what the next run will take in, a button (confirmed) that
// starts the job, its progress (remembered across a reload, or picked up when someone else's run
// is going), the result, and the recent runs.

const RUN_STATUS_COLORS: Record<LinkRun['status'], string> = { running: 'processing', succeeded: 'success', failed: 'error' };

export function RunPanel() {
  const t = useT(consolidationMessages);
  const tc = useT(componentMessages);
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const runs = useRuns(true);
  const start = useStartRun();
  const [remembered, setRemembered] = useRememberedJob('consolidation.run');
  const [done, setDone] = useState<{ id: number; job: Job } | null>(null);
  // A run already going (started elsewhere) is followed rather than started again.
  const jobId = remembered ?? runs.data?.activeJobId ?? null;
  const finished = done && done.id === jobId ? done.job : null;
  const pending = runs.data?.pendingRecords ?? 0;
  const running = jobId !== null && !finished;

  const onStart = () =>
    modal.confirm({
      title: t('run.confirmTitle'),
      content: pending > 0 ? t('run.confirmBody', { n: formatNumber(pending) }) : t('run.confirmBodyNone'),
      okText: t('run.start'),
      cancelText: tc('cancel'),
      onOk: async () => {
        try {
          const id = await start.mutateAsync();
          setDone(null);
          setRemembered(id);
          message.success(t('run.started'));
        } catch (err) {
          message.error(errorText(err));
          // 409: someone else's run is going; the refreshed list names its job, which we then follow.
          void runs.refetch();
        }
      },
    });

  const onDone = (job: Job) => {
    setDone({ id: job.id, job });
    // Keep showing a run picked up from the server once it is no longer "active".
    setRemembered(job.id);
    void qc.invalidateQueries({ queryKey: consolidationKeys.all });
    void qc.invalidateQueries({ queryKey: ['persons'] });
  };

  const result = finished?.status === 'succeeded' ? (finished.result as RunResult | null) : null;
  const summary = finished && (
    <Alert
      type={finished.status === 'succeeded' ? 'success' : 'error'}
      showIcon
      style={{ marginTop: 12 }}
      data-testid="run-result"
      title={finished.status === 'succeeded' ? t('run.result') : t('run.failed')}
      description={
        result
          ? t('run.resultBody', {
              linked: formatNumber(result.linkedRecords),
              merged: formatNumber(result.mergedPersons),
              created: formatNumber(result.createdPersons),
              review: formatNumber(result.reviewPairs),
              before: formatNumber(result.personsBefore),
              after: formatNumber(result.personsAfter),
              seconds: result.seconds.toFixed(1),
            })
          : (finished.error ?? undefined)
      }
      action={
        <Flex vertical gap={6}>
          {result && result.reviewPairs > 0 && (
            <LinkButton size="small" type="primary" to="/persons/review">
              {t('run.toReview')}
            </LinkButton>
          )}
          <Button
            size="small"
            onClick={() => {
              setRemembered(null);
              setDone(null);
            }}
          >
            {t('run.close')}
          </Button>
        </Flex>
      }
    />
  );


  return (
    <Card title={t('run.title')} style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" gap={16} wrap>
        <div style={{ minWidth: 0, flex: '1 1 420px' }}>
          <Typography.Text strong data-testid="run-pending">
            {runs.data ? (pending > 0 ? t('run.pending', { n: formatNumber(pending) }) : t('run.pendingNone')) : '\u00a0'}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('run.hint')}
          </Typography.Paragraph>
        </div>
        <Button type="primary" icon={<PlayCircleOutlined />} onClick={onStart} loading={start.isPending} disabled={running || !runs.data}>
          {t('run.start')}
        </Button>
      </Flex>
      {jobId !== null && (
        <div style={{ marginTop: 16 }}>
          <JobProgress key={jobId} jobId={jobId} onDone={onDone} onGone={() => setRemembered(null)} />
          {summary}
        </div>
      )}
    </Card>
  );
}

/** The recent runs (same query as the panel's, so one request serves both). */
export function RecentRuns() {
  const t = useT(consolidationMessages);
  const runs = useRuns(true);
  const columns: TableColumnsType<LinkRun> = [
    { key: 'kind', title: t('runs.col.kind'), render: (_, r) => t(`runs.kind.${r.kind}`) },
    {
      key: 'status',
      title: t('runs.col.status'),
      render: (_, r) => {
        const tag = <Tag color={RUN_STATUS_COLORS[r.status]}>{t(`runs.status.${r.status}`)}</Tag>;
        return r.error ? (
          <Tooltip title={r.error}>
            <span tabIndex={0}>{tag}</span>
          </Tooltip>
        ) : (
          tag
        );
      },
    },
    { key: 'records', title: t('runs.col.records'), align: 'right', render: (_, r) => formatNumber(r.pendingRecords) },
    { key: 'linked', title: t('runs.col.linked'), align: 'right', render: (_, r) => formatNumber(r.linkedRecords) },
    { key: 'merged', title: t('runs.col.merged'), align: 'right', render: (_, r) => formatNumber(r.mergedPersons) },
    { key: 'review', title: t('runs.col.review'), align: 'right', render: (_, r) => formatNumber(r.reviewPairs) },
    {
      key: 'persons',
      title: t('runs.col.persons'),
      align: 'right',
      render: (_, r) => (
        <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {formatNumber(r.personsBefore)} → {formatNumber(r.personsAfter)}
        </span>
      ),
    },
    { key: 'by', title: t('runs.col.by'), dataIndex: 'startedByName' },
    { key: 'at', title: t('runs.col.at'), render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.startedAt)}</span> },
  ];

  return (
    <Card title={t('runs.title')} style={{ marginBottom: 16 }}>
      {runs.isError && !runs.data ? (
        <LoadErrorAlert title={t('runs.loadFailed')} error={runs.error} onRetry={() => void runs.refetch()} />
      ) : (
        <Table<LinkRun>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={runs.data?.items ?? []}
          loading={runs.isPending}
          pagination={false}
          locale={{ emptyText: t('runs.empty') }}
        />
      )}
    </Card>
  );
}
