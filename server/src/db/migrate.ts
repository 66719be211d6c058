import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import * as m01 from './migrations/20261125-01-units.js';
import * as m02 from './migrations/20261125-02-accounts.js';
import * as m03 from './migrations/20261125-03-sessions.js';
import * as m04 from './migrations/20261125-04-audit-log.js';
import * as m05 from './migrations/20261125-05-jobs-settings.js';

// Migrations are listed here (not read from a folder) so the bundled build carries them.
const MIGRATIONS: Record<string, Migration> = {
  '20261125-01-units': m01,
  '20261125-02-accounts': m02,
  '20261125-03-sessions': m03,
  '20261125-04-audit-log': m04,
  '20261125-05-jobs-settings': m05,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (readiness check). */
export async function isMigrated(db: Db): Promise<boolean> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
