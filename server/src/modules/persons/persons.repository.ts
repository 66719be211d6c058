import { CompiledQuery, sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { PersonFilter, PersonSort } from '../../../../common/src/schemas/persons.js';
import type { Ctx } from '../../platform/context.js';
import { unitIdInScope, unitIdScopeFor } from '../../platform/scope.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { isPostgres, type Executor } from '../../db/database.js';
import type { DB, PersonsTable } from '../../db/schema.js';
import { classifyQuery, type QueryKind } from './search-terms.js';

// The only Kysely code for persons. Every read goes through `scoped()`, so list, count, get by id,
// search, duplicates and export all hold the actor's data scope.

export type PersonColumns = Omit<Insertable<PersonsTable>, 'id' | 'version' | 'created_at' | 'updated_at'>;

export interface PersonRow {
  id: number;
  name: string;
  former_names: string;
  pen_name: string;
  sort_name: string;
  gender: string | null;
  ethnicity: string | null;
  birth_date: string;
  resident_id_enc: string | null;
  resident_id_bidx: string | null;
  resident_id_masked: string | null;
  resident_id_valid: number;
  mobile_enc: string | null;
  mobile_bidx: string | null;
  mobile_masked: string | null;
  political: string | null;
  political2: string | null;
  party_join_date: string | null;
  party2_join_date: string | null;
  education: string | null;
  degree: string | null;
  school: string;
  major: string;
  organisation_id: number | null;
  post: string;
  title: string;
  qualification: string;
  groups: string;
  work_town_id: number | null;
  work_community_id: number | null;
  residence_town_id: number | null;
  residence_community_id: number | null;
  unit_id: number;
  tags: string;
  rep_level: string;
  status: string;
  notes: string;
  version: number;
  created_at: string;
  updated_at: string;
  employer_name: string | null;
  employer_uscc: string | null;
  employer_kind: string | null;
  employer_industry: string | null;
  unit_name: string;
  work_town_name: string | null;
  work_community_name: string | null;
  residence_town_name: string | null;
  residence_community_name: string | null;
}

/**
 * Persons with the names a page shows. Every join is a LEFT JOIN (unit_id is never null) so the
 * planner always starts from persons and can walk a persons index in order; an inner join to
 * units let it start from the 500 units and sort the whole district.
 */
function joined(exec: Executor) {
  return exec
    .selectFrom('persons as p')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('units as wt', 'wt.id', 'p.work_town_id')
    .leftJoin('units as wc', 'wc.id', 'p.work_community_id');
}

function scoped(exec: Executor, ctx: Ctx) {
  return joined(exec).where(unitIdInScope(ctx, 'p.unit_id'));
}

/** For sorted pages: the scope condition is the one that lets the best index drive the query. */
async function scopedForPage(exec: Executor, ctx: Ctx) {
  const scope = await unitIdScopeFor(exec, ctx, 'p.unit_id', 'sortedPage');
  return scope ? joined(exec).where(scope) : joined(exec);
}

function withFullColumns<Q extends ReturnType<typeof joined>>(q: Q) {
  return q
    .leftJoin('units as rt', 'rt.id', 'p.residence_town_id')
    .leftJoin('units as rc', 'rc.id', 'p.residence_community_id')
    .selectAll('p')
    .select([
      'o.name as employer_name',
      'o.uscc as employer_uscc',
      'o.kind as employer_kind',
      'o.industry as employer_industry',
      'u.name as unit_name',
      'wt.name as work_town_name',
      'wc.name as work_community_name',
      'rt.name as residence_town_name',
      'rc.name as residence_community_name',
    ]);
}

function selectFull(exec: Executor, ctx: Ctx) {
  return withFullColumns(scoped(exec, ctx));
}

export async function findPersonInScope(exec: Executor, ctx: Ctx, id: number): Promise<PersonRow | undefined> {
  return (await selectFull(exec, ctx).where('p.id', '=', id).executeTakeFirst()) as PersonRow | undefined;
}

/** Many persons by id at once (an import's linked rows), keyed by id; the same columns as findPersonInScope. */
export async function findPersonsInScope(exec: Executor, ctx: Ctx, ids: number[]): Promise<Map<number, PersonRow>> {
  const found = new Map<number, PersonRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await selectFull(exec, ctx).where('p.id', 'in', ids.slice(i, i + 500)).execute()) as PersonRow[];
    for (const r of rows) found.set(r.id, r);
  }
  return found;
}

export async function countSourceRecords(exec: Executor, personId: number): Promise<number> {
  const row = await exec.selectFrom('source_records').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', personId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Filters

const TERM_END = '\u{10FFFF}';

/** Persons whose search terms start with `prefix`. */
function termPrefix(prefix: string): Expression<SqlBool> {
  return sql<SqlBool>`p.id in (select t.person_id from person_search_terms t where t.term >= ${prefix} and t.term < ${prefix + TERM_END})`;
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function employerContains(text: string): Expression<SqlBool> {
  return sql<SqlBool>`p.organisation_id in (select eo.id from organisations eo where eo.name_key like ${`%${likeEscape(text)}%`} escape '\\')`;
}

/** The search box's matching rule as a filter, shared by the list's `q` and the search endpoint. */
export function queryMatches(cipher: PersonalDataCipher, query: QueryKind): Expression<SqlBool> {
  switch (query.kind) {
    case 'residentId':
      return sql<SqlBool>`p.resident_id_bidx = ${cipher.blindIndex('residentId', query.value)}`;
    case 'residentIdTail':
      return sql<SqlBool>`p.resident_id_tail_bidx = ${cipher.blindIndex('residentIdTail', query.value)}`;
    case 'mobile':
      return sql<SqlBool>`p.mobile_bidx = ${cipher.blindIndex('mobile', query.value)}`;
    case 'mobileTail':
      return sql<SqlBool>`p.mobile_tail_bidx = ${cipher.blindIndex('mobileTail', query.value)}`;
    case 'pinyin':
      return termPrefix(query.value);
    case 'text':
      return sql<SqlBool>`(${termPrefix(query.value)} or ${employerContains(query.value)})`;
  }
}

function inList(column: string, values: string[] | undefined): Expression<SqlBool> | null {
  if (!values?.length) return null;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join(values)})`;
}

function isoYearsAgo(years: number, today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate()));
  return d.toISOString().slice(0, 10);
}

export function filterConditions(cipher: PersonalDataCipher, f: PersonFilter): Expression<SqlBool>[] {
  const out: (Expression<SqlBool> | null)[] = [];
  if (f.q) {
    const query = classifyQuery(f.q);
    if (query) out.push(queryMatches(cipher, query));
  }
  out.push(
    inList('p.gender', f.gender),
    inList('p.ethnicity', f.ethnicity),
    inList('p.political', f.political),
    inList('p.education', f.education),
    inList('p.degree', f.degree),
    inList('p.rep_level', f.repLevel),
    inList('p.status', f.status),
    inList('o.kind', f.employerKind),
    inList('o.industry', f.industry),
  );
  if (f.group?.length) out.push(sql<SqlBool>`exists (select 1 from person_groups g where g.person_id = p.id and g.group_code in (${sql.join(f.group)}))`);
  if (f.subGroup?.length) out.push(sql<SqlBool>`exists (select 1 from person_groups g where g.person_id = p.id and g.sub_group_code in (${sql.join(f.subGroup)}))`);
  if (f.tag?.length) out.push(sql<SqlBool>`exists (select 1 from person_tags pt where pt.person_id = p.id and pt.tag in (${sql.join(f.tag)}))`);
  if (f.sourceId) out.push(sql<SqlBool>`exists (select 1 from source_records sr where sr.person_id = p.id and sr.source_id = ${f.sourceId})`);
  if (f.organisationId) out.push(sql<SqlBool>`p.organisation_id = ${f.organisationId}`);
  if (f.townId) out.push(sql<SqlBool>`p.work_town_id = ${f.townId}`);
  if (f.communityId) out.push(sql<SqlBool>`p.work_community_id = ${f.communityId}`);
  // Age N means born on or before today − N years; the unknown birth date ('') never matches.
  if (f.ageMin !== undefined) out.push(sql<SqlBool>`p.birth_date <> '' and p.birth_date <= ${isoYearsAgo(f.ageMin)}`);
  if (f.ageMax !== undefined) out.push(sql<SqlBool>`p.birth_date > ${isoYearsAgo(f.ageMax + 1)}`);
  return out.filter((e): e is Expression<SqlBool> => e !== null);
}

// ---------------------------------------------------------------------------------------------
// List, count

export const SORT_COLUMNS: Record<PersonSort, 'p.updated_at' | 'p.sort_name' | 'p.birth_date'> = {
  updated: 'p.updated_at',
  name: 'p.sort_name',
  birthDate: 'p.birth_date',
};

export interface ListOptions {
  sort: PersonSort;
  order: 'asc' | 'desc';
  after: { k: string; id: number } | null;
  limit: number;
}

export interface PersonListRow {
  id: number;
  name: string;
  gender: string | null;
  ethnicity: string | null;
  birth_date: string;
  resident_id_masked: string | null;
  resident_id_valid: number;
  mobile_masked: string | null;
  political: string | null;
  education: string | null;
  employer_name: string | null;
  post: string;
  groups: string;
  work_town_name: string | null;
  work_community_name: string | null;
  tags: string;
  rep_level: string;
  status: string;
  updated_at: string;
  sort_key: string;
}

const LIST_COLUMNS = [
  'p.id',
  'p.name',
  'p.gender',
  'p.ethnicity',
  'p.birth_date',
  'p.resident_id_masked',
  'p.resident_id_valid',
  'p.mobile_masked',
  'p.political',
  'p.education',
  'o.name as employer_name',
  'p.post',
  'p.groups',
  'wt.name as work_town_name',
  'wc.name as work_community_name',
  'p.tags',
  'p.rep_level',
  'p.status',
  'p.updated_at',
] as const;

/** Filters, keyset position, order and limit: the same for a list page and an export page. */
function pageOf<Q extends { where: (e: Expression<SqlBool>) => Q; orderBy: (c: any, o: 'asc' | 'desc') => Q; limit: (n: number) => Q }>(
  q: Q,
  cipher: PersonalDataCipher,
  filter: PersonFilter,
  opts: ListOptions,
): Q {
  const col = SORT_COLUMNS[opts.sort];
  for (const c of filterConditions(cipher, filter)) q = q.where(c);
  if (opts.after) {
    const cmp = opts.order === 'desc' ? sql.raw('<') : sql.raw('>');
    q = q.where(sql<SqlBool>`(${sql.ref(col)}, p.id) ${cmp} (${opts.after.k}, ${opts.after.id})`);
  }
  return q.orderBy(col, opts.order).orderBy('p.id', opts.order).limit(opts.limit + 1);
}

export async function listPersonsInScope(exec: Executor, ctx: Ctx, cipher: PersonalDataCipher, filter: PersonFilter, opts: ListOptions): Promise<PersonListRow[]> {
  const q = (await scopedForPage(exec, ctx))
    .select(LIST_COLUMNS)
    .select(sql<string>`${sql.ref(SORT_COLUMNS[opts.sort])}`.as('sort_key'));
  return (await pageOf(q, cipher, filter, opts).execute()) as PersonListRow[];
}

/** Full rows for an export, streamed in keyset pages so memory stays flat however many there are. */
export async function* iteratePersonsInScope(exec: Executor, ctx: Ctx, cipher: PersonalDataCipher, filter: PersonFilter, sort: PersonSort, order: 'asc' | 'desc') {
  const size = 1000;
  let after: ListOptions['after'] = null;
  for (;;) {
    const q = withFullColumns(await scopedForPage(exec, ctx)).select(sql<string>`${sql.ref(SORT_COLUMNS[sort])}`.as('sort_key'));
    const rows = (await pageOf(q, cipher, filter, { sort, order, after, limit: size }).execute()) as (PersonRow & { sort_key: string })[];
    const page = rows.slice(0, size);
    if (page.length) yield page;
    if (rows.length <= size) return;
    const last = page[page.length - 1]!;
    after = { k: last.sort_key, id: last.id };
  }
}

/** Counting joins only what a filter needs (the employer for its kind or industry). */
export async function countPersonsInScope(exec: Executor, ctx: Ctx, cipher: PersonalDataCipher, filter: PersonFilter): Promise<number> {
  const scope = await unitIdScopeFor(exec, ctx, 'p.unit_id', 'count');
  const base = filter.employerKind?.length || filter.industry?.length ? exec.selectFrom('persons as p').leftJoin('organisations as o', 'o.id', 'p.organisation_id') : exec.selectFrom('persons as p');
  let q = base.select((eb) => eb.fn.countAll<number>().as('n'));
  if (scope) q = q.where(scope);
  for (const c of filterConditions(cipher, filter)) q = q.where(c);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Search box

export interface SearchRow {
  id: number;
  name: string;
  gender: string | null;
  birth_date: string;
  employer_name: string | null;
  post: string;
  mobile_masked: string | null;
  resident_id_masked: string | null;
  unit_name: string;
}

/** The search is driven by its own index (terms, blind indexes); the scope must not take over. */
async function searchSelect(exec: Executor, ctx: Ctx) {
  const scope = await unitIdScopeFor(exec, ctx, 'p.unit_id', 'sortedPage');
  const q = joined(exec).select(['p.id', 'p.name', 'p.gender', 'p.birth_date', 'o.name as employer_name', 'p.post', 'p.mobile_masked', 'p.resident_id_masked', 'u.name as unit_name']);
  return scope ? q.where(scope) : q;
}

/** Names whose term starts with `prefix`, exact matches first, in term order. */
export async function searchByTerm(exec: Executor, ctx: Ctx, prefix: string, limit: number): Promise<(SearchRow & { term: string })[]> {
  return (await (await searchSelect(exec, ctx))
    .innerJoin('person_search_terms as t', 't.person_id', 'p.id')
    .select('t.term')
    .where('t.term', '>=', prefix)
    .where('t.term', '<', prefix + TERM_END)
    .orderBy('t.term')
    .orderBy('p.id')
    .limit(limit)
    .execute()) as (SearchRow & { term: string })[];
}

export async function searchByCondition(exec: Executor, ctx: Ctx, condition: Expression<SqlBool>, limit: number): Promise<SearchRow[]> {
  return (await (await searchSelect(exec, ctx)).where(condition).orderBy('p.id').limit(limit).execute()) as SearchRow[];
}

export async function searchByEmployer(exec: Executor, ctx: Ctx, text: string, limit: number): Promise<SearchRow[]> {
  return searchByCondition(exec, ctx, employerContains(text), limit);
}

// ---------------------------------------------------------------------------------------------
// Duplicates

export interface DuplicateRow {
  id: number;
  name: string;
  birth_date: string;
  employer_name: string | null;
  unit_name: string;
  resident_id_bidx: string | null;
  mobile_bidx: string | null;
}

export async function findDuplicateCandidates(
  exec: Executor,
  ctx: Ctx,
  by: { residentIdBidx: string | null; name: string | null; birthDate: string | null; mobileBidx: string | null },
  excludeId?: number,
): Promise<DuplicateRow[]> {
  const ors: Expression<SqlBool>[] = [];
  if (by.residentIdBidx) ors.push(sql<SqlBool>`p.resident_id_bidx = ${by.residentIdBidx}`);
  if (by.name && by.birthDate && by.mobileBidx) {
    ors.push(sql<SqlBool>`(p.name = ${by.name} and p.birth_date = ${by.birthDate} and p.mobile_bidx = ${by.mobileBidx})`);
  }
  if (!ors.length) return [];
  let q = scoped(exec, ctx)
    .select(['p.id', 'p.name', 'p.birth_date', 'o.name as employer_name', 'u.name as unit_name', 'p.resident_id_bidx', 'p.mobile_bidx'])
    .where(sql<SqlBool>`(${sql.join(ors, sql` or `)})`);
  if (excludeId) q = q.where('p.id', '<>', excludeId);
  return (await q.limit(10).execute()) as DuplicateRow[];
}

/** Whether any person, in scope or not, already has this resident ID (the ID is identity). */
export async function personIdByResidentIdBidx(exec: Executor, bidx: string): Promise<number | null> {
  const row = await exec.selectFrom('persons').select('id').where('resident_id_bidx', '=', bidx).orderBy('id').executeTakeFirst();
  return row?.id ?? null;
}

// ---------------------------------------------------------------------------------------------
// Writes

/** Bound parameters per statement: SQLite's limit is 32766, PostgreSQL's 65535. */
const MAX_PARAMETERS = 32_000;
/** Rows per statement: past this a bigger statement saves little and costs more to prepare. */
const MAX_ROWS_PER_STATEMENT = 1000;

/**
 * Multi-row INSERT for bulk writers (an import), without Kysely's per-value query building: the
 * SQL text is made once per statement size, so SQLite's statement cache reuses it. With `returning`,
 * the new ids in row order (ids are assigned in VALUES order within one statement, on both
 * databases, so the sorted ids are the rows' ids).
 */
export async function insertRows<T extends keyof DB & string>(
  exec: Executor,
  table: T,
  columns: readonly (keyof DB[T] & string)[],
  rows: readonly (readonly unknown[])[],
  opts: { returningId?: boolean } = {},
): Promise<number[]> {
  const ids: number[] = [];
  if (!rows.length) return ids;
  const pg = isPostgres(exec);
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length)));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  const tail = opts.returningId ? ' returning "id"' : '';
  // Full statements, then the rest in power-of-two sizes: a few distinct SQL texts per table, so
  // SQLite's statement cache does not fill with one big prepared statement per remainder size.
  const sizes: number[] = [];
  let left = rows.length;
  for (; left >= perStatement; left -= perStatement) sizes.push(perStatement);
  for (let size = 1 << 30; left > 0; size >>= 1) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  let start = 0;
  for (const size of sizes) {
    const slice = rows.slice(start, start + size);
    start += size;
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of slice) {
      if (row.length !== columns.length) throw new Error(`insertRows(${table}): ${row.length} values for ${columns.length} columns`);
      const marks: string[] = [];
      for (const v of row) {
        // A multi-row VALUES cannot say DEFAULT on SQLite: a missing value is a bug, not a NULL.
        if (v === undefined) throw new Error(`insertRows(${table}): a value is missing`);
        params.push(v);
        marks.push(pg ? `$${params.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    const result = await exec.executeQuery<{ id: number | string }>(CompiledQuery.raw(head + tuples.join(', ') + tail, params));
    if (opts.returningId) {
      if (result.rows.length !== slice.length) throw new Error(`insertRows(${table}): ${result.rows.length} ids for ${slice.length} rows`);
      ids.push(...result.rows.map((r) => Number(r.id)).sort((a, b) => a - b));
    }
  }
  return ids;
}

export const PERSON_INSERT_COLUMNS = [
  'name',
  'former_names',
  'pen_name',
  'sort_name',
  'gender',
  'ethnicity',
  'birth_date',
  'resident_id_enc',
  'resident_id_bidx',
  'resident_id_tail_bidx',
  'resident_id_masked',
  'resident_id_valid',
  'mobile_enc',
  'mobile_bidx',
  'mobile_tail_bidx',
  'mobile_masked',
  'political',
  'political2',
  'party_join_date',
  'party2_join_date',
  'education',
  'degree',
  'school',
  'major',
  'organisation_id',
  'post',
  'title',
  'qualification',
  'groups',
  'work_town_id',
  'work_community_id',
  'residence_town_id',
  'residence_community_id',
  'unit_id',
  'tags',
  'rep_level',
  'status',
  'notes',
] as const satisfies readonly (keyof PersonColumns)[];

/** Many insertPersonRow at once; the new ids in the order given. */
export async function insertPersonRows(exec: Executor, rows: PersonColumns[], at: string): Promise<number[]> {
  const columns = [...PERSON_INSERT_COLUMNS, 'version', 'created_at', 'updated_at'] as const;
  return insertRows(
    exec,
    'persons',
    columns,
    rows.map((r) => [...PERSON_INSERT_COLUMNS.map((c) => r[c]), 1, at, at]),
    { returningId: true },
  );
}

/** A person's group codes as person_groups rows: `group.sub` also counts as its group, once. */
export function personGroupRows(codes: string[]): { group_code: string; sub_group_code: string }[] {
  const rows = new Map<string, { group_code: string; sub_group_code: string }>();
  for (const code of codes) {
    const [group] = code.split('.');
    const sub = code.includes('.') ? code : '';
    rows.set(`${group}|${sub}`, { group_code: group!, sub_group_code: sub });
  }
  return [...rows.values()];
}

/** Groups, tags and search terms of many new persons at once (as replace…(…, isNew = true) each). */
export async function insertPersonLists(exec: Executor, persons: { id: number; groups: string[]; tags: string[]; terms: string[] }[]): Promise<void> {
  const groups: unknown[][] = [];
  const tags: unknown[][] = [];
  const terms: unknown[][] = [];
  for (const p of persons) {
    for (const g of personGroupRows(p.groups)) groups.push([p.id, g.group_code, g.sub_group_code]);
    for (const tag of new Set(p.tags)) tags.push([p.id, tag]);
    for (const term of new Set(p.terms)) terms.push([p.id, term]);
  }
  await insertRows(exec, 'person_groups', ['person_id', 'group_code', 'sub_group_code'], groups);
  await insertRows(exec, 'person_tags', ['person_id', 'tag'], tags);
  await insertRows(exec, 'person_search_terms', ['person_id', 'term'], terms);
}

const HISTORY_COLUMNS = ['person_id', 'field', 'old_value', 'new_value', 'source_record_id', 'actor_id', 'actor_name', 'at'] as const;

/** Field history rows in one go, in the order given (their ids follow it). */
export async function insertHistoryRows(exec: Executor, rows: HistoryInsert[]): Promise<void> {
  await insertRows(exec, 'person_field_history', HISTORY_COLUMNS, rows.map((r) => HISTORY_COLUMNS.map((c) => r[c])));
}

export async function insertPersonRow(exec: Executor, values: PersonColumns, at: string): Promise<number> {
  const row = await exec
    .insertInto('persons')
    .values({ ...values, version: 1, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePersonRow(exec: Executor, id: number, values: Partial<PersonColumns>, at: string): Promise<void> {
  await exec
    .updateTable('persons')
    .set({ ...values, updated_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function replacePersonGroups(exec: Executor, personId: number, codes: string[], isNew: boolean): Promise<void> {
  if (!isNew) await exec.deleteFrom('person_groups').where('person_id', '=', personId).execute();
  const rows = personGroupRows(codes).map((g) => ({ person_id: personId, ...g }));
  if (rows.length) await exec.insertInto('person_groups').values(rows).execute();
}

export async function replacePersonTags(exec: Executor, personId: number, tags: string[], isNew: boolean): Promise<void> {
  if (!isNew) await exec.deleteFrom('person_tags').where('person_id', '=', personId).execute();
  const unique = [...new Set(tags)];
  if (unique.length) await exec.insertInto('person_tags').values(unique.map((tag) => ({ person_id: personId, tag }))).execute();
}

export async function replaceSearchTerms(exec: Executor, personId: number, terms: string[], isNew: boolean): Promise<void> {
  if (!isNew) await exec.deleteFrom('person_search_terms').where('person_id', '=', personId).execute();
  const unique = [...new Set(terms)];
  if (unique.length) await exec.insertInto('person_search_terms').values(unique.map((term) => ({ person_id: personId, term }))).execute();
}

export interface HistoryInsert {
  person_id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source_record_id: number | null;
  actor_id: number | null;
  actor_name: string | null;
  at: string;
}

export async function insertHistory(exec: Executor, rows: HistoryInsert[]): Promise<void> {
  // Chunked so one statement stays under SQLite's variable limit.
  for (let i = 0; i < rows.length; i += 100) await exec.insertInto('person_field_history').values(rows.slice(i, i + 100)).execute();
}

export interface HistoryRow {
  id: number;
  field: string;
  old_value: string | null;
  new_value: string | null;
  actor_name: string | null;
  at: string;
  source_record_id: number | null;
  source_name: string | null;
  batch_id: number | null;
  file_name: string | null;
  row_number: number | null;
}

export async function listHistory(exec: Executor, personId: number, beforeId: number | null, limit: number): Promise<HistoryRow[]> {
  let q = exec
    .selectFrom('person_field_history as h')
    .leftJoin('source_records as sr', 'sr.id', 'h.source_record_id')
    .leftJoin('import_batches as b', 'b.id', 'sr.batch_id')
    .leftJoin('sources as s', 's.id', 'sr.source_id')
    .select(['h.id', 'h.field', 'h.old_value', 'h.new_value', 'h.actor_name', 'h.at', 'h.source_record_id', 's.name as source_name', 'sr.batch_id', 'b.file_name', 'sr.row_number'])
    .where('h.person_id', '=', personId);
  if (beforeId) q = q.where('h.id', '<', beforeId);
  return (await q.orderBy('h.id', 'desc').limit(limit + 1).execute()) as HistoryRow[];
}

export interface SourceRecordRow {
  id: number;
  source_name: string;
  batch_id: number;
  file_name: string;
  sheet_name: string;
  mapping: string;
  row_number: number;
  link_method: string | null;
  raw_enc: string;
  flags: string;
  created_at: string;
}

export async function listSourceRecords(exec: Executor, personId: number): Promise<SourceRecordRow[]> {
  return (await exec
    .selectFrom('source_records as sr')
    .innerJoin('import_batches as b', 'b.id', 'sr.batch_id')
    .innerJoin('sources as s', 's.id', 'sr.source_id')
    .select(['sr.id', 's.name as source_name', 'sr.batch_id', 'b.file_name', 'b.sheet_name', 'b.mapping', 'sr.row_number', 'sr.link_method', 'sr.raw_enc', 'sr.flags', 'sr.created_at'])
    .where('sr.person_id', '=', personId)
    .orderBy('sr.id')
    .limit(500)
    .execute()) as SourceRecordRow[];
}

// ---------------------------------------------------------------------------------------------
// Employers

export interface OrganisationInput {
  name: string;
  nameKey: string;
  uscc: string | null;
  kind: string | null;
  industry: string | null;
}

/** The organisation for an employer name (or credit code), created when first seen. */
export async function ensureOrganisation(exec: Executor, org: OrganisationInput, at: string): Promise<number> {
  let existing = org.uscc ? await exec.selectFrom('organisations').selectAll().where('uscc', '=', org.uscc).executeTakeFirst() : undefined;
  existing ??= await exec.selectFrom('organisations').selectAll().where('name_key', '=', org.nameKey).executeTakeFirst();
  if (!existing) {
    const row = await exec
      .insertInto('organisations')
      .values({ name: org.name, name_key: org.nameKey, uscc: org.uscc, kind: org.kind, industry: org.industry, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  // Fill what was unknown; a later list never blanks what an earlier one knew.
  const fill = {
    ...(org.uscc && !existing.uscc ? { uscc: org.uscc } : {}),
    ...(org.kind && !existing.kind ? { kind: org.kind } : {}),
    ...(org.industry && !existing.industry ? { industry: org.industry } : {}),
  };
  if (Object.keys(fill).length) await exec.updateTable('organisations').set({ ...fill, updated_at: at }).where('id', '=', existing.id).execute();
  return existing.id;
}

export async function unitNames(exec: Executor, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await exec.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
