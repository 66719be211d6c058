import { useT } from '../../lib/i18n.js';
import { authMessages } from './messages.js';
import { SessionStepShell, useSessionStep } from './session-step.js';
import { TotpEnrolForm } from './totp-enrol-form.js';

/** /enrol-totp: forced when the user's role requires TOTP; also usable from the account page. */
export function EnrolTotpPage() {
  const t = useT(authMessages);
  const { forced, done } = useSessionStep('enrolTotp');
  return (
    <SessionStepShell
      forced={forced}
      title={t('totp.title')}
      subtitle={forced ? t('totp.forcedSubtitle') : t('totp.subtitle')}
      documentTitle={t('totp.title')}
      width={560}
    >
      <TotpEnrolForm onDone={done} />
    </SessionStepShell>
  );
}
