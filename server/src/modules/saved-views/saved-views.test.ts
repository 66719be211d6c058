import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, DIALECTS, loggedIn, type TestEnv } from '../../test/harness.js';

// Saved list views are private: one user's views are invisible and untouchable to another.
describe.each(DIALECTS)('saved views on %s', (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect);
  });
  afterAll(() => env.close());

  it('saves, replaces by name, lists and deletes only the owner’s views', async () => {
    const staff = await loggedIn(env.app, 'staff');
    const hongshan = await loggedIn(env.app, 'hongshan');
    const saved = await staff.put('/saved-views', { module: 'persons', name: '女性律师', state: { query: 'gender=2&subGroup=intermediary.lawyer', columns: ['name'] } });
    expect(saved.status).toBe(200);
    const replaced = await staff.put('/saved-views', { module: 'persons', name: '女性律师', state: { query: 'gender=2' } });
    expect(replaced.body.id).toBe(saved.body.id);
    const mine = await staff.get('/saved-views?module=persons');
    expect(mine.body.items).toEqual([expect.objectContaining({ name: '女性律师', state: { query: 'gender=2' } })]);

    expect((await hongshan.get('/saved-views?module=persons')).body.items).toEqual([]);
    expect((await hongshan.delete(`/saved-views/${saved.body.id}`)).status).toBe(404);
    expect((await staff.put('/saved-views', { module: 'persons', name: ' ', state: {} })).body.fields.name).toBe('必填');
    expect((await staff.delete(`/saved-views/${saved.body.id}`)).status).toBe(200);
    expect((await staff.get('/saved-views?module=persons')).body.items).toEqual([]);
  });
});
