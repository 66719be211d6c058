import { Form, Input } from 'antd';
import { useT } from '../../lib/i18n.js';
import { passwordPolicyRule, sameAsRule } from '../../components/form-rules.js';
import { authMessages } from './messages.js';

/** A new password (with the policy under it) and its confirmation, the latter in the field `confirm`. */
export function NewPasswordFields({ name, label, confirmLabel }: { name: string; label: string; confirmLabel: string }) {
  const t = useT(authMessages);
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={t('password.policy')}
        rules={[{ required: true, message: t('password.required') }, passwordPolicyRule(t('password.policyError'))]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={confirmLabel}
        dependencies={[name]}
        rules={[{ required: true, message: t('password.required') }, sameAsRule(name, t('password.mismatch'))]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
    </>
  );
}
