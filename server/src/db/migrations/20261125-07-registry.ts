import { sql, type Kysely } from 'kysely';
import { isSqlite, withId } from '../migration-helpers.js';

// The person registry: persons, their employers, where every value came from (sources, import
// batches, source records as read), field history, search terms, uploads and saved list views.
// Forward-only.

export async function up(db: Kysely<any>): Promise<void> {
  const blob = isSqlite(db) ? sql`blob` : sql`bytea`;
  // Search terms are matched by prefix range (term >= q and term < q + U+10FFFF): that needs plain
  // code-point order, which a PostgreSQL locale collation would not give.
  const termType = isSqlite(db) ? sql`varchar(200)` : sql`varchar(200) collate "C"`;

  await withId(db, db.schema.createTable('organisations'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    /** Normalised name (NFKC, no spaces) so one employer is one row however it was typed. */
    .addColumn('name_key', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('uscc', 'varchar(18)')
    .addColumn('kind', 'varchar(20)')
    .addColumn('industry', 'varchar(4)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organisations_uscc').on('organisations').column('uscc').execute();

  await withId(db, db.schema.createTable('persons'))
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('former_names', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('pen_name', 'varchar(60)', (c) => c.notNull().defaultTo(''))
    /** Full pinyin of the name: the name sort key, so 张 sorts with zh. */
    .addColumn('sort_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('gender', 'varchar(2)')
    .addColumn('ethnicity', 'varchar(4)')
    /** '' when unknown (not null), so the birth-date sort is one index scan with the unknown first. */
    .addColumn('birth_date', 'varchar(10)', (c) => c.notNull().defaultTo(''))
    .addColumn('resident_id_enc', 'text')
    .addColumn('resident_id_bidx', 'varchar(32)')
    .addColumn('resident_id_tail_bidx', 'varchar(32)')
    .addColumn('resident_id_masked', 'varchar(24)')
    .addColumn('resident_id_valid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mobile_enc', 'text')
    .addColumn('mobile_bidx', 'varchar(32)')
    .addColumn('mobile_tail_bidx', 'varchar(32)')
    .addColumn('mobile_masked', 'varchar(20)')
    .addColumn('political', 'varchar(4)')
    .addColumn('political2', 'varchar(4)')
    .addColumn('party_join_date', 'varchar(10)')
    .addColumn('party2_join_date', 'varchar(10)')
    .addColumn('education', 'varchar(4)')
    .addColumn('degree', 'varchar(4)')
    .addColumn('school', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('major', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('post', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('title', 'varchar(60)', (c) => c.notNull().defaultTo(''))
    .addColumn('qualification', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    /** JSON array of group codes and `group.sub` codes; person_groups mirrors it for filtering. */
    .addColumn('groups', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('work_town_id', 'integer', (c) => c.references('units.id'))
    .addColumn('work_community_id', 'integer', (c) => c.references('units.id'))
    .addColumn('residence_town_id', 'integer', (c) => c.references('units.id'))
    .addColumn('residence_community_id', 'integer', (c) => c.references('units.id'))
    /** The unit that owns the record for data scope: work community, else work town, else the creator's unit. */
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rep_level', 'varchar(20)', (c) => c.notNull().defaultTo('none'))
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('active'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // One index per sort order (with id as the keyset tie-breaker) and per exact lookup.
  await db.schema.createIndex('persons_updated').on('persons').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('persons_sort_name').on('persons').columns(['sort_name', 'id']).execute();
  await db.schema.createIndex('persons_birth_date').on('persons').columns(['birth_date', 'id']).execute();
  await db.schema.createIndex('persons_unit').on('persons').columns(['unit_id', 'updated_at']).execute();
  await db.schema.createIndex('persons_rid_bidx').on('persons').column('resident_id_bidx').execute();
  await db.schema.createIndex('persons_rid_tail_bidx').on('persons').column('resident_id_tail_bidx').execute();
  await db.schema.createIndex('persons_mobile_bidx').on('persons').column('mobile_bidx').execute();
  await db.schema.createIndex('persons_mobile_tail_bidx').on('persons').column('mobile_tail_bidx').execute();
  await db.schema.createIndex('persons_organisation').on('persons').column('organisation_id').execute();
  await db.schema.createIndex('persons_name_birth').on('persons').columns(['name', 'birth_date']).execute();

  await db.schema
    .createTable('person_groups')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('group_code', 'varchar(40)', (c) => c.notNull())
    .addColumn('sub_group_code', 'varchar(60)', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('person_groups_pk', ['person_id', 'group_code', 'sub_group_code'])
    .execute();
  await db.schema.createIndex('person_groups_group').on('person_groups').columns(['group_code', 'person_id']).execute();
  await db.schema.createIndex('person_groups_sub').on('person_groups').columns(['sub_group_code', 'person_id']).execute();

  await db.schema
    .createTable('person_tags')
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('tag', 'varchar(40)', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_tags_pk', ['person_id', 'tag'])
    .execute();
  await db.schema.createIndex('person_tags_tag').on('person_tags').columns(['tag', 'person_id']).execute();

  /** Search terms: the simplified name, its full pinyin and initials, and the same for former names. */
  await db.schema
    .createTable('person_search_terms')
    .addColumn('term', termType, (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('person_search_terms_pk', ['term', 'person_id'])
    .execute();
  await db.schema.createIndex('person_search_terms_person').on('person_search_terms').column('person_id').execute();

  await withId(db, db.schema.createTable('sources'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('uploads'))
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('purpose', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('import_batches'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    .addColumn('upload_id', 'integer', (c) => c.references('uploads.id'))
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('file_sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('sheet_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('header_row', 'integer', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    /** draft → queued → committed | failed */
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('linked_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flagged_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refused_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('job_id', 'integer')
    /** The copy of the sheet with a result column, written when the batch commits. */
    .addColumn('error_file_id', 'integer', (c) => c.references('uploads.id'))
    .addColumn('error', 'text')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'varchar(60)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('committed_at', 'varchar(30)')
    .execute();
  // The same file (and sheet) committed twice is one batch: the second commit finds the first.
  await db.schema
    .createIndex('import_batches_committed_file')
    .on('import_batches')
    .columns(['file_sha256', 'sheet_name'])
    .unique()
    .where(sql.ref('status'), '=', 'committed')
    .execute();
  await db.schema.createIndex('import_batches_unit').on('import_batches').columns(['unit_id', 'id']).execute();

  await withId(db, db.schema.createTable('source_records'))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('sources.id'))
    /** 1-based spreadsheet row as Excel shows it. */
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    /** The row exactly as read (header → cell text), SM4-encrypted because it holds IDs and phones. */
    .addColumn('raw_enc', 'text', (c) => c.notNull())
    /** JSON list of {field, code} problems found in the row. */
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('resident_id_bidx', 'varchar(32)')
    .addColumn('mobile_bidx', 'varchar(32)')
    .addColumn('person_id', 'integer', (c) => c.references('persons.id'))
    /** How the row was linked: residentId (exact valid ID), created (new person), manual; later: probabilistic. */
    .addColumn('link_method', 'varchar(20)')
    .addColumn('link_weight', 'real')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('source_records_person').on('source_records').columns(['person_id', 'id']).execute();
  await db.schema.createIndex('source_records_batch').on('source_records').columns(['batch_id', 'row_number']).execute();
  await db.schema.createIndex('source_records_source').on('source_records').columns(['source_id', 'person_id']).execute();
  await db.schema.createIndex('source_records_rid').on('source_records').column('resident_id_bidx').execute();

  await withId(db, db.schema.createTable('person_field_history'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('field', 'varchar(40)', (c) => c.notNull())
    /** Display values; personal data (ID, mobile) is kept masked here. */
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('source_record_id', 'integer', (c) => c.references('source_records.id'))
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'varchar(60)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_field_history_person').on('person_field_history').columns(['person_id', 'id']).execute();

  await withId(db, db.schema.createTable('saved_views'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('module', 'varchar(40)', (c) => c.notNull())
    .addColumn('name', 'varchar(40)', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('saved_views_user_name', ['user_id', 'module', 'name'])
    .execute();
}
