import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Result, Skeleton, Steps } from 'antd';
import type { SetupBody } from '../../../../common/src/schemas/auth.js';
import { ApiRequestError, apiGet, apiPost } from '../../lib/api.js';
import { useT } from '../../lib/i18n.js';
import { applyFieldErrors, useErrorText } from '../../components/form-errors.js';
import { ServerErrorPage } from '../../components/result-pages.js';
import { AuthShell } from './auth-shell.js';
import { authMessages } from './messages.js';
import { NewPasswordFields } from './new-password-fields.js';

interface SetupValues extends SetupBody {
  confirm: string;
}

// The fields of each step: only the current step's fields are mounted (the form store keeps the
// others' values), so submitting validates just that step; server errors go back to the step that
// holds the field.
const STEP_FIELDS: (keyof SetupValues)[][] = [
  ['token'],
  ['districtName', 'districtNameEn', 'districtCode'],
  ['username', 'displayName', 'password', 'confirm'],
];

/** /setup: the first-run wizard (token → district → security administrator → done). */
export function SetupPage() {
  const t = useT(authMessages);
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SetupValues>();
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // Server field errors wait until the step holding the field is on screen.
  const [pendingFieldError, setPendingFieldError] = useState<ApiRequestError | null>(null);

  const status = useQuery({
    queryKey: ['setup-status'],
    queryFn: () => apiGet<{ needsSetup: boolean }>('/setup/status'),
    staleTime: 0,
  });

  const submit = useMutation({
    mutationFn: (body: SetupBody) => apiPost<{ ok: true }>('/setup', body),
    onMutate: () => setError(null),
    onSuccess: () => {
      setStep(3);
      queryClient.setQueryData(['setup-status'], { needsSetup: false });
    },
    onError: (err) => {
      if (err instanceof ApiRequestError && err.code === 'setup.done') {
        queryClient.setQueryData(['setup-status'], { needsSetup: false });
        return;
      }
      // Field errors show under their fields (on their step); the banner is for anything else.
      const bad = err instanceof ApiRequestError ? Object.keys(err.fields) : [];
      const allPlaceable = bad.length > 0 && bad.every((f) => STEP_FIELDS.some((names) => names.includes(f as keyof SetupValues)));
      setError(allPlaceable ? null : errorText(err));
      // Go back to the first step holding a field the server rejected.
      if (err instanceof ApiRequestError) {
        const first = STEP_FIELDS.findIndex((names) => names.some((n) => bad.includes(n)));
        if (first >= 0) setStep(first);
        else if (err.code === 'setup.invalidToken') setStep(0);
        setPendingFieldError(err);
      }
    },
  });

  // Runs after antd validated the mounted fields, i.e. the current step's.
  const next = () => {
    setError(null);
    if (step < 2) {
      setStep(step + 1);
      return;
    }
    const v = form.getFieldsValue(true) as SetupValues;
    submit.mutate({
      token: v.token.trim(),
      districtName: v.districtName.trim(),
      districtNameEn: (v.districtNameEn ?? '').trim(),
      districtCode: v.districtCode.trim(),
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      password: v.password,
    });
  };

  useEffect(() => {
    if (!pendingFieldError) return;
    applyFieldErrors(form, pendingFieldError);
    setPendingFieldError(null);
  }, [pendingFieldError, step, form]);

  // Keyboard users continue in the first field of the step they land on.
  useEffect(() => {
    const first = STEP_FIELDS[step]?.[0];
    const instance = first ? (form.getFieldInstance(first) as { focus?: () => void } | undefined) : undefined;
    if (step > 0) instance?.focus?.();
  }, [step, form]);

  const goLogin = () => navigate('/login', { replace: true });

  let body;
  if (status.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (status.isError) body = <ServerErrorPage error={status.error} onRetry={() => void status.refetch()} />;
  else if (step === 3)
    body = (
      <Result
        status="success"
        title={t('setup.doneTitle')}
        subTitle={t('setup.doneSubtitle')}
        extra={
          <Button type="primary" size="large" onClick={goLogin}>
            {t('setup.goLogin')}
          </Button>
        }
      />
    );
  else if (!status.data.needsSetup)
    body = (
      <Result
        status="info"
        title={t('setup.alreadyTitle')}
        subTitle={t('setup.alreadySubtitle')}
        extra={
          <Button type="primary" onClick={goLogin}>
            {t('setup.goLogin')}
          </Button>
        }
      />
    );
  else
    body = (
      <>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 20 }} role="alert" data-testid="setup-error" />
        )}
        <Form<SetupValues>
          form={form}
          name="setup"
          layout="vertical"
          requiredMark
          onFinish={next}
          initialValues={{ districtNameEn: '' }}
        >
          {step === 0 && (
          <div>
            <Form.Item
              name="token"
              label={t('setup.token')}
              extra={t('setup.tokenHint')}
              rules={[{ required: true, whitespace: true, message: t('password.required') }]}
            >
              <Input className="tx-secret" placeholder={t('setup.tokenPlaceholder')} autoComplete="off" maxLength={200} autoFocus />
            </Form.Item>
          </div>
          )}
          {step === 1 && (
          <div>
            <Form.Item
              name="districtName"
              label={t('setup.districtName')}
              rules={[{ required: true, whitespace: true, message: t('password.required') }]}
            >
              <Input placeholder={t('setup.districtNamePlaceholder')} maxLength={60} />
            </Form.Item>
            <Form.Item name="districtNameEn" label={t('setup.districtNameEn')} extra={t('setup.districtNameEnHint')}>
              <Input placeholder={t('setup.districtNameEnPlaceholder')} maxLength={80} />
            </Form.Item>
            <Form.Item
              name="districtCode"
              label={t('setup.districtCode')}
              extra={t('setup.districtCodeHint')}
              rules={[
                { required: true, message: t('password.required') },
                { pattern: /^\d{6}$/, message: t('setup.districtCodeInvalid') },
              ]}
            >
              <Input placeholder={t('setup.districtCodePlaceholder')} maxLength={6} inputMode="numeric" style={{ maxWidth: 240 }} />
            </Form.Item>
          </div>
          )}
          {step === 2 && (
          <div>
            <Alert type="info" showIcon title={t('setup.adminHint')} style={{ marginBottom: 20 }} />
            <Flex gap={16} wrap>
              <Form.Item
                name="username"
                label={t('setup.username')}
                style={{ flex: '1 1 200px' }}
                rules={[{ required: true, whitespace: true, message: t('password.required') }]}
              >
                <Input placeholder={t('setup.usernamePlaceholder')} autoComplete="username" maxLength={32} />
              </Form.Item>
              <Form.Item
                name="displayName"
                label={t('setup.displayName')}
                style={{ flex: '1 1 200px' }}
                rules={[{ required: true, whitespace: true, message: t('password.required') }]}
              >
                <Input maxLength={40} autoComplete="name" />
              </Form.Item>
            </Flex>
            <NewPasswordFields name="password" label={t('setup.password')} confirmLabel={t('setup.confirm')} />
          </div>
          )}
          <Flex justify="space-between" style={{ marginTop: 8 }}>
            <Button onClick={() => setStep(step - 1)} disabled={step === 0 || submit.isPending}>
              {t('setup.prev')}
            </Button>
            <Button type="primary" htmlType="submit" loading={submit.isPending}>
              {step === 2 ? t('setup.submit') : t('setup.next')}
            </Button>
          </Flex>
        </Form>
      </>
    );

  const showSteps = status.data?.needsSetup || step === 3;
  return (
    <AuthShell title={t('setup.title')} subtitle={t('setup.subtitle')} documentTitle={t('setup.title')} width={600}>
      {showSteps && (
        <Steps
          current={step}
          status={step === 3 ? 'finish' : 'process'}
          size="small"
          style={{ marginBottom: 28 }}
          items={[
            { title: t('setup.step.token') },
            { title: t('setup.step.district') },
            { title: t('setup.step.admin') },
            { title: t('setup.step.done') },
          ]}
        />
      )}
      {body}
    </AuthShell>
  );
}
