import type { ReactNode } from 'react';
import { Button, Card, Tooltip } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useT } from '../lib/i18n.js';
import { LoadErrorAlert } from './load-error-alert.js';
import { componentMessages } from './messages.js';

/** What the card needs of the list's query (a TanStack Query result fits). */
export interface ListQuery {
  isPending: boolean;
  isFetching: boolean;
  isError: boolean;
  data: unknown;
  error: unknown;
  refetch: () => unknown;
}

export interface ListCardProps {
  /** The total, e.g. "20 accounts"; a blank title keeps the header's height while loading. */
  title?: ReactNode;
  query: ListQuery;
  /** Title of the error shown instead of the list. */
  loadFailed: string;
  /** When the error replaces the list; by default when the query failed and has nothing to show. */
  failed?: boolean;
  /** The table (and its pager). */
  children: ReactNode;
}

/** The card around a list page's table: the total as its title, a refresh button, and the load error. */
export function ListCard({ title, query, loadFailed, failed = query.isError && query.data === undefined, children }: ListCardProps) {
  const t = useT(componentMessages);
  const refetch = () => void query.refetch();
  return (
    <Card
      title={title ?? ' '}
      extra={
        <Tooltip title={t('refresh')}>
          <Button icon={<ReloadOutlined />} aria-label={t('refresh')} loading={query.isFetching && !query.isPending} onClick={refetch} />
        </Tooltip>
      }
    >
      {failed ? <LoadErrorAlert title={loadFailed} error={query.error} onRetry={refetch} /> : children}
    </Card>
  );
}
