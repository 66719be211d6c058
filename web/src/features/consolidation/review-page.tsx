import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, InputNumber, Popconfirm, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, DownOutlined, ForwardOutlined, UpOutlined } from '@ant-design/icons';
import { PAIR_STATUSES, type Decision } from '../../../../common/src/schemas/consolidation.js';
import { useAuth } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { useErrorText } from '../../components/form-errors.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { useKeysetPager } from '../../components/keyset-pager.js';
import { ListCard } from '../../components/list-card.js';
import { PageHeader } from '../../components/page-header.js';
import { LinkButton } from '../imports/link-button.js';
import { componentMessages } from '../../components/messages.js';
import { useBulkAccept, useDecide, useReviewPage, useReviewTotal, type PairStatus, type ReviewPair } from './api.js';
import { signed, weightColor } from './bars.js';
import { consolidationMessages } from './messages.js';
import { PairCompare } from './pair-compare.js';
import './consolidation.css';

// The review queue: pairs of source records the engine could not decide, a list on the left and
// the selected pair side by side on the right. Decisions by button or key (Y / N / S), moving on
// to the next pair; J / K or the arrow keys move between pairs.

const PAGE_SIZE = 20;
const DEFAULT_MIN_WEIGHT = 10;

function isStatus(v: string | null): v is PairStatus {
  return (PAIR_STATUSES as readonly string[]).includes(v ?? '');
}

/**
 * A key press meant for the page: not while typing, not with a modifier, not inside a dialog; arrow
 * keys also not inside a widget that moves with them (tabs, menu, table pager), so those keep working.
 */
function isPageKey(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return false;
  const el = e.target;
  if (!(el instanceof HTMLElement)) return true;
  if (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return false;
  if (el.closest('[role=dialog],[role=alertdialog],[role=combobox],[role=listbox],.ant-popover,.ant-select,.ant-dropdown')) return false;
  if (e.key.startsWith('Arrow') && el.closest('[role=tablist],[role=menu],[role=menubar],[role=tree],[role=slider],[role=radiogroup]')) return false;
  return true;
}

function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="tx-kbd" aria-hidden>
      {children}
    </kbd>
  );
}

interface LastResult {
  pairId: number;
  decision: Decision;
  /** The person both records now sit on, when the decision merged two persons. */
  survivor: { id: number; name: string } | null;
  names: [string, string];
}

export function ReviewPage() {
  const t = useT(consolidationMessages);
  const tc = useT(componentMessages);
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status: PairStatus = isStatus(rawStatus) ? rawStatus : 'review';
  const pager = useKeysetPager(status);
  const page = useReviewPage(status, pager.cursor, PAGE_SIZE);
  const totals = {
    review: useReviewTotal('review'),
    same: useReviewTotal('same'),
    different: useReviewTotal('different'),
    skipped: useReviewTotal('skipped'),
  };
  const decide = useDecide();
  const bulk = useBulkAccept();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [last, setLast] = useState<LastResult | null>(null);
  const [minWeight, setMinWeight] = useState<number>(DEFAULT_MIN_WEIGHT);
  const compareRef = useRef<HTMLDivElement>(null);

  const items = page.data?.items ?? [];
  // The pair shown: the one picked if it is still in the list, else the first (after a decision the
  // decided pair leaves the "to review" list and the next one takes its place).
  const selected: ReviewPair | undefined = items.find((p) => p.id === selectedId) ?? items[0];
  const index = selected ? items.indexOf(selected) : -1;

  const setStatus = (s: string) => {
    const next = new URLSearchParams(params);
    if (s === 'review') next.delete('status');
    else next.set('status', s);
    setParams(next, { replace: true });
    setSelectedId(null);
  };

  const move = (delta: 1 | -1) => {
    if (!items.length) return;
    const to = index + delta;
    if (to >= 0 && to < items.length) {
      setSelectedId(items[to]!.id);
    } else if (delta > 0 && page.data?.nextCursor) {
      pager.next(page.data.nextCursor);
      setSelectedId(null);
    } else if (delta < 0 && pager.page > 1) {
      pager.prev();
      setSelectedId(null);
    }
  };

  const canDecide = (pair: ReviewPair | undefined, d: Decision) => {
    if (!pair || decide.isPending) return false;
    if (pair.status === 'same' || pair.status === 'different') return false;
    if (d === 'different' && pair.samePerson) return false;
    return true;
  };

  const onDecide = (d: Decision) => {
    const pair = selected;
    if (!pair || !canDecide(pair, d)) return;
    // The pair to move on to is taken now: once decided, this one leaves the refreshed list.
    const next = items[index + 1] ?? items[index - 1] ?? null;
    decide.mutate(
      { id: pair.id, decision: d },
      {
        onSuccess: (r) => {
          const names: [string, string] = [pair.a.personName ?? pair.a.values.name ?? '', pair.b.personName ?? pair.b.values.name ?? ''];
          const survivorId = r.mergeId !== null ? r.pair.a.personId : null;
          setLast({
            pairId: pair.id,
            decision: d,
            names,
            survivor: survivorId !== null ? { id: survivorId, name: r.pair.a.personName ?? names[0] } : null,
          });
          if (status === 'review' || status === 'skipped') setSelectedId(next?.id ?? null);
          else setSelectedId(pair.id);
        },
        onError: (err) => message.error(`${t('review.decideFailed')}：${errorText(err)}`),
      },
    );
  };

  // Keyboard: read the latest state through a ref so the listener is added once.
  const keyRef = useRef<(e: KeyboardEvent) => void>(() => {});
  keyRef.current = (e) => {
    if (!isPageKey(e)) return;
    const k = e.key.toLowerCase();
    const action: Record<string, () => void> = {
      y: () => onDecide('same'),
      n: () => onDecide('different'),
      s: () => onDecide('skip'),
      j: () => move(1),
      arrowdown: () => move(1),
      arrowright: () => move(1),
      k: () => move(-1),
      arrowup: () => move(-1),
      arrowleft: () => move(-1),
    };
    const run = action[k];
    if (!run || !selected) return;
    e.preventDefault();
    run();
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => keyRef.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const acceptAll = () => {
    const w = minWeight;
    modal.confirm({
      title: t('review.acceptTitle', { w }),
      content: t('review.acceptBody', { w }),
      okText: t('review.acceptOk'),
      cancelText: tc('cancel'),
      onOk: async () => {
        try {
          const r = await bulk.mutateAsync(w);
          message.success(t('review.accepted', { accepted: formatNumber(r.accepted), merged: formatNumber(r.merged) }));
          setSelectedId(null);
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });
  };

  const columns: TableColumnsType<ReviewPair> = [
    {
      key: 'weight',
      title: t('review.col.weight'),
      width: 76,
      align: 'right',
      render: (_, p) => (
        <span className="tx-pair-weight" style={{ color: weightColor(p.weight) }}>
          {signed(p.weight)}
        </span>
      ),
    },
    {
      key: 'pair',
      title: t('review.col.pair'),
      render: (_, p) => {
        const a = p.a.values.name ?? p.a.personName ?? '';
        const b = p.b.values.name ?? p.b.personName ?? '';
        return (
          <div>
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start', color: 'rgba(0, 0, 0, 0.88)', fontWeight: p.id === selected?.id ? 600 : undefined }}
              aria-label={t('review.select', { a, b })}
              aria-current={p.id === selected?.id ? 'true' : undefined}
              onClick={(e) => {
                e.stopPropagation();
                setSelectedId(p.id);
                compareRef.current?.scrollIntoView?.({ block: 'nearest' });
              }}
            >
              {a} ↔ {b}
            </Button>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.a.sourceName} · {p.b.sourceName}
              </Typography.Text>
            </div>
          </div>
        );
      },
    },
  ];

  const total = page.data?.total;
  const emptyList = page.data && total === 0 && pager.page <= 1;
  const mayRun = can('person.consolidate');

  const tabLabel = (s: PairStatus) => {
    const n = totals[s].data;
    return (
      <span>
        {t(`review.status.${s}`)}
        {n !== undefined && (
          <span className={s === 'review' && n > 0 ? 'tx-count tx-count-hot' : 'tx-count'} data-testid={`review-total-${s}`}>
            {formatNumber(n)}
          </span>
        )}
      </span>
    );
  };

  const lastAlert = last && (
    <Alert
      type={last.survivor ? 'success' : 'info'}
      showIcon
      closable={{ onClose: () => setLast(null), 'aria-label': t('run.close') }}
      style={{ marginBottom: 12 }}
      data-testid="review-last"
      title={last.survivor ? t('review.merged', { a: last.names[0], b: last.names[1] }) : `${t(`review.decided.${last.decision}`)}（#${last.pairId}）`}
      action={
        last.survivor && (
          <Link to={`/persons/${last.survivor.id}`}>
            {t('review.openSurvivor', { name: last.survivor.name })}
          </Link>
        )
      }
    />
  );

  const decided = selected && (selected.status === 'same' || selected.status === 'different' || selected.status === 'skipped') && selected.decidedByName;

  const comparePanel = selected ? (
    <Card
      title={
        <Flex align="center" gap={8}>
          <span>{t('review.pairTitle', { id: selected.id })}</span>
          <Tag color={selected.status === 'review' ? 'processing' : selected.status === 'same' ? 'success' : selected.status === 'different' ? 'error' : 'default'}>
            {t(`review.status.${selected.status}`)}
          </Tag>
        </Flex>
      }
    >
      {selected.samePerson && selected.status !== 'same' && <Alert type="info" showIcon title={t('review.samePerson')} style={{ marginBottom: 12 }} />}
      {decided && (
        <Typography.Paragraph type="secondary">
          {t('review.decidedBy', { name: selected.decidedByName ?? '', time: formatDateTime(selected.decidedAt) })}
        </Typography.Paragraph>
      )}
      <PairCompare pair={selected} />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginTop: 16 }}>
        <Space wrap>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => onDecide('same')}
            disabled={!canDecide(selected, 'same')}
            loading={decide.isPending && decide.variables?.decision === 'same'}
            aria-keyshortcuts="Y"
          >
            {t('review.same')}
            <Kbd>Y</Kbd>
          </Button>
          <Button
            icon={<CloseOutlined />}
            onClick={() => onDecide('different')}
            disabled={!canDecide(selected, 'different')}
            loading={decide.isPending && decide.variables?.decision === 'different'}
            aria-keyshortcuts="N"
          >
            {t('review.different')}
            <Kbd>N</Kbd>
          </Button>
          <Button
            icon={<ForwardOutlined />}
            onClick={() => onDecide('skip')}
            disabled={!canDecide(selected, 'skip') || selected.status === 'skipped'}
            loading={decide.isPending && decide.variables?.decision === 'skip'}
            aria-keyshortcuts="S"
          >
            {t('review.skip')}
            <Kbd>S</Kbd>
          </Button>
        </Space>
        <Space wrap>
          <Button icon={<UpOutlined />} onClick={() => move(-1)} disabled={index <= 0 && pager.page <= 1} aria-keyshortcuts="K">
            {t('review.prev')}
            <Kbd>K</Kbd>
          </Button>
          <Button icon={<DownOutlined />} onClick={() => move(1)} disabled={index >= items.length - 1 && !page.data?.nextCursor} aria-keyshortcuts="J">
            {t('review.next')}
            <Kbd>J</Kbd>
          </Button>
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('review.shortcuts')}
      </Typography.Paragraph>
    </Card>
  ) : page.isPending ? (
    <Card>
      <Skeleton active paragraph={{ rows: 8 }} />
    </Card>
  ) : (
    <Card>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.selectHint')} />
    </Card>
  );

  const emptyState = (
    <Card>
      <Empty
        description={
          <Space orientation="vertical" size={4}>
            <Typography.Text>{t(status === 'review' ? 'review.empty.review' : 'review.empty.other')}</Typography.Text>
            {status === 'review' && <Typography.Text type="secondary">{mayRun ? t('review.emptyHint') : t('review.emptyHintNoRun')}</Typography.Text>}
          </Space>
        }
      >
        {status === 'review' && mayRun && (
          <LinkButton type="primary" to="/persons/headcount">
            {t('review.goRun')}
          </LinkButton>
        )}
      </Empty>
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('review.title')}
        subtitle={t('review.subtitle')}
        extra={
          status === 'review' &&
          !!totals.review.data && (
            <Space.Compact>
              <InputNumber
                value={minWeight}
                onChange={(v) => setMinWeight(typeof v === 'number' ? v : DEFAULT_MIN_WEIGHT)}
                min={-100}
                max={200}
                step={0.5}
                style={{ width: 100 }}
                aria-label={t('review.acceptLabel')}
              />
              <Button onClick={acceptAll} loading={bulk.isPending} title={t('review.acceptLabel')}>
                {t('review.acceptButton', { w: minWeight })}
              </Button>
            </Space.Compact>
          )
        }
      />
      <Tabs
        activeKey={status}
        onChange={setStatus}
        aria-label={t('review.statusTabs')}
        items={PAIR_STATUSES.map((s) => ({ key: s, label: tabLabel(s) }))}
        style={{ marginBottom: 4 }}
      />
      {lastAlert}
      {emptyList ? (
        emptyState
      ) : (
        <div className="tx-review-layout">
          <div className="tx-review-list">
            <ListCard title={total !== undefined ? t('review.total', { n: formatNumber(total) }) : undefined} query={page} loadFailed={t('review.loadFailed')}>
              <Table<ReviewPair>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={items}
                loading={page.isFetching && !page.isPending}
                pagination={false}
                showHeader
                rowClassName={(p) => (p.id === selected?.id ? 'tx-review-selected' : '')}
                onRow={(p) => ({ onClick: () => setSelectedId(p.id) })}
              />
              {(pager.page > 1 || page.data?.nextCursor) && (
                <Flex justify="flex-end" gap={8} style={{ marginTop: 12 }}>
                  <Button size="small" disabled={pager.page <= 1} onClick={() => (pager.prev(), setSelectedId(null))}>
                    {tc('pager.prev')}
                  </Button>
                  <Typography.Text type="secondary">{tc('pager.pageOnly', { page: pager.page })}</Typography.Text>
                  <Button
                    size="small"
                    disabled={!page.data?.nextCursor}
                    onClick={() => {
                      if (page.data?.nextCursor) pager.next(page.data.nextCursor);
                      setSelectedId(null);
                    }}
                  >
                    {tc('pager.next')}
                  </Button>
                </Flex>
              )}
            </ListCard>
          </div>
          <div ref={compareRef}>{page.isError && !page.data ? null : comparePanel}</div>
        </div>
      )}
    </>
  );
}
