import { Alert, Button, Card, Checkbox, Flex, Form, Input, Radio, Typography } from 'antd';
import { CloseOutlined, DownloadOutlined } from '@ant-design/icons';
import type { PersonSort } from '../../../../common/src/schemas/persons.js';
import { useAuth } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { FormModal } from '../../components/form-modal.js';
import { formatNumber } from '../../components/format.js';
import { JobProgress, useJob } from '../../components/job-progress.js';
import { useStartExport, type PersonExportResult } from './api.js';
import { exportColumns, type ColumnKey } from './columns.js';
import type { PersonFilters } from './filters.js';
import { personMessages } from './messages.js';
import { reasonRule } from './reason-rule.js';

// Export of the filtered list as a background job: masked by default; unmasked only with the
// person.exportSensitive permission and a reason (both audited by the server).

interface ExportValues {
  columns: 'visible' | 'all';
  unmasked: boolean;
  reason?: string;
}

export function ExportModal({
  open,
  filters,
  order,
  columns,
  total,
  onClose,
  onStarted,
}: {
  open: boolean;
  filters: PersonFilters;
  order: { sort: PersonSort; order: 'asc' | 'desc' };
  columns: ColumnKey[];
  total: number | undefined;
  onClose: () => void;
  onStarted: (jobId: number) => void;
}) {
  const t = useT(personMessages);
  const { can } = useAuth();
  const start = useStartExport();
  const sensitive = can('person.exportSensitive');

  return (
    <FormModal<ExportValues>
      open={open}
      title={t('exportTitle')}
      okText={t('exportStart')}
      submitting={start.isPending}
      name="personExportForm"
      initialValues={{ columns: 'visible', unmasked: false, reason: '' }}
      notice={
        <Typography.Paragraph style={{ marginTop: 0 }}>
          {total === undefined ? t('exportScopeCounting') : t('exportScope', { n: formatNumber(total) })}
        </Typography.Paragraph>
      }
      onClose={onClose}
      onSubmit={async (values) => {
        const unmasked = sensitive && values.unmasked;
        const jobId = await start.mutateAsync({
          ...filters,
          sort: order.sort,
          order: order.order,
          columns: values.columns === 'visible' ? exportColumns(columns) : undefined,
          unmasked,
          reason: unmasked ? values.reason?.trim() : undefined,
        });
        onStarted(jobId);
      }}
    >
      <Form.Item name="columns" label={t('exportColumns')}>
        <Radio.Group
          options={[
            { value: 'visible', label: t('exportColumnsVisible') },
            { value: 'all', label: t('exportColumnsAll') },
          ]}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('exportMaskedNote')}</Typography.Paragraph>
      {sensitive && (
        <Form.Item name="unmasked" valuePropName="checked" style={{ marginBottom: 12 }}>
          <Checkbox>{t('exportUnmasked')}</Checkbox>
        </Form.Item>
      )}
      <Form.Item noStyle shouldUpdate={(a: ExportValues, b: ExportValues) => a.unmasked !== b.unmasked}>
        {({ getFieldValue }) =>
          sensitive && getFieldValue('unmasked') ? (
            <>
              <Alert type="warning" showIcon title={t('exportUnmaskedNote')} style={{ marginBottom: 16 }} />
              <Form.Item
                name="reason"
                label={t('exportReason')}
                rules={[reasonRule(t('exportReasonRequired'))]}
              >
                <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('exportReasonPlaceholder')} autoFocus />
              </Form.Item>
            </>
          ) : null
        }
      </Form.Item>
    </FormModal>
  );
}

/** The running or finished export above the list; it survives a reload (the job id is remembered). */
export function ExportJobCard({ jobId, onDismiss }: { jobId: number; onDismiss: () => void }) {
  const t = useT(personMessages);
  const job = useJob(jobId);
  const result = job.data?.status === 'succeeded' ? (job.data.result as PersonExportResult | null) : null;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={t('exportJob')}
      extra={<Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('exportDismiss')} onClick={onDismiss} />}
    >
      <JobProgress jobId={jobId} />
      {result?.fileId && (
        <Flex align="center" gap={12} wrap style={{ marginTop: 8 }}>
          <Button type="primary" icon={<DownloadOutlined />} href={`/api/v1/files/${result.fileId}`} download={result.fileName}>
            {t('exportDownload', { file: result.fileName })}
          </Button>
          {typeof result.rows === 'number' && <Typography.Text type="secondary">{t('exportRows', { n: formatNumber(result.rows) })}</Typography.Text>}
        </Flex>
      )}
    </Card>
  );
}
