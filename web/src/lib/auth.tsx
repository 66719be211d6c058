import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate, type Location } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { Me, SessionResponse } from '../../../common/src/schemas/auth.js';
import type { Permission } from '../../../common/src/permissions.js';
import { ApiRequestError, apiGet, apiPost, apiPut, onUnauthorized, setCsrfToken } from './api.js';
import { hasStoredLocale, useLocale } from './i18n.js';

// The session: who is logged in, what they may do, and the ways in and out. It lives inside the
// router (so it can send the user to /login) and above every page.

export interface AuthContextValue {
  /** The logged-in user, or null. */
  me: Me | null;
  /** True until the first GET /auth/me has answered. */
  loading: boolean;
  /** Whether the user holds a permission (for showing menus and pages; records carry `abilities`). */
  can: (p: Permission) => boolean;
  /** Adopt a SessionResponse (after login, password change, TOTP enable/disable…). */
  setSession: (s: SessionResponse) => void;
  /** POST /auth/logout, forget the session and cached data, go to /login. */
  logout: () => Promise<void>;
  /** Reload GET /auth/me. */
  refresh: () => Promise<void>;
  /** Why the last session ended in this tab (for the login page's notice); null once a new one starts. */
  sessionEnd: SessionEnd;
}

export type SessionEnd = 'expired' | 'loggedOut' | null;

/** What the login page gets in `location.state` when the app sends the user there. */
export interface LoginLocationState {
  /** The page to return to after logging in. */
  from?: Location;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [sessionEnd, setSessionEnd] = useState<SessionEnd>(null);
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const { locale, setLocale } = useLocale();

  const meRef = useRef<Me | null>(null);
  meRef.current = me;
  const locationRef = useRef(location);
  locationRef.current = location;

  const setSession = useCallback((s: SessionResponse) => {
    setCsrfToken(s.csrfToken);
    setMe(s.user);
    setSessionEnd(null);
  }, []);

  const clearSession = useCallback(() => {
    setCsrfToken('');
    setMe(null);
    queryClient.clear();
  }, [queryClient]);

  const refresh = useCallback(async () => {
    try {
      setSession(await apiGet<SessionResponse>('/auth/me'));
    } catch (err) {
      // 401: not logged in. Anything else (server down): treat as logged out; the login page says more.
      if (!(err instanceof ApiRequestError) || err.status === 401) setMe(null);
    } finally {
      setLoading(false);
    }
  }, [setSession]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The server says the session is gone: back to the login page, then back here after logging in.
  useEffect(
    () =>
      onUnauthorized(() => {
        if (!meRef.current) return;
        setSessionEnd('expired');
        clearSession();
        const state: LoginLocationState = { from: locationRef.current };
        navigate('/login', { replace: true, state });
      }),
    [clearSession, navigate],
  );

  // Language: an explicit choice made in this browser wins and is remembered on the server;
  // otherwise adopt the language the server remembers for this user.
  const userId = me?.id;
  const serverLocale = me?.locale;
  useEffect(() => {
    if (userId === undefined || !serverLocale || serverLocale === locale) return;
    if (hasStoredLocale()) void apiPut('/auth/locale', { locale }).catch(() => {});
    else setLocale(serverLocale);
    // Only when a user's session starts; later switches save themselves (LocaleSwitch).
  }, [userId]);

  const logout = useCallback(async () => {
    try {
      await apiPost('/auth/logout');
    } catch {
      // The session may already be gone; logging out locally is what matters.
    }
    setSessionEnd('loggedOut');
    clearSession();
    navigate('/login', { replace: true });
  }, [clearSession, navigate]);

  const can = useCallback((p: Permission) => !!me && me.stage === 'full' && me.permissions.includes(p), [me]);

  const value = useMemo<AuthContextValue>(
    () => ({ me, loading, can, setSession, logout, refresh, sessionEnd }),
    [me, loading, can, setSession, logout, refresh, sessionEnd],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** Renders its children only when the user holds the permission (else `fallback`, default nothing). */
export function Can({
  permission,
  children,
  fallback = null,
}: {
  permission: Permission;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const { can } = useAuth();
  return <>{can(permission) ? children : fallback}</>;
}
