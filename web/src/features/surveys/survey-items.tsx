import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Empty, Flex, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import type { Campaign, SurveyItem, SurveyItemStatus, SurveyOutcome, TownProgress } from '../../../../common/src/schemas/surveys.js';
import { SURVEY_OUTCOMES } from '../../../../common/src/schemas/surveys.js';
import { useAuth } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { useApiError } from '../../components/form-errors.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { KeysetPager, type KeysetPaging } from '../../components/keyset-pager.js';
import { ListCard } from '../../components/list-card.js';
import { useSurveyItems, useVerifyItem } from './api.js';
import { surveyMessages } from './messages.js';
import { OutcomeModal, type OutcomeRequest } from './outcome-modal.js';
import { sumProgress } from './progress-table.js';
import { ItemStatusTag } from './survey-tags.js';

/** A red that passes WCAG AA on white (antd's danger text does not). */
const PENDING_RED = '#cf1322';

/** The list's tabs: pending first, then each outcome, then everything. */
export type ItemTab = SurveyItemStatus | 'all';
export const ITEM_TABS: readonly ItemTab[] = ['pending', 'confirmed', 'moved', 'left', 'deceased', 'all'];

/** Who verified a row and when, with the note. */
function Result({ item }: { item: SurveyItem }) {
  const t = useT(surveyMessages);
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <span>
        <ItemStatusTag status={item.status} />
      </span>
      {item.verifiedByName && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('result.by', { by: item.verifiedByName, at: formatDateTime(item.verifiedAt) })}
        </Typography.Text>
      )}
      {item.note && (
        <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 220 }} ellipsis={{ tooltip: item.note }}>
          {t('result.note', { note: item.note })}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The verification list: status tabs with counts, the items, one-click outcomes, keyset pages. */
export function SurveyItems({
  campaign,
  progress,
  townId,
  tab,
  onTab,
  onClearTown,
  paging,
}: {
  campaign: Campaign;
  /** The towns' counts (the tab counts come from them). */
  progress: TownProgress[] | undefined;
  townId: number | undefined;
  tab: ItemTab;
  onTab: (tab: ItemTab) => void;
  onClearTown: () => void;
  paging: KeysetPaging;
}) {
  const t = useT(surveyMessages);
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();
  const filter = { status: tab === 'all' ? undefined : tab, townId };
  const list = useSurveyItems(campaign.id, filter, paging.cursor, paging.pageSize);
  const verify = useVerifyItem(me?.displayName ?? '');
  const [asking, setAsking] = useState<OutcomeRequest | null>(null);
  const [busy, setBusy] = useState<{ itemId: number; outcome: SurveyOutcome } | null>(null);

  const town = townId === undefined ? undefined : progress?.find((p) => p.townId === townId);
  const counts = progress ? (townId === undefined ? sumProgress(progress) : town) : undefined;
  const countOf = (k: ItemTab) => (counts ? (k === 'all' ? counts.total : counts[k]) : undefined);

  const disabledReason = campaign.status !== 'open' ? t('disabled.closed') : !can('person.update') ? t('disabled.permission') : null;

  const decide = async (item: SurveyItem, outcome: SurveyOutcome, note: string) => {
    setBusy({ itemId: item.id, outcome });
    try {
      await verify.mutateAsync({ campaignId: campaign.id, item, status: outcome, note });
      message.success(
        outcome === 'confirmed' ? t('done.confirmed', { name: item.personName }) : t('done.other', { name: item.personName, outcome: t(`status.${outcome}`) }),
      );
    } finally {
      setBusy(null);
    }
  };

  const onOutcome = (item: SurveyItem, outcome: SurveyOutcome) => {
    if (outcome === 'confirmed') {
      decide(item, 'confirmed', '').catch((err: unknown) => showError(err));
    } else {
      setAsking({ item, outcome });
    }
  };

  const actions = (item: SurveyItem) => {
    const buttons = (
      <Space size={4} wrap={false} role="group" aria-label={t('action.group', { name: item.personName })}>
        {SURVEY_OUTCOMES.map((o) => {
          const current = item.status === o;
          const button = (
            <Button
              key={o}
              size="small"
              type={current ? 'primary' : 'default'}
              ghost={current}
              icon={o === 'confirmed' ? <CheckOutlined /> : undefined}
              disabled={disabledReason !== null || current || (busy !== null && busy.itemId === item.id)}
              loading={busy?.itemId === item.id && busy.outcome === o}
              aria-pressed={current}
              onClick={() => onOutcome(item, o)}
            >
              {t(`action.${o}`)}
            </Button>
          );
          return current && disabledReason === null ? (
            <Tooltip key={o} title={t('action.current')}>
              <span>{button}</span>
            </Tooltip>
          ) : (
            button
          );
        })}
      </Space>
    );
    return disabledReason ? (
      <Tooltip title={disabledReason}>
        <span style={{ display: 'inline-block' }}>{buttons}</span>
      </Tooltip>
    ) : (
      buttons
    );
  };

  const columns: TableColumnsType<SurveyItem> = [
    {
      key: 'name',
      title: t('col.name'),
      width: 110,
      fixed: 'left',
      render: (_, i) => (
        <Link to={`/persons/${i.personId}`} style={{ fontWeight: 500 }}>
          {i.personName}
        </Link>
      ),
    },
    { key: 'town', title: t('col.town'), width: 110, render: (_, i) => i.townName ?? <Typography.Text type="secondary">{t('progress.noTown')}</Typography.Text> },
    {
      key: 'employer',
      title: t('col.employer'),
      width: 220,
      render: (_, i) => (
        <Typography.Text ellipsis={{ tooltip: i.employerName }} style={{ display: 'block', maxWidth: 204 }}>
          {i.employerName}
        </Typography.Text>
      ),
    },
    {
      key: 'mobile',
      title: t('col.mobile'),
      width: 130,
      render: (_, i) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{i.mobile}</span>,
    },
    { key: 'result', title: t('col.result'), width: 200, render: (_, i) => <Result item={i} /> },
    { key: 'actions', title: t('col.actions'), width: 330, render: (_, i) => actions(i) },
  ];

  const page = list.data;
  const statusLabel = (k: ItemTab) => (k === 'all' ? t('all') : t(`status.${k}`));
  // The progress counts are fresher than a page kept on screen after a decision (see useVerifyItem).
  const total = countOf(tab) ?? page?.total;
  const totalText = total === undefined ? null : t('items.total', { n: formatNumber(total) });

  const emptyText = () => {
    if (list.isPending) return ' ';
    if (tab !== 'pending') return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('items.empty', { status: statusLabel(tab) })} />;
    const anyItems = (counts?.total ?? 0) > 0;
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          anyItems ? (
            <>
              <div>{t('items.nothingLeft')}</div>
              <Typography.Text type="secondary">{t('items.nothingLeftHint')}</Typography.Text>
            </>
          ) : (
            t('items.nonePending')
          )
        }
      />
    );
  };

  const title = (
    <Flex align="center" gap={8} wrap>
      <span>{t('items')}</span>
      {town && (
        <Tooltip title={t('items.clearTown')}>
          <Button size="small" color="primary" variant="filled" icon={<CloseOutlined />} iconPlacement="end" onClick={onClearTown}>
            {t('items.town', { town: town.townName ?? '' })}
          </Button>
        </Tooltip>
      )}
      {totalText && <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{totalText}</Typography.Text>}
    </Flex>
  );

  return (
    <ListCard title={title} query={list} loadFailed={t('items.loadFailed')}>
      {campaign.status === 'open' && !can('person.update') && (
        <Alert type="info" showIcon title={t('disabled.permission')} style={{ marginBottom: 12 }} />
      )}
      <Tabs
        activeKey={tab}
        onChange={(k) => onTab(k as ItemTab)}
        style={{ marginTop: -12 }}
        items={ITEM_TABS.map((k) => {
          const n = countOf(k);
          return {
            key: k,
            label: (
              <span>
                {statusLabel(k)}
                {n !== undefined && (
                  <Typography.Text
                    type={k === 'pending' && n > 0 ? undefined : 'secondary'}
                    style={{ marginInlineStart: 6, fontVariantNumeric: 'tabular-nums', color: k === 'pending' && n > 0 ? PENDING_RED : undefined }}
                  >
                    {formatNumber(n)}
                  </Typography.Text>
                )}
              </span>
            ),
          };
        })}
      />
      <div style={{ isolation: 'isolate' }}>
        <Table<SurveyItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={page?.items ?? []}
          loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
          pagination={false}
          sticky={{ offsetHeader: 64 }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: emptyText() }}
        />
      </div>
      <KeysetPager paging={paging} result={page ? { nextCursor: page.nextCursor, total } : undefined} totalText={totalText} loading={list.isFetching} />
      <OutcomeModal
        request={asking}
        submitting={verify.isPending}
        onClose={() => setAsking(null)}
        onSubmit={async (request, note) => {
          await decide(request.item, request.outcome, note);
          setAsking(null);
        }}
      />
    </ListCard>
  );
}
