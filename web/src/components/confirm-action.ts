import { useCallback, type ReactNode } from 'react';
import { App } from 'antd';
import { useT } from '../lib/i18n.js';
import { useErrorText } from './form-errors.js';
import { componentMessages } from './messages.js';

export interface ConfirmActionOptions {
  title: ReactNode;
  content: ReactNode;
  okText: string;
  /** Red confirm button, for actions that take something away (deactivate, reset). */
  danger?: boolean;
  /** Runs once confirmed; the confirm button spins until it settles. */
  action: () => Promise<unknown>;
  /** Said when the action has succeeded. */
  success: string;
}

/**
 * `const confirmAction = useConfirmAction();` then `confirmAction({ title, content, okText, action,
 * success })`: asks first (ui.md: confirmation before destructive actions), runs the action, then
 * says it worked or shows the error.
 */
export function useConfirmAction(): (options: ConfirmActionOptions) => void {
  const t = useT(componentMessages);
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  return useCallback(
    ({ title, content, okText, danger = false, action, success }: ConfirmActionOptions) => {
      modal.confirm({
        title,
        content,
        okText,
        cancelText: t('cancel'),
        okButtonProps: { danger },
        onOk: async () => {
          try {
            await action();
            message.success(success);
          } catch (err) {
            message.error(errorText(err));
          }
        },
      });
    },
    [t, message, modal, errorText],
  );
}
