import type { Updateable } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { unitIdInScope } from '../../platform/scope.js';
import { nowIso, type Executor } from '../../db/database.js';
import type { ImportBatchesTable } from '../../db/schema.js';
import { insertRows } from '../persons/persons.repository.js';

// Sources (who supplied a list), import batches and their source records. Batches are scoped by
// the unit of the user who imported them.

export interface SourceRow {
  id: number;
  name: string;
  kind: string;
  batch_count: number;
}

export async function listSources(exec: Executor): Promise<SourceRow[]> {
  const rows = await exec
    .selectFrom('sources as s')
    .select(['s.id', 's.name', 's.kind'])
    .select((eb) => eb.selectFrom('import_batches as b').select((e) => e.fn.countAll<number>().as('n')).whereRef('b.source_id', '=', 's.id').where('b.status', '=', 'committed').as('batch_count'))
    .orderBy('s.name')
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...r, batch_count: Number(r.batch_count ?? 0) }));
}

/** The source of that name, created when first named; a member unit's or town's name links to it. */
export async function ensureSource(exec: Executor, name: string): Promise<{ id: number; created: boolean }> {
  const existing = await exec.selectFrom('sources').select('id').where('name', '=', name).executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const unit = await exec.selectFrom('units').select(['id', 'kind']).where('name', '=', name).executeTakeFirst();
  const kind = unit?.kind === 'memberUnit' ? 'memberUnit' : unit?.kind === 'platform' ? 'platform' : unit?.kind === 'town' || unit?.kind === 'street' ? 'town' : 'other';
  const row = await exec.insertInto('sources').values({ name, kind, unit_id: unit?.id ?? null, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

export interface BatchRow extends Omit<ImportBatchesTable, 'id' | 'total_rows' | 'created_rows' | 'linked_rows' | 'flagged_rows' | 'skipped_rows' | 'refused_rows'> {
  id: number;
  total_rows: number;
  created_rows: number;
  linked_rows: number;
  flagged_rows: number;
  skipped_rows: number;
  refused_rows: number;
  source_name: string;
}

function selectBatches(exec: Executor) {
  return exec
    .selectFrom('import_batches as b')
    .innerJoin('sources as s', 's.id', 'b.source_id')
    .selectAll('b')
    .select(['s.name as source_name']);
}

export async function findBatchInScope(exec: Executor, ctx: Ctx, id: number): Promise<BatchRow | undefined> {
  return (await selectBatches(exec).where('b.id', '=', id).where(unitIdInScope(ctx, 'b.unit_id')).executeTakeFirst()) as BatchRow | undefined;
}

export async function listBatchesInScope(exec: Executor, ctx: Ctx, beforeId: number | null, limit: number): Promise<BatchRow[]> {
  let q = selectBatches(exec).where(unitIdInScope(ctx, 'b.unit_id')).where('b.status', '<>', 'draft');
  if (beforeId) q = q.where('b.id', '<', beforeId);
  return (await q.orderBy('b.id', 'desc').limit(limit + 1).execute()) as BatchRow[];
}

export async function committedBatchForFile(exec: Executor, sha256: string, sheetName: string): Promise<{ id: number; committed_at: string | null } | undefined> {
  return exec.selectFrom('import_batches').select(['id', 'committed_at']).where('file_sha256', '=', sha256).where('sheet_name', '=', sheetName).where('status', '=', 'committed').executeTakeFirst();
}

export async function insertBatch(
  exec: Executor,
  b: { source_id: number; upload_id: number; file_name: string; file_sha256: string; sheet_name: string; header_row: number; mapping: string; unit_id: number; created_by: number | null; created_by_name: string },
): Promise<number> {
  const row = await exec
    .insertInto('import_batches')
    .values({ ...b, status: 'draft', created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateBatch(exec: Executor, id: number, set: Updateable<ImportBatchesTable>): Promise<void> {
  await exec.updateTable('import_batches').set(set).where('id', '=', id).execute();
}

export interface SourceRecordInsert {
  batch_id: number;
  source_id: number;
  row_number: number;
  name: string;
  raw_enc: string;
  flags: string;
  resident_id_bidx: string | null;
  mobile_bidx: string | null;
  person_id: number | null;
  link_method: string | null;
  created_at: string;
}

const SOURCE_RECORD_COLUMNS = ['batch_id', 'source_id', 'row_number', 'name', 'raw_enc', 'flags', 'resident_id_bidx', 'mobile_bidx', 'person_id', 'link_method', 'created_at'] as const;

/** Source records of a chunk of rows, already linked; their ids in the order given. */
export async function insertSourceRecords(exec: Executor, rows: SourceRecordInsert[]): Promise<number[]> {
  return insertRows(exec, 'source_records', SOURCE_RECORD_COLUMNS, rows.map((r) => SOURCE_RECORD_COLUMNS.map((c) => r[c])), { returningId: true });
}

/** Existing organisations by normalised name, for employers given by name alone. */
export async function organisationIdsByKey(exec: Executor, nameKeys: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < nameKeys.length; i += 500) {
    const rows = await exec.selectFrom('organisations').select(['id', 'name_key']).where('name_key', 'in', nameKeys.slice(i, i + 500)).execute();
    for (const r of rows) found.set(r.name_key, r.id);
  }
  return found;
}

/** Which of these ID blind indexes already belong to a person the actor may see. */
export async function existingResidentIds(exec: Executor, ctx: Ctx, bidxs: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < bidxs.length; i += 500) {
    const chunk = bidxs.slice(i, i + 500);
    const rows = await exec.selectFrom('persons as p').select('p.resident_id_bidx').where('p.resident_id_bidx', 'in', chunk).where(unitIdInScope(ctx, 'p.unit_id')).execute();
    for (const r of rows) if (r.resident_id_bidx) found.add(r.resident_id_bidx);
  }
  return found;
}

/** The person a valid ID belongs to anywhere in the registry (linking is not limited by scope). */
export async function personIdsByResidentIds(exec: Executor, bidxs: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < bidxs.length; i += 500) {
    const rows = await exec.selectFrom('persons').select(['id', 'resident_id_bidx']).where('resident_id_bidx', 'in', bidxs.slice(i, i + 500)).orderBy('id').execute();
    for (const r of rows) if (r.resident_id_bidx && !found.has(r.resident_id_bidx)) found.set(r.resident_id_bidx, r.id);
  }
  return found;
}

/** Whether an error file belongs to a batch the actor may see (so a colleague can fetch it too). */
export async function errorFileInScope(exec: Executor, ctx: Ctx, fileId: number): Promise<boolean> {
  const row = await exec.selectFrom('import_batches as b').select('b.id').where('b.error_file_id', '=', fileId).where(unitIdInScope(ctx, 'b.unit_id')).executeTakeFirst();
  return !!row;
}
