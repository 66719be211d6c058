import { useState } from 'react';
import { Alert, Button, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { ALLOWED_PARENT_KINDS, UNIT_KINDS, type Unit, type UnitKind } from '../../../../common/src/schemas/units.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { useCreateUnit, useUpdateUnit } from './api.js';
import { useFormError } from './form-errors.js';
import { unitMessages } from './messages.js';
import { unitName } from './unit-tree.js';

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
      ? t('createTitle', { parent: unitName(state.parent, locale) })
      : state?.mode === 'edit'
        ? t('editTitle', { name: unitName(state.unit, locale) })
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

  const noKinds = state?.mode === 'create' && kinds.length === 0;
  return (
    <Drawer
      open={state !== null}
      title={title}
      size={480}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            form={FORM_ID}
            disabled={noKinds}
            loading={create.isPending || update.isPending}
          >
            {state?.mode === 'create' ? t('create') : t('save')}
          </Button>
        </Space>
      }
    >
      {noKinds ? (
        <Alert type="info" showIcon title={t('noKindAllowed')} />
      ) : (
        state && <UnitForm state={state} kinds={kinds} submit={submit} />
      )}
    </Drawer>
  );
}

/** The form itself, mounted afresh each time the drawer opens (so it starts from the unit's values). */
function UnitForm({
  state,
  kinds,
  submit,
}: {
  state: NonNullable<UnitDrawerState>;
  kinds: UnitKind[];
  submit: (values: FormValues) => Promise<void>;
}) {
  const t = useT(unitMessages);
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const formErrorOf = useFormError();

  const initialValues: FormValues =
    state.mode === 'edit'
      ? { name: state.unit.name, nameEn: state.unit.nameEn, code: state.unit.code ?? '', sortOrder: state.unit.sortOrder }
      : { kind: kinds.length === 1 ? kinds[0] : undefined, name: '', nameEn: '', code: '', sortOrder: 0 };

  const onFinish = async (values: FormValues) => {
    setFormError(null);
    try {
      await submit(values);
    } catch (err) {
      setFormError(formErrorOf(form, err));
    }
  };

  return (
    <>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form form={form} name={FORM_ID} layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        {state.mode === 'create' && (
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true, message: t('kindRequired') }]}>
            <Select
              autoFocus
              options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              placeholder={t('kindRequired')}
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('name')}
          rules={[{ required: true, whitespace: true, message: t('nameRequired') }, { max: 60 }]}
        >
          <Input maxLength={60} showCount autoFocus={state.mode === 'edit'} />
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
      </Form>
    </>
  );
}
