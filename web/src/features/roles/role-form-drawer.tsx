import { Alert, Form, Input, Switch, Typography } from 'antd';
import type { Role } from '../../../../common/src/schemas/roles.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { FormDrawer } from '../../components/form-drawer.js';
import { localizedName } from '../../components/format.js';
import { useCreateRole, useUpdateRole, type PermissionInfo } from './api.js';
import { roleMessages } from './messages.js';
import { dutyClassesIn, PermissionPicker, usePermissionLabels } from './permission-picker.js';

export type RoleDrawerState = { mode: 'create' } | { mode: 'edit'; role: Role } | null;

interface FormValues {
  code?: string;
  name: string;
  nameEn: string;
  permissions: string[];
  requireTotp: boolean;
}

const FORM_ID = 'roleForm';

export function RoleFormDrawer({
  state,
  catalog,
  onClose,
  onSaved,
}: {
  state: RoleDrawerState;
  catalog: readonly PermissionInfo[];
  onClose: () => void;
  onSaved: (role: Role, mode: 'create' | 'edit') => void;
}) {
  const t = useT(roleMessages);
  const { locale } = useLocale();
  const create = useCreateRole();
  const update = useUpdateRole();
  const editing = state?.mode === 'edit' ? state.role : null;

  const submit = async (values: FormValues) => {
    const body = {
      name: values.name.trim(),
      nameEn: (values.nameEn ?? '').trim(),
      permissions: values.permissions,
      requireTotp: values.requireTotp,
    };
    // Built-in roles follow the code; only whether they require TOTP is a local decision.
    if (editing && !editing.abilities.update) onSaved(await update.mutateAsync({ id: editing.id, body: { requireTotp: values.requireTotp } }), 'edit');
    else if (editing) onSaved(await update.mutateAsync({ id: editing.id, body }), 'edit');
    else onSaved(await create.mutateAsync({ ...body, code: (values.code ?? '').trim() }), 'create');
  };

  const initialValues: FormValues = editing
    ? { name: editing.name, nameEn: editing.nameEn, permissions: editing.permissions, requireTotp: editing.requireTotp }
    : { code: '', name: '', nameEn: '', permissions: [], requireTotp: false };

  return (
    <FormDrawer<FormValues>
      open={state !== null}
      title={
        editing
          ? t(editing.abilities.update ? 'editTitle' : 'viewTitle', { name: localizedName(editing, locale) })
          : t('createTitle')
      }
      size={600}
      name={FORM_ID}
      initialValues={initialValues}
      submitText={editing ? t('save') : t('submitCreate')}
      submitting={create.isPending || update.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      <RoleFields editing={editing} catalog={catalog} />
    </FormDrawer>
  );
}

/** The fields, inside the drawer's form. */
function RoleFields({ editing, catalog }: { editing: Role | null; catalog: readonly PermissionInfo[] }) {
  const t = useT(roleMessages);
  const { locale } = useLocale();
  const labels = usePermissionLabels();
  const form = Form.useFormInstance<FormValues>();
  const selected = Form.useWatch('permissions', form) ?? [];
  const conflict = dutyClassesIn(selected, catalog);
  // A built-in role's definition is fixed; only its TOTP requirement can change.
  const fixed = !!editing && !editing.abilities.update;

  return (
    <>
      {editing?.builtIn && fixed && <Alert type="info" showIcon title={t('builtInNote')} style={{ marginBottom: 16 }} />}
      {!editing && (
        <Form.Item
          name="code"
          label={t('code')}
          extra={t('codeHint')}
          rules={[
            { required: true, whitespace: true, message: t('codeRequired') },
            { pattern: /^\s*[a-z][a-z0-9_]{1,39}\s*$/, message: t('codeInvalid') },
          ]}
        >
          <Input autoFocus autoComplete="off" maxLength={40} />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true, message: t('nameRequired') }]}>
        <Input maxLength={40} autoFocus={!!editing && !fixed} disabled={fixed} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('nameEn')}>
        <Input maxLength={80} disabled={fixed} />
      </Form.Item>
      {!fixed && (
        <Alert type="info" showIcon title={t('separationTitle')} description={t('separationNote')} style={{ marginBottom: 16 }} />
      )}
      <Form.Item
        name="permissions"
        label={t('permissions')}
        rules={[{ required: true, type: 'array', min: 1, message: t('permissionsRequired') }]}
        extra={
          conflict.length > 1 && (
            <Typography.Text type="warning">
              {t('separationConflict', {
                classes: conflict.map((c) => labels.dutyClass(c)).join(locale === 'en-US' ? ', ' : '、'),
              })}
            </Typography.Text>
          )
        }
      >
        <PermissionPicker catalog={catalog} disabled={fixed} />
      </Form.Item>
      <Form.Item name="requireTotp" label={t('requireTotp')} extra={t('requireTotpHint')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}
