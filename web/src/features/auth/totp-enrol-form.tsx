import { useEffect, useRef } from 'react';
import { App, Button, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { SessionResponse } from '../../../../common/src/schemas/auth.js';
import { apiPost } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { useApiError } from '../../components/form-errors.js';
import { LoadErrorAlert } from '../../components/load-error-alert.js';
import { authMessages } from './messages.js';

interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

/** Groups a base32 secret in fours so it can be typed by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * TOTP enrolment: asks the server for a new secret (QR code and key), then enables it with a code
 * from the user's app. Adopts the new session and reports success.
 */
export function TotpEnrolForm({ onDone }: { onDone?: (s: SessionResponse) => void }) {
  const t = useT(authMessages);
  const { message } = App.useApp();
  const showError = useApiError();
  const { setSession } = useAuth();
  const [form] = Form.useForm<{ code: string }>();

  const setup = useMutation({ mutationFn: () => apiPost<TotpSetup>('/auth/totp/setup') });
  const enable = useMutation({
    mutationFn: (code: string) => apiPost<SessionResponse>('/auth/totp/enable', { code }),
    onSuccess: (session) => {
      setSession(session);
      void message.success(t('totp.enabled'));
      onDone?.(session);
    },
    onError: (err) => {
      form.setFieldValue('code', '');
      showError(err, form);
    },
  });

  // One secret per mount (the ref keeps React's development double-mount from asking twice).
  const started = useRef(false);
  const { mutate: startSetup } = setup;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startSetup();
  }, [startSetup]);

  return (
    <div>
      <ol style={{ paddingInlineStart: 20, marginTop: 0, color: 'rgba(0,0,0,0.72)' }}>
        <li>{t('totp.step1')}</li>
        <li>{t('totp.step2')}</li>
        <li>{t('totp.step3')}</li>
      </ol>
      {setup.isError ? (
        <LoadErrorAlert
          title={t('totp.loadFailed')}
          error={setup.error}
          onRetry={() => setup.mutate()}
          retryText={t('totp.regenerate')}
        />
      ) : (
        <Flex gap={24} wrap align="flex-start">
          <div className="tx-totp-qr">
            {setup.data ? (
              <img src={setup.data.qrDataUrl} alt={t('totp.qrAlt')} />
            ) : (
              <Skeleton.Image active style={{ width: 160, height: 160 }} />
            )}
          </div>
          <div style={{ flex: '1 1 220px', minWidth: 0 }}>
            <Typography.Text type="secondary">{t('totp.secret')}</Typography.Text>
            <div style={{ margin: '4px 0 16px' }}>
              {setup.data ? (
                <Typography.Text className="tx-secret" copyable={{ text: setup.data.secret }}>
                  {groupSecret(setup.data.secret)}
                </Typography.Text>
              ) : (
                <Skeleton.Input active size="small" />
              )}
            </div>
            <Form form={form} name="totp-enable" layout="vertical" onFinish={(v) => enable.mutate(v.code)} disabled={!setup.data}>
              <Form.Item name="code" label={t('totp.code')} rules={[{ required: true, len: 6, message: t('totp.codeRequired') }]}>
                <Input.OTP
                  length={6}
                  autoComplete="one-time-code"
                  formatter={(s) => s.replace(/\D/g, '')}
                  onChange={(v) => {
                    if (v.length === 6 && !enable.isPending) form.submit();
                  }}
                />
              </Form.Item>
              <Flex gap={8} wrap>
                <Button type="primary" htmlType="submit" loading={enable.isPending}>
                  {t('totp.submit')}
                </Button>
                <Button icon={<ReloadOutlined />} onClick={() => setup.mutate()} loading={setup.isPending} disabled={false}>
                  {t('totp.regenerate')}
                </Button>
              </Flex>
            </Form>
          </div>
        </Flex>
      )}
    </div>
  );
}
