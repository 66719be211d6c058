import { App, Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordBody, SessionResponse } from '../../../../common/src/schemas/auth.js';
import { apiPost } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { useApiError } from '../../components/form-errors.js';
import { authMessages } from './messages.js';
import { NewPasswordFields } from './new-password-fields.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current + new + confirm password; adopts the new session and reports success. */
export function ChangePasswordForm({ onDone, submitBlock = false }: { onDone?: (s: SessionResponse) => void; submitBlock?: boolean }) {
  const t = useT(authMessages);
  const { message } = App.useApp();
  const showError = useApiError();
  const { setSession } = useAuth();
  const [form] = Form.useForm<Values>();

  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => apiPost<SessionResponse>('/auth/password', body),
    onSuccess: (session) => {
      form.resetFields();
      setSession(session);
      void message.success(t('password.changed'));
      onDone?.(session);
    },
    onError: (err) => showError(err, form),
  });

  return (
    <Form<Values>
      form={form}
      name="change-password"
      layout="vertical"
      onFinish={(v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
      style={{ maxWidth: 440 }}
    >
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
        <Input.Password autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <NewPasswordFields name="newPassword" label={t('password.new')} confirmLabel={t('password.confirm')} />
      <Form.Item style={{ marginBottom: 0 }}>
        <Button type="primary" htmlType="submit" loading={change.isPending} block={submitBlock}>
          {t('password.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
