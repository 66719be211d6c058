import type { ReactNode } from 'react';
import { Modal } from 'antd';
import { useT } from '../lib/i18n.js';
import { componentMessages } from './messages.js';
import { OverlayForm, type OverlayFormProps } from './overlay-form.js';

export interface FormModalProps<T> extends OverlayFormProps<T> {
  open: boolean;
  title: ReactNode;
  /** The submit button's text, e.g. "Move". */
  okText: string;
  submitting: boolean;
  onClose: () => void;
}

/** A one- or two-field form in a modal (move a unit, reset a password): the form fresh on every opening. */
export function FormModal<T>({ open, title, okText, submitting, onClose, ...formProps }: FormModalProps<T>) {
  const t = useT(componentMessages);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText={okText}
      cancelText={t('cancel')}
      okButtonProps={{ htmlType: 'submit', form: formProps.name }}
      confirmLoading={submitting}
      destroyOnHidden
    >
      {open && <OverlayForm<T> {...formProps} />}
    </Modal>
  );
}
