import { createHash } from 'node:crypto';
import { importFlagText } from '../../../../common/src/i18n/import-flags.js';
import type { ImportBatch, ImportJobResult, ImportPreview, MappingBody, PreviewRow } from '../../../../common/src/schemas/imports.js';
import { writeAudit } from '../../platform/audit.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { collect, readFile, storeFile } from '../../platform/files.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { readWorkbook, SpreadsheetError, type Workbook } from '../../platform/spreadsheets/read-workbook.js';
import { writeXlsx } from '../../platform/spreadsheets/write-xlsx.js';
import { nowIso, type Db, type Executor } from '../../db/database.js';
import { changePerson, createPerson, type PersonWrite, type WriterCtx } from '../persons/person-writer.js';
import { findPersonInScope } from '../persons/persons.repository.js';
import { maskRawValue } from '../persons/persons.search.js';
import { analyse, storedCells, type Analysis, type AnalysisChoice, type StoredMapping } from './import-analysis.js';
import {
  committedBatchForFile,
  ensureSource,
  existingResidentIds,
  findBatchInScope,
  insertBatch,
  insertSourceRecord,
  linkSourceRecord,
  personIdsByResidentIds,
  updateBatch,
  type BatchRow,
} from './imports.repository.js';
import { loadPlaces } from './places.js';

// Upload → draft batch with detected header and mapping → preview → commit: one transaction that
// keeps every data row as a source record, links it by exact valid resident ID or creates a
// person, and writes the error file. The wizard, the job and the CLI all call these functions.

export interface Actorish {
  userId: number | null;
  name: string;
  unitId: number;
}

export function actorOf(ctx: Ctx): Actorish {
  if (ctx.actor?.kind === 'user') return { userId: ctx.actor.userId, name: ctx.actor.displayName, unitId: ctx.actor.unitId };
  throw new Error('imports need a user or an explicit system importer');
}

function toAppError(err: unknown): never {
  if (err instanceof SpreadsheetError) {
    const params = { ...err.params } as Record<string, string | number>;
    if ('detected' in params) params.detected = `（${params.detected}）`;
    throw new AppError(400, err.code, params);
  }
  throw err;
}

export async function readBook(bytes: Buffer, fileName: string): Promise<Workbook> {
  try {
    return await readWorkbook(bytes, fileName);
  } catch (err) {
    return toAppError(err);
  }
}

export function presentBatch(b: BatchRow): ImportBatch {
  return {
    id: b.id,
    sourceId: b.source_id,
    sourceName: b.source_name,
    fileName: b.file_name,
    sheetName: b.sheet_name,
    headerRow: b.header_row,
    status: b.status as ImportBatch['status'],
    totalRows: b.total_rows,
    createdRows: b.created_rows,
    linkedRows: b.linked_rows,
    flaggedRows: b.flagged_rows,
    skippedRows: b.skipped_rows,
    refusedRows: b.refused_rows,
    errorFileId: b.error_file_id,
    jobId: b.job_id,
    error: b.error,
    createdByName: b.created_by_name,
    createdAt: b.created_at,
    committedAt: b.committed_at,
  };
}

// The last analyses, so paging through a big preview does not re-read the file every time. Only
// the analysed sheet is kept (not the whole workbook), and only a few batches.
interface CachedAnalysis {
  sheets: { name: string; rows: number }[];
  encoding: string | null;
  analysis: Analysis;
}
const cache = new Map<string, CachedAnalysis>();
const cacheKey = (batchId: number, b: Pick<BatchRow, 'sheet_name' | 'header_row' | 'mapping'>) => `${batchId}:${b.sheet_name}:${b.header_row}:${b.mapping}`;

function remember(key: string, book: Workbook, analysis: Analysis): CachedAnalysis {
  const entry = { sheets: book.sheets.map((s) => ({ name: s.name, rows: s.rows.length })), encoding: book.encoding ?? null, analysis };
  cache.set(key, entry);
  while (cache.size > 2) cache.delete(cache.keys().next().value!);
  return entry;
}

async function analysisOf(exec: Executor, batch: BatchRow): Promise<CachedAnalysis> {
  const key = cacheKey(batch.id, batch);
  const hit = cache.get(key);
  if (hit) return hit;
  const file = batch.upload_id ? await readFile(exec, batch.upload_id) : undefined;
  if (!file) throw notFound();
  const book = await readBook(file.content, file.file_name);
  const stored = JSON.parse(batch.mapping) as StoredMapping[];
  const analysis = analyse(book, { sheet: batch.sheet_name, headerRow: batch.header_row, mapping: stored.map((m) => ({ column: m.column, field: m.field })) }, await loadPlaces(exec));
  // Keep the detected confidence where the user did not change the field.
  analysis.mapping = analysis.mapping.map((m) => ({ ...m, confidence: stored[m.column]?.confidence ?? m.confidence }));
  return remember(key, book, analysis);
}

/** Reads the file, finds sheet, header and mapping, and keeps it as a draft batch. */
export async function createDraft(db: Db, ctx: Ctx, actor: Actorish, input: { bytes: Buffer; fileName: string; source: string }): Promise<{ batchId: number; sourceCreated: boolean }> {
  const book = await readBook(input.bytes, input.fileName);
  const analysis = analyse(book, {}, await loadPlaces(db));
  const sha = createHash('sha256').update(input.bytes).digest('hex');
  const created = await db.transaction().execute(async (trx) => {
    const source = await ensureSource(trx, input.source);
    const uploadId = await storeFile(trx, { fileName: input.fileName, content: input.bytes, purpose: 'import', createdBy: actor.userId });
    const batchId = await insertBatch(trx, {
      source_id: source.id,
      upload_id: uploadId,
      file_name: input.fileName.slice(0, 255),
      file_sha256: sha,
      sheet_name: analysis.sheet.name,
      header_row: analysis.headerRow,
      mapping: JSON.stringify(analysis.mapping),
      unit_id: actor.unitId,
      created_by: actor.userId,
      created_by_name: actor.name,
    });
    if (source.created) await writeAudit(trx, ctx, { action: 'source.create', objectType: 'source', objectId: source.id, detail: { name: input.source } });
    await writeAudit(trx, ctx, { action: 'import.upload', objectType: 'importBatch', objectId: batchId, detail: { fileName: input.fileName, sheet: analysis.sheet.name, sourceId: source.id } });
    return { batchId, sourceCreated: source.created };
  });
  // The preview that follows the upload reuses this analysis instead of reading the file again.
  remember(cacheKey(created.batchId, { sheet_name: analysis.sheet.name, header_row: analysis.headerRow, mapping: JSON.stringify(analysis.mapping) }), book, analysis);
  return created;
}

export async function requireBatch(exec: Executor, ctx: Ctx, id: number): Promise<BatchRow> {
  const b = await findBatchInScope(exec, ctx, id);
  if (!b) throw notFound();
  return b;
}

/** The user corrects sheet, header row or a column's field; the draft keeps the choice. */
export async function remapDraft(db: Db, ctx: Ctx, id: number, body: MappingBody): Promise<void> {
  const batch = await requireBatch(db, ctx, id);
  if (batch.status !== 'draft') throw new AppError(409, 'import.notDraft');
  const file = batch.upload_id ? await readFile(db, batch.upload_id) : undefined;
  if (!file) throw notFound();
  const book = await readBook(file.content, file.file_name);
  const sheetChanged = body.sheet !== undefined && body.sheet !== batch.sheet_name;
  const headerChanged = sheetChanged || (body.headerRow !== undefined && body.headerRow !== batch.header_row);
  // On the same header, the user's earlier choices stay; a new sheet or header row starts afresh.
  const stored = headerChanged ? [] : (JSON.parse(batch.mapping) as StoredMapping[]);
  const userSet = new Map(stored.filter((m) => m.confidence === 'user' || (m.confidence === 'none' && m.field === null && m.header)).map((m) => [m.column, m.field]));
  for (const m of body.mapping ?? []) userSet.set(m.column, m.field);
  const choice: AnalysisChoice = {
    sheet: body.sheet ?? batch.sheet_name,
    // A new sheet starts from its own detected header unless the user names one.
    headerRow: body.headerRow ?? (sheetChanged ? undefined : batch.header_row),
    mapping: headerChanged && !body.mapping ? undefined : [...stored.map((m) => ({ column: m.column, field: userSet.has(m.column) ? userSet.get(m.column)! : m.field })), ...(body.mapping ?? []).filter((m) => !stored.some((x) => x.column === m.column))],
  };
  const analysis = analyse(book, choice, await loadPlaces(db));
  // What the user chose is 'user' (or 'none' when cleared); untouched columns keep how they were found.
  const before = new Map(stored.map((m) => [m.column, m]));
  analysis.mapping = analysis.mapping.map((m) => {
    if (userSet.has(m.column)) return { ...m, confidence: m.field ? 'user' : 'none' };
    const was = before.get(m.column);
    return was && was.field === m.field ? { ...m, confidence: was.confidence } : m;
  });
  await updateBatch(db, id, { sheet_name: analysis.sheet.name, header_row: analysis.headerRow, mapping: JSON.stringify(analysis.mapping) });
}

function masked(mapping: StoredMapping[], cells: string[]): string[] {
  return cells.map((v, i) => maskRawValue(mapping[i]?.field ?? null, v));
}

export async function previewDraft(db: Db, ctx: Ctx, cipher: PersonalDataCipher, id: number, page: { offset: number; limit: number; filter: 'all' | 'problems'; problem?: string }): Promise<ImportPreview> {
  const batch = await requireBatch(db, ctx, id);
  const { sheets, encoding, analysis } = await analysisOf(db, batch);
  const data = analysis.rows.filter((r) => r.kind === 'data');
  const validBidx = data.filter((r) => r.parsed?.validResidentId).map((r) => cipher.blindIndex('residentId', r.parsed!.validResidentId!));
  const existing = await existingResidentIds(db, ctx, [...new Set(validBidx)]);
  const problems: Record<string, number> = {};
  for (const r of analysis.rows) for (const f of r.flags) problems[`${f.field}.${f.code}`] = (problems[`${f.field}.${f.code}`] ?? 0) + 1;
  const listed = page.problem
    ? analysis.rows.filter((r) => r.flags.some((f) => `${f.field}.${f.code}` === page.problem))
    : page.filter === 'problems'
      ? analysis.rows.filter((r) => r.outcome === 'flagged' || r.outcome === 'refused')
      : analysis.rows;
  const rows: PreviewRow[] = listed.slice(page.offset, page.offset + page.limit).map((r) => ({
    rowNumber: r.rowNumber,
    kind: r.kind,
    outcome: r.outcome,
    name: r.parsed?.name ?? '',
    flags: r.flags.map((f) => ({ ...f, ...(f.value !== undefined ? { value: maskRawValue(f.field, f.value) } : {}) })),
    cells: masked(analysis.mapping, storedCells(analysis, r.cells).map((c) => c.v)),
  }));
  const samples = (column: number) =>
    data
      .slice(0, 3)
      .map((r) => maskRawValue(analysis.mapping[column]?.field ?? null, storedCells(analysis, r.cells)[column]?.v ?? ''))
      .filter(Boolean);
  const committed = await committedBatchForFile(db, batch.file_sha256, analysis.sheet.name);
  return {
    batch: presentBatch(batch),
    sheets,
    encoding,
    columns: analysis.mapping.map((m) => ({ column: m.column, header: m.header, field: m.field, confidence: m.confidence, samples: samples(m.column) })),
    totals: {
      rows: analysis.rows.length,
      data: data.length,
      ok: data.filter((r) => r.outcome === 'ok').length,
      flagged: data.filter((r) => r.outcome === 'flagged').length,
      refused: data.filter((r) => r.outcome === 'refused').length,
      skipped: analysis.rows.length - data.length,
      validIds: new Set(validBidx).size,
      existing: existing.size,
    },
    problems,
    rows,
    rowsTotal: listed.length,
    alreadyCommitted: committed && committed.id !== batch.id ? { batchId: committed.id, at: committed.committed_at ?? '' } : null,
  };
}

/** A list can be previewed without a name column (to fix the mapping), never committed without one. */
export function assertNameMapped(mapping: StoredMapping[]): void {
  if (!mapping.some((m) => m.field === 'name')) throw new AppError(400, 'import.noNameColumn');
}

/** Refuses a second import of the same file and sheet, naming the first. */
export async function assertNotImported(exec: Executor, batch: BatchRow): Promise<void> {
  const committed = await committedBatchForFile(exec, batch.file_sha256, batch.sheet_name);
  if (committed && committed.id !== batch.id) throw new AppError(409, 'import.alreadyCommitted', { batchId: committed.id, at: (committed.committed_at ?? '').slice(0, 16).replace('T', ' ') });
}

const OUTCOME_TEXT = {
  'zh-CN': { ok: '已导入', flagged: '已导入，有疑问', refused: '未导入：没有姓名', skipped: '跳过' },
  'en-US': { ok: 'imported', flagged: 'imported with problems', refused: 'not imported: no name', skipped: 'skipped' },
} as const;

/** The sheet as read with a result column, for the department to fix and resend. */
async function writeErrorFile(exec: Executor, analysis: Analysis, locale: 'zh-CN' | 'en-US', fileName: string, createdBy: number | null): Promise<number> {
  const zh = locale === 'zh-CN';
  const sink = collect();
  const columns = [...analysis.mapping.map((m) => ({ header: m.header || ' ' })), { header: zh ? '导入结果' : 'Import result', width: 50 }];
  const rows = analysis.rows.map((r) => {
    const cells = masked(analysis.mapping, storedCells(analysis, r.cells).map((c) => c.v));
    while (cells.length < analysis.mapping.length) cells.push('');
    const result = [
      OUTCOME_TEXT[locale][r.outcome],
      ...r.flags.map((f) => `${importFlagText(locale, f.field, f.code)}${f.value ? `${zh ? '（' : ' ('}${maskRawValue(f.field, f.value)}${zh ? '）' : ')'}` : ''}`),
    ].join(zh ? '；' : '; ');
    return [...cells, `${zh ? '第' : 'row '}${r.rowNumber}${zh ? '行 ' : ': '}${result}`];
  });
  const written = writeXlsx(sink.stream, { sheetName: analysis.sheet.name, columns }, rows);
  const [, content] = await Promise.all([written, sink.done]);
  const base = fileName.replace(/\.[^.]+$/, '');
  return storeFile(exec, { fileName: `${base}-${zh ? '导入结果' : 'result'}.xlsx`, content, purpose: 'importErrors', createdBy });
}

const isBusy = (err: unknown) => (err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_BUSY_SNAPSHOT';

/**
 * Runs a write transaction, starting it again while SQLite's writer is taken by a request (the
 * lock is taken by the transaction's first statement, so a retry has written nothing). Waits
 * asynchronously: the holder may share this thread.
 */
async function withWriteLock<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!isBusy(err) || attempt >= 300) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export interface RunOptions {
  progress?: (fraction: number, message?: string) => Promise<void>;
}

/**
 * Commits a draft in one transaction: every data row becomes a source record (raw values
 * encrypted), linked to the person with the same valid resident ID or to a new person. Any
 * failure rolls everything back and marks the batch failed.
 */
export async function runImport(db: Db, ctx: Ctx, cipher: PersonalDataCipher, batchId: number, opts: RunOptions = {}): Promise<ImportJobResult> {
  const batch = await requireBatch(db, ctx, batchId);
  if (batch.status === 'committed') throw new AppError(409, 'import.notDraft');
  const { analysis } = await analysisOf(db, batch);
  assertNameMapped(analysis.mapping);
  const progress = opts.progress ?? (async () => {});
  const data = analysis.rows.filter((r) => r.kind === 'data');
  const locale = ctx.locale;
  const at = nowIso();
  const importer: Actorish =
    ctx.actor?.kind === 'user' ? actorOf(ctx) : { userId: batch.created_by, name: batch.created_by_name, unitId: batch.unit_id };
  // Linking looks across the whole registry so a list never duplicates a person another unit owns.
  const systemCtx: Ctx = { ...ctx, actor: systemActor('import') };

  try {
    const result = await withWriteLock(() => db.transaction().execute(async (trx) => {
      // Take the write lock first, so a busy database fails here, before anything is written.
      await updateBatch(trx, batch.id, { error: null });
      await assertNotImported(trx, batch);
      const bidxOf = (id: string) => cipher.blindIndex('residentId', id);
      const known = await personIdsByResidentIds(trx, [...new Set(data.filter((r) => r.parsed?.validResidentId).map((r) => bidxOf(r.parsed!.validResidentId!)))]);
      const cache = { organisations: new Map<string, number>(), unitNames: new Map<number, string>() };
      let created = 0;
      let linked = 0;
      let refused = 0;
      let flagged = 0;
      let done = 0;
      for (const row of data) {
        const parsed = row.parsed!;
        const bidx = parsed.validResidentId ? bidxOf(parsed.validResidentId) : parsed.residentId ? bidxOf(parsed.residentId.value) : null;
        const sourceRecordId = await insertSourceRecord(trx, {
          batch_id: batch.id,
          source_id: batch.source_id,
          row_number: row.rowNumber,
          name: parsed.name.slice(0, 60),
          raw_enc: cipher.encrypt(JSON.stringify(storedCells(analysis, row.cells))),
          flags: JSON.stringify(row.flags),
          resident_id_bidx: bidx,
          mobile_bidx: parsed.mobile ? cipher.blindIndex('mobile', parsed.mobile) : null,
          created_at: at,
        });
        if (row.outcome === 'flagged') flagged += 1;
        if (parsed.refused) {
          refused += 1;
        } else {
          const w: WriterCtx = { cipher, actorId: importer.userId, actorName: importer.name, sourceRecordId, at, cache };
          const existingId = parsed.validResidentId ? known.get(bidx!) : undefined;
          if (existingId) {
            const existing = await findPersonInScope(trx, systemCtx, existingId);
            if (existing) await changePerson(trx, w, existing, parsed.values, { onlyFillEmpty: true, fallbackUnitId: importer.unitId });
            await linkSourceRecord(trx, sourceRecordId, existingId, 'residentId');
            linked += 1;
          } else {
            const v = parsed.values;
            const write: PersonWrite = {
              name: parsed.name,
              formerNames: v.formerNames ?? '',
              penName: '',
              gender: v.gender ?? null,
              ethnicity: v.ethnicity ?? null,
              birthDate: v.birthDate ?? null,
              residentId: parsed.residentId,
              mobile: parsed.mobile,
              political: v.political ?? null,
              political2: null,
              partyJoinDate: v.partyJoinDate ?? null,
              party2JoinDate: null,
              education: v.education ?? null,
              degree: v.degree ?? null,
              school: v.school ?? '',
              major: v.major ?? '',
              employer: v.employer ?? null,
              post: v.post ?? '',
              title: v.title ?? '',
              qualification: v.qualification ?? '',
              groups: v.groups ?? [],
              workTownId: v.workTownId ?? null,
              workCommunityId: v.workCommunityId ?? null,
              residenceTownId: v.residenceTownId ?? null,
              residenceCommunityId: v.residenceCommunityId ?? null,
              tags: v.tags ?? [],
              repLevel: 'none',
              status: 'active',
              notes: v.notes ?? '',
            };
            const personId = await createPerson(trx, w, write, importer.unitId);
            // The same valid ID later in this file links to the person just created.
            if (parsed.validResidentId) known.set(bidx!, personId);
            await linkSourceRecord(trx, sourceRecordId, personId, 'created');
            created += 1;
          }
        }
        done += 1;
        if (done % 200 === 0) {
          await progress(done / data.length, `${done}/${data.length}`);
          // On SQLite every statement completes synchronously, so without this the loop would run
          // to its end in microtasks and no request could be served meanwhile.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      const errorFileId = await writeErrorFile(trx, analysis, locale, batch.file_name, importer.userId);
      await updateBatch(trx, batch.id, {
        status: 'committed',
        committed_at: nowIso(),
        total_rows: data.length,
        created_rows: created,
        linked_rows: linked,
        flagged_rows: flagged,
        skipped_rows: analysis.rows.length - data.length,
        refused_rows: refused,
        error_file_id: errorFileId,
        error: null,
      });
      await writeAudit(trx, ctx, { action: 'import.commit', objectType: 'importBatch', objectId: batch.id, detail: { rows: data.length, created, linked, flagged, refused } });
      return { batchId: batch.id, created, linked, flagged, skipped: analysis.rows.length - data.length, refused, errorFileId };
    }));
    await progress(1);
    return result;
  } catch (err) {
    // The transaction is gone; say why on the batch so the wizard can show it.
    const message = err instanceof AppError ? err.key : err instanceof Error ? err.message : String(err);
    if (!(err instanceof AppError && err.key === 'import.alreadyCommitted')) await updateBatch(db, batch.id, { status: 'failed', error: message.slice(0, 500) });
    throw err;
  }
}
