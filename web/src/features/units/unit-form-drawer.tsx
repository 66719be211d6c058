import { Alert, Form, Input, InputNumber, Select } from 'antd';
import { ALLOWED_PARENT_KINDS, UNIT_KINDS, type UnitKind } from '../../../../common/src/dictionaries/unit-kinds.js';
import type { Unit } from '../../../../common/src/schemas/units.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { FormDrawer } from '../../components/form-drawer.js';
import { localizedName } from '../../components/format.js';
import { componentMessages } from '../../components/messages.js';
import { useCreateUnit, useUpdateUnit } from './api.js';
import { unitMessages } from './messages.js';

export type UnitDrawerState = { mode: 'create'; parent: Unit } | { mode: 'edit'; unit: Unit } | null;

interface FormValues {
  kind?: UnitKind;
  name: string;
  nameEn: string;
  code: string;
  sortOrder: number;
}

const FORM_ID = 'unitForm';

/** The kinds a new unit may have under the given parent. */
export function childKindsOf(parent: Unit): UnitKind[] {
  return UNIT_KINDS.filter((k) => ALLOWED_PARENT_KINDS[k].includes(parent.kind));
}

export function UnitFormDrawer({
  state,
  onClose,
  onSaved,
}: {
  state: UnitDrawerState;
  onClose: () => void;
  onSaved: (unit: Unit, mode: 'create' | 'edit') => void;
}) {
  const t = useT(unitMessages);
  const { locale } = useLocale();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const kinds = state?.mode === 'create' ? childKindsOf(state.parent) : [];

  const title =
    state?.mode === 'create'
      ? t('createTitle', { parent: localizedName(state.parent, locale) })
      : state?.mode === 'edit'
        ? t('editTitle', { name: localizedName(state.unit, locale) })
        : '';

  const submit = async (values: FormValues) => {
    if (state?.mode === 'create') {
      const unit = await create.mutateAsync({
        parentId: state.parent.id,
        kind: values.kind!,
        name: values.name.trim(),
        nameEn: (values.nameEn ?? '').trim(),
        code: (values.code ?? '').trim() || undefined,
        sortOrder: values.sortOrder ?? 0,
      });
      onSaved(unit, 'create');
    } else if (state?.mode === 'edit') {
      const unit = await update.mutateAsync({
        id: state.unit.id,
        body: {
          name: values.name.trim(),
          nameEn: (values.nameEn ?? '').trim(),
          code: (values.code ?? '').trim(),
          sortOrder: values.sortOrder ?? 0,
        },
      });
      onSaved(unit, 'edit');
    }
  };

  const initialValues: FormValues =
    state?.mode === 'edit'
      ? { name: state.unit.name, nameEn: state.unit.nameEn, code: state.unit.code ?? '', sortOrder: state.unit.sortOrder }
      : { kind: kinds.length === 1 ? kinds[0] : undefined, name: '', nameEn: '', code: '', sortOrder: 0 };

  const noKinds = state?.mode === 'create' && kinds.length === 0;
  return (
    <FormDrawer<FormValues>
      open={state !== null}
      title={title}
      size={480}
      name={FORM_ID}
      initialValues={initialValues}
      submitText={state?.mode === 'create' ? t('create') : t('save')}
      submitting={create.isPending || update.isPending}
      submitDisabled={noKinds}
      onSubmit={submit}
      onClose={onClose}
      notice={noKinds && <Alert type="info" showIcon title={t('noKindAllowed')} />}
    >
      {state && !noKinds && <UnitFields mode={state.mode} kinds={kinds} />}
    </FormDrawer>
  );
}

/** The fields, inside the drawer's form. */
function UnitFields({ mode, kinds }: { mode: 'create' | 'edit'; kinds: UnitKind[] }) {
  const t = useT(unitMessages);
  const tc = useT(componentMessages);

  return (
    <>
      {mode === 'create' && (
        <Form.Item name="kind" label={t('kind')} rules={[{ required: true, message: t('kindRequired') }]}>
          <Select
            autoFocus
            options={kinds.map((k) => ({ value: k, label: tc(`unitKind.${k}`) }))}
            placeholder={t('kindRequired')}
          />
        </Form.Item>
      )}
      <Form.Item
        name="name"
        label={t('name')}
        rules={[{ required: true, whitespace: true, message: t('nameRequired') }, { max: 60 }]}
      >
        <Input maxLength={60} showCount autoFocus={mode === 'edit'} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('nameEn')} rules={[{ max: 120 }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('code')}
        extra={t('codeHint')}
        rules={[{ pattern: /^[A-Za-z0-9_-]*$/, message: t('codeInvalid') }, { max: 40 }]}
      >
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="sortOrder" label={t('sortOrder')} extra={t('sortOrderHint')}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </>
  );
}
