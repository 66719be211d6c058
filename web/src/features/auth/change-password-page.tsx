import { Button } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useAuth, type LoginLocationState } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { AuthShell } from './auth-shell.js';
import { ChangePasswordForm } from './change-password-form.js';
import { authMessages } from './messages.js';
import { sessionTarget } from './session-target.js';

/** /change-password: forced after an administrator-issued password; also usable any time. */
export function ChangePasswordPage() {
  const t = useT(authMessages);
  const { me, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as LoginLocationState | null)?.from;
  const forced = me?.stage === 'changePassword';

  return (
    <AuthShell
      title={forced ? t('changePassword.forcedTitle') : t('changePassword.title')}
      subtitle={forced ? t('changePassword.forcedSubtitle') : t('changePassword.subtitle')}
      documentTitle={t('changePassword.title')}
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
      <ChangePasswordForm
        submitBlock
        onDone={(session) => {
          const target = sessionTarget(session.user, forced ? from : { ...location, pathname: '/account', search: '', hash: '' });
          navigate(target.to, { replace: true, state: target.state });
        }}
      />
    </AuthShell>
  );
}
