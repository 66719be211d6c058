import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import type { User } from '../../../../common/src/schemas/users.js';
import { useT } from '../../lib/i18n.js';
import { useFormError } from '../units/form-errors.js';
import { useResetPassword } from './api.js';
import { userMessages } from './messages.js';
import { PasswordConfirmItem, passwordRules } from './user-form-drawer.js';

const FORM_ID = 'resetPassword';

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
    <Modal
      open={user !== null}
      title={user ? t('resetPasswordTitle', { name: user.displayName }) : ''}
      onCancel={onClose}
      okText={t('resetPassword')}
      cancelText={t('cancel')}
      okButtonProps={{ htmlType: 'submit', form: FORM_ID }}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      {user && <ResetForm submit={async (password) => onDone(await reset.mutateAsync({ id: user.id, password }))} />}
    </Modal>
  );
}

function ResetForm({ submit }: { submit: (password: string) => Promise<void> }) {
  const t = useT(userMessages);
  const [form] = Form.useForm<{ password: string; passwordConfirm: string }>();
  const [formError, setFormError] = useState<string | null>(null);
  const formErrorOf = useFormError();

  const onFinish = async ({ password }: { password: string }) => {
    setFormError(null);
    try {
      await submit(password);
    } catch (err) {
      setFormError(formErrorOf(form, err));
    }
  };

  return (
    <>
      <Alert type="warning" showIcon title={t('resetPasswordNote')} style={{ marginBottom: 16 }} />
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form form={form} name={FORM_ID} layout="vertical" onFinish={onFinish}>
        <Form.Item name="password" label={t('newPassword')} extra={t('passwordPolicy')} rules={passwordRules(t)}>
          <Input.Password autoFocus autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <PasswordConfirmItem />
      </Form>
    </>
  );
}
