import type { Selectable } from 'kysely';
import { nowIso, type Executor, type Trx } from '../../db/database.js';
import type { PersonsTable } from '../../db/schema.js';
import { writeAudit } from '../../platform/audit.js';
import { actorRef, systemActor, type Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { changePerson, parseList, type PersonWrite, type WriterCtx } from '../persons/person-writer.js';
import { findPersonInScope, insertHistory, replacePersonGroups, replacePersonTags, replaceSearchTerms, type PersonRow } from '../persons/persons.repository.js';
import { personSearchTerms } from '../persons/search-terms.js';
import {
  findMerge,
  historyIdsSince,
  insertMerge,
  markMergeUndone,
  maxHistoryId,
  moveHistory,
  moveSourceRecords,
  personRowRaw,
  personSnapshot,
  removeMergedPerson,
  restorePersonRow,
  sourceRecordIdsOf,
} from './consolidation.repository.js';

// Merging two persons and undoing it. A merge never loses anything: the merged person leaves
// `persons` but is kept whole in person_merges (row, groups, tags, search terms), its source records
// and field history move to the survivor, and the survivor only gains values it lacked. Undo puts
// the merged person back with the same id, takes back its records and history, and clears what
// the merge filled in on the survivor unless someone has changed that field since.

type RawPerson = Selectable<PersonsTable>;

export interface MergeSnapshot {
  person: RawPerson;
  groups: { person_id: number; group_code: string; sub_group_code: string }[];
  tags: { person_id: number; tag: string }[];
  terms: { person_id: number; term: string }[];
  historyIds: number[];
  movedRecordIds: number[];
  /** The survivor's row before and after the merge filled its empty fields. */
  survivorBefore: RawPerson;
  survivorAfter: RawPerson;
  /** History rows the merge wrote on the survivor (the fields it filled). */
  filledHistoryIds: number[];
}

/** What a person's row can give another person: every value, the IDs decrypted. */
function valuesOf(cipher: PersonalDataCipher, p: PersonRow): Partial<PersonWrite> {
  const residentId = cipher.decryptNullable(p.resident_id_enc);
  const mobile = cipher.decryptNullable(p.mobile_enc);
  return {
    formerNames: p.former_names,
    penName: p.pen_name,
    gender: p.gender,
    ethnicity: p.ethnicity,
    birthDate: p.birth_date || null,
    residentId: residentId ? { value: residentId, valid: p.resident_id_valid === 1 } : null,
    mobile,
    political: p.political,
    political2: p.political2,
    partyJoinDate: p.party_join_date,
    party2JoinDate: p.party2_join_date,
    education: p.education,
    degree: p.degree,
    school: p.school,
    major: p.major,
    employer: p.employer_name ? { name: p.employer_name, uscc: p.employer_uscc, kind: p.employer_kind, industry: p.employer_industry } : null,
    post: p.post,
    title: p.title,
    qualification: p.qualification,
    groups: parseList(p.groups),
    workTownId: p.work_town_id,
    workCommunityId: p.work_community_id,
    residenceTownId: p.residence_town_id,
    residenceCommunityId: p.residence_community_id,
    tags: parseList(p.tags),
    notes: p.notes,
  };
}

export interface MergeInput {
  survivorId: number;
  mergedId: number;
  method: 'consolidation' | 'manual';
  runId?: number | null;
  reason?: string;
  /** The source record the filled values are credited to (a consolidation's moved record). */
  sourceRecordId?: number | null;
  /** Records a consolidation already moved from the merged person to the survivor. */
  alreadyMovedRecordIds?: number[];
}

/** Merges `mergedId` into `survivorId` inside the caller's transaction. Returns the merge id. */
export async function mergePerson(trx: Trx, ctx: Ctx, cipher: PersonalDataCipher, input: MergeInput): Promise<number> {
  if (input.survivorId === input.mergedId) throw new AppError(400, 'person.mergeSelf');
  const systemCtx: Ctx = { ...ctx, actor: systemActor('merge') };
  const [survivor, merged] = await Promise.all([findPersonInScope(trx, systemCtx, input.survivorId), findPersonInScope(trx, systemCtx, input.mergedId)]);
  if (!survivor || !merged) throw new AppError(404, 'notFound');
  const at = nowIso();
  const actor = actorRef(ctx);
  const snapshot = await personSnapshot(trx, merged.id);
  const survivorBefore = await personRowRaw(trx, survivor.id);
  if (!snapshot || !survivorBefore) throw new AppError(404, 'notFound');

  const records = await sourceRecordIdsOf(trx, merged.id);
  await moveSourceRecords(trx, records, survivor.id);
  const historyMark = await maxHistoryId(trx);
  const w: WriterCtx = { cipher, actorId: actor.id, actorName: actor.name, sourceRecordId: input.sourceRecordId ?? null, at };
  await changePerson(trx, w, survivor, valuesOf(cipher, merged), { onlyFillEmpty: true, fallbackUnitId: survivor.unit_id });
  const filledHistoryIds = await historyIdsSince(trx, survivor.id, historyMark);
  const survivorAfter = (await personRowRaw(trx, survivor.id))!;
  await removeMergedPerson(trx, merged.id, survivor.id);

  const full: MergeSnapshot = {
    ...snapshot,
    movedRecordIds: [...(input.alreadyMovedRecordIds ?? []), ...records],
    survivorBefore,
    survivorAfter,
    filledHistoryIds,
  };
  const mergeId = await insertMerge(trx, {
    survivor_id: survivor.id,
    merged_id: merged.id,
    run_id: input.runId ?? null,
    method: input.method,
    reason: (input.reason ?? '').slice(0, 500),
    snapshot: JSON.stringify(full),
    actor_id: actor.id,
    actor_name: actor.name.slice(0, 60),
    at,
  });
  await insertHistory(trx, [{ person_id: survivor.id, field: 'merged', old_value: null, new_value: `${merged.name} (#${merged.id})`, source_record_id: input.sourceRecordId ?? null, actor_id: actor.id, actor_name: actor.name, at }]);
  if (input.method === 'manual') {
    await writeAudit(trx, ctx, { action: 'person.merge', objectType: 'person', objectId: survivor.id, detail: { merged: merged.id, mergeId, reason: input.reason ?? '' } });
  }
  return mergeId;
}

/** The persons columns each history field stands for, so undo can tell whether a filled field was changed since. */
const FIELD_COLUMNS: Record<string, (keyof RawPerson)[]> = {
  formerNames: ['former_names'],
  penName: ['pen_name'],
  gender: ['gender'],
  ethnicity: ['ethnicity'],
  birthDate: ['birth_date'],
  residentId: ['resident_id_enc', 'resident_id_bidx', 'resident_id_tail_bidx', 'resident_id_masked', 'resident_id_valid'],
  mobile: ['mobile_enc', 'mobile_bidx', 'mobile_tail_bidx', 'mobile_masked'],
  political: ['political'],
  political2: ['political2'],
  partyJoinDate: ['party_join_date'],
  party2JoinDate: ['party2_join_date'],
  education: ['education'],
  degree: ['degree'],
  school: ['school'],
  major: ['major'],
  employer: ['organisation_id'],
  post: ['post'],
  title: ['title'],
  qualification: ['qualification'],
  groups: ['groups'],
  tags: ['tags'],
  workTownId: ['work_town_id'],
  workCommunityId: ['work_community_id'],
  residenceTownId: ['residence_town_id'],
  residenceCommunityId: ['residence_community_id'],
  notes: ['notes'],
};

/**
 * Undoes a merge (a split): the merged person comes back with its id, values, records and
 * history; the survivor loses the values the merge gave it unless they were changed since.
 */
export async function undoMerge(trx: Trx, ctx: Ctx, mergeId: number, reason: string): Promise<{ survivorId: number; restoredId: number }> {
  const merge = await findMerge(trx, mergeId);
  if (!merge) throw new AppError(404, 'notFound');
  if (merge.undone_at) throw new AppError(409, 'merge.alreadyUndone');
  const snap = JSON.parse(merge.snapshot) as MergeSnapshot;
  const current = await personRowRaw(trx, merge.survivor_id);
  if (!current) throw new AppError(409, 'merge.survivorGone');
  const at = nowIso();
  const actor = actorRef(ctx);

  // The merged person, exactly as it was.
  await restorePersonRow(trx, snap.person, snap.groups, snap.tags, snap.terms);
  await moveHistory(trx, snap.historyIds, merge.merged_id);
  await moveSourceRecords(trx, snap.movedRecordIds, merge.merged_id, merge.survivor_id);

  // The survivor: clear what the merge filled, field by field, where nobody has changed it since.
  const filled = await historyRows(trx, snap.filledHistoryIds);
  const set: Partial<RawPerson> = {};
  const undoneHistory = [];
  for (const h of filled) {
    const columns = FIELD_COLUMNS[h.field];
    if (!columns) continue;
    if (!columns.every((c) => current[c] === snap.survivorAfter[c])) continue;
    for (const c of columns) (set as Record<string, unknown>)[c] = snap.survivorBefore[c];
    undoneHistory.push({ person_id: merge.survivor_id, field: h.field, old_value: h.new_value, new_value: h.old_value, source_record_id: null, actor_id: actor.id, actor_name: actor.name, at });
  }
  const unitFields = ['work_town_id', 'work_community_id', 'residence_town_id', 'residence_community_id'] as const;
  if (unitFields.some((c) => c in set) && current.unit_id === snap.survivorAfter.unit_id) set.unit_id = snap.survivorBefore.unit_id;
  if (Object.keys(set).length) {
    await trx.updateTable('persons').set({ ...set, updated_at: at, version: current.version + 1 }).where('id', '=', merge.survivor_id).execute();
    if ('groups' in set) await replacePersonGroups(trx, merge.survivor_id, parseList(set.groups as string), false);
    if ('tags' in set) await replacePersonTags(trx, merge.survivor_id, parseList(set.tags as string), false);
    if ('former_names' in set || 'pen_name' in set) {
      const after = { ...current, ...set };
      await replaceSearchTerms(trx, merge.survivor_id, personSearchTerms([after.name, after.former_names, after.pen_name]), false);
    }
  }
  await insertHistory(trx, [
    ...undoneHistory,
    { person_id: merge.survivor_id, field: 'split', old_value: null, new_value: `${snap.person.name} (#${merge.merged_id})`, source_record_id: null, actor_id: actor.id, actor_name: actor.name, at },
  ]);
  await markMergeUndone(trx, mergeId, at, actor.name);
  await writeAudit(trx, ctx, { action: 'person.split', objectType: 'person', objectId: merge.survivor_id, detail: { restored: merge.merged_id, mergeId, reason } });
  return { survivorId: merge.survivor_id, restoredId: merge.merged_id };
}

async function historyRows(exec: Executor, ids: number[]) {
  if (!ids.length) return [];
  return exec.selectFrom('person_field_history').select(['id', 'field', 'old_value', 'new_value']).where('id', 'in', ids).orderBy('id').execute();
}
