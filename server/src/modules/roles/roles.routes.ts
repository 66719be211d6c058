import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ALL_PERMISSIONS, PERMISSIONS } from '../../../../common/src/permissions.js';
import { idParam, okSchema } from '../../../../common/src/schemas/common.js';
import { permissionListResponse, roleCreateBody, roleListResponse, roleSchema, roleUpdateBody, type Role } from '../../../../common/src/schemas/roles.js';
import { can, type Ctx } from '../../platform/context.js';
import { listRoles, type RoleRow } from './roles.repository.js';
import { changeRole, createRole, removeRole } from './roles.service.js';

const tags = ['roles'];

function presentRole(ctx: Ctx, r: RoleRow): Role {
  const manage = can(ctx, 'role.manage');
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    builtIn: r.built_in === 1,
    permissions: r.permissions,
    requireTotp: r.require_totp === 1,
    userCount: r.user_count,
    abilities: { update: manage && r.built_in === 0, setRequireTotp: manage, delete: manage && r.built_in === 0 && r.user_count === 0 },
  };
}

export async function registerRoleRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/roles', { config: { access: 'role.read' }, schema: { tags, response: { 200: roleListResponse } } }, async (req) => ({
    items: (await listRoles(db)).map((row) => presentRole(req.ctx, row)),
  }));

  r.get('/permissions', { config: { access: 'role.read' }, schema: { tags, response: { 200: permissionListResponse } } }, async () => ({
    items: ALL_PERMISSIONS.map((code) => ({ code, dutyClass: PERMISSIONS[code] })),
  }));

  r.post('/roles', { config: { access: 'role.manage' }, schema: { tags, body: roleCreateBody, response: { 200: roleSchema } } }, async (req) =>
    presentRole(req.ctx, await createRole(db, req.ctx, req.body)),
  );

  r.patch('/roles/:id', { config: { access: 'role.manage' }, schema: { tags, params: idParam, body: roleUpdateBody, response: { 200: roleSchema } } }, async (req) =>
    presentRole(req.ctx, await changeRole(db, req.ctx, req.params.id, req.body)),
  );

  r.delete('/roles/:id', { config: { access: 'role.manage' }, schema: { tags, params: idParam, response: { 200: okSchema } } }, async (req) => {
    await removeRole(db, req.ctx, req.params.id);
    return { ok: true as const };
  });
}
