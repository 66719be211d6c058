import { Button, Flex, Progress, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TownProgress } from '../../../../common/src/schemas/surveys.js';
import { useT } from '../../lib/i18n.js';
import { formatNumber } from '../../components/format.js';
import { surveyMessages } from './messages.js';

const COUNTS = ['pending', 'confirmed', 'moved', 'left', 'deceased'] as const;

/** The sum of the towns' counts (the whole scope). */
export function sumProgress(towns: TownProgress[]): TownProgress {
  const sum: TownProgress = { townId: null, townName: null, total: 0, pending: 0, confirmed: 0, moved: 0, left: 0, deceased: 0 };
  for (const t of towns) {
    sum.total += t.total;
    for (const k of COUNTS) sum[k] += t[k];
  }
  return sum;
}

function ProgressBar({ row }: { row: TownProgress }) {
  const verified = row.total - row.pending;
  const percent = row.total ? Math.floor((verified / row.total) * 1000) / 10 : 0;
  return (
    <Flex align="center" gap={8} style={{ minWidth: 280 }}>
      <Progress
        percent={percent}
        size="small"
        showInfo={false}
        status={row.total && !row.pending ? 'success' : 'normal'}
        style={{ flex: 1, margin: 0, minWidth: 100 }}
        aria-label={`${verified} / ${row.total}`}
      />
      <Typography.Text style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', minWidth: 96, textAlign: 'right' }}>
        {formatNumber(verified)} / {formatNumber(row.total)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums', minWidth: 44, textAlign: 'right' }}>
        {percent}%
      </Typography.Text>
    </Flex>
  );
}

/** Progress per town, with a total row; clicking a town (or its name) filters the list below. */
export function ProgressTable({
  towns,
  loading,
  townId,
  onTown,
}: {
  towns: TownProgress[];
  loading: boolean;
  townId: number | undefined;
  onTown: (townId: number | undefined) => void;
}) {
  const t = useT(surveyMessages);
  const toggle = (id: number | null) => {
    if (id === null) return;
    onTown(id === townId ? undefined : id);
  };
  const num = (n: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(n)}</span>;
  const countColumns: TableColumnsType<TownProgress> = COUNTS.map((k) => ({
    key: k,
    title: t(`status.${k}`),
    align: 'right',
    width: 96,
    render: (_, r) => (k === 'pending' && r[k] > 0 ? <Typography.Text strong>{num(r[k])}</Typography.Text> : r[k] ? num(r[k]) : <Typography.Text type="secondary">0</Typography.Text>),
  }));
  const columns: TableColumnsType<TownProgress> = [
    {
      key: 'town',
      title: t('progress.town'),
      width: 160,
      render: (_, r) =>
        r.townId === null ? (
          <Typography.Text type="secondary">{t('progress.noTown')}</Typography.Text>
        ) : (
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0, fontWeight: r.townId === townId ? 600 : undefined }}
            aria-pressed={r.townId === townId}
            title={t('progress.filterTown', { town: r.townName ?? '' })}
            onClick={(e) => {
              e.stopPropagation();
              toggle(r.townId);
            }}
          >
            {r.townName}
          </Button>
        ),
    },
    { key: 'bar', title: t('progress.bar'), width: 300, render: (_, r) => <ProgressBar row={r} /> },
    ...countColumns,
    { key: 'total', title: t('progress.total'), align: 'right', width: 96, render: (_, r) => num(r.total) },
  ];
  const sum = sumProgress(towns);
  return (
    <Table<TownProgress>
      rowKey={(r) => String(r.townId)}
      size="small"
      columns={columns}
      dataSource={towns}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowClassName={(r) => (r.townId !== null && r.townId === townId ? 'ant-table-row-selected' : '')}
      onRow={(r) => (r.townId === null ? {} : { onClick: () => toggle(r.townId), style: { cursor: 'pointer' } })}
      locale={{ emptyText: loading ? ' ' : t('progress.empty') }}
      summary={() =>
        towns.length > 1 && (
          <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
            <Table.Summary.Cell index={0}>{t('progress.sum')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>
              <ProgressBar row={sum} />
            </Table.Summary.Cell>
            {COUNTS.map((k, i) => (
              <Table.Summary.Cell key={k} index={2 + i} align="right">
                {num(sum[k])}
              </Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={2 + COUNTS.length} align="right">
              {num(sum.total)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )
      }
    />
  );
}
