import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Radio, Row, Skeleton, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, CloseOutlined, CloudUploadOutlined } from '@ant-design/icons';
import type { ImportPreview, PreviewRow, RowOutcome } from '../../../../common/src/schemas/imports.js';
import { useT } from '../../lib/i18n.js';
import { useErrorText } from '../../components/form-errors.js';
import { formatNumber } from '../../components/format.js';
import { LoadErrorAlert } from '../../components/load-error-alert.js';
import type { PreviewFilter, PreviewPage } from './api.js';
import { splitProblemKey, useFlagText } from './flag-text.js';
import { columnLetter } from './mapping-step.js';
import { importMessages, type ImportMessageKey } from './messages.js';

const OUTCOME_COLORS: Record<RowOutcome, string> = {
  ok: 'success',
  flagged: 'warning',
  refused: 'error',
  skipped: 'default',
};

export const PREVIEW_PAGE_SIZES = [20, 50, 100];
/** How many problem rows are searched for one problem's rows (the API's largest page). */
export const PROBLEM_SCAN_LIMIT = 500;

const problemKeyOf = (f: { field: string; code: string }) => `${f.field}.${f.code}`;

export interface PreviewStepProps {
  /** The preview page shown (undefined while the first one loads). */
  preview: ImportPreview | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  page: PreviewPage;
  onPage: (page: PreviewPage) => void;
  onBack: () => void;
  /** Starts the import; throws with the server's reason (e.g. already imported). */
  onCommit: () => Promise<void>;
}

function StatCard({ title, value, hint, tone }: { title: string; value: number; hint: string; tone?: string }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value} formatter={(v) => formatNumber(Number(v))} styles={{ content: tone ? { color: tone } : undefined }} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Text>
    </Card>
  );
}

/** Step ③: the totals, the problems, and every row with what will happen to it. */
export function PreviewStep({ preview, loading, error, onRetry, page, onPage, onBack, onCommit }: PreviewStepProps) {
  const t = useT(importMessages);
  const { modal } = App.useApp();
  const errorText = useErrorText();
  const flagText = useFlagText();
  const [commitError, setCommitError] = useState<string | null>(null);

  if (!preview) {
    if (error) return <LoadErrorAlert title={t('previewFailed')} error={error} onRetry={onRetry} />;
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }

  const { batch, totals, problems, columns } = preview;
  // One problem: the rows that have it, paged here; otherwise the page the server sent.
  const problemRows = page.problem ? preview.rows.filter((r) => r.flags.some((f) => problemKeyOf(f) === page.problem)) : null;
  const rows = problemRows ? problemRows.slice(page.offset, page.offset + page.limit) : preview.rows;
  const rowsTotal = problemRows ? problemRows.length : preview.rowsTotal;
  const capped = problemRows !== null && preview.rowsTotal > preview.rows.length;
  const importable = totals.ok + totals.flagged;
  const problemList = Object.entries(problems)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  const setFilter = (filter: PreviewFilter) => onPage({ offset: 0, limit: page.limit, filter });
  const setProblem = (problem: string | undefined) =>
    onPage({ offset: 0, limit: page.limit, filter: problem ? 'problems' : page.filter, problem });

  const confirmCommit = () => {
    setCommitError(null);
    modal.confirm({
      title: t('commitTitle'),
      content: (
        <>
          <p>
            {t('commitBody', {
              source: batch.sourceName,
              n: formatNumber(importable),
              ok: formatNumber(totals.ok),
              flagged: formatNumber(totals.flagged),
            })}
            {totals.refused > 0 && t('commitRefused', { n: formatNumber(totals.refused) })}
          </p>
          <p style={{ marginBottom: 0 }}>{t('commitAtomic')}</p>
        </>
      ),
      okText: t('commitOk'),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await onCommit();
        } catch (err) {
          setCommitError(errorText(err));
        }
      },
    });
  };

  // The column each field came from, to mark the cells a flag is about.
  const columnOfField = new Map(columns.filter((c) => c.field).map((c) => [c.field!, c.column]));

  const tableColumns: TableColumnsType<PreviewRow> = [
    { key: 'row', title: t('row.number'), dataIndex: 'rowNumber', width: 72, fixed: 'left' },
    {
      key: 'outcome',
      title: t('row.outcome'),
      width: 112,
      fixed: 'left',
      render: (_, r) => (
        <Tag color={OUTCOME_COLORS[r.outcome]}>
          {r.outcome === 'skipped' && r.kind !== 'data' ? t(`kind.${r.kind}`) : t(`outcome.${r.outcome}`)}
        </Tag>
      ),
    },
    {
      key: 'name',
      title: t('row.name'),
      width: 110,
      fixed: 'left',
      render: (_, r) => (r.name ? <Typography.Text strong>{r.name}</Typography.Text> : null),
    },
    {
      key: 'flags',
      title: t('row.flags'),
      width: 280,
      render: (_, r) =>
        r.flags.length ? (
          <Flex gap={4} wrap>
            {r.flags.map((f, i) => {
              const { hint } = flagText.text(f);
              const focused = page.problem === problemKeyOf(f);
              const tag = (
                <Tag
                  key={i}
                  color={r.outcome === 'refused' ? 'error' : 'warning'}
                  style={{ marginInlineEnd: 0, whiteSpace: 'normal', fontWeight: focused ? 600 : undefined }}
                  tabIndex={hint ? 0 : undefined}
                >
                  {flagText.withValue(f)}
                </Tag>
              );
              return hint ? (
                <Tooltip key={i} title={hint}>
                  {tag}
                </Tooltip>
              ) : (
                tag
              );
            })}
          </Flex>
        ) : null,
    },
    ...columns.map((c) => ({
      key: `c${c.column}`,
      title: c.header || columnLetter(c.column),
      width: 140,
      ellipsis: { showTitle: true },
      onCell: (r: PreviewRow) =>
        r.flags.some((f) => columnOfField.get(f.field) === c.column) ? { className: 'tx-import-flagged-cell' } : {},
      render: (_: unknown, r: PreviewRow) => r.cells[c.column] ?? '',
    })),
  ];

  const stats: { key: ImportMessageKey; value: number; hint: ImportMessageKey; tone?: string }[] = [
    { key: 'stat.data', value: totals.data, hint: 'statHint.data' },
    { key: 'stat.ok', value: totals.ok, hint: 'statHint.ok', tone: '#237804' },
    { key: 'stat.flagged', value: totals.flagged, hint: 'statHint.flagged', tone: totals.flagged ? '#ad4e00' : undefined },
    { key: 'stat.refused', value: totals.refused, hint: 'statHint.refused', tone: totals.refused ? '#a8071a' : undefined },
    { key: 'stat.skipped', value: totals.skipped, hint: 'statHint.skipped' },
    { key: 'stat.validIds', value: totals.validIds, hint: 'statHint.validIds' },
    { key: 'stat.existing', value: totals.existing, hint: 'statHint.existing' },
  ];

  let problemsBody: ReactNode;
  if (problemList.length === 0) {
    problemsBody = <Alert type="success" showIcon title={t('problemsEmpty')} />;
  } else {
    problemsBody = (
      <Flex vertical gap={4} role="list">
        {problemList.map(([key, n]) => {
          const { label, hint } = flagText.text(splitProblemKey(key));
          const active = page.problem === key;
          return (
            <div role="listitem" key={key}>
              <button
                type="button"
                className={`tx-import-problem${active ? ' tx-import-problem-active' : ''}`}
                aria-pressed={active}
                onClick={() => setProblem(active ? undefined : key)}
              >
                <Flex justify="space-between" align="center" gap={12}>
                  <span className="tx-import-problem-label">{label}</span>
                  <Tag color="warning" style={{ marginInlineEnd: 0, flex: 'none' }}>
                    {n === 1 ? t('problemCountOne') : t('problemCount', { n: formatNumber(n) })}
                  </Tag>
                </Flex>
                {hint && <span className="tx-import-problem-hint">{hint}</span>}
              </button>
            </div>
          );
        })}
      </Flex>
    );
  }

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {stats.map((s) => (
          <Col key={s.key} flex="1 1 128px">
            <StatCard title={t(s.key)} value={s.value} hint={t(s.hint)} tone={s.tone} />
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={7}>
          <Card size="small" title={t('problems')} style={{ height: '100%' }}>
            {problemList.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
                {t('problemsHint')}
              </Typography.Paragraph>
            )}
            {problemsBody}
          </Card>
        </Col>
        <Col xs={24} xl={17}>
          <Card
            size="small"
            title={t('rows')}
            extra={
              <Radio.Group
                optionType="button"
                size="small"
                value={page.filter}
                onChange={(e) => setFilter(e.target.value as PreviewFilter)}
                aria-label={t('filterLabel')}
                options={[
                  { value: 'all', label: t('filter.all') },
                  { value: 'problems', label: t('filter.problems') },
                ]}
              />
            }
          >
            {page.problem && (
              <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
                <Tag color="processing" style={{ marginInlineEnd: 0 }}>
                  {t('problemFilter', { problem: flagText.text(splitProblemKey(page.problem)).label })}
                </Tag>
                <Button size="small" type="link" icon={<CloseOutlined />} onClick={() => setProblem(undefined)}>
                  {t('clearProblemFilter')}
                </Button>
              </Flex>
            )}
            {capped && (
              <Alert type="info" showIcon title={t('problemCapped', { n: formatNumber(PROBLEM_SCAN_LIMIT) })} style={{ marginBottom: 12 }} />
            )}
            <Table<PreviewRow>
              rowKey="rowNumber"
              size="small"
              columns={tableColumns}
              dataSource={rows}
              loading={loading}
              scroll={{ x: 574 + columns.length * 140 }}
              rowClassName={(r) => `tx-import-row-${r.outcome}`}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rowsEmpty')} /> }}
              pagination={{
                current: Math.floor(page.offset / page.limit) + 1,
                pageSize: page.limit,
                total: rowsTotal,
                showSizeChanger: true,
                pageSizeOptions: PREVIEW_PAGE_SIZES,
                showTotal: (n) => t('rowsTotal', { n: formatNumber(n) }),
                onChange: (current, size) =>
                  onPage({ ...page, limit: size, offset: size === page.limit ? (current - 1) * size : 0 }),
              }}
            />
          </Card>
        </Col>
      </Row>
      {commitError && (
        <Alert type="error" showIcon title={commitError} style={{ marginTop: 16 }} role="alert" closable={{ onClose: () => setCommitError(null) }} />
      )}
      <Flex justify="flex-end" gap={8} style={{ marginTop: 24 }} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          {t('prev')}
        </Button>
        <Tooltip title={importable === 0 ? t('nothingToImport') : undefined}>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={importable === 0 || preview.alreadyCommitted !== null || batch.status !== 'draft'}
            onClick={confirmCommit}
          >
            {importable === 1 ? t('commitOne') : t('commit', { n: formatNumber(importable) })}
          </Button>
        </Tooltip>
      </Flex>
    </>
  );
}
