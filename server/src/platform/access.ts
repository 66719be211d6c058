import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { isPermission, type Permission } from '../../../common/src/permissions.js';
import { isLocale, localeFromAcceptLanguage, type Locale } from '../../../common/src/i18n/locale.js';
import type { SessionStage } from '../../../common/src/schemas/auth.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Actor, Ctx } from './context.js';
import { AppError } from './errors.js';
import { deleteSession, loadSession, SESSION_COOKIE, touchSession, type LoadedSession } from './sessions.js';
import { writeAuditNow } from './audit.js';

/**
 * What a route needs: `public` (no session), `authenticated` (any signed-in user), or one
 * permission. Every /api/v1 route must say which; start-up fails otherwise.
 */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Routes a session in a restricted stage (must change password / enrol TOTP) may still use. */
    allowStages?: SessionStage[];
  }
  interface FastifyRequest {
    ctx: Ctx;
    session: LoadedSession | null;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOUCH_AFTER_MS = 60_000;

function localeOf(request: FastifyRequest, userLocale?: string): Locale {
  const header = request.headers['accept-language'];
  if (header && /^(zh|en)/i.test(header.trim())) return localeFromAcceptLanguage(header);
  if (isLocale(userLocale)) return userLocale;
  return localeFromAcceptLanguage(header);
}

/** Records every route's access and refuses to start when an API route declares none. */
export function collectRouteAccess(app: FastifyInstance): RouteAccess[] {
  const routes: RouteAccess[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (access === undefined || (access !== 'public' && access !== 'authenticated' && !isPermission(access))) {
      throw new Error(`Route ${methods.join(',')} ${route.url} declares no valid access (public, authenticated or a permission)`);
    }
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, access });
  });
  return routes;
}

/**
 * Builds the request context (actor, IP, request id, language) and enforces the route's access:
 * session validity and timeouts, restricted stages, CSRF on unsafe methods, permission.
 */
export function registerAccessHooks(app: FastifyInstance, db: Db, config: Config): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.ctx = { actor: null, ip: request.ip, requestId: request.id, locale: localeOf(request) };
    reply.header('x-request-id', request.id);
    const access = request.routeOptions.config?.access;
    if (!request.url.startsWith('/api/')) return;
    reply.header('cache-control', 'no-store');
    if (access === undefined) return; // 404s and non-API routes

    if (access === 'public') {
      // Login and set-up have no session to bind a CSRF token to: refuse cross-site posts instead.
      if (UNSAFE.has(request.method)) assertSameOrigin(request);
      return;
    }

    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await loadSession(db, token) : null;
    if (!session) throw new AppError(401, token ? 'auth.sessionExpired' : 'auth.required');

    const now = Date.now();
    const idleExpired = now - Date.parse(session.lastSeenAt) > config.idleTimeoutMinutes * 60_000;
    const absoluteExpired = now - Date.parse(session.createdAt) > config.absoluteTimeoutHours * 3_600_000;
    if (idleExpired || absoluteExpired) {
      await deleteSession(db, session.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError(401, 'auth.sessionExpired');
    }
    // Best effort: a busy database (a large import committing) must not fail the request itself.
    if (now - Date.parse(session.lastSeenAt) > TOUCH_AFTER_MS) await touchSession(db, session.id).catch((err: unknown) => request.log.debug({ err }, 'session touch skipped'));

    request.session = session;
    request.ctx = {
      actor: actorOf(session),
      ip: request.ip,
      requestId: request.id,
      locale: localeOf(request, session.user.locale),
    };

    if (UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new AppError(403, 'auth.csrf');
    }
    if (session.stage !== 'full' && !request.routeOptions.config?.allowStages?.includes(session.stage)) {
      throw new AppError(403, session.stage === 'changePassword' ? 'auth.passwordChangeRequired' : 'auth.totpEnrolmentRequired');
    }
    if (access !== 'authenticated' && !session.permissions.has(access)) {
      await writeAuditNow(db, request.ctx, {
        action: 'access.denied',
        outcome: 'denied',
        detail: { method: request.method, route: request.routeOptions.url, permission: access },
      });
      throw new AppError(403, 'auth.forbidden');
    }
  });
}

function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError(403, 'auth.csrf');
  }
  // request.host honours X-Forwarded-Host when TONGXIN_TRUST_PROXY is set (behind a reverse proxy).
  if (host !== request.host) throw new AppError(403, 'auth.csrf');
}

export function actorOf(session: LoadedSession): Actor {
  const { user } = session;
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    unitId: user.unitId,
    unitPath: user.unitPath,
    permissions: session.permissions,
    sessionId: session.id,
    stage: session.stage,
  };
}
