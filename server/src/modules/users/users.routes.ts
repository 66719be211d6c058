import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../../common/src/schemas/common.js';
import { resetPasswordBody, userCreateBody, userListQuery, userListResponse, userSchema, userUpdateBody, type User } from '../../../../common/src/schemas/users.js';
import { can, type Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageFrom } from '../../platform/pagination.js';
import { countUsersInScope, findUserInScope, listUsersInScope, type UserFilter, type UserRow } from './users.repository.js';
import { changeUser, createUser, resetUserPassword, resetUserTotp, unlockUser } from './users.service.js';

const tags = ['users'];

function presentUser(ctx: Ctx, u: UserRow): User {
  const manage = can(ctx, 'user.manage');
  const self = ctx.actor?.kind === 'user' && ctx.actor.userId === u.id;
  const locked = !!u.locked_until && Date.parse(u.locked_until) > Date.now();
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unitId: u.unit_id,
    unitName: u.unit_name,
    roleIds: u.role_ids,
    active: u.active === 1,
    mustChangePassword: u.must_change_password === 1,
    totpEnabled: !!u.totp_secret,
    lockedUntil: locked ? u.locked_until : null,
    lastLoginAt: u.last_login_at,
    createdAt: u.created_at,
    abilities: {
      update: manage,
      resetPassword: manage && !self,
      unlock: manage && locked,
      resetTotp: manage && !self && !!u.totp_secret,
      deactivate: manage && !self,
    },
  };
}

export async function registerUserRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/users', { config: { access: 'user.read' }, schema: { tags, querystring: userListQuery, response: { 200: userListResponse } } }, async (req) => {
    const { cursor, limit, active, ...rest } = req.query;
    const filter: UserFilter = { ...rest, active: active === undefined ? undefined : active === 'true' };
    const after = decodeCursor<{ id: number }>(cursor, ['id']);
    const rows = await listUsersInScope(db, req.ctx, filter, { afterId: after?.id ?? null, limit });
    const page = pageFrom(rows, limit, (u) => ({ id: u.id }));
    return { items: page.items.map((u) => presentUser(req.ctx, u)), total: await countUsersInScope(db, req.ctx, filter), nextCursor: page.nextCursor };
  });

  r.get('/users/:id', { config: { access: 'user.read' }, schema: { tags, params: idParam, response: { 200: userSchema } } }, async (req) => {
    const row = await findUserInScope(db, req.ctx, req.params.id);
    if (!row) throw notFound();
    return presentUser(req.ctx, row);
  });

  r.post('/users', { config: { access: 'user.manage' }, schema: { tags, body: userCreateBody, response: { 200: userSchema } } }, async (req) =>
    presentUser(req.ctx, await createUser(db, req.ctx, req.body)),
  );

  r.patch('/users/:id', { config: { access: 'user.manage' }, schema: { tags, params: idParam, body: userUpdateBody, response: { 200: userSchema } } }, async (req) =>
    presentUser(req.ctx, await changeUser(db, req.ctx, req.params.id, req.body)),
  );

  r.post('/users/:id/reset-password', { config: { access: 'user.manage' }, schema: { tags, params: idParam, body: resetPasswordBody, response: { 200: userSchema } } }, async (req) =>
    presentUser(req.ctx, await resetUserPassword(db, req.ctx, req.params.id, req.body.password)),
  );

  r.post('/users/:id/unlock', { config: { access: 'user.manage' }, schema: { tags, params: idParam, response: { 200: userSchema } } }, async (req) =>
    presentUser(req.ctx, await unlockUser(db, req.ctx, req.params.id)),
  );

  r.post('/users/:id/reset-totp', { config: { access: 'user.manage' }, schema: { tags, params: idParam, response: { 200: userSchema } } }, async (req) =>
    presentUser(req.ctx, await resetUserTotp(db, req.ctx, req.params.id)),
  );
}
