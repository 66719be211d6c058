import { Tag } from 'antd';
import type { BatchStatus } from '../../../../common/src/schemas/imports.js';
import { useT } from '../../lib/i18n.js';
import { importMessages } from './messages.js';

const STATUS_COLORS: Record<BatchStatus, string> = {
  draft: 'default',
  queued: 'processing',
  committed: 'success',
  failed: 'error',
};

/** An import batch's status as a coloured tag (history list, wizard header). */
export function BatchStatusTag({ status }: { status: BatchStatus }) {
  const t = useT(importMessages);
  return <Tag color={STATUS_COLORS[status]}>{t(`status.${status}`)}</Tag>;
}
