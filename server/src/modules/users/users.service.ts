import type { UserCreateBody, UserUpdateBody } from '../../../../common/src/schemas/users.js';
import { writeAudit } from '../../platform/audit.js';
import { requireUser, type Ctx } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { hashPassword } from '../../platform/passwords.js';
import { deleteUserSessions } from '../../platform/sessions.js';
import type { Db, Executor } from '../../db/database.js';
import { findUnitInScope } from '../units/units.repository.js';
import { findRolesByIds } from '../roles/roles.repository.js';
import { assertSingleDuty } from '../roles/duties.js';
import { findUserInScope, insertUser, setUserRoles, updateUser, usernameTaken, type UserRow } from './users.repository.js';

async function requireUserRow(exec: Executor, ctx: Ctx, id: number): Promise<UserRow> {
  const user = await findUserInScope(exec, ctx, id);
  if (!user) throw notFound();
  return user;
}

async function assertUnitUsable(exec: Executor, ctx: Ctx, unitId: number): Promise<void> {
  const unit = await findUnitInScope(exec, ctx, unitId);
  if (!unit) throw fieldError('unitId', 'field.invalidChoice');
  if (!unit.active) throw fieldError('unitId', 'user.unitInactive');
}

async function assertRolesUsable(exec: Executor, ctx: Ctx, roleIds: number[]): Promise<void> {
  const roles = await findRolesByIds(exec, roleIds);
  if (roles.length !== new Set(roleIds).size) throw fieldError('roleIds', 'field.invalidChoice');
  assertSingleDuty(ctx, roles.flatMap((r) => r.permissions), 'user.dutyConflict', 'roleIds');
}

function assertNotSelf(ctx: Ctx, id: number): void {
  if (requireUser(ctx).userId === id) throw new AppError(400, 'user.self');
}

export async function createUser(db: Db, ctx: Ctx, body: UserCreateBody): Promise<UserRow> {
  const passwordHash = await hashPassword(body.password);
  return db.transaction().execute(async (trx) => {
    if (await usernameTaken(trx, body.username)) {
      throw new AppError(409, 'user.usernameTaken', { username: body.username }, { username: { key: 'user.usernameTaken', params: { username: body.username } } });
    }
    await assertUnitUsable(trx, ctx, body.unitId);
    await assertRolesUsable(trx, ctx, body.roleIds);
    // An administrator-issued password is known to two people: the user must replace it.
    const id = await insertUser(trx, { username: body.username, display_name: body.displayName, unit_id: body.unitId, password_hash: passwordHash, must_change_password: 1 }, body.roleIds);
    await writeAudit(trx, ctx, { action: 'user.create', objectType: 'user', objectId: id, detail: { username: body.username, unitId: body.unitId, roleIds: body.roleIds } });
    return requireUserRow(trx, ctx, id);
  });
}

export async function changeUser(db: Db, ctx: Ctx, id: number, body: UserUpdateBody): Promise<UserRow> {
  return db.transaction().execute(async (trx) => {
    const user = await requireUserRow(trx, ctx, id);
    if (body.roleIds !== undefined || body.active === false || body.unitId !== undefined) assertNotSelf(ctx, id);
    if (body.unitId !== undefined && body.unitId !== user.unit_id) await assertUnitUsable(trx, ctx, body.unitId);
    if (body.roleIds !== undefined) await assertRolesUsable(trx, ctx, body.roleIds);

    await updateUser(trx, id, {
      ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
      ...(body.unitId !== undefined ? { unit_id: body.unitId } : {}),
      ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
    });
    if (body.roleIds !== undefined) {
      await setUserRoles(trx, id, body.roleIds);
      await writeAudit(trx, ctx, { action: 'user.rolesChange', objectType: 'user', objectId: id, detail: { before: user.role_ids, after: body.roleIds } });
    }
    if (body.active === false) await deleteUserSessions(trx, id);
    const fields = Object.keys(body).filter((k) => k !== 'roleIds');
    if (fields.length) {
      const action = body.active === false ? 'user.deactivate' : body.active === true && !user.active ? 'user.reactivate' : 'user.update';
      await writeAudit(trx, ctx, { action, objectType: 'user', objectId: id, detail: { fields } });
    }
    return requireUserRow(trx, ctx, id);
  });
}

export async function resetUserPassword(db: Db, ctx: Ctx, id: number, password: string): Promise<UserRow> {
  assertNotSelf(ctx, id);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    await requireUserRow(trx, ctx, id);
    await updateUser(trx, id, { password_hash: passwordHash, must_change_password: 1, failed_logins: 0, locked_until: null, password_changed_at: new Date().toISOString() });
    await deleteUserSessions(trx, id);
    await writeAudit(trx, ctx, { action: 'user.resetPassword', objectType: 'user', objectId: id });
    return requireUserRow(trx, ctx, id);
  });
}

export async function unlockUser(db: Db, ctx: Ctx, id: number): Promise<UserRow> {
  return db.transaction().execute(async (trx) => {
    await requireUserRow(trx, ctx, id);
    await updateUser(trx, id, { failed_logins: 0, locked_until: null });
    await writeAudit(trx, ctx, { action: 'user.unlock', objectType: 'user', objectId: id });
    return requireUserRow(trx, ctx, id);
  });
}

export async function resetUserTotp(db: Db, ctx: Ctx, id: number): Promise<UserRow> {
  assertNotSelf(ctx, id);
  return db.transaction().execute(async (trx) => {
    await requireUserRow(trx, ctx, id);
    await updateUser(trx, id, { totp_secret: null, totp_pending_secret: null });
    await deleteUserSessions(trx, id);
    await writeAudit(trx, ctx, { action: 'user.resetTotp', objectType: 'user', objectId: id });
    return requireUserRow(trx, ctx, id);
  });
}
