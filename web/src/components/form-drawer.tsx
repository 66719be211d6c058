import { useRef, type ReactNode } from 'react';
import { App, Button, Drawer, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useT } from '../lib/i18n.js';
import { componentMessages } from './messages.js';
import { OverlayForm, type OverlayFormProps } from './overlay-form.js';

export interface FormDrawerProps<T> extends OverlayFormProps<T> {
  open: boolean;
  title: ReactNode;
  /** Width in pixels. */
  size: number;
  submitText: string;
  submitting: boolean;
  submitDisabled?: boolean;
  onClose: () => void;
}

/**
 * A short form in a drawer (ui.md "Forms"): cancel and submit in the footer, the form fresh on every
 * opening, server errors placed under the fields. Closing it after editing (cancel, ×, Esc, a click
 * outside) asks before the changes are thrown away.
 */
export function FormDrawer<T>({ open, title, size, submitText, submitting, submitDisabled, onClose, ...formProps }: FormDrawerProps<T>) {
  const t = useT(componentMessages);
  const { modal } = App.useApp();
  const formRef = useRef<FormInstance<T> | null>(null);

  const requestClose = () => {
    if (!formRef.current?.isFieldsTouched()) {
      onClose();
      return;
    }
    modal.confirm({
      title: t('unsaved.title'),
      content: t('unsaved.body'),
      okText: t('unsaved.discard'),
      cancelText: t('unsaved.keep'),
      okButtonProps: { danger: true },
      // Enter keeps the work; throwing it away takes a deliberate click.
      autoFocusButton: 'cancel',
      onOk: () => onClose(),
    });
  };

  return (
    <Drawer
      open={open}
      title={title}
      size={size}
      onClose={requestClose}
      destroyOnHidden
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={requestClose}>{t('cancel')}</Button>
          <Button type="primary" htmlType="submit" form={formProps.name} disabled={submitDisabled} loading={submitting}>
            {submitText}
          </Button>
        </Space>
      }
    >
      {open && <OverlayForm<T> {...formProps} formRef={formRef} />}
    </Drawer>
  );
}
