import { createHash } from 'node:crypto';
import { importFlagText } from '../../../../common/src/i18n/import-flags.js';
import type { ImportBatch, ImportJobResult, ImportPreview, MappingBody, PreviewRow } from '../../../../common/src/schemas/imports.js';
import { writeAudit } from '../../platform/audit.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { collect, readFile, storeFile } from '../../platform/files.js';
import { rememberingBlindIndexes, type PersonalDataCipher } from '../../platform/personal-data.js';
import { readWorkbook, SpreadsheetError, type Workbook } from '../../platform/spreadsheets/read-workbook.js';
import { writeXlsx } from '../../platform/spreadsheets/write-xlsx.js';
import { nowIso, type Db, type Executor } from '../../db/database.js';
import {
  applyPersonChange,
  insertCreatedPersons,
  insertHistoryInBulk,
  organisationKey,
  preparePersonChange,
  preparePersonCreate,
  type PersonChange,
  type PersonCreate,
  type PersonWrite,
  type WriterCtx,
} from '../persons/person-writer.js';
import { findPersonsInScope, type HistoryInsert } from '../persons/persons.repository.js';
import { maskRawValue } from '../persons/persons.search.js';
import { withWriteLock } from '../../platform/write-lock.js';
import { personWriteOf } from './row-parse.js';
import { analyse, storedCells, type AnalysedRow, type Analysis, type AnalysisChoice, type StoredMapping } from './import-analysis.js';
import {
  committedBatchForFile,
  ensureSource,
  existingResidentIds,
  findBatchInScope,
  insertBatch,
  insertSourceRecords,
  organisationIdsByKey,
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

export interface RunOptions {
  progress?: (fraction: number, message?: string) => Promise<void>;
  /** Rows written per round of statements (tests set it small to cross chunk boundaries). */
  chunkRows?: number;
}

/**
 * Rows per chunk: each chunk is a handful of multi-row statements, and between chunks the commit
 * yields so other requests are served (on SQLite a chunk of new persons holds the thread for
 * 0.1–0.3 s on a 1,000,000-person registry, about what 200 rows one by one did).
 */
const CHUNK_ROWS = 500;

/** One data row on its way to the database. */
interface PendingRow {
  row: AnalysedRow;
  /** The ID blind index (valid or not) kept on the source record. */
  bidx: string | null;
  /** Set for a row whose valid ID belongs to a person already written. */
  linkTo: number | null;
  create: PersonCreate | null;
  change: PersonChange | null;
  personId: number | null;
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
      const known = await personIdsByResidentIds(trx, [...new Set(data.filter((r) => r.parsed?.validResidentId).map((r) => cipher.blindIndex('residentId', r.parsed!.validResidentId!)))]);
      const cache = { organisations: new Map<string, number>(), unitNames: new Map<number, string>() };
      // Rows need the same blind indexes several times; remembered for one chunk at a time.
      const rowCipher = rememberingBlindIndexes(cipher);
      // One writer context for the whole commit: history rows get their source record id when the
      // chunk's source records are written.
      const w: WriterCtx = { cipher: rowCipher, actorId: importer.userId, actorName: importer.name, sourceRecordId: null, at, cache };
      const chunkRows = Math.max(1, opts.chunkRows ?? CHUNK_ROWS);
      let created = 0;
      let linked = 0;
      let refused = 0;
      let flagged = 0;
      let done = 0;

      // Rows are written a chunk at a time, in file order, with the same values (and the same ids,
      // as ids follow insertion order) as writing them one by one: a chunk ends early where a row
      // links to a person created or changed earlier in the same chunk, so every row sees the
      // rows before it.
      let start = 0;
      while (start < data.length) {
        const chunk: PendingRow[] = [];
        const creating = new Set<string>();
        const touched = new Set<number>();
        for (let i = start; i < data.length && chunk.length < chunkRows; i++) {
          const row = data[i]!;
          const parsed = row.parsed!;
          // A valid ID is the canonical residentId.value, so this is also the person's resident_id_bidx.
          const bidx = parsed.validResidentId ? rowCipher.blindIndex('residentId', parsed.validResidentId) : parsed.residentId ? rowCipher.blindIndex('residentId', parsed.residentId.value) : null;
          const linkTo = !parsed.refused && parsed.validResidentId ? (known.get(bidx!) ?? null) : null;
          if (parsed.validResidentId && (creating.has(bidx!) || (linkTo !== null && touched.has(linkTo)))) break;
          if (!parsed.refused && parsed.validResidentId && linkTo === null) creating.add(bidx!);
          if (linkTo !== null) touched.add(linkTo);
          chunk.push({ row, bidx, linkTo, create: null, change: null, personId: linkTo });
        }
        start += chunk.length;

        // Reads in bulk: the linked persons, and the employers already known by name.
        const existing = await findPersonsInScope(trx, systemCtx, [...touched]);
        const plainEmployers = new Set<string>();
        for (const p of chunk) {
          const e = p.row.parsed!.values.employer;
          if (e && !e.uscc && !e.kind && !e.industry) {
            const key = organisationKey(e.name);
            if (!cache.organisations.has(key)) plainEmployers.add(key);
          }
        }
        for (const [key, id] of await organisationIdsByKey(trx, [...plainEmployers])) cache.organisations.set(key, id);

        // In file order, as the row-by-row commit did: an employer new to the registry gets its id here.
        for (const p of chunk) {
          const parsed = p.row.parsed!;
          if (parsed.refused) continue;
          if (p.linkTo !== null) {
            const person = existing.get(p.linkTo);
            if (person) p.change = await preparePersonChange(trx, w, person, parsed.values, { onlyFillEmpty: true, fallbackUnitId: importer.unitId });
          } else {
            p.create = await preparePersonCreate(trx, w, personWriteOf(parsed), importer.unitId);
          }
        }

        const creates = chunk.filter((p) => p.create);
        const ids = await insertCreatedPersons(trx, at, creates.map((p) => p.create!));
        creates.forEach((p, i) => {
          p.personId = ids[i]!;
          // The same valid ID later in this file links to the person just created.
          if (p.row.parsed!.validResidentId) known.set(p.bidx!, p.personId);
        });

        const recordIds = await insertSourceRecords(
          trx,
          chunk.map((p) => {
            const parsed = p.row.parsed!;
            return {
              batch_id: batch.id,
              source_id: batch.source_id,
              row_number: p.row.rowNumber,
              name: parsed.name.slice(0, 60),
              raw_enc: cipher.encrypt(JSON.stringify(storedCells(analysis, p.row.cells))),
              flags: JSON.stringify(p.row.flags),
              resident_id_bidx: p.bidx,
              mobile_bidx: parsed.mobile ? rowCipher.blindIndex('mobile', parsed.mobile) : null,
              person_id: p.personId,
              link_method: p.personId === null ? null : p.create ? 'created' : 'residentId',
              created_at: at,
            };
          }),
        );

        const history: HistoryInsert[] = [];
        for (const [i, p] of chunk.entries()) {
          const rows = p.create?.history ?? p.change?.history ?? [];
          for (const h of rows) {
            h.source_record_id = recordIds[i]!;
            history.push(h);
          }
          if (p.change) await applyPersonChange(trx, w, p.change);
          if (p.row.outcome === 'flagged') flagged += 1;
          if (p.row.parsed!.refused) refused += 1;
          else if (p.create) created += 1;
          else linked += 1;
        }
        await insertHistoryInBulk(trx, history);

        rowCipher.forget();
        done += chunk.length;
        await progress(done / data.length, `${done}/${data.length}`);
        // On SQLite every statement completes synchronously, so without this the commit would run
        // to its end in microtasks and no request could be served meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
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
