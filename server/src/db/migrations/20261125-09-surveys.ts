import type { Kysely } from 'kysely';
import { withId } from '../migration-helpers.js';

// The annual survey (摸底): the district opens a campaign, every active person becomes an item for
// the town they belong to, and town officers verify each one. Forward-only.

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('survey_campaigns'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    /** open → closed */
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_by', 'integer')
    .addColumn('opened_by_name', 'varchar(60)', (c) => c.notNull())
    .addColumn('opened_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(30)')
    .execute();

  await withId(db, db.schema.createTable('survey_items'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('survey_campaigns.id'))
    /** No foreign key: a person merged away later keeps its item (as verified then). */
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('person_name', 'varchar(60)', (c) => c.notNull())
    /** The street or town the person belonged to when the campaign opened; null = not under a town. */
    .addColumn('town_id', 'integer')
    /** pending | confirmed | moved | left | deceased */
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('verified_by', 'integer')
    .addColumn('verified_by_name', 'varchar(60)')
    .addColumn('verified_at', 'varchar(30)')
    .addUniqueConstraint('survey_items_person', ['campaign_id', 'person_id'])
    .execute();
  await db.schema.createIndex('survey_items_town').on('survey_items').columns(['campaign_id', 'town_id', 'status']).execute();
}
