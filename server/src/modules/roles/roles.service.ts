import type { RoleCreateBody, RoleUpdateBody } from '../../../../common/src/schemas/roles.js';
import type { Permission } from '../../../../common/src/permissions.js';
import { writeAudit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { Db } from '../../db/database.js';
import { assertSingleDuty } from './duties.js';
import { deleteRole, findRole, findRoleIdByCode, insertRole, otherRolePermissionsOfHolders, updateRole, type RoleRow } from './roles.repository.js';

export async function createRole(db: Db, ctx: Ctx, body: RoleCreateBody): Promise<RoleRow> {
  const permissions = body.permissions as Permission[];
  assertSingleDuty(ctx, permissions, 'role.dutyConflict', 'permissions');
  return db.transaction().execute(async (trx) => {
    if (await findRoleIdByCode(trx, body.code)) {
      throw new AppError(409, 'role.codeTaken', { code: body.code }, { code: { key: 'role.codeTaken', params: { code: body.code } } });
    }
    const id = await insertRole(trx, {
      code: body.code, name: body.name, name_en: body.nameEn, built_in: 0,
      permissions: JSON.stringify([...new Set(permissions)]), require_totp: body.requireTotp ? 1 : 0,
    });
    await writeAudit(trx, ctx, { action: 'role.create', objectType: 'role', objectId: id, detail: { code: body.code, permissions } });
    return (await findRole(trx, id))!;
  });
}

export async function changeRole(db: Db, ctx: Ctx, id: number, body: RoleUpdateBody): Promise<RoleRow> {
  return db.transaction().execute(async (trx) => {
    const role = await findRole(trx, id);
    if (!role) throw notFound();
    const touchesDefinition = body.name !== undefined || body.nameEn !== undefined || body.permissions !== undefined;
    // Built-in roles follow the code; only whether they require TOTP is a local decision.
    if (role.built_in && touchesDefinition) throw new AppError(400, 'role.builtInImmutable');
    if (body.permissions) {
      const permissions = body.permissions as Permission[];
      assertSingleDuty(ctx, permissions, 'role.dutyConflict', 'permissions');
      for (const others of await otherRolePermissionsOfHolders(trx, id)) assertSingleDuty(ctx, [...others, ...permissions], 'user.dutyConflict', 'permissions');
    }
    await updateRole(trx, id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.nameEn !== undefined ? { name_en: body.nameEn } : {}),
      ...(body.permissions !== undefined ? { permissions: JSON.stringify([...new Set(body.permissions)]) } : {}),
      ...(body.requireTotp !== undefined ? { require_totp: body.requireTotp ? 1 : 0 } : {}),
    });
    await writeAudit(trx, ctx, {
      action: body.permissions ? 'role.permissionsChange' : 'role.update',
      objectType: 'role',
      objectId: id,
      detail: { before: { permissions: role.permissions, requireTotp: !!role.require_totp }, after: { permissions: body.permissions, requireTotp: body.requireTotp } },
    });
    return (await findRole(trx, id))!;
  });
}

export async function removeRole(db: Db, ctx: Ctx, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const role = await findRole(trx, id);
    if (!role) throw notFound();
    if (role.built_in) throw new AppError(400, 'role.builtInImmutable');
    if (role.user_count > 0) throw conflict('role.inUse', { users: role.user_count });
    await deleteRole(trx, id);
    await writeAudit(trx, ctx, { action: 'role.delete', objectType: 'role', objectId: id, detail: { code: role.code } });
  });
}
