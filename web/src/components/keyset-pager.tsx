import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Flex, Select, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { useT } from '../lib/i18n.js';
import { componentMessages } from './messages.js';

// Keyset pagination: the server returns `nextCursor`; the cursors of the pages already seen are kept
// so the user can go back. The stack starts over whenever `resetKey` (the filters) changes.

export function useKeysetPager(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key: resetKey, stack: [null] });
  const stack = state.key === resetKey ? state.stack : [null];
  if (state.key !== resetKey) setState({ key: resetKey, stack: [null] });
  return {
    cursor: stack[stack.length - 1] ?? null,
    page: stack.length,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    prev: () => setState({ key: resetKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
    first: () => setState({ key: resetKey, stack: [null] }),
  };
}

export interface KeysetPaging extends ReturnType<typeof useKeysetPager> {
  pageSize: number;
  pageSizes: readonly number[];
  setPageSize: (size: number) => void;
  /** Puts the page size into URL parameters being built (left out when it is the default). */
  addPageSize: (params: URLSearchParams) => void;
}

/**
 * A list page's paging: the page size from the URL's `size` parameter (absent for the default, so
 * shared links stay short) and the cursor stack, which starts over when the filters or the size change.
 */
export function useKeysetPaging(filters: unknown, pageSizes: readonly number[], defaultSize: number): KeysetPaging {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('size'));
  const pageSize = pageSizes.includes(asked) ? asked : defaultSize;
  const pager = useKeysetPager(JSON.stringify([filters, pageSize]));
  return {
    ...pager,
    pageSize,
    pageSizes,
    setPageSize: (size) => {
      const next = new URLSearchParams(params);
      if (size === defaultSize) next.delete('size');
      else next.set('size', String(size));
      setParams(next);
    },
    addPageSize: (next) => {
      if (pageSize !== defaultSize) next.set('size', String(pageSize));
    },
  };
}

/** The pager under a keyset-paged table; nothing until the first page has come, or when the list is empty. */
export function KeysetPager({
  paging,
  result,
  totalText,
  loading,
}: {
  paging: KeysetPaging;
  /**
   * The page shown: the cursor of the next page and the total. The total may come later than the
   * page (a separate count on a big list); until then the pager says only which page this is.
   */
  result: { total: number | undefined; nextCursor: string | null } | undefined;
  totalText: ReactNode;
  loading?: boolean;
}) {
  const t = useT(componentMessages);
  if (!result || (result.total === 0 && paging.page <= 1)) return null;
  const { page, pageSize, pageSizes } = paging;
  const { total, nextCursor } = result;
  const pages = total === undefined ? null : Math.max(1, Math.ceil(total / pageSize), page);
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{totalText}</Typography.Text>
      <Space wrap>
        <Typography.Text type="secondary">{pages === null ? t('pager.pageOnly', { page }) : t('pager.page', { page, pages })}</Typography.Text>
        <Button size="small" icon={<VerticalRightOutlined />} disabled={page <= 1 || loading} onClick={paging.first} aria-label={t('pager.first')} />
        <Button size="small" icon={<LeftOutlined />} disabled={page <= 1 || loading} onClick={paging.prev}>
          {t('pager.prev')}
        </Button>
        <Button size="small" disabled={!nextCursor || loading} onClick={() => nextCursor && paging.next(nextCursor)}>
          {t('pager.next')}
          <RightOutlined />
        </Button>
        <Select
          size="small"
          value={pageSize}
          onChange={paging.setPageSize}
          options={pageSizes.map((n) => ({ value: n, label: t('pager.pageSize', { n }) }))}
          style={{ width: 110 }}
          aria-label={t('pager.pageSize', { n: pageSize })}
        />
      </Space>
    </Flex>
  );
}
