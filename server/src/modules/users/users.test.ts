import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, DEMO_PASSWORD, DIALECTS, loggedIn, TestClient, type Reply, type TestEnv } from '../../test/harness.js';
import type { User } from '../../../../common/src/schemas/users.js';
import type { Unit } from '../../../../common/src/schemas/units.js';
import { totpCode } from '../auth/totp.js';

// Account management by the security administrator: the life of an account, the checks on it,
// and the list with its filters and keyset pages.
describe.each(DIALECTS)('user management on %s', (dialect) => {
  let env: TestEnv;
  let secadmin: TestClient;
  let roleIds: Record<string, number>;
  let units: Unit[];
  const unitId = (name: string) => units.find((u) => u.name === name)!.id;
  const userByName = async (username: string): Promise<User> => {
    const res = await secadmin.get(`/users?q=${encodeURIComponent(username)}&limit=200`);
    return (res.body.items as User[]).find((u) => u.username === username)!;
  };

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    secadmin = await loggedIn(env.app, 'secadmin');
    roleIds = Object.fromEntries(((await secadmin.get('/roles')).body.items as { id: number; code: string }[]).map((r) => [r.code, r.id]));
    units = (await secadmin.get('/units')).body.items;
  });
  afterAll(() => env.close());

  it('creates an account that must replace its issued password', async () => {
    const res = await secadmin.post('/users', {
      username: 'wangfang',
      displayName: '王芳',
      unitId: unitId('洪山镇'),
      roleIds: [roleIds.town_officer],
      password: 'Issued#2026a',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: 'wangfang',
      displayName: '王芳',
      unitId: unitId('洪山镇'),
      unitName: '洪山镇',
      roleIds: [roleIds.town_officer],
      active: true,
      mustChangePassword: true,
      totpEnabled: false,
      lockedUntil: null,
      lastLoginAt: null,
    });
    expect(res.body.abilities).toEqual({ update: true, resetPassword: true, unlock: false, resetTotp: false, deactivate: true });
    expect(JSON.stringify(res.body)).not.toMatch(/password_hash|argon2|Issued#2026a/);

    const login = await new TestClient(env.app).login('wangfang', 'Issued#2026a');
    expect(login.body.user.stage).toBe('changePassword');
    expect((await secadmin.get(`/users/${res.body.id}`)).body.lastLoginAt).not.toBeNull();
  });

  it('refuses a taken username with 409 on the username field, and bad input per field', async () => {
    const taken = await secadmin.post('/users', { username: 'hongshan', displayName: '重名', unitId: unitId('淄川区'), roleIds: [roleIds.district_staff], password: 'Issued#2026a' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('user.usernameTaken');
    expect(taken.body.fields.username).toBe('用户名 hongshan 已被使用');

    const bad = await secadmin.post('/users', { username: '1x', displayName: '  ', unitId: unitId('淄川区'), roleIds: [], password: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation');
    expect(Object.keys(bad.body.fields).sort()).toEqual(['displayName', 'password', 'roleIds', 'username']);
    expect(bad.body.fields.displayName).toBe('必填');

    const unknownUnit = await secadmin.post('/users', { username: 'nounit', displayName: '无单位', unitId: 999999, roleIds: [roleIds.district_staff], password: 'Issued#2026a' });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.fields.unitId).toBe('不是可选的值');

    const unknownRole = await secadmin.post('/users', { username: 'norole', displayName: '无角色', unitId: unitId('淄川区'), roleIds: [999999], password: 'Issued#2026a' });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.fields.roleIds).toBe('不是可选的值');
  });

  it('refuses roles of two duty classes on one account (three-administrator separation)', async () => {
    for (const [codes, classes] of [
      [['system_admin', 'district_staff'], ['业务', '系统管理']],
      [['district_staff', 'audit_admin'], ['业务', '安全审计']],
      [['security_admin', 'audit_admin'], ['安全管理', '安全审计']],
    ] as const) {
      const res = await secadmin.post('/users', { username: 'twohats', displayName: '两顶帽子', unitId: unitId('淄川区'), roleIds: codes.map((c) => roleIds[c]), password: 'Issued#2026a' });
      expect(res.status, codes.join('+')).toBe(400);
      expect(res.body.code).toBe('user.dutyConflict');
      for (const c of classes) expect(res.body.message).toContain(c);
      expect(res.body.fields.roleIds).toBeTruthy();
    }
    expect(await userByName('twohats')).toBeUndefined();

    // Two roles of the same class are fine; adding a second class to an existing account is not.
    const ok = await secadmin.post('/users', { username: 'twohats', displayName: '两个业务角色', unitId: unitId('淄川区'), roleIds: [roleIds.district_staff, roleIds.leader], password: 'Issued#2026a' });
    expect(ok.status).toBe(200);
    const change = await secadmin.patch(`/users/${ok.body.id}`, { roleIds: [roleIds.district_staff, roleIds.system_admin] });
    expect(change.status).toBe(400);
    expect(change.body.code).toBe('user.dutyConflict');
    expect((await secadmin.get(`/users/${ok.body.id}`)).body.roleIds).toEqual([roleIds.district_staff, roleIds.leader].sort((a, b) => a - b));

    const en = await loggedIn(env.app, 'secadmin', 'en-US');
    const english = await en.patch(`/users/${ok.body.id}`, { roleIds: [roleIds.district_staff, roleIds.audit_admin] });
    expect(english.body.message).toBe('Separation of duties: one account cannot hold business, audit duties');
  });

  it('edits an account: name, unit and roles', async () => {
    const u = await userByName('wangfang');
    const res = await secadmin.patch(`/users/${u.id}`, { displayName: '王芳芳', unitId: unitId('昆仑镇'), roleIds: [roleIds.town_officer, roleIds.community_worker] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: '王芳芳', unitId: unitId('昆仑镇'), unitName: '昆仑镇' });
    expect(res.body.roleIds).toEqual([roleIds.town_officer, roleIds.community_worker].sort((a, b) => a - b));
    expect((await secadmin.get(`/users/${u.id}`)).body.displayName).toBe('王芳芳');

    const empty = await secadmin.patch(`/users/${u.id}`, { roleIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.fields.roleIds).toBe('必填');
    expect((await secadmin.patch('/users/999999', { displayName: 'x' })).status).toBe(404);
  });

  it('resets a password: the user is signed out and must change it at next login', async () => {
    const shuangyang = await loggedIn(env.app, 'shuangyang');
    const u = await userByName('shuangyang');
    const weak = await secadmin.post(`/users/${u.id}/reset-password`, { password: 'abc' });
    expect(weak.status).toBe(400);
    expect(weak.body.fields.password).toBe('密码至少 8 位，并包含大写字母、小写字母、数字、符号中的至少 3 类');

    const res = await secadmin.post(`/users/${u.id}/reset-password`, { password: 'Reset#2026xy' });
    expect(res.status).toBe(200);
    expect(res.body.mustChangePassword).toBe(true);
    expect((await shuangyang.get('/workbench')).status).toBe(401);

    expect((await new TestClient(env.app).login('shuangyang', DEMO_PASSWORD)).status).toBe(401);
    const login = await new TestClient(env.app).login('shuangyang', 'Reset#2026xy');
    expect(login.status).toBe(200);
    expect(login.body.user.stage).toBe('changePassword');
  });

  it('unlocks a locked account', async () => {
    for (let i = 0; i < 5; i++) await new TestClient(env.app).login('xihe', 'Wrong#Pass1');
    const locked = await userByName('xihe');
    expect(locked.lockedUntil).not.toBeNull();
    expect(locked.abilities.unlock).toBe(true);
    expect((await new TestClient(env.app).login('xihe')).status).toBe(401);

    const res = await secadmin.post(`/users/${locked.id}/unlock`);
    expect(res.status).toBe(200);
    expect(res.body.lockedUntil).toBeNull();
    expect(res.body.abilities.unlock).toBe(false);
    expect((await new TestClient(env.app).login('xihe')).status).toBe(200);
  });

  it('resets a lost second factor: the user is signed out and can sign in with the password alone', async () => {
    const zhonglou = await loggedIn(env.app, 'zhonglou');
    const { secret } = (await zhonglou.post('/auth/totp/setup')).body as { secret: string };
    expect((await zhonglou.post('/auth/totp/enable', { code: totpCode(secret) })).status).toBe(200);
    const u = await userByName('zhonglou');
    expect(u.totpEnabled).toBe(true);
    expect(u.abilities.resetTotp).toBe(true);
    expect((await new TestClient(env.app).login('zhonglou')).body.code).toBe('auth.totpRequired');

    const res = await secadmin.post(`/users/${u.id}/reset-totp`);
    expect(res.status).toBe(200);
    expect(res.body.totpEnabled).toBe(false);
    expect(res.body.abilities.resetTotp).toBe(false);
    expect((await zhonglou.get('/workbench')).status).toBe(401);
    expect((await new TestClient(env.app).login('zhonglou')).status).toBe(200);
  });

  it('deactivating an account ends its sessions and refuses its logins; reactivating restores it', async () => {
    const taihe = await loggedIn(env.app, 'taihe');
    const u = await userByName('taihe');
    const res = await secadmin.patch(`/users/${u.id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);

    expect((await taihe.get('/workbench')).status).toBe(401);
    const login = await new TestClient(env.app).login('taihe');
    expect(login.status).toBe(401);
    expect(login.body.code).toBe('auth.invalidCredentials');

    const inactive = (await secadmin.get('/users?active=false')).body.items as User[];
    expect(inactive.map((x) => x.username)).toContain('taihe');
    expect(((await secadmin.get('/users?active=true&limit=200')).body.items as User[]).map((x) => x.username)).not.toContain('taihe');

    expect((await secadmin.patch(`/users/${u.id}`, { active: true })).body.active).toBe(true);
    expect((await new TestClient(env.app).login('taihe')).status).toBe(200);
  });

  it('a security administrator cannot deactivate, re-role, move or reset themselves', async () => {
    const me = (await secadmin.get('/auth/me')).body.user as { id: number };
    const self = await secadmin.get(`/users/${me.id}`);
    expect(self.body.abilities).toMatchObject({ update: true, resetPassword: false, deactivate: false });

    for (const body of [{ active: false }, { roleIds: [roleIds.security_admin, roleIds.system_admin] }, { roleIds: [roleIds.district_staff] }, { unitId: unitId('洪山镇') }]) {
      const res = await secadmin.patch(`/users/${me.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('user.self');
      expect(res.body.message).toBe('不能对自己的账户执行此操作');
    }
    expect((await secadmin.post(`/users/${me.id}/reset-password`, { password: 'Reset#2026xy' })).body.code).toBe('user.self');

    // Their own display name is fine, and nothing else changed.
    expect((await secadmin.patch(`/users/${me.id}`, { displayName: '吴敏' })).status).toBe(200);
    const after = (await secadmin.get(`/users/${me.id}`)).body;
    expect(after).toMatchObject({ active: true, roleIds: [roleIds.security_admin], unitId: unitId('淄川区') });
  });

  it('walks every user exactly once with keyset pages, the total staying right', async () => {
    const inDb = await env.database.db.selectFrom('users').select('id').execute();
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Reply = await secadmin.get(`/users?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(inDb.length);
      expect(res.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...(res.body.items as User[]).map((u) => u.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort((a, b) => a - b)).toEqual(inDb.map((u) => u.id).sort((a, b) => a - b));
    expect(pages).toBe(Math.ceil(inDb.length / 5));

    const filteredPage = await secadmin.get(`/users?roleId=${roleIds.town_officer}&limit=5`);
    expect(filteredPage.body.items).toHaveLength(5);
    const second = await secadmin.get(`/users?roleId=${roleIds.town_officer}&limit=5&cursor=${encodeURIComponent(filteredPage.body.nextCursor)}`);
    expect(second.body.total).toBe(filteredPage.body.total);
    expect((second.body.items as User[]).every((u) => u.roleIds.includes(roleIds.town_officer))).toBe(true);

    const badCursor = await secadmin.get('/users?cursor=not-a-cursor');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.fields.cursor).toBe('格式不正确');
  });

  it('filters by text, unit, role and active', async () => {
    const list = async (query: string) => {
      const res = await secadmin.get(`/users?limit=200&${query}`);
      expect(res.status, query).toBe(200);
      expect(res.body.total, query).toBe(res.body.items.length);
      return (res.body.items as User[]).map((u) => u.username).sort();
    };
    expect(await list('q=hongshan')).toEqual(['hongshan']);
    expect(await list(`q=${encodeURIComponent('张磊')}`)).toEqual(['hongshan']);
    expect(await list('q=HongShan')).toEqual(['hongshan']);
    expect(await list(`unitId=${unitId('洪山镇')}`)).toEqual(['hongshan']);
    expect(await list(`unitId=${unitId('区司法局')}`)).toEqual(['justice']);
    expect(await list(`roleId=${roleIds.audit_admin}`)).toEqual(['auditor']);
    const officers = await list(`roleId=${roleIds.town_officer}`);
    expect(officers).toEqual(expect.arrayContaining(['hongshan', 'kunlun', 'banyanglu', 'lingzi']));
    expect(officers).not.toContain('staff');
    expect(await list(`roleId=${roleIds.town_officer}&unitId=${unitId('昆仑镇')}`)).toEqual(['kunlun', 'wangfang']);

    const u = await userByName('lingzi');
    await secadmin.patch(`/users/${u.id}`, { active: false });
    expect(await list('active=false')).toEqual(['lingzi']);
    expect(await list('active=false&q=lingzi')).toEqual(['lingzi']);
    expect(await list('active=true&q=lingzi')).toEqual([]);
    await secadmin.patch(`/users/${u.id}`, { active: true });

    const bad = await secadmin.get('/users?active=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.fields.active).toBe('不是可选的值');
  });
});
