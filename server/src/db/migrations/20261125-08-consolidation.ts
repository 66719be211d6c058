import type { Kysely } from 'kysely';
import { withId } from '../migration-helpers.js';

// Consolidation: linkage runs, the pairs the engine scored (review queue and human decisions), and
// merges kept whole so a merge can be undone. Forward-only.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('link_runs'))
    /** full (first run) or incremental (pending records against the consolidated registry). */
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    /** running → succeeded | failed */
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('pending_records', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('existing_records', 'integer', (c) => c.notNull().defaultTo(0))
    /** Pending records that joined another record's person. */
    .addColumn('linked_records', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_persons', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_persons', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_pairs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('persons_before', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('persons_after', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON: the thresholds used. */
    .addColumn('settings', 'text', (c) => c.notNull())
    /** JSON: the fitted Fellegi–Sunter model (m/u per field level), so every weight can be explained. */
    .addColumn('model', 'text')
    /** JSON: candidate pairs, capped blocks, seconds per stage. */
    .addColumn('stats', 'text')
    .addColumn('error', 'text')
    .addColumn('started_by', 'integer')
    .addColumn('started_by_name', 'varchar(60)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(30)')
    .execute();

  /** The run that consolidated the record; null = not linked probabilistically yet (pending). */
  await db.schema.alterTable('source_records').addColumn('link_run_id', 'integer').execute();
  /** JSON: the strongest pair that linked the record ({other, weight, contributions}). */
  await db.schema.alterTable('source_records').addColumn('link_evidence', 'text').execute();
  await db.schema.createIndex('source_records_link_run').on('source_records').columns(['link_run_id', 'id']).execute();

  // One row per pair of source records the engine put in the review band or a person decided on.
  await withId(db, db.schema.createTable('link_pairs'))
    /** record_a < record_b, so a pair has one row. */
    .addColumn('record_a', 'integer', (c) => c.notNull().references('source_records.id'))
    .addColumn('record_b', 'integer', (c) => c.notNull().references('source_records.id'))
    .addColumn('weight', 'real', (c) => c.notNull())
    /** JSON: each field's comparison level and weight. */
    .addColumn('contributions', 'text', (c) => c.notNull())
    /** review (undecided) | same | different | skipped */
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('run_id', 'integer', (c) => c.references('link_runs.id'))
    .addColumn('decided_by', 'integer')
    .addColumn('decided_by_name', 'varchar(60)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('link_pairs_records', ['record_a', 'record_b'])
    .execute();
  await db.schema.createIndex('link_pairs_status').on('link_pairs').columns(['status', 'weight']).execute();
  await db.schema.createIndex('link_pairs_record_b').on('link_pairs').column('record_b').execute();

  // A merged person leaves `persons` (so lists, counts and search need not know about merges) and is
  // kept here whole: its row, groups, tags, search terms, and the source records and history rows
  // that moved to the survivor — enough to undo the merge exactly.
  await withId(db, db.schema.createTable('person_merges'))
    .addColumn('survivor_id', 'integer', (c) => c.notNull())
    .addColumn('merged_id', 'integer', (c) => c.notNull())
    .addColumn('run_id', 'integer', (c) => c.references('link_runs.id'))
    /** consolidation (a linkage run) | manual */
    .addColumn('method', 'varchar(20)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    /** JSON snapshot (personal data in it stays encrypted as stored). */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(60)', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('undone_at', 'varchar(30)')
    .addColumn('undone_by_name', 'varchar(60)')
    .execute();
  await db.schema.createIndex('person_merges_merged').on('person_merges').column('merged_id').execute();
  await db.schema.createIndex('person_merges_survivor').on('person_merges').columns(['survivor_id', 'id']).execute();
}
