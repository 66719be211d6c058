import { useT } from '../../lib/i18n.js';
import { ChangePasswordForm } from './change-password-form.js';
import { authMessages } from './messages.js';
import { SessionStepShell, useSessionStep } from './session-step.js';

/** /change-password: forced after an administrator-issued password; also usable any time. */
export function ChangePasswordPage() {
  const t = useT(authMessages);
  const { forced, done } = useSessionStep('changePassword');
  return (
    <SessionStepShell
      forced={forced}
      title={forced ? t('changePassword.forcedTitle') : t('changePassword.title')}
      subtitle={forced ? t('changePassword.forcedSubtitle') : t('changePassword.subtitle')}
      documentTitle={t('changePassword.title')}
    >
      <ChangePasswordForm submitBlock onDone={done} />
    </SessionStepShell>
  );
}
