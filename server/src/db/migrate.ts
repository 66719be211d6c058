import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres, type Db } from './database.js';
import * as m01 from './migrations/20261125-01-units.js';
import * as m02 from './migrations/20261125-02-accounts.js';
import * as m03 from './migrations/20261125-03-sessions.js';
import * as m04 from './migrations/20261125-04-audit-log.js';
import * as m05 from './migrations/20261125-05-jobs-settings.js';
import * as m06 from './migrations/20261125-06-totp-last-step.js';
import * as m07 from './migrations/20261125-07-registry.js';
import * as m08 from './migrations/20261125-08-consolidation.js';
import * as m09 from './migrations/20261125-09-surveys.js';

// Migrations are listed here (not read from a folder) so the bundled build carries them.
const MIGRATIONS: Record<string, Migration> = {
  '20261125-01-units': m01,
  '20261125-02-accounts': m02,
  '20261125-03-sessions': m03,
  '20261125-04-audit-log': m04,
  '20261125-05-jobs-settings': m05,
  '20261125-06-totp-last-step': m06,
  '20261125-07-registry': m07,
  '20261125-08-consolidation': m08,
  '20261125-09-surveys': m09,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Kysely looks for its bookkeeping tables in every schema unless told which one, so on PostgreSQL
 * another schema's schema_migrations (a second instance, another application, a parallel test)
 * would be taken for ours. Name the schema this connection works in.
 */
async function migratorFor(db: Db): Promise<Migrator> {
  const migrationTableSchema = isPostgres(db) ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  return new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = await migratorFor(db);
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (readiness check). */
export async function isMigrated(db: Db): Promise<boolean> {
  const migrator = await migratorFor(db);
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
