import { Card, Descriptions, Empty, Flex, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, WarningOutlined } from '@ant-design/icons';
import type { PersonSourceRecord, SourceRecordFlag } from '../../../../common/src/schemas/persons.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { importFlagText } from '../../../../common/src/i18n/import-flags.js';
import { formatDateTime } from '../../components/format.js';
import { LoadErrorAlert } from '../../components/load-error-alert.js';
import { usePersonSources } from './api.js';
import { personMessages, type PersonMessageKey } from './messages.js';
import { LABEL_STYLE } from './person-tags.js';

// The spreadsheet rows a person came from, as read (IDs and mobiles masked by the server): where
// each row is, how it was linked to this person, what looked wrong in it, and its cells.

function useLabel() {
  const t = useT(personMessages);
  return (prefix: 'link' | 'field', code: string) => {
    const key = `${prefix}.${code}` as PersonMessageKey;
    const text = t(key);
    return text === key ? code : text;
  };
}

const SENSITIVE_FIELDS = new Set(['residentId', 'mobile']);

function FlagTag({ flag }: { flag: SourceRecordFlag }) {
  const { locale } = useLocale();
  const text = importFlagText(locale, flag.field, flag.code);
  const tag = (
    <Tag color="warning" icon={<WarningOutlined />}>
      {text}
    </Tag>
  );
  // The raw value helps to see what went wrong, but never for identifying data: the API already
  // masks the row's cells, and a flag must not show in full what the cell shows masked.
  const showValue = flag.value && !SENSITIVE_FIELDS.has(flag.field);
  return showValue ? <Tooltip title={flag.value}>{tag}</Tooltip> : tag;
}

function SourceCard({ record }: { record: PersonSourceRecord }) {
  const t = useT(personMessages);
  const label = useLabel();
  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          <FileExcelOutlined style={{ color: '#237804' }} aria-hidden />
          <span>{record.sourceName}</span>
        </Space>
      }
      extra={<Typography.Text type="secondary">{t('sourceBatch', { id: record.batchId })}</Typography.Text>}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        styles={{ label: LABEL_STYLE }}
        items={[
          { key: 'file', label: t('sourceFile'), children: <Typography.Text style={{ wordBreak: 'break-all' }}>{record.fileName}</Typography.Text> },
          { key: 'sheet', label: t('sourceSheet'), children: record.sheetName || t('none') },
          { key: 'row', label: t('sourceRow'), children: t('sourceRowN', { n: record.rowNumber }) },
          { key: 'link', label: t('sourceLink'), children: record.linkMethod ? label('link', record.linkMethod) : t('none') },
          { key: 'at', label: t('sourceImportedAt'), children: formatDateTime(record.importedAt) },
        ]}
      />
      {record.flags.length > 0 && (
        <Flex align="center" gap={8} wrap style={{ margin: '8px 0' }}>
          <Typography.Text type="secondary">{t('sourceFlags')}</Typography.Text>
          {record.flags.map((f, i) => (
            <FlagTag key={`${f.field}-${f.code}-${i}`} flag={f} />
          ))}
        </Flex>
      )}
      <Typography.Text strong style={{ display: 'block', margin: '12px 0 8px' }}>
        {t('sourceValues')}
      </Typography.Text>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 3 }}
        styles={{ label: LABEL_STYLE }}
        items={record.values.map((v, i) => ({ key: i, label: v.header, children: v.value || t('none') }))}
      />
    </Card>
  );
}

export function PersonSources({ personId }: { personId: number }) {
  const t = useT(personMessages);
  const sources = usePersonSources(personId);
  if (sources.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (sources.isError && !sources.data)
    return <LoadErrorAlert title={t('sourcesLoadFailed')} error={sources.error} onRetry={() => void sources.refetch()} />;
  if (!sources.data.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sourcesEmpty')} />;
  return (
    <Flex vertical gap={16}>
      {sources.data.map((r) => (
        <SourceCard key={r.id} record={r} />
      ))}
    </Flex>
  );
}
