import { useMemo } from 'react';
import { Alert, Form, Input, Select, TreeSelect } from 'antd';
import type { FormRule } from 'antd';
import type { User } from '../../../../common/src/schemas/users.js';
import type { Role } from '../../../../common/src/schemas/roles.js';
import type { Unit } from '../../../../common/src/schemas/units.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { FormDrawer } from '../../components/form-drawer.js';
import { passwordPolicyRule, sameAsRule } from '../../components/form-rules.js';
import { localizedName } from '../../components/format.js';
import { unitTreeSelectData, type UnitIndex } from '../../components/unit-tree.js';
import { useCreateUser, useUpdateUser } from './api.js';
import { userMessages } from './messages.js';

export type UserDrawerState = { mode: 'create' } | { mode: 'edit'; user: User } | null;

interface FormValues {
  username?: string;
  displayName: string;
  unitId?: number;
  roleIds: number[];
  password?: string;
  passwordConfirm?: string;
}

const FORM_ID = 'userForm';

export function UserFormDrawer({
  state,
  units,
  roles,
  onClose,
  onSaved,
}: {
  state: UserDrawerState;
  units: UnitIndex;
  roles: Role[];
  onClose: () => void;
  onSaved: (user: User, mode: 'create' | 'edit') => void;
}) {
  const t = useT(userMessages);
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = state?.mode === 'edit' ? state.user : null;

  const submit = async (values: FormValues) => {
    if (editing) {
      const user = await update.mutateAsync({
        id: editing.id,
        body: { displayName: values.displayName.trim(), unitId: values.unitId, roleIds: values.roleIds },
      });
      onSaved(user, 'edit');
    } else {
      const user = await create.mutateAsync({
        username: (values.username ?? '').trim(),
        displayName: values.displayName.trim(),
        unitId: values.unitId!,
        roleIds: values.roleIds,
        password: values.password ?? '',
      });
      onSaved(user, 'create');
    }
  };

  const initialValues: FormValues = editing
    ? { displayName: editing.displayName, unitId: editing.unitId, roleIds: editing.roleIds }
    : { username: '', displayName: '', unitId: undefined, roleIds: [] };

  return (
    <FormDrawer<FormValues>
      open={state !== null}
      title={editing ? t('editTitle', { name: editing.displayName }) : t('createTitle')}
      size={520}
      name={FORM_ID}
      initialValues={initialValues}
      submitText={editing ? t('save') : t('submitCreate')}
      submitting={create.isPending || update.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      <UserFields editing={editing} units={units} roles={roles} />
    </FormDrawer>
  );
}

/** Required + the staff password policy (common/src/validation/password.ts). */
export function passwordRules(t: (k: 'passwordRequired' | 'passwordWeak') => string): FormRule[] {
  return [{ required: true, message: t('passwordRequired') }, passwordPolicyRule(t('passwordWeak'))];
}

/** The fields, inside the drawer's form. */
function UserFields({ editing, units, roles }: { editing: User | null; units: UnitIndex; roles: Role[] }) {
  const t = useT(userMessages);
  const { locale } = useLocale();

  const unitTree = useMemo(
    () =>
      unitTreeSelectData(units, locale, {
        // A deactivated unit stays visible only when the account already sits in it.
        include: (u: Unit) => u.active || u.id === editing?.unitId,
        selectable: (u: Unit) => u.active,
      }),
    [units, locale, editing],
  );
  const roleOptions = roles.map((r) => ({ value: r.id, label: localizedName(r, locale) }));

  return (
    <>
      {!editing && (
        <Form.Item
          name="username"
          label={t('username')}
          extra={t('usernameHint')}
          rules={[
            { required: true, whitespace: true, message: t('usernameRequired') },
            { pattern: /^\s*[A-Za-z][A-Za-z0-9._-]{2,31}\s*$/, message: t('usernameHint') },
          ]}
        >
          <Input autoFocus autoComplete="off" maxLength={32} />
        </Form.Item>
      )}
      <Form.Item
        name="displayName"
        label={t('displayName')}
        rules={[{ required: true, whitespace: true, message: t('displayNameRequired') }]}
      >
        <Input maxLength={40} autoFocus={!!editing} />
      </Form.Item>
      <Form.Item name="unitId" label={t('unit')} rules={[{ required: true, message: t('unitRequired') }]}>
        <TreeSelect
          treeData={unitTree}
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder={t('unitRequired')}
          listHeight={360}
          treeDefaultExpandedKeys={units.roots.map((u) => u.id)}
        />
      </Form.Item>
      <Form.Item
        name="roleIds"
        label={t('roles')}
        extra={t('rolesHint')}
        rules={[{ required: true, type: 'array', min: 1, message: t('rolesRequired') }]}
      >
        <Select
          mode="multiple"
          options={roleOptions}
          placeholder={t('rolesRequired')}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
      {!editing && (
        <>
          <Alert type="info" showIcon title={t('initialPasswordNote')} style={{ marginBottom: 16 }} />
          <Form.Item name="password" label={t('password')} extra={t('passwordPolicy')} rules={passwordRules(t)}>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <PasswordConfirmItem />
        </>
      )}
    </>
  );
}

/** "Confirm password", checked against the form's `password` field. */
export function PasswordConfirmItem() {
  const t = useT(userMessages);
  return (
    <Form.Item
      name="passwordConfirm"
      label={t('passwordConfirm')}
      dependencies={['password']}
      rules={[{ required: true, message: t('passwordConfirmRequired') }, sameAsRule('password', t('passwordMismatch'))]}
    >
      <Input.Password autoComplete="new-password" maxLength={128} />
    </Form.Item>
  );
}
