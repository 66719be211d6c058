import { useState } from 'react';
import { App, Button, Form, Input, Select, Space, Tooltip } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import type { SavedView } from '../../../../common/src/schemas/saved-views.js';
import { useT } from '../../lib/i18n.js';
import { useConfirmAction } from '../../components/confirm-action.js';
import { FormModal } from '../../components/form-modal.js';
import { useDeleteView, useSaveView, useSavedViews, type PersonViewState } from './api.js';
import { sanitizeColumns, type ColumnKey } from './columns.js';
import { personMessages } from './messages.js';

// The user's saved views of the person list: pick one, save the current one, delete one.

export function viewState(view: SavedView): { query: string; columns: ColumnKey[] | null } {
  const query = typeof view.state.query === 'string' ? view.state.query : '';
  return { query, columns: sanitizeColumns(view.state.columns) };
}

export function SavedViewsBar({
  current,
  onApply,
}: {
  /** The list's state now (canonical query and columns). */
  current: PersonViewState;
  onApply: (view: SavedView) => void;
}) {
  const t = useT(personMessages);
  const { message } = App.useApp();
  const confirmAction = useConfirmAction();
  const views = useSavedViews();
  const save = useSaveView();
  const del = useDeleteView();
  const [saving, setSaving] = useState(false);

  const items = views.data ?? [];
  // The view the list shows now, if it matches one exactly (filters, sort and columns).
  const active = items.find((v) => {
    const s = viewState(v);
    return s.query === current.query && (!s.columns || s.columns.join() === current.columns.join());
  });

  const confirmDelete = (view: SavedView) =>
    confirmAction({
      title: t('viewDeleteTitle', { name: view.name }),
      content: t('viewDeleteBody'),
      okText: t('delete'),
      danger: true,
      action: () => del.mutateAsync(view.id),
      success: t('viewDeleted', { name: view.name }),
    });

  return (
    <Space wrap size={8}>
      <Select
        style={{ width: 200 }}
        placeholder={t('viewsPlaceholder')}
        aria-label={t('views')}
        loading={views.isLoading}
        value={active?.id ?? null}
        options={items.map((v) => ({ value: v.id, label: v.name }))}
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(id: number) => {
          const view = items.find((v) => v.id === id);
          if (view) {
            onApply(view);
            message.success(t('viewApplied', { name: view.name }));
          }
        }}
        notFoundContent={null}
      />
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)}>
        {t('viewSave')}
      </Button>
      {active && (
        <Tooltip title={t('viewDelete')}>
          <Button icon={<DeleteOutlined />} aria-label={t('viewDelete')} onClick={() => confirmDelete(active)} />
        </Tooltip>
      )}
      <FormModal<{ name: string }>
        open={saving}
        title={t('viewSaveTitle')}
        okText={t('save')}
        submitting={save.isPending}
        name="personViewForm"
        initialValues={{ name: active?.name ?? '' }}
        notice={<p style={{ marginTop: 0 }}>{t('viewSaveNote')}</p>}
        onClose={() => setSaving(false)}
        onSubmit={async ({ name }) => {
          const view = await save.mutateAsync({ name: name.trim(), state: current });
          setSaving(false);
          message.success(t('viewSaved', { name: view.name }));
        }}
      >
        <Form.Item name="name" label={t('viewName')} rules={[{ required: true, whitespace: true, message: t('viewNameRequired') }]}>
          <Input maxLength={40} autoFocus />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
