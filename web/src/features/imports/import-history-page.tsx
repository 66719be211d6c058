import { Button, Empty, Flex, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, LeftOutlined, RightOutlined, UploadOutlined, VerticalRightOutlined } from '@ant-design/icons';
import type { ImportBatch } from '../../../../common/src/schemas/imports.js';
import { useT } from '../../lib/i18n.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { useKeysetPager } from '../../components/keyset-pager.js';
import { ListCard } from '../../components/list-card.js';
import { PageHeader } from '../../components/page-header.js';
import { fileUrl, useImportBatches } from './api.js';
import { BatchStatusTag } from './batch-status-tag.js';
import { LinkButton } from './link-button.js';
import { importMessages } from './messages.js';

const PAGE_SIZE = 20;

/** Each count of a finished batch, greyed out when zero. */
function Counts({ batch }: { batch: ImportBatch }) {
  const t = useT(importMessages);
  if (batch.status !== 'committed') return <Typography.Text type="secondary">{t('history.rowsCount', { n: formatNumber(batch.totalRows) })}</Typography.Text>;
  const parts = [
    { label: t('result.created'), n: batch.createdRows },
    { label: t('result.linked'), n: batch.linkedRows },
    { label: t('result.flagged'), n: batch.flaggedRows },
    { label: t('result.skipped'), n: batch.skippedRows },
    { label: t('result.refused'), n: batch.refusedRows },
  ];
  return (
    <Flex gap="2px 12px" wrap>
      {parts.map((p) => (
        <Typography.Text key={p.label} type={p.n ? undefined : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
          {p.label} {formatNumber(p.n)}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** /persons/imports: every import batch in the user's scope, newest first. */
export function ImportHistoryPage() {
  const t = useT(importMessages);
  const pager = useKeysetPager('');
  const batches = useImportBatches(pager.cursor, PAGE_SIZE);
  const page = batches.data;

  const columns: TableColumnsType<ImportBatch> = [
    {
      key: 'createdAt',
      title: t('history.createdAt'),
      width: 150,
      render: (_, b) => formatDateTime(b.createdAt),
    },
    { key: 'source', title: t('history.source'), dataIndex: 'sourceName', width: 160, ellipsis: true },
    {
      key: 'file',
      title: t('history.file'),
      width: 260,
      render: (_, b) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: b.fileName }}>{b.fileName}</Typography.Text>
          {b.sheetName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('batchSheet', { sheet: b.sheetName, row: b.headerRow })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'status', title: t('history.status'), width: 100, render: (_, b) => <BatchStatusTag status={b.status} /> },
    { key: 'counts', title: t('history.counts'), width: 280, render: (_, b) => <Counts batch={b} /> },
    {
      key: 'createdBy',
      title: t('history.createdBy'),
      width: 150,
      render: (_, b) => (
        <Flex vertical>
          <span>{b.createdByName}</span>
          {b.committedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('history.committedAt', { time: formatDateTime(b.committedAt) })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('history.actions'),
      width: 120,
      fixed: 'right',
      render: (_, b) => (
        <Space size={4}>
          <LinkButton type="link" size="small" to={`/persons/import/${b.id}`}>
            {b.status === 'draft' ? t('history.continue') : t('history.open')}
          </LinkButton>
          {b.errorFileId !== null && (
            <Tooltip title={t('result.downloadErrors')}>
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                href={fileUrl(b.errorFileId)}
                download
                aria-label={`${t('result.downloadErrors')} ${b.fileName}`}
              />
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('history')}
        subtitle={t('history.subtitle')}
        extra={
          <LinkButton type="primary" icon={<UploadOutlined />} to="/persons/import">
            {t('newImport')}
          </LinkButton>
        }
      />
      <ListCard title={t('history.listTitle')} query={batches} loadFailed={t('history.loadFailed')}>
        <Table<ImportBatch>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={page?.items ?? []}
          loading={batches.isPending || (batches.isPlaceholderData && batches.isFetching)}
          pagination={false}
          sticky
          scroll={{ x: 1320 }}
          locale={{
            emptyText: batches.isPending ? ' ' : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')}>
                <LinkButton type="primary" icon={<UploadOutlined />} to="/persons/import">
                  {t('newImport')}
                </LinkButton>
              </Empty>
            ),
          }}
        />
        {page && (pager.page > 1 || page.nextCursor) && (
          <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 16 }}>
            <Typography.Text type="secondary">{t('history.page', { page: pager.page })}</Typography.Text>
            <Button size="small" icon={<VerticalRightOutlined />} disabled={pager.page <= 1} onClick={pager.first} aria-label={t('history.first')} />
            <Button size="small" icon={<LeftOutlined />} disabled={pager.page <= 1} onClick={pager.prev}>
              {t('history.prev')}
            </Button>
            <Button size="small" disabled={!page.nextCursor || batches.isFetching} onClick={() => page.nextCursor && pager.next(page.nextCursor)}>
              {t('history.next')}
              <RightOutlined />
            </Button>
          </Flex>
        )}
      </ListCard>
    </>
  );
}
