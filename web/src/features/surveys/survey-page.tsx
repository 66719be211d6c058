import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Form, Input, Select, Skeleton, Space, Typography } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { Campaign, SurveyItemStatus } from '../../../../common/src/schemas/surveys.js';
import { SURVEY_ITEM_STATUSES } from '../../../../common/src/schemas/surveys.js';
import { useAuth } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { useConfirmAction } from '../../components/confirm-action.js';
import { FormModal } from '../../components/form-modal.js';
import { formatDate, formatDateTime, formatNumber } from '../../components/format.js';
import { useKeysetPaging } from '../../components/keyset-pager.js';
import { LoadErrorAlert } from '../../components/load-error-alert.js';
import { PageHeader } from '../../components/page-header.js';
import { useCampaigns, useCloseCampaign, useOpenCampaign, useProgress } from './api.js';
import { surveyMessages } from './messages.js';
import { ProgressTable, sumProgress } from './progress-table.js';
import { SurveyItems, type ItemTab } from './survey-items.js';
import { CampaignStatusTag } from './survey-tags.js';

const PAGE_SIZES = [20, 50, 100];

// The page's state lives in the URL: ?campaign=3&status=moved&town=12&size=50 (the open or newest
// campaign, the pending tab and every town when absent), so a list can be reloaded and shared.
function readParams(params: URLSearchParams) {
  const campaign = Number(params.get('campaign'));
  const town = Number(params.get('town'));
  const status = params.get('status');
  return {
    campaignId: Number.isInteger(campaign) && campaign > 0 ? campaign : null,
    townId: Number.isInteger(town) && town > 0 ? town : undefined,
    tab: (status === 'all' || SURVEY_ITEM_STATUSES.includes(status as SurveyItemStatus) ? status : 'pending') as ItemTab,
  };
}

/** /persons/survey: the annual survey — the campaign, progress per town, the verification list. */
export function SurveyPage() {
  const t = useT(surveyMessages);
  const { can } = useAuth();
  const { message } = App.useApp();
  const confirmAction = useConfirmAction();
  const [params, setParams] = useSearchParams();
  const { campaignId, townId, tab } = useMemo(() => readParams(params), [params]);
  const [opening, setOpening] = useState(false);

  const campaigns = useCampaigns();
  const openOne = campaigns.data?.find((c) => c.status === 'open');
  const campaign: Campaign | undefined = campaigns.data?.find((c) => c.id === campaignId) ?? openOne ?? campaigns.data?.[0];
  const progress = useProgress(campaign?.id ?? null);
  const towns = progress.data?.campaign.id === campaign?.id ? progress.data?.towns : undefined;
  const paging = useKeysetPaging({ campaign: campaign?.id, townId, tab }, PAGE_SIZES, 20);
  const openMutation = useOpenCampaign();
  const closeMutation = useCloseCampaign();
  const manager = can('survey.manage');

  /** Changes some URL parameters, keeping the others (the page size among them). */
  const update = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next);
  };

  const askClose = (c: Campaign) => {
    const pending = towns ? sumProgress(towns).pending : undefined;
    confirmAction({
      title: t('close.title', { name: c.name }),
      content: pending === 0 ? t('close.contentDone') : t('close.content', { n: formatNumber(pending ?? 0) }),
      okText: t('close.ok'),
      danger: true,
      action: () => closeMutation.mutateAsync(c.id),
      success: t('close.done', { name: c.name }),
    });
  };

  const openButton = manager && !openOne && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
      {t('open.button')}
    </Button>
  );

  const header = (
    <PageHeader
      title={t('title')}
      tags={campaign && <CampaignStatusTag status={campaign.status} />}
      subtitle={
        campaign
          ? t(campaign.closedAt ? 'campaign.metaClosed' : 'campaign.meta', {
              name: campaign.name,
              by: campaign.openedByName,
              at: formatDate(campaign.openedAt),
              closedAt: formatDate(campaign.closedAt),
              n: formatNumber(campaign.itemCount),
            })
          : t('subtitle')
      }
      extra={
        <>
          {campaigns.data && campaigns.data.length > 1 && (
            <Select
              aria-label={t('campaign.pick')}
              value={campaign?.id}
              onChange={(id: number) => update({ campaign: id, town: undefined, status: undefined })}
              style={{ minWidth: 200 }}
              options={campaigns.data.map((c) => ({
                value: c.id,
                label: (
                  <Space size={6}>
                    <span>{c.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(c.status === 'open' ? 'campaign.open' : 'campaign.closed')}
                    </Typography.Text>
                  </Space>
                ),
              }))}
            />
          )}
          {manager && campaign?.status === 'open' && (
            <Button icon={<StopOutlined />} onClick={() => askClose(campaign)}>
              {t('close.button')}
            </Button>
          )}
          {openButton}
        </>
      }
    />
  );

  const year = new Date().getFullYear();
  const openModal = (
    <FormModal<{ name: string }>
      open={opening}
      title={t('open.title')}
      okText={t('open.ok')}
      submitting={openMutation.isPending}
      onClose={() => setOpening(false)}
      name="survey-open"
      initialValues={{ name: t('open.defaultName', { year }) }}
      notice={<Alert type="info" showIcon title={t('open.notice')} style={{ marginBottom: 16 }} />}
      onSubmit={async ({ name }) => {
        const created = await openMutation.mutateAsync(name.trim());
        setOpening(false);
        message.success(t('open.done', { name: created.name, n: formatNumber(created.itemCount) }));
        setParams(new URLSearchParams({ campaign: String(created.id) }));
      }}
    >
      <Form.Item name="name" label={t('open.name')} rules={[{ required: true, whitespace: true, message: t('open.nameRequired') }]}>
        <Input maxLength={100} autoFocus />
      </Form.Item>
    </FormModal>
  );

  if (campaigns.isPending) {
    return (
      <>
        {header}
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </>
    );
  }
  if (!campaigns.data) {
    return (
      <>
        {header}
        <LoadErrorAlert title={t('loadFailed')} error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      </>
    );
  }
  if (!campaign) {
    return (
      <>
        {header}
        <Card>
          <Empty
            description={
              <>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t('empty.none')}
                </Typography.Title>
                <Typography.Text type="secondary">{manager ? t('empty.manager') : t('empty.other')}</Typography.Text>
              </>
            }
          >
            {openButton}
          </Empty>
        </Card>
        {openModal}
      </>
    );
  }

  return (
    <>
      {header}
      {campaign.status === 'closed' && (
        <Alert type="info" showIcon title={t('campaign.closedNotice', { at: formatDateTime(campaign.closedAt) })} style={{ marginBottom: 16 }} />
      )}
      <Card
        title={t('progress')}
        extra={<Typography.Text type="secondary">{t('progress.hint')}</Typography.Text>}
        style={{ marginBottom: 16 }}
      >
        {progress.isError && !towns ? (
          <LoadErrorAlert title={t('loadFailed')} error={progress.error} onRetry={() => void progress.refetch()} />
        ) : (
          <ProgressTable towns={towns ?? []} loading={!towns} townId={townId} onTown={(id) => update({ town: id })} />
        )}
      </Card>
      <SurveyItems
        campaign={campaign}
        progress={towns}
        townId={townId}
        tab={tab}
        onTab={(next) => update({ status: next === 'pending' ? undefined : next })}
        onClearTown={() => update({ town: undefined })}
        paging={paging}
      />
      {openModal}
    </>
  );
}
