import { maskMobile } from '../../../../common/src/validation/mobile.js';
import { maskResidentId } from '../../../../common/src/validation/resident-id.js';
import { normalizeText } from '../../../../common/src/validation/text.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import type { Executor } from '../../db/database.js';
import {
  ensureOrganisation,
  insertHistory,
  insertHistoryRows,
  insertPersonLists,
  insertPersonRow,
  insertPersonRows,
  replacePersonGroups,
  replacePersonTags,
  replaceSearchTerms,
  unitNames,
  updatePersonRow,
  type HistoryInsert,
  type PersonColumns,
  type PersonRow,
} from './persons.repository.js';
import { nameSortKey, personSearchTerms } from './search-terms.js';

// The one way a person's values are written, by the form and by the import alike: it encrypts and
// blind-indexes personal data, keeps the groups/tags/search-term tables in step, and records each
// changed field's old → new value with who or which source record set it.

export interface PersonWrite {
  name: string;
  formerNames: string;
  penName: string;
  gender: string | null;
  ethnicity: string | null;
  birthDate: string | null;
  /** undefined = leave as it is. An invalid ID read from a list is kept, marked invalid. */
  residentId?: { value: string; valid: boolean } | null;
  mobile?: string | null;
  political: string | null;
  political2: string | null;
  partyJoinDate: string | null;
  party2JoinDate: string | null;
  education: string | null;
  degree: string | null;
  school: string;
  major: string;
  employer: { name: string; uscc: string | null; kind: string | null; industry: string | null } | null;
  post: string;
  title: string;
  qualification: string;
  groups: string[];
  workTownId: number | null;
  workCommunityId: number | null;
  residenceTownId: number | null;
  residenceCommunityId: number | null;
  tags: string[];
  repLevel: string;
  status: string;
  notes: string;
}

export interface WriterCtx {
  cipher: PersonalDataCipher;
  actorId: number | null;
  actorName: string | null;
  sourceRecordId: number | null;
  at: string;
  /** Lookups a bulk writer (an import) may remember between persons. */
  cache?: { organisations: Map<string, number>; unitNames: Map<number, string> };
}

/** The employer's organisation id, remembered for the rest of a bulk write when nothing new is learnt. */
async function organisationId(exec: Executor, w: WriterCtx, employer: NonNullable<PersonWrite['employer']>): Promise<number> {
  const nameKey = organisationKey(employer.name);
  const plain = !employer.uscc && !employer.kind && !employer.industry;
  const hit = plain ? w.cache?.organisations.get(nameKey) : undefined;
  if (hit) return hit;
  const id = await ensureOrganisation(exec, { ...employer, nameKey }, w.at);
  w.cache?.organisations.set(nameKey, id);
  return id;
}

async function namesOf(exec: Executor, w: WriterCtx, ids: number[]): Promise<Map<number, string>> {
  const cache = w.cache?.unitNames;
  const missing = cache ? ids.filter((id) => !cache.has(id)) : ids;
  const found = missing.length ? await unitNames(exec, missing) : new Map<number, string>();
  if (!cache) return found;
  for (const [id, name] of found) cache.set(id, name);
  return cache;
}

/** Plain fields: API name → column. History uses the API name. */
const PLAIN_FIELDS = {
  name: 'name',
  formerNames: 'former_names',
  penName: 'pen_name',
  gender: 'gender',
  ethnicity: 'ethnicity',
  political: 'political',
  political2: 'political2',
  partyJoinDate: 'party_join_date',
  party2JoinDate: 'party2_join_date',
  education: 'education',
  degree: 'degree',
  school: 'school',
  major: 'major',
  post: 'post',
  title: 'title',
  qualification: 'qualification',
  repLevel: 'rep_level',
  status: 'status',
  notes: 'notes',
} as const satisfies Partial<Record<keyof PersonWrite, keyof PersonRow>>;

const UNIT_FIELDS = {
  workTownId: 'work_town_id',
  workCommunityId: 'work_community_id',
  residenceTownId: 'residence_town_id',
  residenceCommunityId: 'residence_community_id',
} as const satisfies Partial<Record<keyof PersonWrite, keyof PersonRow>>;

type PlainField = keyof typeof PLAIN_FIELDS;
/** Dictionary codes and dates are null when unknown; free text is ''. */
const NULLABLE_COLUMNS = new Set<string>(['gender', 'ethnicity', 'political', 'political2', 'party_join_date', 'party2_join_date', 'education', 'degree']);
type UnitField = keyof typeof UNIT_FIELDS;

const blankToNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v === '' ? null : v);
const joinList = (v: string[]): string | null => (v.length ? v.join('、') : null);
/** A JSON list column (groups, tags) as strings; anything malformed reads as empty. */
export const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
};

export const organisationKey = (name: string): string => normalizeText(name).replace(/\s+/g, '').toLowerCase();

function residentIdColumns(cipher: PersonalDataCipher, id: { value: string; valid: boolean } | null) {
  if (!id) return { resident_id_enc: null, resident_id_bidx: null, resident_id_tail_bidx: null, resident_id_masked: null, resident_id_valid: 0 };
  return {
    resident_id_enc: cipher.encrypt(id.value),
    resident_id_bidx: cipher.blindIndex('residentId', id.value),
    resident_id_tail_bidx: cipher.blindIndex('residentIdTail', id.value.slice(-6)),
    resident_id_masked: maskResidentId(id.value),
    resident_id_valid: id.valid ? 1 : 0,
  };
}

function mobileColumns(cipher: PersonalDataCipher, mobile: string | null) {
  if (!mobile) return { mobile_enc: null, mobile_bidx: null, mobile_tail_bidx: null, mobile_masked: null };
  return {
    mobile_enc: cipher.encrypt(mobile),
    mobile_bidx: cipher.blindIndex('mobile', mobile),
    mobile_tail_bidx: cipher.blindIndex('mobileTail', mobile.slice(-4)),
    mobile_masked: maskMobile(mobile),
  };
}

/** Who owns the record for data scope: where the person works, else lives, else the creator's unit. */
export function owningUnit(v: Pick<PersonWrite, UnitField>, fallbackUnitId: number): number {
  return v.workCommunityId ?? v.workTownId ?? v.residenceCommunityId ?? v.residenceTownId ?? fallbackUnitId;
}

function history(w: WriterCtx, personId: number, field: string, oldValue: string | null, newValue: string | null): HistoryInsert {
  return { person_id: personId, field, old_value: oldValue, new_value: newValue, source_record_id: w.sourceRecordId, actor_id: w.actorId, actor_name: w.actorName, at: w.at };
}

/** Everything creating a person writes, as rows; `person_id` of the history rows is 0 until the person exists. */
export interface PersonCreate {
  columns: PersonColumns;
  groups: string[];
  tags: string[];
  searchTerms: string[];
  history: HistoryInsert[];
}

/**
 * The rows for a new person (employer resolved, unit names looked up): what createPerson inserts
 * one by one and an import inserts a chunk of persons at a time with insertCreatedPersons.
 */
export async function preparePersonCreate(exec: Executor, w: WriterCtx, v: PersonWrite, fallbackUnitId: number): Promise<PersonCreate> {
  const employerId = v.employer ? await organisationId(exec, w, v.employer) : null;
  const columns: PersonColumns = {
    name: v.name,
    former_names: v.formerNames,
    pen_name: v.penName,
    sort_name: nameSortKey(v.name),
    gender: v.gender,
    ethnicity: v.ethnicity,
    birth_date: v.birthDate ?? '',
    ...residentIdColumns(w.cipher, v.residentId ?? null),
    ...mobileColumns(w.cipher, v.mobile ?? null),
    political: v.political,
    political2: v.political2,
    party_join_date: v.partyJoinDate,
    party2_join_date: v.party2JoinDate,
    education: v.education,
    degree: v.degree,
    school: v.school,
    major: v.major,
    organisation_id: employerId,
    post: v.post,
    title: v.title,
    qualification: v.qualification,
    groups: JSON.stringify(v.groups),
    work_town_id: v.workTownId,
    work_community_id: v.workCommunityId,
    residence_town_id: v.residenceTownId,
    residence_community_id: v.residenceCommunityId,
    unit_id: owningUnit(v, fallbackUnitId),
    tags: JSON.stringify(v.tags),
    rep_level: v.repLevel,
    status: v.status,
    notes: v.notes,
  };

  // Creation history: every field the person was created with, and who or which row set it.
  const names = await namesOf(exec, w, Object.keys(UNIT_FIELDS).map((k) => v[k as UnitField]).filter((x): x is number => !!x));
  const id = 0; // set once the person row exists
  const rows: HistoryInsert[] = [];
  for (const field of Object.keys(PLAIN_FIELDS) as PlainField[]) {
    const value = blankToNull(v[field]);
    if (value !== null && !(field === 'repLevel' && value === 'none') && !(field === 'status' && value === 'active')) rows.push(history(w, id, field, null, value));
  }
  if (v.birthDate) rows.push(history(w, id, 'birthDate', null, v.birthDate));
  if (v.residentId) rows.push(history(w, id, 'residentId', null, maskResidentId(v.residentId.value)));
  if (v.mobile) rows.push(history(w, id, 'mobile', null, maskMobile(v.mobile)));
  if (v.employer) rows.push(history(w, id, 'employer', null, v.employer.name));
  if (v.groups.length) rows.push(history(w, id, 'groups', null, joinList(v.groups)));
  if (v.tags.length) rows.push(history(w, id, 'tags', null, joinList(v.tags)));
  for (const field of Object.keys(UNIT_FIELDS) as UnitField[]) {
    const unitId = v[field];
    if (unitId) rows.push(history(w, id, field, null, names.get(unitId) ?? String(unitId)));
  }
  return { columns, groups: v.groups, tags: v.tags, searchTerms: personSearchTerms([v.name, v.formerNames, v.penName]), history: rows };
}

export async function createPerson(exec: Executor, w: WriterCtx, v: PersonWrite, fallbackUnitId: number): Promise<number> {
  const p = await preparePersonCreate(exec, w, v, fallbackUnitId);
  const id = await insertPersonRow(exec, p.columns, w.at);
  await replacePersonGroups(exec, id, p.groups, true);
  await replacePersonTags(exec, id, p.tags, true);
  await replaceSearchTerms(exec, id, p.searchTerms, true);
  await insertHistory(exec, p.history.map((r) => ({ ...r, person_id: id })));
  return id;
}

/**
 * Bulk createPerson for an import: persons, groups, tags and search terms of many prepared persons
 * in a few statements. Sets `person_id` on each one's history rows and returns the ids in order;
 * the caller inserts the history (it also holds linked rows' history, in row order).
 */
export async function insertCreatedPersons(exec: Executor, at: string, persons: PersonCreate[]): Promise<number[]> {
  const ids = await insertPersonRows(exec, persons.map((p) => p.columns), at);
  persons.forEach((p, i) => {
    for (const h of p.history) h.person_id = ids[i]!;
  });
  await insertPersonLists(exec, persons.map((p, i) => ({ id: ids[i]!, groups: p.groups, tags: p.tags, terms: p.searchTerms })));
  return ids;
}

/** Field history in one go (a bulk writer's, in the order the rows were written). */
export async function insertHistoryInBulk(exec: Executor, rows: HistoryInsert[]): Promise<void> {
  await insertHistoryRows(exec, rows);
}

export interface ChangeOptions {
  /** Import linking: only fill fields the record does not have yet; never overwrite. */
  onlyFillEmpty?: boolean;
  fallbackUnitId: number;
}

/** What changing a person writes: the columns to set, replaced lists, and one history row per changed field. */
export interface PersonChange {
  personId: number;
  set: Partial<PersonColumns>;
  groups: string[] | null;
  tags: string[] | null;
  /** The new search terms when a name changed, else null. */
  searchTerms: string[] | null;
  history: HistoryInsert[];
}

/** Applies `changes` to `existing`; returns the names of the fields that really changed. */
export async function changePerson(exec: Executor, w: WriterCtx, existing: PersonRow, changes: Partial<PersonWrite>, opts: ChangeOptions): Promise<string[]> {
  const change = await preparePersonChange(exec, w, existing, changes, opts);
  if (!change.history.length) return [];
  await applyPersonChange(exec, w, change);
  await insertHistory(exec, change.history);
  return change.history.map((r) => r.field);
}

/**
 * Works out what changing `existing` writes (an employer learnt on the way is saved, as before);
 * the person row is not touched until applyPersonChange.
 */
export async function preparePersonChange(exec: Executor, w: WriterCtx, existing: PersonRow, changes: Partial<PersonWrite>, opts: ChangeOptions): Promise<PersonChange> {
  const set: Partial<PersonColumns> = {};
  const rows: HistoryInsert[] = [];
  const fill = opts.onlyFillEmpty === true;
  const changed = (field: string, oldValue: string | null, newValue: string | null) => {
    rows.push(history(w, existing.id, field, oldValue, newValue));
  };

  for (const [field, column] of Object.entries(PLAIN_FIELDS) as [PlainField, keyof PersonRow & keyof PersonColumns][]) {
    const next = changes[field];
    if (next === undefined) continue;
    const before = blankToNull(existing[column] as string | null);
    const after = blankToNull(next);
    if (before === after) continue;
    if (fill && (before !== null || after === null)) continue;
    if (field === 'name' && after === null) continue;
    (set as Record<string, unknown>)[column] = NULLABLE_COLUMNS.has(column) ? after : (after ?? '');
    changed(field, before, after);
  }
  if (set.name !== undefined) set.sort_name = nameSortKey(set.name as string);

  if (changes.birthDate !== undefined) {
    const before = blankToNull(existing.birth_date);
    const after = blankToNull(changes.birthDate);
    if (before !== after && !(fill && (before !== null || after === null))) {
      set.birth_date = after ?? '';
      changed('birthDate', before, after);
    }
  }

  if (changes.residentId !== undefined) {
    const nextBidx = changes.residentId ? w.cipher.blindIndex('residentId', changes.residentId.value) : null;
    const sameValue = nextBidx === existing.resident_id_bidx;
    const upgradeValidity = sameValue && !!changes.residentId?.valid && existing.resident_id_valid === 0;
    if ((!sameValue || upgradeValidity) && !(fill && existing.resident_id_bidx && !upgradeValidity) && !(fill && !changes.residentId)) {
      Object.assign(set, residentIdColumns(w.cipher, changes.residentId));
      changed('residentId', existing.resident_id_masked, changes.residentId ? maskResidentId(changes.residentId.value) : null);
    }
  }

  if (changes.mobile !== undefined) {
    const nextBidx = changes.mobile ? w.cipher.blindIndex('mobile', changes.mobile) : null;
    if (nextBidx !== existing.mobile_bidx && !(fill && (existing.mobile_bidx || !changes.mobile))) {
      Object.assign(set, mobileColumns(w.cipher, changes.mobile));
      changed('mobile', existing.mobile_masked, changes.mobile ? maskMobile(changes.mobile) : null);
    }
  }

  if (changes.employer !== undefined) {
    const nextKey = changes.employer ? organisationKey(changes.employer.name) : null;
    const beforeKey = existing.employer_name ? organisationKey(existing.employer_name) : null;
    if (nextKey !== beforeKey && !(fill && (beforeKey || !nextKey))) {
      set.organisation_id = changes.employer ? await organisationId(exec, w, changes.employer) : null;
      changed('employer', existing.employer_name, changes.employer?.name ?? null);
    } else if (changes.employer && existing.organisation_id) {
      // Same employer: a credit code, kind or industry learnt now is still worth keeping.
      await ensureOrganisation(exec, { ...changes.employer, nameKey: nextKey! }, w.at);
    }
  }

  let groups: string[] | null = null;
  if (changes.groups !== undefined) {
    const before = parseList(existing.groups);
    const after = fill ? [...new Set([...before, ...changes.groups])] : [...new Set(changes.groups)];
    if (before.join('|') !== after.join('|')) {
      groups = after;
      set.groups = JSON.stringify(after);
      changed('groups', joinList(before), joinList(after));
    }
  }
  let tags: string[] | null = null;
  if (changes.tags !== undefined) {
    const before = parseList(existing.tags);
    const after = fill ? [...new Set([...before, ...changes.tags])] : [...new Set(changes.tags)];
    if (before.join('|') !== after.join('|')) {
      tags = after;
      set.tags = JSON.stringify(after);
      changed('tags', joinList(before), joinList(after));
    }
  }

  const unitIds = (Object.keys(UNIT_FIELDS) as UnitField[]).flatMap((f) => [changes[f], existing[UNIT_FIELDS[f]]]).filter((x): x is number => !!x);
  const names = await namesOf(exec, w, unitIds);
  const nextUnits: Record<UnitField, number | null> = {
    workTownId: existing.work_town_id,
    workCommunityId: existing.work_community_id,
    residenceTownId: existing.residence_town_id,
    residenceCommunityId: existing.residence_community_id,
  };
  for (const field of Object.keys(UNIT_FIELDS) as UnitField[]) {
    const next = changes[field];
    const before = existing[UNIT_FIELDS[field]];
    if (next === undefined || next === before) continue;
    if (fill && (before !== null || next === null)) continue;
    set[UNIT_FIELDS[field]] = next;
    nextUnits[field] = next;
    changed(field, before ? (names.get(before) ?? String(before)) : null, next ? (names.get(next) ?? String(next)) : null);
  }
  // Only a change of place moves the record to another unit's scope.
  const recomputed = owningUnit(nextUnits, opts.fallbackUnitId);
  if (rows.some((r) => r.field in UNIT_FIELDS) && recomputed !== existing.unit_id) set.unit_id = recomputed;

  const searchTerms =
    rows.length && (set.name !== undefined || set.former_names !== undefined || set.pen_name !== undefined)
      ? personSearchTerms([(set.name as string) ?? existing.name, (set.former_names as string) ?? existing.former_names, (set.pen_name as string) ?? existing.pen_name])
      : null;
  return { personId: existing.id, set, groups, tags, searchTerms, history: rows };
}

/** Writes a prepared change except its history rows (changePerson inserts them; a bulk writer batches them). */
export async function applyPersonChange(exec: Executor, w: WriterCtx, change: PersonChange): Promise<void> {
  if (!change.history.length) return;
  await updatePersonRow(exec, change.personId, change.set, w.at);
  if (change.groups) await replacePersonGroups(exec, change.personId, change.groups, false);
  if (change.tags) await replacePersonTags(exec, change.personId, change.tags, false);
  if (change.searchTerms) await replaceSearchTerms(exec, change.personId, change.searchTerms, false);
}
