import { useState } from 'react';
import { Button, Flex, Select, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n.js';
import { pagerMessages } from './messages.js';

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

export function KeysetPager({
  totalText,
  total,
  page,
  pageSize,
  pageSizes = [20, 50, 100],
  nextCursor,
  loading,
  onNext,
  onPrev,
  onFirst,
  onPageSizeChange,
}: {
  totalText: string;
  total: number;
  page: number;
  pageSize: number;
  pageSizes?: number[];
  nextCursor: string | null;
  loading?: boolean;
  onNext: (cursor: string) => void;
  onPrev: () => void;
  onFirst: () => void;
  onPageSizeChange: (size: number) => void;
}) {
  const t = useT(pagerMessages);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{totalText}</Typography.Text>
      <Space wrap>
        <Typography.Text type="secondary">{t('page', { page, pages: Math.max(pages, page) })}</Typography.Text>
        <Button size="small" icon={<VerticalRightOutlined />} disabled={page <= 1 || loading} onClick={onFirst} aria-label={t('first')} />
        <Button size="small" icon={<LeftOutlined />} disabled={page <= 1 || loading} onClick={onPrev}>
          {t('prev')}
        </Button>
        <Button size="small" disabled={!nextCursor || loading} onClick={() => nextCursor && onNext(nextCursor)}>
          {t('next')}
          <RightOutlined />
        </Button>
        <Select
          size="small"
          value={pageSize}
          onChange={onPageSizeChange}
          options={pageSizes.map((n) => ({ value: n, label: t('pageSize', { n }) }))}
          style={{ width: 110 }}
          aria-label={t('pageSize', { n: pageSize })}
        />
      </Space>
    </Flex>
  );
}
