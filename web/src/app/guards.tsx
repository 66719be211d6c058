import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../../common/src/permissions.js';
import type { SessionStage } from '../../../common/src/schemas/auth.js';
import { useAuth, type LoginLocationState } from '../lib/auth.js';
import { ForbiddenPage } from '../components/lazy-result-pages.js';
import { FullPageSpin } from '../components/page-skeleton.js';

const STAGE_PATHS: Record<Exclude<SessionStage, 'full'>, string> = {
  changePassword: '/change-password',
  enrolTotp: '/enrol-totp',
};

/** The pages of the app shell: a full session is needed; a restricted one finishes its step first. */
export function RequireSession({ children }: { children?: ReactNode }) {
  const { me, loading, sessionEnd } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!me) {
    // After logging out, the next person starts afresh rather than on the previous user's page.
    const state: LoginLocationState | undefined = sessionEnd === 'loggedOut' ? undefined : { from: location };
    return <Navigate to="/login" replace state={state} />;
  }
  if (me.stage !== 'full') return <Navigate to={STAGE_PATHS[me.stage]} replace state={{ from: location }} />;
  return <>{children ?? <Outlet />}</>;
}

/**
 * The forced-step pages (/change-password, /enrol-totp): any session; a restricted session may only
 * see the page of its own step.
 */
export function RequireStage({ stage, children }: { stage: Exclude<SessionStage, 'full'>; children: ReactNode }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!me) return <Navigate to="/login" replace state={{ from: location } satisfies LoginLocationState} />;
  if (me.stage !== 'full' && me.stage !== stage) return <Navigate to={STAGE_PATHS[me.stage]} replace state={location.state} />;
  return <>{children}</>;
}

/** A page that needs a permission: the 403 result page when the user lacks it. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  return <>{can(permission) ? children : <ForbiddenPage />}</>;
}
