import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Ctx } from '../../platform/context.js';
import { unitIdInScope } from '../../platform/scope.js';

import type { LinkPairsTable, LinkRunsTable, PersonGroupsTable, PersonMergesTable, PersonSearchTermsTable, PersonsTable, PersonTagsTable } from '../../db/schema.js';
import type { StoredMapping } from '../imports/import-analysis.js';
import type { Decision, LinkModel } from './linkage/types.js';

// The only Kysely code of the consolidation module.

export type LinkRunRow = Selectable<LinkRunsTable>;

export async function insertRun(exec: Executor, values: Insertable<LinkRunsTable>): Promise<number> {
  const row = await exec.insertInto('link_runs').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRun(exec: Executor, id: number, values: Updateable<LinkRunsTable>): Promise<void> {
  await exec.updateTable('link_runs').set(values).where('id', '=', id).execute();
}

export async function findRun(exec: Executor, id: number): Promise<LinkRunRow | undefined> {
  return exec.selectFrom('link_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The model of the latest successful run, reused by incremental runs. */
export async function latestModel(exec: Executor): Promise<LinkModel | null> {
  const row = await exec.selectFrom('link_runs').select('model').where('status', '=', 'succeeded').where('model', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.model ? (JSON.parse(row.model) as LinkModel) : null;
}

export async function countPersons(exec: Executor): Promise<number> {
  const row = await exec.selectFrom('persons').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every committed batch's column mapping (a handful of rows, read once per run). */
export async function batchMappings(exec: Executor): Promise<Map<number, StoredMapping[]>> {
  const rows = await exec.selectFrom('import_batches').select(['id', 'mapping']).where('status', '=', 'committed').execute();
  return new Map(rows.map((r) => [r.id, JSON.parse(r.mapping) as StoredMapping[]]));
}

export interface LinkSourceRow {
  id: number;
  batch_id: number;
  source_id: number;
  person_id: number;
  link_run_id: number | null;
  raw_enc: string;
}

/** Source records that belong to a person, by id, a page at a time (bounded memory per page). */
export async function linkSourcesAfter(exec: Executor, afterId: number, limit: number): Promise<LinkSourceRow[]> {
  return (await exec
    .selectFrom('source_records')
    .select(['id', 'batch_id', 'source_id', 'person_id', 'link_run_id', 'raw_enc'])
    .where('id', '>', afterId)
    .where('person_id', 'is not', null)
    .orderBy('id')
    .limit(limit)
    .execute()) as LinkSourceRow[];
}

export interface BarePersonRow {
  id: number;
  name: string;
  gender: string | null;
  birth_date: string;
  resident_id_enc: string | null;
  mobile_enc: string | null;
  employer: string | null;
  town: string | null;
}

/**
 * Persons no list brought in (entered in a form, or loaded before imports existed), a page at a
 * time: the engine sees them as records of their own so a list row can still find them.
 */
export async function personsWithoutRecordsAfter(exec: Executor, afterId: number, limit: number): Promise<BarePersonRow[]> {
  return (await exec
    .selectFrom('persons as p')
    .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('units as t', 't.id', 'p.work_town_id')
    .select(['p.id', 'p.name', 'p.gender', 'p.birth_date', 'p.resident_id_enc', 'p.mobile_enc', 'o.name as employer', 't.name as town'])
    .where('p.id', '>', afterId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('source_records as sr').select('sr.id').whereRef('sr.person_id', '=', 'p.id'))))
    .orderBy('p.id')
    .limit(limit)
    .execute()) as BarePersonRow[];
}

export async function decidedPairs(exec: Executor): Promise<Decision[]> {
  const rows = await exec.selectFrom('link_pairs').select(['record_a', 'record_b', 'status']).where('status', 'in', ['same', 'different']).execute();
  return rows.map((r) => ({ a: r.record_a, b: r.record_b, same: r.status === 'same' }));
}

/** Pairs already on record (undecided, decided or skipped): never inserted twice. */
export async function knownPairs(exec: Executor): Promise<Set<string>> {
  const rows = await exec.selectFrom('link_pairs').select(['record_a', 'record_b']).execute();
  return new Set(rows.map((r) => `${r.record_a}:${r.record_b}`));
}

export async function insertPairs(exec: Executor, rows: Insertable<LinkPairsTable>[]): Promise<void> {
  // Well under either database's bound-parameter limit per statement.
  for (let i = 0; i < rows.length; i += 500) await exec.insertInto('link_pairs').values(rows.slice(i, i + 500)).execute();
}

/** Moves records to a person; with `onlyFrom`, only those still on that person. */
export async function moveSourceRecords(exec: Executor, ids: number[], personId: number, onlyFrom?: number): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    let q = exec.updateTable('source_records').set({ person_id: personId }).where('id', 'in', ids.slice(i, i + 500));
    if (onlyFrom !== undefined) q = q.where('person_id', '=', onlyFrom);
    await q.execute();
  }
}

/** A record's link (and, when it moves, its person) in one statement. */
export async function setLinkEvidence(exec: Executor, id: number, values: { person_id?: number; link_method?: string; link_weight: number | null; link_evidence: string | null }): Promise<void> {
  await exec.updateTable('source_records').set(values).where('id', '=', id).execute();
}

/** Marks every pending record read by the run (id ≤ maxId) as consolidated by it. */
export async function markConsolidated(exec: Executor, runId: number, maxId: number): Promise<void> {
  await exec.updateTable('source_records').set({ link_run_id: runId }).where('link_run_id', 'is', null).where('person_id', 'is not', null).where('id', '<=', maxId).execute();
}

export async function sourceRecordIdsOf(exec: Executor, personId: number): Promise<number[]> {
  const rows = await exec.selectFrom('source_records').select('id').where('person_id', '=', personId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Everything a person is made of, so a merge can be undone exactly. */
export async function personSnapshot(exec: Executor, personId: number) {
  const [person, groups, tags, terms, history] = await Promise.all([
    exec.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst(),
    exec.selectFrom('person_groups').selectAll().where('person_id', '=', personId).execute(),
    exec.selectFrom('person_tags').selectAll().where('person_id', '=', personId).execute(),
    exec.selectFrom('person_search_terms').selectAll().where('person_id', '=', personId).execute(),
    exec.selectFrom('person_field_history').select('id').where('person_id', '=', personId).orderBy('id').execute(),
  ]);
  return person ? { person, groups, tags, terms, historyIds: history.map((h) => h.id) } : null;
}

/** Takes a merged person out of the registry; its field history moves to the survivor. */
export async function removeMergedPerson(exec: Executor, personId: number, survivorId: number): Promise<void> {
  await exec.updateTable('person_field_history').set({ person_id: survivorId }).where('person_id', '=', personId).execute();
  await exec.deleteFrom('person_groups').where('person_id', '=', personId).execute();
  await exec.deleteFrom('person_tags').where('person_id', '=', personId).execute();
  await exec.deleteFrom('person_search_terms').where('person_id', '=', personId).execute();
  await exec.deleteFrom('persons').where('id', '=', personId).execute();
}

export async function personRowRaw(exec: Executor, id: number): Promise<Selectable<PersonsTable> | undefined> {
  return exec.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Puts a merged person back exactly as it was, with its id. */
export async function restorePersonRow(
  exec: Executor,
  person: Selectable<PersonsTable>,
  groups: Selectable<PersonGroupsTable>[],
  tags: Selectable<PersonTagsTable>[],
  terms: Selectable<PersonSearchTermsTable>[],
): Promise<void> {
  await exec.insertInto('persons').values(person).execute();
  if (groups.length) await exec.insertInto('person_groups').values(groups).execute();
  if (tags.length) await exec.insertInto('person_tags').values(tags).execute();
  for (let i = 0; i < terms.length; i += 500) await exec.insertInto('person_search_terms').values(terms.slice(i, i + 500)).execute();
}

export async function maxHistoryId(exec: Executor): Promise<number> {
  const row = await exec.selectFrom('person_field_history').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function historyIdsSince(exec: Executor, personId: number, afterId: number): Promise<number[]> {
  const rows = await exec.selectFrom('person_field_history').select('id').where('person_id', '=', personId).where('id', '>', afterId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function moveHistory(exec: Executor, ids: number[], personId: number): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await exec.updateTable('person_field_history').set({ person_id: personId }).where('id', 'in', ids.slice(i, i + 500)).execute();
}

export async function findMerge(exec: Executor, id: number): Promise<Selectable<PersonMergesTable> | undefined> {
  return exec.selectFrom('person_merges').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markMergeUndone(exec: Executor, id: number, at: string, by: string): Promise<void> {
  await exec.updateTable('person_merges').set({ undone_at: at, undone_by_name: by.slice(0, 60) }).where('id', '=', id).execute();
}

export async function insertMerge(exec: Executor, values: Insertable<PersonMergesTable>): Promise<number> {
  const row = await exec.insertInto('person_merges').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface LinkExportRow {
  id: number;
  file_name: string;
  sheet_name: string;
  row_number: number;
  person_id: number | null;
}

/** Source records with their file, sheet and row, by id, a page at a time. */
export async function linkExportRowsAfter(exec: Executor, afterId: number, limit: number): Promise<LinkExportRow[]> {
  return (await exec
    .selectFrom('source_records as sr')
    .innerJoin('import_batches as b', 'b.id', 'sr.batch_id')
    .select(['sr.id', 'b.file_name', 'b.sheet_name', 'sr.row_number', 'sr.person_id'])
    .where('sr.id', '>', afterId)
    .orderBy('sr.id')
    .limit(limit)
    .execute()) as LinkExportRow[];
}

// ---------------------------------------------------------------------------------------------
// Review queue

export interface PairRow {
  id: number;
  record_a: number;
  record_b: number;
  weight: number;
  contributions: string;
  status: string;
  decided_by_name: string | null;
  decided_at: string | null;
}

/** Pairs whose two records both sit on persons inside the actor's scope. */
function pairsInScope(exec: Executor, ctx: Ctx) {
  return exec
    .selectFrom('link_pairs as lp')
    .innerJoin('source_records as ra', 'ra.id', 'lp.record_a')
    .innerJoin('source_records as rb', 'rb.id', 'lp.record_b')
    .innerJoin('persons as pa', 'pa.id', 'ra.person_id')
    .innerJoin('persons as pb', 'pb.id', 'rb.person_id')
    .where(unitIdInScope(ctx, 'pa.unit_id'))
    .where(unitIdInScope(ctx, 'pb.unit_id'));
}

const PAIR_COLUMNS = ['lp.id', 'lp.record_a', 'lp.record_b', 'lp.weight', 'lp.contributions', 'lp.status', 'lp.decided_by_name', 'lp.decided_at'] as const;

export async function listPairsInScope(exec: Executor, ctx: Ctx, status: string, after: { weight: number; id: number } | null, limit: number): Promise<PairRow[]> {
  let q = pairsInScope(exec, ctx).select([...PAIR_COLUMNS]).where('lp.status', '=', status);
  if (after) q = q.where((eb) => eb.or([eb('lp.weight', '<', after.weight), eb.and([eb('lp.weight', '=', after.weight), eb('lp.id', '<', after.id)])]));
  return (await q.orderBy('lp.weight', 'desc').orderBy('lp.id', 'desc').limit(limit + 1).execute()) as PairRow[];
}

export async function countPairsInScope(exec: Executor, ctx: Ctx, status: string): Promise<number> {
  const row = await pairsInScope(exec, ctx).select((eb) => eb.fn.countAll<number | string>().as('n')).where('lp.status', '=', status).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findPairInScope(exec: Executor, ctx: Ctx, id: number): Promise<PairRow | undefined> {
  return (await pairsInScope(exec, ctx).select([...PAIR_COLUMNS]).where('lp.id', '=', id).executeTakeFirst()) as PairRow | undefined;
}

export async function pairIdsAtOrAbove(exec: Executor, ctx: Ctx, minWeight: number): Promise<number[]> {
  const rows = await pairsInScope(exec, ctx).select('lp.id').where('lp.status', '=', 'review').where('lp.weight', '>=', minWeight).orderBy('lp.weight', 'desc').orderBy('lp.id').execute();
  return rows.map((r) => r.id);
}

export async function decidePair(exec: Executor, id: number, status: string, by: { id: number | null; name: string }, at: string): Promise<void> {
  await exec.updateTable('link_pairs').set({ status, decided_by: by.id, decided_by_name: by.name.slice(0, 60), decided_at: at }).where('id', '=', id).execute();
}

export interface PairSideRow {
  id: number;
  person_id: number | null;
  person_name: string | null;
  source_name: string;
  file_name: string;
  row_number: number;
  raw_enc: string;
  mapping: string;
  source_id: number;
}

export async function pairSides(exec: Executor, recordIds: number[]): Promise<Map<number, PairSideRow>> {
  if (!recordIds.length) return new Map();
  const rows = (await exec
    .selectFrom('source_records as sr')
    .innerJoin('import_batches as b', 'b.id', 'sr.batch_id')
    .innerJoin('sources as s', 's.id', 'sr.source_id')
    .leftJoin('persons as p', 'p.id', 'sr.person_id')
    .select(['sr.id', 'sr.person_id', 'p.name as person_name', 's.name as source_name', 'b.file_name', 'sr.row_number', 'sr.raw_enc', 'b.mapping', 'sr.source_id'])
    .where('sr.id', 'in', recordIds)
    .execute()) as PairSideRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

// ---------------------------------------------------------------------------------------------
// Runs and merges as lists

export async function listRuns(exec: Executor, limit: number): Promise<LinkRunRow[]> {
  return exec.selectFrom('link_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** Source records not consolidated yet; with a ctx, only those on persons in its scope. */
export async function countPendingRecords(exec: Executor, ctx?: Ctx): Promise<number> {
  let q = exec
    .selectFrom('source_records as sr')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('sr.link_run_id', 'is', null)
    .where('sr.person_id', 'is not', null);
  if (ctx) q = q.where((eb) => eb.exists(eb.selectFrom('persons as p').select('p.id').whereRef('p.id', '=', 'sr.person_id').where(unitIdInScope(ctx, 'p.unit_id'))));
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function activeJobOf(exec: Executor, kind: string): Promise<number | null> {
  const row = await exec.selectFrom('jobs').select('id').where('kind', '=', kind).where('status', 'in', ['queued', 'running']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

export async function mergesOfSurvivor(exec: Executor, survivorId: number): Promise<Selectable<PersonMergesTable>[]> {
  return exec.selectFrom('person_merges').selectAll().where('survivor_id', '=', survivorId).orderBy('id', 'desc').limit(200).execute();
}

// ---------------------------------------------------------------------------------------------
// Headcount

const inScope = (exec: Executor, ctx: Ctx) => exec.selectFrom('persons as p').where(unitIdInScope(ctx, 'p.unit_id'));
const num = (v: unknown) => Number(v ?? 0);

export async function headcountRows(exec: Executor, ctx: Ctx) {
  const [total, groups, subGroups, industries, towns, statuses, registryOnly] = await Promise.all([
    inScope(exec, ctx).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    inScope(exec, ctx)
      .innerJoin('person_groups as g', 'g.person_id', 'p.id')
      .select(['g.group_code as code', (eb) => eb.fn.count<number | string>('p.id').distinct().as('n')])
      .groupBy('g.group_code')
      .execute(),
    inScope(exec, ctx)
      .innerJoin('person_groups as g', 'g.person_id', 'p.id')
      .where('g.sub_group_code', '<>', '')
      .select(['g.sub_group_code as code', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('g.sub_group_code')
      .execute(),
    inScope(exec, ctx)
      .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
      .select(['o.industry as code', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('o.industry')
      .execute(),
    inScope(exec, ctx)
      .leftJoin('units as t', 't.id', 'p.work_town_id')
      .select(['p.work_town_id as town_id', 't.name as name', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy(['p.work_town_id', 't.name'])
      .execute(),
    inScope(exec, ctx)
      .select(['p.status as code', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('p.status')
      .execute(),
    inScope(exec, ctx)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('source_records as sr').select('sr.id').whereRef('sr.person_id', '=', 'p.id'))))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: num(total.n),
    groups: groups.map((r) => ({ code: r.code, count: num(r.n) })),
    subGroups: subGroups.map((r) => ({ code: r.code, count: num(r.n) })),
    industries: industries.map((r) => ({ code: r.code, count: num(r.n) })),
    towns: towns.map((r) => ({ townId: r.town_id, name: r.name, count: num(r.n) })),
    statuses: statuses.map((r) => ({ code: r.code, count: num(r.n) })),
    registryOnly: num(registryOnly.n),
  };
}

/** Per source: distinct persons in scope its records name, and how many only it names. */
export async function sourceCoverage(exec: Executor, ctx: Ctx) {
  // One row per (person, source) in scope, then per source: persons, and those with one source only.
  const perPerson = exec
    .selectFrom('source_records as sr')
    .innerJoin('persons as p', 'p.id', 'sr.person_id')
    .where(unitIdInScope(ctx, 'p.unit_id'))
    .select(['sr.person_id', 'sr.source_id'])
    .distinct()
    .as('ps');
  const rows = await exec
    .selectFrom(perPerson)
    .innerJoin('sources as s', 's.id', 'ps.source_id')
    .select([
      'ps.source_id as id',
      's.name as name',
      (eb) => eb.fn.countAll<number | string>().as('persons'),
      (eb) =>
        eb.fn
          .sum<number | string>(
            eb
              .case()
              .when(eb.not(eb.exists(eb.selectFrom('source_records as o').select('o.id').whereRef('o.person_id', '=', 'ps.person_id').whereRef('o.source_id', '<>', 'ps.source_id'))))
              .then(1)
              .else(0)
              .end(),
          )
          .as('unique'),
    ])
    .groupBy(['ps.source_id', 's.name'])
    .orderBy('ps.source_id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, persons: num(r.persons), unique: num(r.unique) }));
}

/** Persons in scope named by both sources, for every pair of sources. */
export async function sourceOverlap(exec: Executor, ctx: Ctx) {
  const pairs = exec
    .selectFrom('source_records as sr')
    .innerJoin('persons as p', 'p.id', 'sr.person_id')
    .where(unitIdInScope(ctx, 'p.unit_id'))
    .select(['sr.person_id', 'sr.source_id'])
    .distinct()
    .as('x');
  const rows = await exec
    .selectFrom(pairs)
    .innerJoin(
      (eb) => eb.selectFrom('source_records as sr2').select(['sr2.person_id', 'sr2.source_id']).distinct().as('y'),
      (join) => join.onRef('y.person_id', '=', 'x.person_id').onRef('y.source_id', '>', 'x.source_id'),
    )
    .select(['x.source_id as a', 'y.source_id as b', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['x.source_id', 'y.source_id'])
    .execute();
  return rows.map((r) => ({ a: r.a, b: r.b, persons: num(r.n) }));
}

export async function lastRunFinishedAt(exec: Executor): Promise<string | null> {
  const row = await exec.selectFrom('link_runs').select('finished_at').where('status', '=', 'succeeded').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.finished_at ?? null;
}

// ---------------------------------------------------------------------------------------------
// Golden record

export interface GoldenRecordRow {
  id: number;
  person_id: number;
  batch_id: number;
  raw_enc: string;
  created_at: string;
  source_kind: string;
}

export async function recordsForGolden(exec: Executor, personIds: number[]): Promise<GoldenRecordRow[]> {
  return (await exec
    .selectFrom('source_records as sr')
    .innerJoin('sources as s', 's.id', 'sr.source_id')
    .select(['sr.id', 'sr.person_id', 'sr.batch_id', 'sr.raw_enc', 'sr.created_at', 's.kind as source_kind'])
    .where('sr.person_id', 'in', personIds)
    .orderBy('sr.id')
    .execute()) as GoldenRecordRow[];
}

/** Per person, each field's latest setter: by hand (a user, no source row) or not. */
export async function lastFieldSetters(exec: Executor, personIds: number[]): Promise<Map<number, { field: string; manual: boolean }[]>> {
  const rows = await exec
    .selectFrom('person_field_history')
    .select(['person_id', 'field', 'source_record_id', 'actor_id'])
    .where('person_id', 'in', personIds)
    .orderBy('id')
    .execute();
  const latest = new Map<string, { person: number; field: string; manual: boolean }>();
  for (const r of rows) latest.set(`${r.person_id}:${r.field}`, { person: r.person_id, field: r.field, manual: r.source_record_id === null && r.actor_id !== null });
  const out = new Map<number, { field: string; manual: boolean }[]>();
  for (const v of latest.values()) out.set(v.person, [...(out.get(v.person) ?? []), { field: v.field, manual: v.manual }]);
  return out;
}
