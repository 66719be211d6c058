import { useCallback, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Tooltip, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useT } from '../../lib/i18n.js';
import { FormModal } from '../../components/form-modal.js';
import { useRevealPerson } from './api.js';
import { personMessages } from './messages.js';
import { reasonRule } from './reason-rule.js';

// Personal data masked by default (ui.md): an eye button asks for a reason, says the reveal is
// logged, then shows the value until hidden again or the page is left (it is only kept in state).

export type RevealField = 'residentId' | 'mobile';

export function useReveal(personId: number) {
  const [revealed, setRevealed] = useState<Partial<Record<RevealField, string | null>>>({});
  const [asking, setAsking] = useState<RevealField | null>(null);
  const reveal = useRevealPerson();
  const t = useT(personMessages);
  const fieldName = (f: RevealField) => t(`field.${f}`);

  const modal = (
    <FormModal<{ reason: string }>
      open={asking !== null}
      title={asking ? t('revealTitle', { field: fieldName(asking) }) : ''}
      okText={t('revealOk')}
      submitting={reveal.isPending}
      name="personRevealForm"
      initialValues={{ reason: '' }}
      notice={<Alert type="warning" showIcon title={t('revealNote')} style={{ marginBottom: 16 }} />}
      onClose={() => setAsking(null)}
      onSubmit={async ({ reason }) => {
        if (!asking) return;
        const value = await reveal.mutateAsync({ id: personId, field: asking, reason: reason.trim() });
        setRevealed((r) => ({ ...r, [asking]: value }));
        setAsking(null);
      }}
    >
      <Form.Item name="reason" label={t('revealReason')} rules={[reasonRule(t('revealReasonRequired'))]}>
        <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('revealReasonPlaceholder')} autoFocus />
      </Form.Item>
    </FormModal>
  );

  const reset = useCallback(() => setRevealed({}), []);
  return {
    revealed,
    reset,
    ask: (field: RevealField) => setAsking(field),
    hide: (field: RevealField) =>
      setRevealed((r) => {
        const next = { ...r };
        delete next[field];
        return next;
      }),
    modal,
  };
}

export function RevealableValue({
  field,
  masked,
  canReveal,
  state,
}: {
  field: RevealField;
  masked: string | null;
  canReveal: boolean;
  state: ReturnType<typeof useReveal>;
}) {
  const t = useT(personMessages);
  if (!masked) return <Typography.Text type="secondary">{t('none')}</Typography.Text>;
  const fieldName = t(`field.${field}`);
  const isRevealed = field in state.revealed;
  const value = state.revealed[field];
  return (
    <Flex align="center" gap={4} wrap>
      <Typography.Text
        copyable={isRevealed && value ? { text: value } : false}
        style={{ fontVariantNumeric: 'tabular-nums', letterSpacing: '0.02em' }}
        data-testid={`person-${field}`}
      >
        {isRevealed ? (value ?? t('revealEmpty')) : masked}
      </Typography.Text>
      {canReveal &&
        (isRevealed ? (
          <Tooltip title={t('hide', { field: fieldName })}>
            <Button type="text" size="small" icon={<EyeInvisibleOutlined />} aria-label={t('hide', { field: fieldName })} onClick={() => state.hide(field)} />
          </Tooltip>
        ) : (
          <Tooltip title={t('reveal', { field: fieldName })}>
            <Button type="text" size="small" icon={<EyeOutlined />} aria-label={t('reveal', { field: fieldName })} onClick={() => state.ask(field)} />
          </Tooltip>
        ))}
    </Flex>
  );
}
