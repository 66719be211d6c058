import type { CSSProperties } from 'react';
import { Tag } from 'antd';
import type { Campaign, SurveyItemStatus } from '../../../../common/src/schemas/surveys.js';
import { useT } from '../../lib/i18n.js';
import { surveyMessages } from './messages.js';

// Coloured tags of the survey: an item's status and a campaign's.

// Colours whose text passes WCAG AA on their pale background (antd's success and warning presets
// do not; see person-tags.tsx).
const GREEN = { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' };
const AMBER = { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' };
const ITEM_LOOKS: Record<SurveyItemStatus, { color?: string; style?: CSSProperties }> = {
  pending: { color: 'processing' },
  confirmed: { style: GREEN },
  moved: { style: AMBER },
  left: {},
  deceased: {},
};

export function ItemStatusTag({ status }: { status: SurveyItemStatus }) {
  const t = useT(surveyMessages);
  const look = ITEM_LOOKS[status];
  return (
    <Tag color={look.color} style={{ marginInlineEnd: 0, ...look.style }}>
      {t(`status.${status}`)}
    </Tag>
  );
}

export function CampaignStatusTag({ status }: { status: Campaign['status'] }) {
  const t = useT(surveyMessages);
  return <Tag color={status === 'open' ? 'processing' : 'default'}>{t(status === 'open' ? 'campaign.open' : 'campaign.closed')}</Tag>;
}
