import { Alert, Form, Input } from 'antd';
import type { User } from '../../../../common/src/schemas/users.js';
import { useT } from '../../lib/i18n.js';
import { FormModal } from '../../components/form-modal.js';
import { useResetPassword } from './api.js';
import { userMessages } from './messages.js';
import { PasswordConfirmItem, passwordRules } from './user-form-drawer.js';

const FORM_ID = 'resetPassword';

interface FormValues {
  password: string;
  passwordConfirm: string;
}

export function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: User | null;
  onClose: () => void;
  onDone: (user: User) => void;
}) {
  const t = useT(userMessages);
  const reset = useResetPassword();
  return (
    <FormModal<FormValues>
      open={user !== null}
      title={user ? t('resetPasswordTitle', { name: user.displayName }) : ''}
      name={FORM_ID}
      okText={t('resetPassword')}
      submitting={reset.isPending}
      onClose={onClose}
      onSubmit={async ({ password }) => {
        if (user) onDone(await reset.mutateAsync({ id: user.id, password }));
      }}
      notice={<Alert type="warning" showIcon title={t('resetPasswordNote')} style={{ marginBottom: 16 }} />}
    >
      <Form.Item name="password" label={t('newPassword')} extra={t('passwordPolicy')} rules={passwordRules(t)}>
        <Input.Password autoFocus autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <PasswordConfirmItem />
    </FormModal>
  );
}
