import { useEffect, useRef, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography, type GetRef } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody, SessionResponse } from '../../../../common/src/schemas/auth.js';
import { ApiRequestError, apiGet, apiPost } from '../../lib/api.js';
import { useAuth, type LoginLocationState } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { applyFieldErrors, useErrorText } from '../../components/form-errors.js';
import { FullPageSpin } from '../../components/page-skeleton.js';
import { AuthShell } from './auth-shell.js';
import { loginMessages } from './login-messages.js';
import { sessionTarget } from './session-target.js';

type OTPRef = GetRef<typeof Input.OTP>;

interface LoginValues {
  username: string;
  password: string;
  totp?: string;
}

export function LoginPage() {
  const t = useT(loginMessages);
  const errorText = useErrorText();
  const { me, loading, setSession, sessionEnd } = useAuth();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginLocationState;
  const [form] = Form.useForm<LoginValues>();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  const otpRef = useRef<OTPRef>(null);

  const setupStatus = useQuery({
    queryKey: ['setup-status'],
    queryFn: () => apiGet<{ needsSetup: boolean }>('/setup/status'),
    staleTime: 0,
  });

  const login = useMutation({
    mutationFn: (body: LoginBody) => apiPost<SessionResponse>('/auth/login', body),
    onMutate: () => {
      setAttempted(true);
      setError(null);
    },
    onSuccess: (session) => setSession(session),
    onError: (err) => {
      if (err instanceof ApiRequestError && err.code === 'auth.totpRequired') {
        setNeedTotp(true);
        return;
      }
      if (err instanceof ApiRequestError && err.code === 'auth.totpInvalid') {
        form.setFieldValue('totp', '');
        otpRef.current?.focus();
      }
      applyFieldErrors(form, err);
      setError(errorText(err));
    },
  });

  useEffect(() => {
    if (needTotp) otpRef.current?.focus();
  }, [needTotp]);

  if (loading) return <FullPageSpin />;
  if (me) {
    const target = sessionTarget(me, state.from);
    return <Navigate to={target.to} state={target.state} replace />;
  }
  if (setupStatus.data?.needsSetup) return <Navigate to="/setup" replace />;

  const submit = (values: LoginValues) => {
    login.mutate({
      username: values.username.trim(),
      password: values.password,
      ...(needTotp && values.totp ? { totp: values.totp } : {}),
    });
  };

  return (
    <AuthShell title={t('login.title')} subtitle={t('login.subtitle')} documentTitle={t('login.title')}>
      {!attempted && sessionEnd === 'expired' && (
        <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 20 }} />
      )}
      {!attempted && sessionEnd === 'loggedOut' && (
        <Alert type="success" showIcon title={t('login.loggedOut')} style={{ marginBottom: 20 }} />
      )}
      {error && (
        <Alert
          data-testid="login-error"
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 20 }}
          role="alert"
        />
      )}
      <Form<LoginValues>
        form={form}
        name="login"
        layout="vertical"
        size="large"
        requiredMark={false}
        onFinish={submit}
        onValuesChange={(changed) => {
          if ('username' in changed || 'password' in changed) {
            setNeedTotp(false);
            form.setFieldValue('totp', undefined);
          }
        }}
      >
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={128} />
        </Form.Item>
        {needTotp && (
          <Form.Item
            name="totp"
            label={
              <span>
                <SafetyOutlined style={{ marginInlineEnd: 6 }} />
                {t('login.totp')}
              </span>
            }
            extra={t('login.totpHint')}
            rules={[{ required: true, len: 6, message: t('login.totpRequired') }]}
          >
            <Input.OTP
              ref={otpRef}
              length={6}
              autoComplete="one-time-code"
              formatter={(s) => s.replace(/\D/g, '')}
              onChange={(v) => {
                if (v.length === 6 && !login.isPending) form.submit();
              }}
            />
          </Form.Item>
        )}
        <Form.Item style={{ marginBottom: 12, marginTop: 8 }}>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {needTotp ? t('login.submitTotp') : t('login.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 13 }}>
        {t('login.forgot')}
      </Typography.Paragraph>
    </AuthShell>
  );
}
