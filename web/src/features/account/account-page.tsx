import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Row, Segmented, Tag, Typography } from 'antd';
import { CheckCircleFilled, LockOutlined, MinusCircleOutlined, SafetyOutlined } from '@ant-design/icons';
import type { SessionResponse } from '../../../../common/src/schemas/auth.js';
import { LOCALES, type Locale } from '../../../../common/src/i18n/locale.js';
import { ApiRequestError, apiPost, apiPut } from '../../lib/api.js';
import { useAuth } from '../../lib/auth.js';
import { useLocale, useT } from '../../lib/i18n.js';
import { PageHeader } from '../../components/page-header.js';
import { applyFieldErrors, useErrorText } from '../../components/form-errors.js';
import { componentMessages } from '../../components/messages.js';
import { ChangePasswordForm } from '../auth/change-password-form.js';
import { TotpEnrolForm } from '../auth/totp-enrol-form.js';
import { accountMessages } from './messages.js';

function DisableTotpModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT(accountMessages);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { setSession } = useAuth();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);

  const disable = useMutation({
    mutationFn: (password: string) => apiPost<SessionResponse>('/auth/totp/disable', { password }),
    onMutate: () => setError(null),
    onSuccess: (session) => {
      setSession(session);
      void message.success(t('totpDisabled'));
      onClose();
    },
    onError: (err) => {
      // Field errors show under the field; the banner is for what no field explains (e.g. the role
      // requires TOTP).
      const unmatched = applyFieldErrors(form, err);
      const placed = err instanceof ApiRequestError && Object.keys(err.fields).length > 0 && unmatched.length === 0;
      setError(placed ? null : errorText(err));
    },
  });

  return (
    <Modal
      open={open}
      title={t('totpDisableTitle')}
      okText={t('totpDisableOk')}
      cancelText={t('cancel')}
      okButtonProps={{ danger: true, loading: disable.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => setError(null)}
    >
      <Typography.Paragraph>{t('totpDisableConfirm')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} name="totp-disable" layout="vertical" onFinish={(v) => disable.mutate(v.password)} preserve={false}>
        <Form.Item name="password" label={t('currentPassword')} rules={[{ required: true, message: t('required') }]}>
          <Input.Password autoComplete="current-password" autoFocus maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AccountPage() {
  const t = useT(accountMessages);
  const tc = useT(componentMessages);
  const { message } = App.useApp();
  const { me } = useAuth();
  const { locale, setLocale } = useLocale();
  const [enrolOpen, setEnrolOpen] = useState(false);
  const [disableOpen, setDisableOpen] = useState(false);

  if (!me) return null;

  const chooseLocale = (next: Locale) => {
    setLocale(next);
    void apiPut('/auth/locale', { locale: next })
      .then(() => message.success(accountMessages[next].languageSaved))
      .catch(() => {});
  };

  const roles = me.roles.map((r) => (locale === 'en-US' ? r.nameEn || r.name : r.name));

  return (
    <div>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card
              variant="borderless"
              title={
                <span>
                  <LockOutlined style={{ marginInlineEnd: 8, color: '#c8102e' }} />
                  {t('password')}
                </span>
              }
            >
              <Typography.Paragraph type="secondary">{t('passwordDesc')}</Typography.Paragraph>
              <ChangePasswordForm />
            </Card>
            <Card
              variant="borderless"
              title={
                <span>
                  <SafetyOutlined style={{ marginInlineEnd: 8, color: '#c8102e' }} />
                  {t('totp')}
                </span>
              }
              extra={
                <Flex gap={4}>
                  {me.totpEnabled ? (
                    <Tag color="success" icon={<CheckCircleFilled />} data-testid="totp-status">
                      {t('totpOn')}
                    </Tag>
                  ) : (
                    <Tag icon={<MinusCircleOutlined />} data-testid="totp-status">
                      {t('totpOff')}
                    </Tag>
                  )}
                  {me.totpRequired && <Tag color="gold">{t('totpRequiredTag')}</Tag>}
                </Flex>
              }
            >
              <Typography.Paragraph type="secondary">{t('totpDesc')}</Typography.Paragraph>
              {me.totpEnabled && me.totpRequired && (
                <Alert type="info" showIcon title={t('totpRequiredNote')} style={{ marginBottom: 16 }} />
              )}
              {me.totpEnabled ? (
                <Button danger onClick={() => setDisableOpen(true)}>
                  {t('totpDisable')}
                </Button>
              ) : (
                <Button type="primary" icon={<SafetyOutlined />} onClick={() => setEnrolOpen(true)}>
                  {t('totpEnable')}
                </Button>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <Card variant="borderless" title={t('profile')}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'username', label: t('username'), children: me.username },
                  { key: 'displayName', label: t('displayName'), children: me.displayName },
                  { key: 'unit', label: t('unit'), children: me.unit.name },
                  {
                    key: 'roles',
                    label: t('roles'),
                    children: (
                      <Flex gap={4} wrap>
                        {roles.map((r) => (
                          <Tag key={r} color="red" variant="filled">
                            {r}
                          </Tag>
                        ))}
                      </Flex>
                    ),
                  },
                ]}
              />
            </Card>
            <Card variant="borderless" title={t('language')}>
              <Typography.Paragraph type="secondary">{t('languageDesc')}</Typography.Paragraph>
              <Segmented<Locale>
                value={locale}
                onChange={chooseLocale}
                options={LOCALES.map((l) => ({ value: l, label: <span lang={l}>{tc(`language.${l}`)}</span> }))}
              />
            </Card>
          </Flex>
        </Col>
      </Row>

      <Modal
        open={enrolOpen}
        title={t('totpEnableTitle')}
        footer={null}
        width={620}
        onCancel={() => setEnrolOpen(false)}
        destroyOnHidden
      >
        <TotpEnrolForm onDone={() => setEnrolOpen(false)} />
      </Modal>
      <DisableTotpModal open={disableOpen} onClose={() => setDisableOpen(false)} />
    </div>
  );
}
