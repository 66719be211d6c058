import type { Kysely } from 'kysely';

// Remembers the last TOTP time step accepted per user, so a code cannot be replayed within its
// validity window (ASVS 2.8.4).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
}
