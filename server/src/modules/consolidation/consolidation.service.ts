import { nowIso, type Db, type Executor, type Trx } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import { actorRef, systemActor, type Ctx } from '../../platform/context.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { withWriteLock } from '../../platform/write-lock.js';
import { toCsvRow } from '../../platform/csv.js';
import type { StoredMapping } from '../imports/import-analysis.js';
import { loadPlaces, type PlaceResolver } from '../imports/places.js';
import { parseRow, personWriteOf } from '../imports/row-parse.js';
import { createPerson, type WriterCtx } from '../persons/person-writer.js';
import { mergePerson } from './merge.js';
import { applyGolden } from './golden.js';
import { findPersonInScope } from '../persons/persons.repository.js';
import {
  batchMappings,
  countPersons,
  decidedPairs,
  insertPairs,
  insertRun,
  knownPairs,
  latestModel,
  linkExportRowsAfter,
  linkSourcesAfter,
  personsWithoutRecordsAfter,
  markConsolidated,
  setLinkEvidence,
  sourceRecordIdsOf,
  updateRun,
} from './consolidation.repository.js';
import { linkValues, type StoredCell } from './link-values.js';
import { link, normalise } from './linkage/index.js';
import { DEFAULT_LINK_SETTINGS, type LinkOutput, type LinkSettings, type NormRecord, type ScoredPair } from './linkage/types.js';

// Consolidation: every department's rows → one registry. The engine (./linkage) decides which
// source records are one human being; this service applies its answer to the registry in one
// transaction: records move to their person, persons left without records are merged away (kept
// whole in person_merges, so the merge can be undone), pairs in the review band are queued.

export interface ConsolidateOptions {
  settings?: Partial<LinkSettings>;
  progress?: (fraction: number, message?: string) => Promise<void> | void;
}

export interface ConsolidateResult {
  runId: number;
  kind: 'full' | 'incremental';
  pendingRecords: number;
  existingRecords: number;
  linkedRecords: number;
  mergedPersons: number;
  createdPersons: number;
  reviewPairs: number;
  /** Fields of the persons that gained rows which the survivorship rules set to another row's value. */
  fieldsChosen: number;
  personsBefore: number;
  personsAfter: number;
  seconds: number;
}

interface PendingInfo {
  personId: number;
  batchId: number;
  cells: StoredCell[];
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
const evidenceJson = (p: ScoredPair, self: number) => JSON.stringify({ other: p.a === self ? p.b : p.a, weight: p.weight, contributions: p.contributions });

/**
 * Links every pending source record (imported since the last run) against the consolidated
 * registry, or everything on the first run. Human decisions are passed to the engine and never
 * asked again; the engine's model is kept with the run.
 */
export async function consolidate(db: Db, ctx: Ctx, cipher: PersonalDataCipher, opts: ConsolidateOptions = {}): Promise<ConsolidateResult> {
  const started = Date.now();
  const progress = async (fraction: number, message?: string) => {
    await opts.progress?.(fraction, message);
  };
  const settings: LinkSettings = { ...DEFAULT_LINK_SETTINGS, ...opts.settings };
  const { id: actorId, name: actorName } = actorRef(ctx);

  // Read: every source record that belongs to a person, decrypted a page at a time.
  const mappings = await batchMappings(db);
  const existing: { record: NormRecord; personId: number }[] = [];
  const pending: NormRecord[] = [];
  const pendingInfo = new Map<number, PendingInfo>();
  let maxId = 0;
  for (let after = 0; ; ) {
    const page = await linkSourcesAfter(db, after, 5000);
    if (!page.length) break;
    for (const row of page) {
      const mapping = mappings.get(row.batch_id) ?? [];
      const cells = JSON.parse(cipher.decrypt(row.raw_enc)) as StoredCell[];
      const record = normalise(linkValues(row.id, row.source_id, mapping, cells));
      if (row.link_run_id === null) {
        pending.push(record);
        pendingInfo.set(row.id, { personId: row.person_id, batchId: row.batch_id, cells });
      } else {
        existing.push({ record, personId: row.person_id });
      }
    }
    after = page[page.length - 1]!.id;
    maxId = after;
    await progress(0.05, `${existing.length + pending.length}`);
  }
  const kind: 'full' | 'incremental' = existing.length ? 'incremental' : 'full';
  // Persons without any source record take part as records keyed by their negated id.
  for (let after = 0; ; ) {
    const page = await personsWithoutRecordsAfter(db, after, 5000);
    if (!page.length) break;
    for (const p of page) {
      const record = normalise({
        key: -p.id,
        source: 0,
        name: p.name,
        gender: p.gender,
        birthDate: p.birth_date || null,
        residentId: cipher.decryptNullable(p.resident_id_enc),
        mobile: cipher.decryptNullable(p.mobile_enc),
        employer: p.employer,
        town: p.town,
      });
      existing.push({ record, personId: p.id });
    }
    after = page[page.length - 1]!.id;
  }
  const personsBefore = await countPersons(db);
  const runId = await insertRun(db, {
    kind,
    status: 'running',
    pending_records: pending.length,
    existing_records: existing.length,
    persons_before: personsBefore,
    settings: JSON.stringify(settings),
    started_by: actorId,
    started_by_name: actorName.slice(0, 60),
    started_at: nowIso(),
  });

  try {
    const [decisions, model] = await Promise.all([decidedPairs(db), kind === 'incremental' ? latestModel(db) : Promise.resolve(null)]);
    const output = link({
      existing,
      pending,
      decisions,
      settings,
      ...(model ? { model } : {}),
      progress: (fraction: number) => void opts.progress?.(0.1 + fraction * 0.6, 'link'),
    });
    await progress(0.7, 'apply');
    const places = await loadPlaces(db);
    const applied = await withWriteLock(() =>
      db.transaction().execute(async (trx) => {
        const result = await applyOutput(trx, ctx, cipher, { runId, output, existing, pendingInfo, mappings, places, maxId, actorId, actorName });
        const personsAfter = await countPersons(trx);
        await updateRun(trx, runId, {
          status: 'succeeded',
          linked_records: result.linkedRecords,
          merged_persons: result.mergedPersons,
          created_persons: result.createdPersons,
          review_pairs: result.reviewPairs,
          persons_after: personsAfter,
          model: JSON.stringify(output.model),
          stats: JSON.stringify({ ...output.stats, fieldsChosen: result.fieldsChosen }),
          finished_at: nowIso(),
        });
        await writeAudit(trx, ctx, {
          action: 'consolidation.run',
          objectType: 'linkRun',
          objectId: runId,
          detail: { kind, pending: pending.length, existing: existing.length, ...result, personsBefore, personsAfter },
        });
        return { ...result, personsAfter };
      }),
    );
    await progress(1);
    return { runId, kind, pendingRecords: pending.length, existingRecords: existing.length, personsBefore, ...applied, seconds: (Date.now() - started) / 1000 };
  } catch (err) {
    await updateRun(db, runId, { status: 'failed', error: (err instanceof Error ? err.message : String(err)).slice(0, 500), finished_at: nowIso() });
    throw err;
  }
}

interface ApplyInput {
  runId: number;
  output: LinkOutput;
  existing: { record: NormRecord; personId: number }[];
  pendingInfo: Map<number, PendingInfo>;
  mappings: Map<number, StoredMapping[]>;
  places: PlaceResolver;
  maxId: number;
  actorId: number | null;
  actorName: string;
}

async function applyOutput(trx: Trx, ctx: Ctx, cipher: PersonalDataCipher, input: ApplyInput) {
  const { output, pendingInfo, runId } = input;
  const at = nowIso();
  const systemCtx: Ctx = { ...ctx, actor: systemActor('consolidation') };
  const parse = (recordId: number) => {
    const info = pendingInfo.get(recordId)!;
    const mapping = input.mappings.get(info.batchId) ?? [];
    return parseRow(info.cells.map((c) => c.v), mapping.map((m) => m.field), input.places);
  };
  const writer = (sourceRecordId: number): WriterCtx => ({ cipher, actorId: input.actorId, actorName: input.actorName, sourceRecordId, at });

  // 1. Which person each pending record belongs to. A person that still holds consolidated
  //    records, or that the engine attached records to, is taken; a new cluster keeps the oldest
  //    untaken person among its records' persons, or gets a new one.
  const taken = new Set<number>(input.existing.map((e) => e.personId));
  const target = new Map<number, number>();
  const clusters = new Map<number, number[]>();
  for (const [recordId, a] of output.assignments) {
    if (a.personId !== undefined) {
      target.set(recordId, a.personId);
      taken.add(a.personId);
    } else {
      const members = clusters.get(a.cluster) ?? [];
      members.push(recordId);
      clusters.set(a.cluster, members);
    }
  }
  let createdPersons = 0;
  const ordered = [...clusters.values()].map((m) => m.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
  for (const members of ordered) {
    const candidates = [...new Set(members.map((r) => pendingInfo.get(r)!.personId))].filter((p) => !taken.has(p)).sort((x, y) => x - y);
    let survivor = candidates[0];
    if (survivor === undefined) {
      // Every person these records sit on belongs to another cluster: a person of their own.
      const first = members[0]!;
      const person = await findPersonInScope(trx, systemCtx, pendingInfo.get(first)!.personId);
      if (!person) throw new Error(`source record ${first} points at person ${pendingInfo.get(first)!.personId}, which does not exist`);
      survivor = await createPerson(trx, writer(first), personWriteOf(parse(first)), person.unit_id);
      createdPersons += 1;
    }
    taken.add(survivor);
    for (const r of members) target.set(r, survivor);
  }

  // 2. Move records to their person, each with the pair that explains the link.
  const moved = new Map<number, number[]>(); // old person → records that left it
  const arrivals = new Map<number, Map<number, number>>(); // old person → (new person → count)
  let linkedRecords = 0;
  for (const [recordId, personId] of target) {
    const info = pendingInfo.get(recordId)!;
    const evidence = output.evidence.get(recordId);
    if (evidence) linkedRecords += 1;
    if (personId !== info.personId) {
      // Without evidence the record was not linked but split off its person (to a person of its own).
      await setLinkEvidence(
        trx,
        recordId,
        evidence
          ? { person_id: personId, link_method: 'probabilistic', link_weight: evidence.weight, link_evidence: evidenceJson(evidence, recordId) }
          : { person_id: personId, link_method: 'split', link_weight: null, link_evidence: null },
      );
      moved.set(info.personId, [...(moved.get(info.personId) ?? []), recordId]);
      const counts = arrivals.get(info.personId) ?? new Map<number, number>();
      counts.set(personId, (counts.get(personId) ?? 0) + 1);
      arrivals.set(info.personId, counts);
    } else if (evidence) {
      await setLinkEvidence(trx, recordId, { link_weight: evidence.weight, link_evidence: evidenceJson(evidence, recordId) });
    }
  }

  // 3. A person whose records all left is merged into the person most of them went to: the
  //    survivor gains what it lacked (credited to the first moved record), nothing is lost.
  let mergedPersons = 0;
  for (const [oldPerson, records] of moved) {
    if (taken.has(oldPerson)) continue;
    if ((await sourceRecordIdsOf(trx, oldPerson)).length) continue;
    const survivor = [...arrivals.get(oldPerson)!.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]![0];
    await mergePerson(trx, ctx, cipher, { survivorId: survivor, mergedId: oldPerson, method: 'consolidation', runId, sourceRecordId: records[0]!, alreadyMovedRecordIds: records });
    mergedPersons += 1;
  }

  // 4. Persons that gained rows choose their values again from all of them (the golden record).
  const touched = new Set<number>();
  for (const [recordId, personId] of target) if (personId !== pendingInfo.get(recordId)!.personId) touched.add(personId);
  const fieldsChosen = await applyGolden(trx, ctx, cipher, [...touched].sort((a, b) => a - b), {
    mappings: input.mappings,
    places: input.places,
    actorId: input.actorId,
    actorName: input.actorName,
  });

  // 5. The review band: pairs not on record yet. A pair with a person that has no source record
  //    (negative key) cannot be queued as a pair of rows; it is left to the next list or a manual merge.
  const known = await knownPairs(trx);
  const fresh = output.review.filter((p) => p.a > 0 && p.b > 0 && !known.has(pairKey(p.a, p.b)));
  await insertPairs(
    trx,
    fresh.map((p) => ({
      record_a: Math.min(p.a, p.b),
      record_b: Math.max(p.a, p.b),
      weight: p.weight,
      contributions: JSON.stringify(p.contributions),
      status: 'review',
      run_id: runId,
      created_at: at,
    })),
  );
  await markConsolidated(trx, runId, input.maxId);
  return { linkedRecords, mergedPersons, createdPersons, reviewPairs: fresh.length, fieldsChosen };
}

/**
 * One line per source record: `file_name,sheet,row,person_id` (row as Excel shows it), written a
 * page at a time. Returns the number of records written.
 */
export async function exportLinks(exec: Executor, write: (chunk: string) => void | Promise<void>): Promise<number> {
  await write(toCsvRow(['file_name', 'sheet', 'row', 'person_id']));
  let n = 0;
  for (let after = 0; ; ) {
    const page = await linkExportRowsAfter(exec, after, 5000);
    if (!page.length) break;
    await write(page.map((r) => toCsvRow([r.file_name, r.sheet_name, r.row_number, r.person_id])).join(''));
    n += page.length;
    after = page[page.length - 1]!.id;
  }
  return n;
}
