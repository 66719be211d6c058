import type { z } from 'zod';
import type { Contribution, Decision, PersonMerge, ReviewPair, reviewQuery } from '../../../../common/src/schemas/consolidation.js';
import { nowIso, type Db, type Trx } from '../../db/database.js';
import { writeAudit } from '../../platform/audit.js';
import { actorRef, type Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { decodeCursor, pageFrom } from '../../platform/pagination.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { withWriteLock } from '../../platform/write-lock.js';
import type { StoredMapping } from '../imports/import-analysis.js';
import { findPersonInScope } from '../persons/persons.repository.js';
import { maskRawValue } from '../persons/persons.search.js';
import {
  countPairsInScope,
  decidePair,
  findMerge,
  findPairInScope,
  listPairsInScope,
  mergesOfSurvivor,
  pairIdsAtOrAbove,
  pairSides,
  type PairRow,
  type PairSideRow,
} from './consolidation.repository.js';
import { linkValues, type StoredCell } from './link-values.js';
import { mergePerson, undoMerge, type MergeSnapshot } from './merge.js';

// The review queue: pairs the engine could not decide, shown side by side with each field's part
// in the weight. A decision is a link_pairs row the engine reads on every later run, so nobody is
// asked twice and no rerun overrides a person's call.

const COMPARED = ['name', 'gender', 'birthDate', 'residentId', 'mobile', 'employer', 'town'] as const;

function presentSide(cipher: PersonalDataCipher, row: PairSideRow) {
  const mapping = JSON.parse(row.mapping) as StoredMapping[];
  const cells = JSON.parse(cipher.decrypt(row.raw_enc)) as StoredCell[];
  const raw = linkValues(row.id, row.source_id, mapping, cells);
  const values: Record<string, string> = {};
  for (const field of COMPARED) {
    const v = raw[field];
    if (v) values[field] = maskRawValue(field, v);
  }
  return { recordId: row.id, personId: row.person_id, personName: row.person_name, sourceName: row.source_name, fileName: row.file_name, rowNumber: row.row_number, values };
}

async function presentPairs(db: Db | Trx, cipher: PersonalDataCipher, rows: PairRow[]): Promise<ReviewPair[]> {
  const sides = await pairSides(db, rows.flatMap((r) => [r.record_a, r.record_b]));
  return rows.map((r) => {
    const a = presentSide(cipher, sides.get(r.record_a)!);
    const b = presentSide(cipher, sides.get(r.record_b)!);
    return {
      id: r.id,
      weight: Math.round(r.weight * 100) / 100,
      status: r.status as ReviewPair['status'],
      contributions: JSON.parse(r.contributions) as Contribution[],
      a,
      b,
      samePerson: a.personId !== null && a.personId === b.personId,
      decidedByName: r.decided_by_name,
      decidedAt: r.decided_at,
    };
  });
}

export async function listReview(db: Db, ctx: Ctx, cipher: PersonalDataCipher, q: z.infer<typeof reviewQuery>) {
  const after = decodeCursor<{ w: number; id: number }>(q.cursor, ['w', 'id']);
  const [rows, total] = await Promise.all([listPairsInScope(db, ctx, q.status, after ? { weight: after.w, id: after.id } : null, q.limit), countPairsInScope(db, ctx, q.status)]);
  const page = pageFrom(rows, q.limit, (r) => ({ w: r.weight, id: r.id }));
  return { items: await presentPairs(db, cipher, page.items), total, nextCursor: page.nextCursor };
}

export async function getReviewPair(db: Db, ctx: Ctx, cipher: PersonalDataCipher, id: number): Promise<ReviewPair> {
  const row = await findPairInScope(db, ctx, id);
  if (!row) throw new AppError(404, 'notFound');
  return (await presentPairs(db, cipher, [row]))[0]!;
}

/** Applies one decision inside the caller's transaction; returns the merge it made, if any. */
async function applyDecision(trx: Trx, ctx: Ctx, cipher: PersonalDataCipher, row: PairRow, decision: Decision): Promise<number | null> {
  if (row.status === 'same' || row.status === 'different') throw new AppError(409, 'review.alreadyDecided');
  const at = nowIso();
  const actor = actorRef(ctx);
  const sides = await pairSides(trx, [row.record_a, row.record_b]);
  const pa = sides.get(row.record_a)!.person_id;
  const pb = sides.get(row.record_b)!.person_id;
  let mergeId: number | null = null;
  if (decision === 'same') {
    if (pa !== null && pb !== null && pa !== pb) {
      // The older person survives: its id is the one other records and people already know.
      mergeId = await mergePerson(trx, ctx, cipher, { survivorId: Math.min(pa, pb), mergedId: Math.max(pa, pb), method: 'manual', reason: `review #${row.id}` });
    }
    await decidePair(trx, row.id, 'same', actor, at);
  } else if (decision === 'different') {
    if (pa !== null && pa === pb) throw new AppError(409, 'review.samePerson');
    await decidePair(trx, row.id, 'different', actor, at);
  } else {
    await decidePair(trx, row.id, 'skipped', actor, at);
  }
  await writeAudit(trx, ctx, { action: 'consolidation.decide', objectType: 'linkPair', objectId: row.id, detail: { decision, records: [row.record_a, row.record_b], mergeId } });
  return mergeId;
}

export async function decide(db: Db, ctx: Ctx, cipher: PersonalDataCipher, id: number, decision: Decision) {
  const mergeId = await withWriteLock(() =>
    db.transaction().execute(async (trx) => {
      const row = await findPairInScope(trx, ctx, id);
      if (!row) throw new AppError(404, 'notFound');
      return applyDecision(trx, ctx, cipher, row, decision);
    }),
  );
  return { pair: await getReviewPair(db, ctx, cipher, id), mergeId };
}

/** Accepts every undecided pair in scope at or above a weight, in one transaction. */
export async function acceptAbove(db: Db, ctx: Ctx, cipher: PersonalDataCipher, minWeight: number) {
  return withWriteLock(() =>
    db.transaction().execute(async (trx) => {
      let accepted = 0;
      let merged = 0;
      for (const id of await pairIdsAtOrAbove(trx, ctx, minWeight)) {
        // Earlier merges in this loop move records, so each pair is read again.
        const row = await findPairInScope(trx, ctx, id);
        if (!row || row.status !== 'review') continue;
        if (await applyDecision(trx, ctx, cipher, row, 'same')) merged += 1;
        accepted += 1;
      }
      return { accepted, merged };
    }),
  );
}

export async function mergeManually(db: Db, ctx: Ctx, cipher: PersonalDataCipher, survivorId: number, otherId: number, reason: string) {
  return withWriteLock(() =>
    db.transaction().execute(async (trx) => {
      const [survivor, other] = await Promise.all([findPersonInScope(trx, ctx, survivorId), findPersonInScope(trx, ctx, otherId)]);
      if (!survivor || !other) throw new AppError(404, 'notFound');
      const mergeId = await mergePerson(trx, ctx, cipher, { survivorId, mergedId: otherId, method: 'manual', reason });
      return { mergeId, survivorId };
    }),
  );
}

export async function undoMergeInScope(db: Db, ctx: Ctx, mergeId: number, reason: string) {
  return withWriteLock(() =>
    db.transaction().execute(async (trx) => {
      const merge = await findMerge(trx, mergeId);
      if (!merge || !(await findPersonInScope(trx, ctx, merge.survivor_id))) throw new AppError(404, 'notFound');
      return undoMerge(trx, ctx, mergeId, reason);
    }),
  );
}

export async function listMerges(db: Db, ctx: Ctx, personId: number): Promise<PersonMerge[]> {
  if (!(await findPersonInScope(db, ctx, personId))) throw new AppError(404, 'notFound');
  return (await mergesOfSurvivor(db, personId)).map((m) => {
    const snap = JSON.parse(m.snapshot) as MergeSnapshot;
    return {
      id: m.id,
      survivorId: m.survivor_id,
      mergedId: m.merged_id,
      mergedName: snap.person.name,
      method: m.method as PersonMerge['method'],
      reason: m.reason,
      recordCount: snap.movedRecordIds.length,
      actorName: m.actor_name,
      at: m.at,
      undoneAt: m.undone_at,
      undoneByName: m.undone_by_name,
    };
  });
}
