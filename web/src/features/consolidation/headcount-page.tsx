import { useState, type ReactNode } from 'react';
import { Button, Card, Col, Empty, Flex, Row, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { dictLabel, type Dictionary } from '../../../../common/src/dictionaries/dictionary.js';
import { INDUSTRIES, PERSON_GROUPS, PERSON_STATUS, PERSON_SUB_GROUPS } from '../../../../common/src/dictionaries/person-dictionaries.js';
import { useAuth } from '../../lib/auth.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { LoadErrorAlert } from '../../components/load-error-alert.js';
import { PageHeader } from '../../components/page-header.js';
import { PageSkeleton } from '../../components/page-skeleton.js';
import { useHeadcount, type Headcount } from './api.js';
import { ShareBar, percent } from './bars.js';
import { consolidationMessages } from './messages.js';
import { RecentRuns, RunPanel } from './run-panel.js';
import './consolidation.css';

// The headcount (底数): distinct persons after consolidation in the user's scope, cut by group,
// sub-group, town, industry and status, how each source list covers them, and how the lists overlap.
// Users who may run consolidation get the run panel and the recent runs on the same page.

/** Rows a count table shows before "show all" (a long tail of sub-groups or industries). */
const TOP_ROWS = 10;

interface CountRow {
  key: string;
  label: string;
  count: number;
}

function CountTable({ title, rows, total, testId }: { title: string; rows: CountRow[]; total: number; testId: string }) {
  const t = useT(consolidationMessages);
  const [all, setAll] = useState(false);
  const long = rows.length > TOP_ROWS;
  const columns: TableColumnsType<CountRow> = [
    { key: 'label', title: t('headcount.col.item'), dataIndex: 'label', ellipsis: { showTitle: true } },
    {
      key: 'count',
      title: t('headcount.col.count'),
      align: 'right',
      width: 90,
      render: (_, r) => <span className="tx-num">{formatNumber(r.count)}</span>,
    },
    {
      key: 'share',
      title: t('headcount.col.share'),
      width: 170,
      render: (_, r) => {
        const share = total ? r.count / total : 0;
        return (
          <Flex align="center" gap={8}>
            <ShareBar share={share} width={96} />
            <span className="tx-num" style={{ minWidth: 46 }}>
              {percent(share)}
            </span>
          </Flex>
        );
      },
    },
  ];
  return (
    <Card
      title={title}
      size="small"
      style={{ height: '100%' }}
      data-testid={testId}
      extra={
        long && (
          <Button type="link" size="small" onClick={() => setAll((v) => !v)} aria-expanded={all}>
            {all ? t('headcount.showTop', { n: TOP_ROWS }) : t('headcount.showAll', { n: rows.length })}
          </Button>
        )
      }
    >
      <Table<CountRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={all ? rows : rows.slice(0, TOP_ROWS)}
        pagination={false}
        locale={{ emptyText: t('headcount.empty') }}
      />
    </Card>
  );
}

function SourcesTable({ data }: { data: Headcount }) {
  const t = useT(consolidationMessages);
  type SourceRow = Headcount['sources'][number];
  const columns: TableColumnsType<SourceRow> = [
    { key: 'name', title: t('headcount.col.source'), dataIndex: 'name' },
    { key: 'persons', title: t('headcount.col.persons'), align: 'right', render: (_, s) => <span className="tx-num">{formatNumber(s.persons)}</span> },
    { key: 'unique', title: t('headcount.col.unique'), align: 'right', render: (_, s) => <span className="tx-num">{formatNumber(s.unique)}</span> },
    {
      key: 'coverage',
      title: t('headcount.col.coverage'),
      render: (_, s) => (
        <Flex align="center" gap={8}>
          <ShareBar share={s.coverage} width={64} />
          <span className="tx-num">{percent(s.coverage)}</span>
        </Flex>
      ),
    },
    {
      key: 'uniqueShare',
      title: t('headcount.col.uniqueShare'),
      render: (_, s) => (
        <Flex align="center" gap={8}>
          <ShareBar share={s.uniqueShare} width={64} color="#722ed1" />
          <span className="tx-num">{percent(s.uniqueShare)}</span>
        </Flex>
      ),
    },
  ];
  return (
    <Card title={t('headcount.sources')} size="small" style={{ height: '100%' }} data-testid="headcount-sources">
      <Table<SourceRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data.sources}
        pagination={false}
        locale={{ emptyText: t('headcount.noSources') }}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
        {t('headcount.sourcesHint')}
      </Typography.Paragraph>
    </Card>
  );
}

/** Sources × sources: persons named by both, shaded by value; the diagonal is each source's own count. */
function OverlapMatrix({ data }: { data: Headcount }) {
  const t = useT(consolidationMessages);
  const { sources } = data;
  const pairs = new Map<string, number>();
  for (const o of data.overlap) {
    pairs.set(`${o.a}:${o.b}`, o.persons);
    pairs.set(`${o.b}:${o.a}`, o.persons);
  }
  const max = Math.max(1, ...sources.map((s) => s.persons));
  // Shading stays light enough for dark text to keep its contrast.
  const shade = (n: number) => (n > 0 ? `rgba(22, 119, 255, ${(0.06 + 0.36 * (n / max)).toFixed(3)})` : undefined);
  return (
    <Card title={t('headcount.overlap')} size="small" style={{ height: '100%' }} data-testid="headcount-overlap">
      {sources.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('headcount.noSources')} />
      ) : (
        // Focusable, so a keyboard user can scroll it when there are many sources.
        <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('headcount.overlap')}>
          <table className="tx-overlap">
            <caption className="tx-visually-hidden">{t('headcount.overlap')}</caption>
            <thead>
              <tr>
                <td aria-hidden />
                {sources.map((s) => (
                  <th key={s.id} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sources.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.name}</th>
                  {sources.map((col) => {
                    const self = row.id === col.id;
                    const n = self ? row.persons : (pairs.get(`${row.id}:${col.id}`) ?? 0);
                    return (
                      <td
                        key={col.id}
                        className={self ? 'tx-overlap-self' : undefined}
                        style={{ background: shade(n) }}
                        title={self ? t('headcount.overlapSelf', { a: row.name, n }) : t('headcount.overlapCell', { a: row.name, b: col.name, n })}
                      >
                        {n > 0 ? formatNumber(n) : <span style={{ color: 'rgba(0,0,0,0.45)' }}>0</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
        {t('headcount.overlapHint')}
      </Typography.Paragraph>
    </Card>
  );
}

function Figure({ title, value, extra, testId }: { title: string; value: ReactNode; extra?: ReactNode; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Statistic title={title} value={value as string} formatter={() => value} />
      {extra && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {extra}
        </Typography.Text>
      )}
    </Card>
  );
}

export function HeadcountPage() {
  const t = useT(consolidationMessages);
  const { locale } = useLocale();
  const { can } = useAuth();
  const headcount = useHeadcount();
  const mayRun = can('person.consolidate');

  const header = (
    <PageHeader
      title={t('headcount.title')}
      subtitle={t('headcount.subtitle')}
      extra={
        <Button href="/api/v1/consolidation/headcount/export" download icon={<DownloadOutlined />} data-testid="headcount-export">
          {t('headcount.export')}
        </Button>
      }
    />
  );
  const runPanel = mayRun && <RunPanel />;

  if (headcount.isPending)
    return (
      <>
        {header}
        <PageSkeleton />
      </>
    );
  if (headcount.isError && !headcount.data)
    return (
      <>
        {header}
        <LoadErrorAlert title={t('headcount.loadFailed')} error={headcount.error} onRetry={() => void headcount.refetch()} />
        <div style={{ marginTop: 16 }}>
          {runPanel}
          {mayRun && <RecentRuns />}
        </div>
      </>
    );

  const data = headcount.data;
  const unknown = t('headcount.unknown');
  const dictRows = (rows: Headcount['byGroup'], dict: Dictionary): CountRow[] =>
    rows.map((r) => ({ key: r.code ?? '', label: r.code ? dictLabel(dict, r.code, locale) : unknown, count: r.count }));
  const subGroupRows = data.bySubGroup.map((r) => ({
    key: r.code ?? '',
    label: r.code ? `${dictLabel(PERSON_SUB_GROUPS, r.code, locale)}` : unknown,
    count: r.count,
  }));
  const townRows = data.byTown.map((r) => ({ key: String(r.townId ?? ''), label: r.name ?? unknown, count: r.count }));

  return (
    <>
      {header}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={12} xl={6}>
          <Figure testId="headcount-total" title={t('headcount.total')} value={formatNumber(data.total)} />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Figure testId="headcount-pending" title={t('headcount.pending')} value={formatNumber(data.pendingRecords)} />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Figure
            testId="headcount-last-run"
            title={t('headcount.lastRun')}
            value={data.lastRunAt ? formatDateTime(data.lastRunAt) : t('headcount.never')}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <Figure
            testId="headcount-registry-only"
            title={t('headcount.registryOnly')}
            value={formatNumber(data.registryOnly)}
            extra={t('headcount.registryOnlyHint')}
          />
        </Col>
      </Row>
      {runPanel}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <SourcesTable data={data} />
        </Col>
        <Col xs={24} xl={12}>
          <OverlapMatrix data={data} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <CountTable testId="headcount-by-group" title={t('headcount.byGroup')} rows={dictRows(data.byGroup, PERSON_GROUPS)} total={data.total} />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable testId="headcount-by-town" title={t('headcount.byTown')} rows={townRows} total={data.total} />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable testId="headcount-by-sub-group" title={t('headcount.bySubGroup')} rows={subGroupRows} total={data.total} />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable testId="headcount-by-industry" title={t('headcount.byIndustry')} rows={dictRows(data.byIndustry, INDUSTRIES)} total={data.total} />
        </Col>
        <Col xs={24} lg={12}>
          <CountTable testId="headcount-by-status" title={t('headcount.byStatus')} rows={dictRows(data.byStatus, PERSON_STATUS)} total={data.total} />
        </Col>
      </Row>
      {mayRun && (
        <div style={{ marginTop: 16 }}>
          <RecentRuns />
        </div>
      )}
    </>
  );
}
