import { Alert, Button } from 'antd';
import { useT } from '../lib/i18n.js';
import { useErrorText } from './form-errors.js';
import { componentMessages } from './messages.js';

/** "Could not load …": the error's text and a button that tries again (lists, trees, set-up steps). */
export function LoadErrorAlert({
  title,
  error,
  onRetry,
  retryText,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
  /** Replaces the "Retry" button text. */
  retryText?: string;
}) {
  const t = useT(componentMessages);
  const errorText = useErrorText();
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={errorText(error)}
      action={
        <Button size="small" onClick={onRetry}>
          {retryText ?? t('retryLoad')}
        </Button>
      }
    />
  );
}
