import type { ReactNode } from 'react';
import { Button, Flex, Select, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n.js';
import { componentMessages } from '../../components/messages.js';
import type { KeysetPaging } from '../../components/keyset-pager.js';
import { personMessages } from './messages.js';

/**
 * The keyset pager under the person table. Unlike the shared pager it does not wait for the total:
 * the count comes separately (and later on a big district), so the page number shows "of N" only
 * once it has arrived.
 */
export function PersonsPager({
  paging,
  nextCursor,
  total,
  totalText,
  loading,
}: {
  paging: KeysetPaging;
  nextCursor: string | null | undefined;
  total: number | undefined;
  totalText: ReactNode;
  loading?: boolean;
}) {
  const tc = useT(componentMessages);
  const t = useT(personMessages);
  const { page, pageSize, pageSizes } = paging;
  if (nextCursor === undefined || (total === 0 && page <= 1)) return null;
  const pages = total === undefined ? null : Math.max(1, Math.ceil(total / pageSize), page);
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{totalText}</Typography.Text>
      <Space wrap>
        <Typography.Text type="secondary">{pages === null ? t('pager.page', { page }) : tc('pager.page', { page, pages })}</Typography.Text>
        <Button size="small" icon={<VerticalRightOutlined />} disabled={page <= 1 || loading} onClick={paging.first} aria-label={tc('pager.first')} />
        <Button size="small" icon={<LeftOutlined />} disabled={page <= 1 || loading} onClick={paging.prev}>
          {tc('pager.prev')}
        </Button>
        <Button size="small" disabled={!nextCursor || loading} onClick={() => nextCursor && paging.next(nextCursor)}>
          {tc('pager.next')}
          <RightOutlined />
        </Button>
        <Select
          size="small"
          value={pageSize}
          onChange={paging.setPageSize}
          options={pageSizes.map((n) => ({ value: n, label: tc('pager.pageSize', { n }) }))}
          style={{ width: 110 }}
          aria-label={tc('pager.pageSize', { n: pageSize })}
        />
      </Space>
    </Flex>
  );
}
