import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changePasswordBody, localeBody, loginBody, sessionResponse, totpDisableBody, totpEnableBody, totpSetupResponse, type SessionResponse,
} from '../../../../common/src/schemas/auth.js';
import { okSchema } from '../../../../common/src/schemas/common.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Ctx } from '../../platform/context.js';
import { actorOf } from '../../platform/access.js';
import { loadSession, SESSION_COOKIE } from '../../platform/sessions.js';
import { findRootUnit } from '../units/units.repository.js';
import {
  changePassword, describeMe, disableTotp, enableTotp, login, logout, setLocale, startTotpEnrolment,
} from './auth.service.js';

const tags = ['auth'];
/** Restricted sessions may still use these: finishing the required step, reading who they are, leaving. */
const ANY_STAGE = ['changePassword', 'enrolTotp'] as ('changePassword' | 'enrolTotp')[];

function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
    maxAge: config.absoluteTimeoutHours * 3600,
  });
}

async function sessionOf(db: Db, ctx: Ctx, csrfToken: string): Promise<SessionResponse> {
  return { user: await describeMe(db, ctx), csrfToken };
}

export async function registerAuthRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { config } = app.deps;

  r.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
      schema: { tags, body: loginBody, response: { 200: sessionResponse } },
    },
    async (req, reply) => {
      const result = await login(db, req.ctx, req.body, { userAgent: req.headers['user-agent'] ?? null });
      setSessionCookie(reply, config, result.token);
      const session = await loadSession(db, result.token);
      if (!session) throw new Error('session vanished right after login');
      return sessionOf(db, { ...req.ctx, actor: actorOf(session) }, result.csrfToken);
    },
  );

  r.post('/auth/logout', { config: { access: 'authenticated', allowStages: ANY_STAGE }, schema: { tags, response: { 200: okSchema } } }, async (req, reply) => {
    await logout(db, req.ctx);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  r.get('/auth/me', { config: { access: 'authenticated', allowStages: ANY_STAGE }, schema: { tags, response: { 200: sessionResponse } } }, async (req) =>
    sessionOf(db, req.ctx, req.session!.csrfToken),
  );

  r.post('/auth/password', { config: { access: 'authenticated', allowStages: ANY_STAGE }, schema: { tags, body: changePasswordBody, response: { 200: sessionResponse } } }, async (req) => {
    await changePassword(db, req.ctx, req.body.currentPassword, req.body.newPassword);
    return sessionOf(db, req.ctx, req.session!.csrfToken);
  });

  r.post('/auth/totp/setup', { config: { access: 'authenticated', allowStages: ['enrolTotp'] }, schema: { tags, response: { 200: totpSetupResponse } } }, async (req) => {
    const root = await findRootUnit(db);
    return startTotpEnrolment(db, req.ctx, root ? `Tongxin ${root.name}` : 'Tongxin');
  });

  r.post('/auth/totp/enable', { config: { access: 'authenticated', allowStages: ['enrolTotp'] }, schema: { tags, body: totpEnableBody, response: { 200: sessionResponse } } }, async (req) => {
    await enableTotp(db, req.ctx, req.body.code);
    return sessionOf(db, req.ctx, req.session!.csrfToken);
  });

  r.post('/auth/totp/disable', { config: { access: 'authenticated' }, schema: { tags, body: totpDisableBody, response: { 200: sessionResponse } } }, async (req) => {
    await disableTotp(db, req.ctx, req.body.password);
    return sessionOf(db, req.ctx, req.session!.csrfToken);
  });

  r.put('/auth/locale', { config: { access: 'authenticated', allowStages: ANY_STAGE }, schema: { tags, body: localeBody, response: { 200: okSchema } } }, async (req) => {
    await setLocale(db, req.ctx, req.body.locale);
    return { ok: true as const };
  });
}
