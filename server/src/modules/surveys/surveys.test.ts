import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyItem, TownProgress } from '../../../../common/src/schemas/surveys.js';
import { createTestEnv, DIALECTS, loggedIn, type TestClient, type TestEnv } from '../../test/harness.js';

// The annual survey as the district runs it: staff open a campaign, each town officer verifies
// their own persons, progress is counted per town, and the outcomes show in the headcount.

describe.each(DIALECTS)('annual survey on %s', (dialect) => {
  let env: TestEnv;
  let staff: TestClient;
  let hongshan: TestClient;
  let kunlun: TestClient;
  let campaignId: number;

  beforeAll(async () => {
    env = await createTestEnv(dialect, { persons: 120 });
    staff = await loggedIn(env.app, 'staff');
    hongshan = await loggedIn(env.app, 'hongshan');
    kunlun = await loggedIn(env.app, 'kunlun');
  });
  afterAll(() => env.close());

  it('opens one campaign at a time with every active person as an item', async () => {
    expect((await hongshan.post('/surveys', { name: '2026年度摸底' })).status).toBe(403);
    expect((await staff.post('/surveys', { name: '  ' })).status).toBe(400);
    const opened = await staff.post('/surveys', { name: '2026年度摸底' });
    expect(opened.status).toBe(200);
    campaignId = opened.body.id;
    const active = await env.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow();
    expect(opened.body).toMatchObject({ status: 'open', itemCount: Number(active.n), openedByName: '王晓梅' });
    const again = await staff.post('/surveys', { name: '重复' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('2026年度摸底');
  });

  it("gives a town officer their own town's persons only, and counts progress per town", async () => {
    const district = (await staff.get(`/surveys/${campaignId}/progress`)).body.towns as TownProgress[];
    const mine = (await hongshan.get(`/surveys/${campaignId}/progress`)).body.towns as TownProgress[];
    expect(mine.map((t) => t.townName)).toEqual(['洪山镇']);
    expect(mine[0]).toEqual(district.find((t) => t.townName === '洪山镇'));
    expect(district.reduce((n, t) => n + t.total, 0)).toBeGreaterThan(mine[0]!.total);
    const items = await hongshan.get(`/surveys/${campaignId}/items?status=pending&limit=200`);
    expect(items.body.total).toBe(mine[0]!.pending);
    expect((items.body.items as SurveyItem[]).every((i) => i.townName === '洪山镇')).toBe(true);
    // Another town's item is not there for this officer.
    const other = (await kunlun.get(`/surveys/${campaignId}/items?limit=1`)).body.items[0] as SurveyItem;
    expect((await hongshan.post(`/surveys/${campaignId}/items/${other.id}`, { status: 'confirmed' })).status).toBe(404);
  });

  it('records each outcome on the item and the person, and the headcount shows them', async () => {
    const items = (await hongshan.get(`/surveys/${campaignId}/items?status=pending&limit=3`)).body.items as SurveyItem[];
    const [a, b, c] = items;
    expect((await hongshan.post(`/surveys/${campaignId}/items/${a!.id}`, { status: 'confirmed' })).status).toBe(200);
    expect((await hongshan.post(`/surveys/${campaignId}/items/${b!.id}`, { status: 'moved', note: '已迁往张店区' })).status).toBe(200);
    expect((await hongshan.post(`/surveys/${campaignId}/items/${c!.id}`, { status: 'bogus' })).status).toBe(400);
    const person = (await staff.get(`/persons/${b!.personId}`)).body;
    expect(person.status).toBe('moved');
    const history = (await staff.get(`/persons/${b!.personId}/history`)).body.items;
    expect(history[0]).toMatchObject({ field: 'status', newValue: 'moved', actorName: '张磊' });
    const progress = (await hongshan.get(`/surveys/${campaignId}/progress`)).body.towns[0] as TownProgress;
    expect(progress).toMatchObject({ confirmed: 1, moved: 1 });
    const headcount = (await staff.get('/consolidation/headcount')).body;
    expect(headcount.sinceSurvey).toMatchObject({ campaignId, confirmed: 1, moved: 1, added: 0 });
  });

  it('refuses verification once the campaign is closed', async () => {
    const item = ((await hongshan.get(`/surveys/${campaignId}/items?status=pending&limit=1`)).body.items as SurveyItem[])[0]!;
    expect((await staff.post(`/surveys/${campaignId}/close`)).status).toBe(200);
    const late = await hongshan.post(`/surveys/${campaignId}/items/${item.id}`, { status: 'confirmed' });
    expect(late.status).toBe(409);
    expect((await staff.get('/surveys')).body.items[0]).toMatchObject({ id: campaignId, status: 'closed' });
  });
});
