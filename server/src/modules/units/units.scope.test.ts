import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, DIALECTS, loggedIn, type TestEnv } from '../../test/harness.js';
import type { Unit } from '../../../../common/src/schemas/units.js';

// Data scope: a town officer sees, counts and can reach only their own town's subtree.
describe.each(DIALECTS)('org tree data scope on %s', (dialect) => {
  let env: TestEnv;
  let all: Unit[];
  beforeAll(async () => {
    env = await createTestEnv(dialect);
    all = (await (await loggedIn(env.app, 'staff')).get('/units')).body.items;
  });
  afterAll(() => env.close());

  const byName = (name: string) => all.find((u) => u.name === name)!;

  it('district staff see the whole district', () => {
    expect(all.filter((u) => u.kind === 'town' || u.kind === 'street')).toHaveLength(13);
    expect(all.filter((u) => u.kind === 'memberUnit').length).toBeGreaterThanOrEqual(20);
  });

  it('a town officer lists only their town and its communities', async () => {
    const hongshan = await loggedIn(env.app, 'hongshan');
    const res = await hongshan.get('/units');
    expect(res.status).toBe(200);
    const units: Unit[] = res.body.items;
    const town = byName('洪山镇');
    expect(units[0]!.id).toBe(town.id);
    expect(units.length).toBe(all.filter((u) => u.path.startsWith(town.path)).length);
    expect(units.every((u) => u.path.startsWith(town.path))).toBe(true);
    expect(units.some((u) => u.name === '昆仑镇')).toBe(false);
  });

  it('cannot fetch another town or its community by id: 404, as if it did not exist', async () => {
    const hongshan = await loggedIn(env.app, 'hongshan');
    const kunlun = byName('昆仑镇');
    const kunlunCommunity = all.find((u) => u.parentId === kunlun.id)!;
    for (const id of [kunlun.id, kunlunCommunity.id, byName('淄川区').id, 999999]) {
      const res = await hongshan.get(`/units/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('notFound');
    }
  });

  it('workbench counts only cover the town', async () => {
    const hongshan = await loggedIn(env.app, 'hongshan');
    const res = await hongshan.get('/workbench');
    expect(res.status).toBe(200);
    const town = byName('洪山镇');
    const underTown = all.filter((u) => u.path.startsWith(town.path) && u.id !== town.id && u.active);
    const total = Object.values(res.body.unitCounts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBe(underTown.length);
    expect(res.body.unitCounts.community + res.body.unitCounts.village).toBe(underTown.length);
    expect(res.body.unitCounts.town).toBeUndefined();
    expect(res.body.unitCounts.memberUnit).toBeUndefined();
  });

  it('a member-unit handler sees only their own unit', async () => {
    const justice = await loggedIn(env.app, 'justice');
    const units: Unit[] = (await justice.get('/units')).body.items;
    expect(units.map((u) => u.name)).toEqual(['区司法局']);
  });
});
