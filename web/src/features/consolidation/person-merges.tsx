import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Empty, Form, Input, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useAuth } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { FormModal } from '../../components/form-modal.js';
import { LoadErrorAlert } from '../../components/load-error-alert.js';
import { reasonRule } from '../persons/reason-rule.js';
import { usePersonMerges, useUndoMerge, type PersonMerge } from './api.js';
import { consolidationMessages } from './messages.js';

/** Merges made by a review decision carry the pair as their reason ("review #12"). */
const REVIEW_REASON = /^review #(\d+)$/;

// A person's merges (the persons merged into them, by consolidation or by hand), each undoable with
// a reason: the merged person comes back whole, and this person's page refreshes.

export function PersonMerges({ personId }: { personId: number }) {
  const t = useT(consolidationMessages);
  const { can } = useAuth();
  const { message } = App.useApp();
  const merges = usePersonMerges(personId);
  const undo = useUndoMerge();
  const [undoing, setUndoing] = useState<PersonMerge | null>(null);
  const mayUndo = can('person.merge');

  if (merges.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (merges.isError && !merges.data)
    return <LoadErrorAlert title={t('merges.loadFailed')} error={merges.error} onRetry={() => void merges.refetch()} />;
  if (!merges.data.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('merges.empty')} />;

  const columns: TableColumnsType<PersonMerge> = [
    {
      key: 'merged',
      title: t('merges.col.merged'),
      render: (_, m) =>
        // Only an undone merge's person exists again; otherwise its id answers 404.
        m.undoneAt ? (
          <Link to={`/persons/${m.mergedId}`}>
            {m.mergedName} (#{m.mergedId})
          </Link>
        ) : (
          <span>
            {m.mergedName} <Typography.Text type="secondary">(#{m.mergedId})</Typography.Text>
          </span>
        ),
    },
    {
      key: 'method',
      title: t('merges.col.method'),
      render: (_, m) => <Tag color={m.method === 'manual' ? 'blue' : 'purple'}>{t(`merges.method.${m.method}`)}</Tag>,
    },
    {
      key: 'reason',
      title: t('merges.col.reason'),
      ellipsis: { showTitle: true },
      render: (_, m) => {
        const pair = REVIEW_REASON.exec(m.reason);
        return pair ? t('merges.reviewReason', { id: pair[1]! }) : m.reason;
      },
    },
    { key: 'records', title: t('merges.col.records'), align: 'right', render: (_, m) => formatNumber(m.recordCount) },
    { key: 'by', title: t('merges.col.by'), dataIndex: 'actorName' },
    { key: 'at', title: t('merges.col.at'), render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.at)}</span> },
    {
      key: 'state',
      title: t('merges.col.state'),
      render: (_, m) =>
        m.undoneAt ? (
          <Tooltip title={t('merges.undoneBy', { name: m.undoneByName ?? '', time: formatDateTime(m.undoneAt) })}>
            <Tag tabIndex={0}>{t('merges.undone')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="success">{t('merges.active')}</Tag>
        ),
    },
    ...(mayUndo
      ? [
          {
            key: 'actions',
            title: t('merges.col.actions'),
            render: (_: unknown, m: PersonMerge) =>
              !m.undoneAt && (
                <Button size="small" icon={<RollbackOutlined />} onClick={() => setUndoing(m)}>
                  {t('merges.undo')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <div data-testid="person-merges">
        <Table<PersonMerge> rowKey="id" size="small" columns={columns} dataSource={merges.data} pagination={false} />
      </div>
      <FormModal<{ reason: string }>
        open={undoing !== null}
        title={undoing ? t('merges.undoTitle', { name: undoing.mergedName }) : ''}
        okText={t('merges.undo')}
        submitting={undo.isPending}
        name="personUndoMergeForm"
        initialValues={{ reason: '' }}
        notice={<Alert type="warning" showIcon title={t('merges.undoNote')} style={{ marginBottom: 16 }} />}
        onClose={() => setUndoing(null)}
        onSubmit={async ({ reason }) => {
          if (!undoing) return;
          await undo.mutateAsync({ mergeId: undoing.id, reason: reason.trim() });
          const name = undoing.mergedName;
          setUndoing(null);
          // Plain text: messages render outside the router (the restored person is linked in the table).
          message.success(t('merges.undone.ok', { name }));
        }}
      >
        <Form.Item name="reason" label={t('merges.undoReason')} rules={[reasonRule(t('merges.reasonRequired'))]}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('merges.undoReasonPlaceholder')} autoFocus />
        </Form.Item>
      </FormModal>
    </>
  );
}
