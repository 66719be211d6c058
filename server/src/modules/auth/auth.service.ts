import type { Me, SessionStage } from '../../../../common/src/schemas/auth.js';
import { isLocale, type Locale } from '../../../../common/src/i18n/locale.js';
import { writeAudit, writeAuditNow } from '../../platform/audit.js';
import { requireUser, type Ctx } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../platform/passwords.js';
import { createSession, deleteSession, deleteUserSessions, setSessionStage } from '../../platform/sessions.js';
import { nowIso, type Db, type Executor } from '../../db/database.js';
import { findRootUnit } from '../units/units.repository.js';
import { updateUser } from '../users/users.repository.js';
import {
  findLoginUser, findUserSecrets, incrementFailedLogins, loadMe, lockLogin, recordLoginSuccess, roleRequiresTotp,
} from './auth.repository.js';
import { acceptTotp, newTotpSecret, totpEnrolment } from './totp.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface LoginResult {
  token: string;
  csrfToken: string;
  userId: number;
}

/**
 * Username + password (+ TOTP when enrolled). Unknown user, wrong password, locked or
 * deactivated account all get the same message and take about the same time.
 */
export async function login(
  db: Db,
  ctx: Ctx,
  input: { username: string; password: string; totp?: string },
  meta: { userAgent: string | null },
): Promise<LoginResult> {
  const user = await findLoginUser(db, input.username);
  const failed = async (reason: string, userId: number | null) => {
    await writeAuditNow(db, ctx, { action: 'auth.loginFailed', objectType: 'user', objectId: userId ?? undefined, outcome: 'failure', detail: { reason } }, { id: userId, name: input.username.slice(0, 40) });
    return new AppError(401, 'auth.invalidCredentials');
  };
  if (!user) {
    await verifyAgainstDummy(input.password);
    throw await failed('unknownUser', null);
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  const locked = !!user.locked_until && Date.parse(user.locked_until) > Date.now();
  if (locked) throw await failed('locked', user.id);
  if (!user.active) throw await failed('inactive', user.id);
  if (!passwordOk) {
    await countFailure(db, user.id);
    throw await failed('badPassword', user.id);
  }
  if (user.totp_secret) {
    if (!input.totp) throw new AppError(401, 'auth.totpRequired');
    const step = acceptTotp(user.totp_secret, input.totp, user.totp_last_step);
    if (step === null) {
      await countFailure(db, user.id);
      await writeAuditNow(db, ctx, { action: 'auth.loginFailed', objectType: 'user', objectId: user.id, outcome: 'failure', detail: { reason: 'badTotp' } }, { id: user.id, name: user.username });
      throw new AppError(401, 'auth.totpInvalid');
    }
    await updateUser(db, user.id, { totp_last_step: step });
  }

  const stage = await nextStage(db, user.id, user.must_change_password === 1, !!user.totp_secret);
  return db.transaction().execute(async (trx) => {
    await recordLoginSuccess(trx, user.id, ctx.ip);
    const session = await createSession(trx, user.id, stage, { ip: ctx.ip, userAgent: meta.userAgent });
    await writeAudit(trx, ctx, { action: 'auth.login', objectType: 'user', objectId: user.id, detail: { stage } }, { id: user.id, name: user.username });
    return { ...session, userId: user.id };
  });
}

async function countFailure(db: Db, userId: number): Promise<void> {
  // Incremented in the database, not from the count read at the start of this login: guesses sent
  // all at once would otherwise each write the same "1" and never reach the lock.
  const failures = await incrementFailedLogins(db, userId);
  if (failures < MAX_FAILED_LOGINS) return;
  // Sessions already open stay open: a guesser must not be able to sign the real user out.
  await lockLogin(db, userId, new Date(Date.now() + LOCK_MINUTES * 60_000).toISOString());
}

/** Which restricted step, if any, a session must finish first. */
async function nextStage(exec: Executor, userId: number, mustChangePassword: boolean, totpEnabled: boolean): Promise<SessionStage> {
  if (mustChangePassword) return 'changePassword';
  if (!totpEnabled && (await roleRequiresTotp(exec, userId))) return 'enrolTotp';
  return 'full';
}

export async function logout(db: Db, ctx: Ctx): Promise<void> {
  const actor = requireUser(ctx);
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, actor.sessionId);
    await writeAudit(trx, ctx, { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
  });
}

export async function describeMe(exec: Executor, ctx: Ctx): Promise<Me> {
  const actor = requireUser(ctx);
  const { user, roles } = await loadMe(exec, actor.userId);
  const root = await findRootUnit(exec);
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    unit: { id: user.unit_id, name: user.unit_name, kind: user.unit_kind, path: user.unit_path },
    roles: roles.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: r.name_en })),
    permissions: [...actor.permissions].sort(),
    stage: actor.stage,
    totpEnabled: !!user.totp_secret,
    totpRequired: roles.some((r) => r.require_totp === 1),
    locale: isLocale(user.locale) ? user.locale : 'zh-CN',
    districtName: root?.name ?? '',
    districtNameEn: root?.name_en ?? '',
  };
}

/** Moves the session on after a required step is done, and returns its new stage. */
async function advanceStage(exec: Executor, ctx: Ctx): Promise<SessionStage> {
  const actor = requireUser(ctx);
  const secrets = await findUserSecrets(exec, actor.userId);
  const stage = await nextStage(exec, actor.userId, secrets.must_change_password === 1, !!secrets.totp_secret);
  await setSessionStage(exec, actor.sessionId, stage);
  actor.stage = stage;
  return stage;
}

export async function changePassword(db: Db, ctx: Ctx, currentPassword: string, newPassword: string): Promise<void> {
  const actor = requireUser(ctx);
  const secrets = await findUserSecrets(db, actor.userId);
  if (!(await verifyPassword(secrets.password_hash, currentPassword))) {
    await writeAuditNow(db, ctx, { action: 'auth.passwordChange', objectType: 'user', objectId: actor.userId, outcome: 'failure', detail: { reason: 'currentWrong' } });
    throw fieldError('currentPassword', 'password.currentWrong');
  }
  if (currentPassword === newPassword) throw fieldError('newPassword', 'password.sameAsOld');
  const hash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, actor.userId, { password_hash: hash, must_change_password: 0, password_changed_at: nowIso() });
    // Other sessions may belong to whoever knew the old password.
    await deleteUserSessions(trx, actor.userId, actor.sessionId);
    await advanceStage(trx, ctx);
    await writeAudit(trx, ctx, { action: 'auth.passwordChange', objectType: 'user', objectId: actor.userId });
  });
}

export async function startTotpEnrolment(db: Db, ctx: Ctx, issuer: string) {
  const actor = requireUser(ctx);
  const secrets = await findUserSecrets(db, actor.userId);
  if (secrets.totp_secret) throw new AppError(409, 'auth.totpAlreadyEnabled');
  const secret = newTotpSecret();
  await updateUser(db, actor.userId, { totp_pending_secret: secret });
  return totpEnrolment(secret, secrets.username, issuer);
}

export async function enableTotp(db: Db, ctx: Ctx, code: string): Promise<void> {
  const actor = requireUser(ctx);
  const secrets = await findUserSecrets(db, actor.userId);
  if (secrets.totp_secret) throw new AppError(409, 'auth.totpAlreadyEnabled');
  if (!secrets.totp_pending_secret) throw new AppError(400, 'auth.totpNotStarted');
  const step = acceptTotp(secrets.totp_pending_secret, code, null);
  if (step === null) throw fieldError('code', 'auth.totpInvalid');
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, actor.userId, { totp_secret: secrets.totp_pending_secret, totp_pending_secret: null, totp_last_step: step });
    await advanceStage(trx, ctx);
    await writeAudit(trx, ctx, { action: 'auth.totpEnable', objectType: 'user', objectId: actor.userId });
  });
}

export async function disableTotp(db: Db, ctx: Ctx, password: string): Promise<void> {
  const actor = requireUser(ctx);
  const secrets = await findUserSecrets(db, actor.userId);
  if (!(await verifyPassword(secrets.password_hash, password))) throw fieldError('password', 'password.currentWrong');
  if (await roleRequiresTotp(db, actor.userId)) throw new AppError(400, 'auth.totpEnforced');
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, actor.userId, { totp_secret: null, totp_pending_secret: null });
    await writeAudit(trx, ctx, { action: 'auth.totpDisable', objectType: 'user', objectId: actor.userId });
  });
}

export async function setLocale(db: Db, ctx: Ctx, locale: Locale): Promise<void> {
  await updateUser(db, requireUser(ctx).userId, { locale });
}
