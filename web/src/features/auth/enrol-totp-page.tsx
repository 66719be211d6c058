import { Button } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useAuth, type LoginLocationState } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { AuthShell } from './auth-shell.js';
import { TotpEnrolForm } from './totp-enrol-form.js';
import { authMessages } from './messages.js';
import { sessionTarget } from './session-target.js';

/** /enrol-totp: forced when the user's role requires TOTP; also usable from the account page. */
export function EnrolTotpPage() {
  const t = useT(authMessages);
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as LoginLocationState | null)?.from;
  const forced = me?.stage === 'enrolTotp';

  return (
    <AuthShell
      title={t('totp.title')}
      subtitle={forced ? t('totp.forcedSubtitle') : t('totp.subtitle')}
      documentTitle={t('totp.title')}
      width={560}
      topExtra={
        forced ? (
          <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t('logout')}
          </Button>
        ) : (
          <Button type="link" onClick={() => navigate('/account')}>
            {t('backToAccount')}
          </Button>
        )
      }
    >
      <TotpEnrolForm
        onDone={(session) => {
          const target = sessionTarget(session.user, forced ? from : { ...location, pathname: '/account', search: '', hash: '' });
          navigate(target.to, { replace: true, state: target.state });
        }}
      />
    </AuthShell>
  );
}
