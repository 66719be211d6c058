import { Button } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import type { Me, SessionResponse } from '../../../../common/src/schemas/auth.js';
import { useAuth, type LoginLocationState } from '../../lib/auth.js';
import { useT } from '../../lib/i18n.js';
import { AuthShell, type AuthShellProps } from './auth-shell.js';
import { authMessages } from './messages.js';
import { sessionTarget } from './session-target.js';

/**
 * A session step's page (set a new password, set up an authenticator): `forced` when the session is
 * held at this step after login, else reached from the account page. `done` goes on to the next
 * forced step, else back where the user came from (forced) or to the account page.
 */
export function useSessionStep(stage: Exclude<Me['stage'], 'full'>): { forced: boolean; done: (session: SessionResponse) => void } {
  const { me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as LoginLocationState | null)?.from;
  const forced = me?.stage === stage;
  return {
    forced,
    done: (session) => {
      const target = sessionTarget(session.user, forced ? from : { ...location, pathname: '/account', search: '', hash: '' });
      navigate(target.to, { replace: true, state: target.state });
    },
  };
}

/** The frame of a session step's page: a forced step offers to log out, an optional one leads back. */
export function SessionStepShell({ forced, ...shell }: Omit<AuthShellProps, 'topExtra'> & { forced: boolean }) {
  const t = useT(authMessages);
  const { logout } = useAuth();
  const navigate = useNavigate();
  return (
    <AuthShell
      {...shell}
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
    />
  );
}
