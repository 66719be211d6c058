import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import { DIALECTS, openTestDatabase } from '../../test/harness.js';
import { syncBuiltInRoles } from '../roles/roles.repository.js';
import { findRootUnit, insertUnit, PLACEHOLDER_DISTRICT } from '../units/units.repository.js';
import { completeSetup, issueSetupToken, needsSetup } from './setup.service.js';
import type { Database } from '../../db/database.js';

// Lists imported from the command line before anyone set the instance up leave an unnamed
// district; the first-run set-up names it instead of creating a second one.

describe.each(DIALECTS)('first-run set-up after a command-line import on %s', (dialect) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  const ctx: Ctx = { actor: systemActor('test'), ip: null, requestId: 'test', locale: 'zh-CN' };

  beforeAll(async () => {
    ({ database, cleanup } = await openTestDatabase(dialect));
    await migrateToLatest(database.db);
    await syncBuiltInRoles(database.db);
  });
  afterAll(async () => {
    await database.close();
    await cleanup();
  });

  it('names the placeholder district with what the administrator enters', async () => {
    await insertUnit(database.db, { ...PLACEHOLDER_DISTRICT }, null);
    expect(await needsSetup(database.db)).toBe(true);
    const token = (await issueSetupToken(database.db))!;
    await completeSetup(database.db, ctx, { token, districtName: '淄川区', districtNameEn: 'Zichuan District', districtCode: '370302', username: 'secadmin', displayName: '吴敏', password: 'Start#2026a' });
    const root = await findRootUnit(database.db);
    expect(root).toMatchObject({ name: '淄川区', name_en: 'Zichuan District' });
    const units = await database.db.selectFrom('units').select(['id', 'code']).execute();
    expect(units).toEqual([{ id: root!.id, code: '370302' }]);
  });
});
