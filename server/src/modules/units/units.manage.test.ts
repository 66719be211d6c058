import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, DIALECTS, loggedIn, type TestClient, type TestEnv } from '../../test/harness.js';
import type { Unit } from '../../../../common/src/schemas/units.js';

// Managing the org tree as the system administrator: create, rename, move (with the subtree),
// deactivate, delete, and every refusal with its message on the right field.
describe.each(DIALECTS)('org tree management on %s', (dialect) => {
  let env: TestEnv;
  let sysadmin: TestClient;
  const list = async (): Promise<Unit[]> => (await sysadmin.get('/units')).body.items;
  const byName = async (name: string) => (await list()).find((u) => u.name === name)!;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    sysadmin = await loggedIn(env.app, 'sysadmin');
  });
  afterAll(() => env.close());

  it('creates a community under a town, renames it and moves it with its subtree', async () => {
    const hongshan = await byName('洪山镇');
    const kunlun = await byName('昆仑镇');
    const created = await sysadmin.post('/units', { parentId: hongshan.id, kind: 'community', name: '新建社区', code: 'NEW-C-1' });
    expect(created.status).toBe(200);
    const community: Unit = created.body;
    expect(community).toMatchObject({ parentId: hongshan.id, kind: 'community', name: '新建社区', code: 'NEW-C-1', active: true, depth: hongshan.depth + 1, childCount: 0 });
    expect(community.path).toBe(`${hongshan.path}${community.id}/`);
    expect((await sysadmin.get(`/units/${hongshan.id}`)).body.childCount).toBe(hongshan.childCount + 1);

    // A base inside the community, so the move has a subtree to carry.
    const base = (await sysadmin.post('/units', { parentId: community.id, kind: 'base', name: '新建社区实践基地' })).body as Unit;
    expect(base.path).toBe(`${community.path}${base.id}/`);

    const renamed = await sysadmin.patch(`/units/${community.id}`, { name: '幸福社区', nameEn: 'Xingfu Community', sortOrder: 99 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '幸福社区', nameEn: 'Xingfu Community', sortOrder: 99, path: community.path });

    const moved = await sysadmin.patch(`/units/${community.id}`, { parentId: kunlun.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: kunlun.id, path: `${kunlun.path}${community.id}/`, depth: kunlun.depth + 1 });
    const baseAfter = (await sysadmin.get(`/units/${base.id}`)).body as Unit;
    expect(baseAfter.path).toBe(`${kunlun.path}${community.id}/${base.id}/`);
    expect(baseAfter.depth).toBe(kunlun.depth + 2);

    // Scopes follow the tree: the Kunlun officer now sees it, the Hongshan officer no longer does.
    expect((await (await loggedIn(env.app, 'kunlun')).get(`/units/${base.id}`)).status).toBe(200);
    expect((await (await loggedIn(env.app, 'hongshan')).get(`/units/${base.id}`)).status).toBe(404);
  });

  it('refuses moving a unit under itself or its own descendant', async () => {
    const kunlun = await byName('昆仑镇');
    const community = await byName('幸福社区');
    const base = await byName('新建社区实践基地');
    for (const parentId of [community.id, base.id]) {
      const res = await sysadmin.patch(`/units/${community.id}`, { parentId });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation');
      expect(res.body.fields.parentId).toBe('不能把单位移动到它自己或它的下级单位之下');
    }
    const town = await sysadmin.patch(`/units/${kunlun.id}`, { parentId: community.id });
    expect(town.status).toBe(400);
    expect(town.body.fields.parentId).toBeTruthy();
    expect((await sysadmin.get(`/units/${community.id}`)).body.parentId).toBe(kunlun.id);
  });

  it('refuses kinds that do not fit the parent', async () => {
    const community = await byName('幸福社区');
    const district = (await list()).find((u) => u.parentId === null)!;
    const memberUnit = await byName('区司法局');

    const townUnderCommunity = await sysadmin.post('/units', { parentId: community.id, kind: 'town', name: '镇中镇' });
    expect(townUnderCommunity.status).toBe(400);
    expect(townUnderCommunity.body.fields.kind).toBe('“镇”类型的单位不能建在“社区”之下');

    const communityUnderDistrict = await sysadmin.post('/units', { parentId: district.id, kind: 'community', name: '直属社区' });
    expect(communityUnderDistrict.body.fields.kind).toBeTruthy();

    const moveUnderMemberUnit = await sysadmin.patch(`/units/${community.id}`, { parentId: memberUnit.id });
    expect(moveUnderMemberUnit.status).toBe(400);
    expect(moveUnderMemberUnit.body.fields.kind).toBeTruthy();

    const en = await loggedIn(env.app, 'sysadmin', 'en-US');
    const english = await en.post('/units', { parentId: community.id, kind: 'town', name: '镇中镇' });
    expect(english.body.fields.kind).toBe('A unit of kind "town" cannot be placed under a "community"');

    const unknownParent = await sysadmin.post('/units', { parentId: 999999, kind: 'community', name: '无上级' });
    expect(unknownParent.body.fields.parentId).toBe('请选择上级单位');
  });

  it('deactivates and reactivates a unit; no new units under a deactivated one', async () => {
    const community = await byName('幸福社区');
    // Its practice base goes first: a unit cannot be switched off above live sub-units.
    const base = await byName('新建社区实践基地');
    const blocked = await sysadmin.patch(`/units/${community.id}`, { active: false });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toBe('该单位下还有 1 个启用的下级单位、0 个启用的账户，不能停用；请先移走或停用它们');
    expect((await sysadmin.patch(`/units/${base.id}`, { active: false })).status).toBe(200);
    const off = await sysadmin.patch(`/units/${community.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await list()).find((u) => u.id === community.id)!.active).toBe(false);
    expect(((await sysadmin.get('/units?includeInactive=false')).body.items as Unit[]).some((u) => u.id === community.id)).toBe(false);

    const child = await sysadmin.post('/units', { parentId: community.id, kind: 'base', name: '停用下的基地' });
    expect(child.status).toBe(400);
    expect(child.body.fields.parentId).toBe('上级单位已停用');

    expect((await sysadmin.patch(`/units/${community.id}`, { active: true })).body.active).toBe(true);

    // A town with live communities and a working account cannot be switched off underneath them.
    const town = await byName('洪山镇');
    const refused = await sysadmin.patch(`/units/${town.id}`, { active: false });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('unit.hasActiveMembers');
    expect(refused.body.message).toMatch(/^该单位下还有 \d+ 个启用的下级单位、1 个启用的账户，不能停用/);
    expect((await list()).find((u) => u.id === town.id)!.active).toBe(true);
  });

  it('deletes an empty unit, and refuses a unit with sub-units or accounts, saying how many', async () => {
    const base = await byName('新建社区实践基地');
    const community = await byName('幸福社区');
    const busy = await sysadmin.delete(`/units/${community.id}`);
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('unit.hasMembers');
    expect(busy.body.message).toBe('该单位下还有 1 个下级单位、0 个账户，不能删除；请先移走或停用');

    expect((await sysadmin.delete(`/units/${base.id}`)).status).toBe(200);
    expect((await sysadmin.get(`/units/${base.id}`)).status).toBe(404);
    expect((await sysadmin.delete(`/units/${community.id}`)).status).toBe(200);

    const hongshan = await byName('洪山镇');
    const town = await sysadmin.delete(`/units/${hongshan.id}`);
    expect(town.status).toBe(409);
    expect(town.body.code).toBe('unit.hasMembers');
    expect(town.body.message).toBe(`该单位下还有 ${hongshan.childCount} 个下级单位、1 个账户，不能删除；请先移走或停用`);

    const en = await loggedIn(env.app, 'sysadmin', 'en-US');
    expect((await en.delete(`/units/${hongshan.id}`)).body.message).toBe(
      `This unit cannot be deleted while it has sub-units (${hongshan.childCount}) or accounts (1); move or deactivate them first`,
    );
    expect((await sysadmin.get(`/units/${hongshan.id}`)).status).toBe(200);
  });

  it('the district root cannot be moved, deactivated or deleted', async () => {
    const root = (await list()).find((u) => u.parentId === null)!;
    expect(root.abilities).toMatchObject({ move: false, deactivate: false, delete: false, update: true });
    const town = await byName('洪山镇');
    for (const res of [
      await sysadmin.patch(`/units/${root.id}`, { parentId: town.id }),
      await sysadmin.patch(`/units/${root.id}`, { active: false }),
      await sysadmin.delete(`/units/${root.id}`),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('unit.rootImmutable');
      expect(res.body.message).toBe('区级根单位不能移动、停用或删除');
    }
    // Renaming the district is allowed.
    expect((await sysadmin.patch(`/units/${root.id}`, { nameEn: 'Zichuan District, Zibo' })).status).toBe(200);
  });

  it('keeps unit codes unique', async () => {
    const town = await byName('昆仑镇');
    const first = await sysadmin.post('/units', { parentId: town.id, kind: 'community', name: '编码社区一', code: 'DUP-1' });
    expect(first.status).toBe(200);
    const second = await sysadmin.post('/units', { parentId: town.id, kind: 'community', name: '编码社区二', code: 'DUP-1' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('unit.codeTaken');
    expect(second.body.fields.code).toBe('单位编码 DUP-1 已被使用');

    const other = await sysadmin.post('/units', { parentId: town.id, kind: 'community', name: '编码社区二', code: 'DUP-2' });
    const clash = await sysadmin.patch(`/units/${other.body.id}`, { code: 'DUP-1' });
    expect(clash.status).toBe(409);
    expect(clash.body.fields.code).toBe('单位编码 DUP-1 已被使用');
    // Keeping its own code is not a clash.
    expect((await sysadmin.patch(`/units/${first.body.id}`, { code: 'DUP-1', name: '编码社区甲' })).status).toBe(200);

    const badCode = await sysadmin.post('/units', { parentId: town.id, kind: 'community', name: '坏编码', code: 'a b' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.fields.code).toBe('编码只能包含字母、数字、连字符和下划线');
  });

  it('writes each change to the audit log', async () => {
    const rows = await env.database.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', 'like', 'unit.%').execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['unit.create', 'unit.update', 'unit.move', 'unit.deactivate', 'unit.reactivate', 'unit.delete']) expect(actions.has(a), a).toBe(true);
    expect(rows.every((r) => r.actor_name === 'sysadmin')).toBe(true);
  });
});
