import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, DIALECTS, loggedIn, type TestClient, type TestEnv } from '../../test/harness.js';
import type { Role } from '../../../../common/src/schemas/roles.js';
import { BUILT_IN_ROLES } from '../../../../common/src/permissions.js';

// Roles and the three-administrator separation (三员分立): custom roles, the immutable built-in
// roles, and which administrator may reach what.
describe.each(DIALECTS)('roles on %s', (dialect) => {
  let env: TestEnv;
  let secadmin: TestClient;
  let roles: Role[];
  let rootId: number;
  const roleId = (code: string) => roles.find((r) => r.code === code)!.id;
  const listRoles = async () => (await secadmin.get('/roles')).body.items as Role[];

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    secadmin = await loggedIn(env.app, 'secadmin');
    roles = await listRoles();
    rootId = ((await secadmin.get('/units')).body.items as { id: number; parentId: number | null }[]).find((u) => u.parentId === null)!.id;
  });
  afterAll(() => env.close());

  it('lists the built-in roles with their permissions and holders', async () => {
    const byCode = Object.fromEntries(roles.map((r) => [r.code, r]));
    expect(Object.keys(byCode)).toEqual(
      expect.arrayContaining(['district_staff', 'leader', 'town_officer', 'community_worker', 'member_handler', 'system_admin', 'security_admin', 'audit_admin', 'portal_person']),
    );
    expect(byCode.town_officer).toMatchObject({ builtIn: true, name: '镇街统战委员', nameEn: 'Town united-front officer', userCount: 13 });
    expect(byCode.audit_admin!.permissions.sort()).toEqual(['audit.export', 'audit.read', 'audit.verify', 'unit.read']);
    // Built-in roles follow the code: only whether they require TOTP can be changed here.
    expect(byCode.district_staff!.abilities).toEqual({ update: false, setRequireTotp: true, delete: false });

    const perms = (await secadmin.get('/permissions')).body.items as { code: string; dutyClass: string }[];
    expect(perms).toContainEqual({ code: 'audit.read', dutyClass: 'audit' });
    expect(perms).toContainEqual({ code: 'unit.read', dutyClass: 'shared' });
  });

  it('creates, renames, re-permissions and deletes a custom role', async () => {
    const created = await secadmin.post('/roles', { code: 'grid_worker', name: '网格员', nameEn: 'Grid worker', permissions: ['workbench.read', 'unit.read'] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ code: 'grid_worker', name: '网格员', builtIn: false, requireTotp: false, userCount: 0, abilities: { update: true, setRequireTotp: true, delete: true } });
    expect(created.body.permissions.sort()).toEqual(['unit.read', 'workbench.read']);

    const renamed = await secadmin.patch(`/roles/${created.body.id}`, { name: '网格管理员', nameEn: 'Grid manager', requireTotp: true });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '网格管理员', nameEn: 'Grid manager', requireTotp: true });

    const narrowed = await secadmin.patch(`/roles/${created.body.id}`, { permissions: ['unit.read'] });
    expect(narrowed.body.permissions).toEqual(['unit.read']);
    expect((await listRoles()).find((r) => r.id === created.body.id)!.permissions).toEqual(['unit.read']);

    const taken = await secadmin.post('/roles', { code: 'grid_worker', name: '重复', permissions: ['unit.read'] });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('role.codeTaken');
    expect(taken.body.fields.code).toBe('角色编码 grid_worker 已被使用');
    expect((await secadmin.post('/roles', { code: 'leader', name: '重复', permissions: ['unit.read'] })).status).toBe(409);

    const deleted = await secadmin.delete(`/roles/${created.body.id}`);
    expect(deleted.status).toBe(200);
    expect((await listRoles()).some((r) => r.id === created.body.id)).toBe(false);
    expect((await secadmin.delete(`/roles/${created.body.id}`)).status).toBe(404);
  });

  it('checks custom-role input field by field', async () => {
    const res = await secadmin.post('/roles', { code: 'Bad Code', name: '', permissions: ['workbench.read', 'no.such'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
    expect(res.body.fields.code).toBeTruthy();
    expect(res.body.fields.name).toBe('必填');
    expect(res.body.fields['permissions.1']).toBe('未知权限：no.such');

    const none = await secadmin.post('/roles', { code: 'empty_role', name: '空角色', permissions: [] });
    expect(none.body.fields.permissions).toBe('必填');
  });

  it('refuses a role mixing duty classes', async () => {
    for (const permissions of [['workbench.read', 'audit.read'], ['unit.manage', 'user.read'], ['user.manage', 'audit.export'], ['workbench.read', 'portal.self']]) {
      const res = await secadmin.post('/roles', { code: 'mixed_role', name: '混合', permissions });
      expect(res.status, permissions.join('+')).toBe(400);
      expect(res.body.code).toBe('role.dutyConflict');
      expect(res.body.message).toMatch(/^三员分立：同一角色不能同时包含.+、.+的权限$/);
      expect(res.body.fields.permissions).toBe(res.body.message);
    }
    expect((await listRoles()).some((r) => r.code === 'mixed_role')).toBe(false);

    // `unit.read` is shared and goes with any class.
    const shared = await secadmin.post('/roles', { code: 'auditor_plus', name: '审计员', permissions: ['audit.read', 'unit.read'] });
    expect(shared.status).toBe(200);
    const mixedLater = await secadmin.patch(`/roles/${shared.body.id}`, { permissions: ['audit.read', 'unit.manage'] });
    expect(mixedLater.status).toBe(400);
    expect(mixedLater.body.code).toBe('role.dutyConflict');
    expect(mixedLater.body.message).toContain('系统管理');
    expect(mixedLater.body.message).toContain('安全审计');
    await secadmin.delete(`/roles/${shared.body.id}`);
  });

  it('keeps built-in roles as the code defines them, except whether they require TOTP', async () => {
    const id = roleId('district_staff');
    for (const body of [{ permissions: ['workbench.read'] }, { name: '改名' }, { nameEn: 'Renamed' }, { name: '改名', requireTotp: true }]) {
      const res = await secadmin.patch(`/roles/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('role.builtInImmutable');
      expect(res.body.message).toBe('内置角色不能修改或删除');
    }
    const del = await secadmin.delete(`/roles/${roleId('portal_person')}`);
    expect(del.status).toBe(400);
    expect(del.body.code).toBe('role.builtInImmutable');

    const totp = await secadmin.patch(`/roles/${id}`, { requireTotp: true });
    expect(totp.status).toBe(200);
    expect(totp.body).toMatchObject({ requireTotp: true, name: '统战部干部' });
    expect(totp.body.permissions.sort()).toEqual([...BUILT_IN_ROLES.district_staff].sort());
    expect((await secadmin.patch(`/roles/${id}`, { requireTotp: false })).body.requireTotp).toBe(false);
  });

  it('refuses to delete a role still in use, saying by how many accounts', async () => {
    const role = await secadmin.post('/roles', { code: 'in_use_role', name: '在用角色', permissions: ['workbench.read', 'unit.read'] });
    const user = await secadmin.post('/users', { username: 'holder1', displayName: '持有人', unitId: rootId, roleIds: [role.body.id], password: 'Issued#2026a' });
    expect(user.status).toBe(200);
    expect((await listRoles()).find((r) => r.id === role.body.id)).toMatchObject({ userCount: 1, abilities: { delete: false } });

    const res = await secadmin.delete(`/roles/${role.body.id}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('role.inUse');
    expect(res.body.message).toBe('该角色仍有 1 个账户在使用，不能删除');
    expect((await listRoles()).some((r) => r.id === role.body.id)).toBe(true);

    // Once nobody holds it, it can go.
    await secadmin.patch(`/users/${user.body.id}`, { roleIds: [roleId('district_staff')] });
    expect((await secadmin.delete(`/roles/${role.body.id}`)).status).toBe(200);
  });

  it('refuses a permission change that would give a holder two duty classes', async () => {
    // A helper role with only the shared permission, held together with a business role.
    const helper = await secadmin.post('/roles', { code: 'tree_viewer', name: '组织架构查看', permissions: ['unit.read'] });
    const user = await secadmin.post('/users', { username: 'holder2', displayName: '双角色', unitId: rootId, roleIds: [roleId('district_staff'), helper.body.id], password: 'Issued#2026a' });
    expect(user.status).toBe(200);

    const res = await secadmin.patch(`/roles/${helper.body.id}`, { permissions: ['unit.read', 'audit.read'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('user.dutyConflict');
    expect(res.body.message).toBe('三员分立：同一账户不能同时担任业务、安全审计的职责');
    expect((await listRoles()).find((r) => r.id === helper.body.id)!.permissions).toEqual(['unit.read']);

    // The holder keeps both roles; a change within the holder's class is fine.
    expect((await secadmin.patch(`/roles/${helper.body.id}`, { permissions: ['unit.read', 'workbench.read'] })).status).toBe(200);
  });
});

// 三员分立 at the door: each administrator reaches only their own duties, business users reach
// none of them, and every refusal is in the audit log.
describe.each(DIALECTS)('three-administrator separation on %s', (dialect) => {
  let env: TestEnv;
  let unitId: number;
  let userId: number;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    const staff = await loggedIn(env.app, 'staff');
    const units = (await staff.get('/units')).body.items as { id: number; name: string }[];
    unitId = units.find((u) => u.name === '洪山镇')!.id;
    userId = (await env.database.db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => env.close());

  type Call = [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown];
  const calls = (): Record<string, Call> => ({
    'list users': ['GET', '/users'],
    'read a user': ['GET', `/users/${userId}`],
    'create a user': ['POST', '/users', { username: 'intruder', displayName: '入侵者', unitId, roleIds: [1], password: 'Issued#2026a' }],
    'edit a user': ['PATCH', `/users/${userId}`, { displayName: '改' }],
    'reset a password': ['POST', `/users/${userId}/reset-password`, { password: 'Issued#2026a' }],
    'unlock a user': ['POST', `/users/${userId}/unlock`],
    'list roles': ['GET', '/roles'],
    'list permissions': ['GET', '/permissions'],
    'create a role': ['POST', '/roles', { code: 'sneaky', name: '偷偷', permissions: ['unit.read'] }],
    'read the audit log': ['GET', '/audit'],
    'export the audit log': ['GET', '/audit/export'],
    'verify the audit log': ['POST', '/audit/verify'],
    'create a unit': ['POST', '/units', { parentId: unitId, kind: 'community', name: '新社区' }],
    'edit a unit': ['PATCH', `/units/${unitId}`, { name: '改名镇' }],
    'delete a unit': ['DELETE', `/units/${unitId}`],
    'read the workbench': ['GET', '/workbench'],
  });

  const allowed: Record<string, string[]> = {
    sysadmin: ['create a unit', 'edit a unit', 'delete a unit'],
    secadmin: ['list users', 'read a user', 'create a user', 'edit a user', 'reset a password', 'unlock a user', 'list roles', 'list permissions', 'create a role'],
    auditor: ['read the audit log', 'export the audit log', 'verify the audit log'],
    staff: ['read the workbench'],
    hongshan: ['read the workbench'],
  };

  async function deniedCount(db: TestEnv['database']['db'], username: string): Promise<number> {
    const row = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'access.denied')
      .where('actor_name', '=', username)
      .where('outcome', '=', 'denied')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it.each(Object.keys(allowed))('%s is refused everything outside their duty, and each refusal is audited', async (username) => {
    const client = await loggedIn(env.app, username);
    const before = await deniedCount(env.database.db, username);
    let refused = 0;
    for (const [what, [method, url, body]] of Object.entries(calls())) {
      if (allowed[username]!.includes(what)) continue;
      const res = await client.request(method, url, body);
      expect(res.status, `${username}: ${what}`).toBe(403);
      expect(res.body.code, `${username}: ${what}`).toBe('auth.forbidden');
      expect(res.body.message).toBe('您没有执行此操作的权限');
      refused += 1;
    }
    expect(await deniedCount(env.database.db, username)).toBe(before + refused);

    const last = await env.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'access.denied').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last.actor_name).toBe(username);
    expect(last.ip).toBe('127.0.0.1');
    expect(JSON.parse(last.detail!)).toMatchObject({ permission: expect.any(String), route: expect.stringMatching(/^\/api\/v1\//) });
  });

  it('the three administrators reach what their duty needs', async () => {
    const sysadmin = await loggedIn(env.app, 'sysadmin');
    const secadmin = await loggedIn(env.app, 'secadmin');
    const auditor = await loggedIn(env.app, 'auditor');
    expect((await sysadmin.get('/units')).status).toBe(200);
    expect((await secadmin.get('/users')).status).toBe(200);
    expect((await secadmin.get('/roles')).status).toBe(200);
    expect((await auditor.get('/audit')).status).toBe(200);
    // Everyone may read the org tree's structure (a shared permission).
    expect((await secadmin.get('/units')).status).toBe(200);
    expect((await auditor.get('/units')).status).toBe(200);
  });
});
