import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, AutoComplete, Form, Input, Modal, Skeleton, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Person } from '../../../../common/src/schemas/persons.js';
import { usePersonSearch } from '../../app/layouts/person-search.js';
import { useT } from '../../lib/i18n.js';
import { useErrorText } from '../../components/form-errors.js';
import { componentMessages } from '../../components/messages.js';
import { usePerson } from '../persons/api.js';
import { reasonRule } from '../persons/reason-rule.js';
import { useMergePerson } from './api.js';
import { consolidationMessages } from './messages.js';
import './consolidation.css';

// "Merge a duplicate" on a person's page: find the other person with the same search the top bar
// uses (GET /persons/search), compare the two side by side, give a reason, confirm, merge. The
// person whose page this is survives.

function PersonPicker({ excludeId, onPick }: { excludeId: number; onPick: (id: number | null) => void }) {
  const t = useT(consolidationMessages);
  const [text, setText] = useState('');
  const { q, search } = usePersonSearch(text);
  const hits = q ? (search.data ?? []).filter((h) => h.id !== excludeId) : [];
  const options = hits.map((hit) => ({
    value: String(hit.id),
    'aria-label': [hit.name, `#${hit.id}`, hit.mobile, hit.employerName].filter(Boolean).join(' · '),
    label: (
      <div>
        <Typography.Text strong>{hit.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          #{hit.id}
        </Typography.Text>
        {hit.mobile && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontVariantNumeric: 'tabular-nums' }}>
            {hit.mobile}
          </Typography.Text>
        )}
        <div>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
            {[hit.employerName, hit.unitName].filter(Boolean).join(' · ') || '\u00a0'}
          </Typography.Text>
        </div>
      </div>
    ),
  }));
  const waiting = text.trim() !== q || search.isFetching;
  return (
    <AutoComplete
      value={text}
      options={options}
      onSearch={(v) => {
        setText(v);
        if (!v) onPick(null);
      }}
      onSelect={(id: string) => {
        const hit = hits.find((h) => String(h.id) === id);
        setText(hit ? `${hit.name} #${hit.id}` : id);
        onPick(Number(id));
      }}
      notFoundContent={!text.trim() ? null : waiting && !hits.length ? t('merge.searching') : t('merge.searchEmpty')}
      style={{ width: '100%' }}
    >
      <Input prefix={<SearchOutlined aria-hidden />} placeholder={t('merge.searchPlaceholder')} aria-label={t('merge.search')} allowClear maxLength={64} autoFocus />
    </AutoComplete>
  );
}

function Comparison({ self, other, loading }: { self: Person; other: Person | undefined; loading: boolean }) {
  const t = useT(consolidationMessages);
  const none = <Typography.Text type="secondary">{t('merge.none')}</Typography.Text>;
  const rows: { key: string; label: string; get: (p: Person) => ReactNode }[] = [
    { key: 'name', label: t('person.name'), get: (p) => p.name },
    { key: 'id', label: t('person.id'), get: (p) => `#${p.id}` },
    { key: 'residentId', label: t('person.residentId'), get: (p) => p.residentId || none },
    { key: 'mobile', label: t('person.mobile'), get: (p) => p.mobile || none },
    { key: 'birthDate', label: t('person.birthDate'), get: (p) => p.birthDate || none },
    { key: 'employer', label: t('person.employer'), get: (p) => p.employer?.name || none },
    { key: 'unit', label: t('person.unit'), get: (p) => p.unit.name },
    { key: 'sources', label: t('person.sources'), get: (p) => String(p.sourceCount) },
  ];
  return (
    <div className="tx-pair-table-wrap" style={{ marginBottom: 16 }}>
      <table className="tx-pair-table" data-testid="merge-compare">
        <thead>
          <tr>
            <th scope="col" style={{ width: 96 }} />
            <th scope="col">
              <Typography.Text strong>{t('merge.keep')}</Typography.Text>
            </th>
            <th scope="col">
              <Typography.Text strong>{t('merge.gone')}</Typography.Text>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const a = r.get(self);
            const b = other ? r.get(other) : null;
            const differs = other && r.key !== 'id' && typeof a === 'string' && typeof b === 'string' && a !== b;
            return (
              <tr key={r.key} className={differs ? 'tx-pair-differs' : undefined}>
                <th scope="row">{r.label}</th>
                <td>{a}</td>
                <td>{other ? b : loading ? <Skeleton.Input active size="small" /> : none}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function MergePersonModal({ person, open, onClose, onMerged }: { person: Person; open: boolean; onClose: () => void; onMerged: () => void }) {
  const t = useT(consolidationMessages);
  const tc = useT(componentMessages);
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ otherId: number | null; reason: string }>();
  const [otherId, setOtherId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const other = usePerson(otherId);
  const merge = useMergePerson();

  useEffect(() => {
    if (!open) {
      setOtherId(null);
      setError(null);
    }
  }, [open]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !other.data) return;
    const o = other.data;
    modal.confirm({
      title: t('merge.confirmTitle', { other: o.name, name: person.name }),
      content: t('merge.confirmBody', { other: o.name, otherId: o.id, name: person.name, id: person.id }),
      okText: t('merge.ok'),
      cancelText: tc('cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        setError(null);
        try {
          await merge.mutateAsync({ id: person.id, otherId: o.id, reason: values.reason.trim() });
          message.success(t('merge.done', { other: o.name }));
          onMerged();
        } catch (err) {
          setError(errorText(err));
        }
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('merge.title')}
      width={760}
      onCancel={onClose}
      okText={t('merge.ok')}
      cancelText={tc('cancel')}
      okButtonProps={{ danger: true, disabled: !other.data }}
      onOk={() => void submit()}
      confirmLoading={merge.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('merge.note')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="personMergeForm" initialValues={{ otherId: null, reason: '' }} preserve={false}>
        <Form.Item
          name="otherId"
          label={t('merge.search')}
          rules={[{ required: true, message: t('merge.pickRequired') }]}
          getValueFromEvent={(id: number | null) => id}
        >
          <PersonPickerField excludeId={person.id} onPicked={setOtherId} />
        </Form.Item>
        {other.isError && <Alert type="error" showIcon title={t('merge.loadFailed')} description={errorText(other.error)} style={{ marginBottom: 16 }} />}
        <Comparison self={person} other={otherId !== null ? other.data : undefined} loading={otherId !== null && other.isPending} />
        <Form.Item name="reason" label={t('merge.reason')} rules={[reasonRule(t('merges.reasonRequired'))]}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('merge.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The picker as a form control: Form.Item passes onChange, which takes the picked id. */
function PersonPickerField({ excludeId, onPicked, onChange }: { excludeId: number; onPicked: (id: number | null) => void; onChange?: (id: number | null) => void }) {
  return (
    <PersonPicker
      excludeId={excludeId}
      onPick={(id) => {
        onChange?.(id);
        onPicked(id);
      }}
    />
  );
}
