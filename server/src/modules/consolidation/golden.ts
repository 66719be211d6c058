import { nowIso, type Trx } from '../../db/database.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import type { StoredMapping } from '../imports/import-analysis.js';
import type { PlaceResolver } from '../imports/places.js';
import { parseRow } from '../imports/row-parse.js';
import { changePerson, organisationKey, type PersonWrite, type WriterCtx } from '../persons/person-writer.js';
import { findPersonInScope, type PersonRow } from '../persons/persons.repository.js';
import { lastFieldSetters, recordsForGolden } from './consolidation.repository.js';
import type { StoredCell } from './link-values.js';

// The golden record: once a person's rows come from several lists, each field takes the value the
// survivorship rules choose — a person's own edit in the registry first, then the most trusted
// source, then the most recent row, then the value most rows agree on — and the change is written
// with the chosen row as its source, so the person's page shows where every value came from.
// Groups, tags, former names and notes are not chosen: every list's values are kept (filled in).

/** How much each kind of source is trusted: a town's door-to-door survey over a department's list over a platform's. */
export const SOURCE_TRUST: Record<string, number> = { town: 4, memberUnit: 3, platform: 2, other: 1 };

export const CHOSEN_FIELDS = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'residentId',
  'mobile',
  'political',
  'partyJoinDate',
  'education',
  'degree',
  'school',
  'major',
  'employer',
  'post',
  'title',
  'qualification',
  'workTownId',
  'workCommunityId',
  'residenceTownId',
  'residenceCommunityId',
] as const satisfies readonly (keyof PersonWrite)[];
export type ChosenField = (typeof CHOSEN_FIELDS)[number];

export interface Candidate {
  recordId: number;
  trust: number;
  /** When the row was imported (ISO). */
  at: string;
  values: Partial<PersonWrite>;
}

/** What makes two values of a field the same value. */
function keyOf(field: ChosenField, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (field === 'employer') return organisationKey((value as NonNullable<PersonWrite['employer']>).name);
  if (field === 'residentId') {
    const id = value as NonNullable<PersonWrite['residentId']>;
    // Only a valid ID can be chosen; a doubtful one stays in its source record.
    return id.valid ? id.value : null;
  }
  return String(value);
}

/**
 * For each field not locked by a person's edit: the value the rules choose and the row it came
 * from. Pure: the rules are testable without a database.
 */
export function chooseValues(candidates: Candidate[], locked: ReadonlySet<string>): Map<ChosenField, { value: unknown; recordId: number }> {
  const chosen = new Map<ChosenField, { value: unknown; recordId: number }>();
  for (const field of CHOSEN_FIELDS) {
    if (locked.has(field)) continue;
    const groups = new Map<string, { trust: number; at: string; count: number; best: Candidate }>();
    for (const c of candidates) {
      const key = keyOf(field, c.values[field]);
      if (key === null) continue;
      const g = groups.get(key);
      if (!g) {
        groups.set(key, { trust: c.trust, at: c.at, count: 1, best: c });
        continue;
      }
      g.count += 1;
      if (c.trust > g.trust || (c.trust === g.trust && c.at > g.at)) {
        g.trust = c.trust;
        g.at = c.at;
        g.best = c;
      }
    }
    let winner: { trust: number; at: string; count: number; best: Candidate } | null = null;
    for (const g of groups.values()) {
      if (
        !winner ||
        g.trust > winner.trust ||
        (g.trust === winner.trust && (g.at > winner.at || (g.at === winner.at && (g.count > winner.count || (g.count === winner.count && g.best.recordId < winner.best.recordId)))))
      ) {
        winner = g;
      }
    }
    if (winner) chosen.set(field, { value: winner.best.values[field], recordId: winner.best.recordId });
  }
  return chosen;
}

/** The person's current value of a field, keyed like `keyOf`. */
function currentKey(cipher: PersonalDataCipher, p: PersonRow, field: ChosenField, chosen: unknown): { same: boolean } {
  switch (field) {
    case 'residentId':
      return { same: p.resident_id_valid === 1 && p.resident_id_bidx === cipher.blindIndex('residentId', (chosen as { value: string }).value) };
    case 'mobile':
      return { same: p.mobile_bidx === cipher.blindIndex('mobile', chosen as string) };
    case 'employer':
      return { same: !!p.employer_name && organisationKey(p.employer_name) === keyOf('employer', chosen) };
    case 'birthDate':
      return { same: p.birth_date === chosen };
    case 'partyJoinDate':
      return { same: p.party_join_date === chosen };
    case 'workTownId':
      return { same: p.work_town_id === chosen };
    case 'workCommunityId':
      return { same: p.work_community_id === chosen };
    case 'residenceTownId':
      return { same: p.residence_town_id === chosen };
    case 'residenceCommunityId':
      return { same: p.residence_community_id === chosen };
    default:
      return { same: (p as unknown as Record<string, unknown>)[field] === chosen };
  }
}

/**
 * Re-chooses the values of the given persons from all their rows and writes what changed, each
 * change credited to the row it came from. Returns the number of fields changed.
 */
export async function applyGolden(
  trx: Trx,
  ctx: Ctx,
  cipher: PersonalDataCipher,
  personIds: number[],
  deps: { mappings: Map<number, StoredMapping[]>; places: PlaceResolver; actorId: number | null; actorName: string },
): Promise<number> {
  if (!personIds.length) return 0;
  const systemCtx: Ctx = { ...ctx, actor: systemActor('golden-record') };
  const at = nowIso();
  let changed = 0;
  for (let i = 0; i < personIds.length; i += 500) {
    const ids = personIds.slice(i, i + 500);
    const [records, setters] = await Promise.all([recordsForGolden(trx, ids), lastFieldSetters(trx, ids)]);
    const byPerson = new Map<number, Candidate[]>();
    for (const r of records) {
      const mapping = deps.mappings.get(r.batch_id) ?? [];
      const cells = JSON.parse(cipher.decrypt(r.raw_enc)) as StoredCell[];
      const parsed = parseRow(cells.map((c) => c.v), mapping.map((m) => m.field), deps.places);
      if (parsed.refused) continue;
      const list = byPerson.get(r.person_id) ?? [];
      list.push({ recordId: r.id, trust: SOURCE_TRUST[r.source_kind] ?? 1, at: r.created_at, values: { ...parsed.values, residentId: parsed.residentId, mobile: parsed.mobile } });
      byPerson.set(r.person_id, list);
    }
    for (const [personId, candidates] of byPerson) {
      // A field a person last set by hand in the registry is theirs: no list overrides it.
      const locked = new Set((setters.get(personId) ?? []).filter((s) => s.manual).map((s) => s.field));
      const chosen = chooseValues(candidates, locked);
      const person = await findPersonInScope(trx, systemCtx, personId);
      if (!person) continue;
      const byRecord = new Map<number, Partial<PersonWrite>>();
      for (const [field, { value, recordId }] of chosen) {
        if (currentKey(cipher, person, field, value).same) continue;
        byRecord.set(recordId, { ...byRecord.get(recordId), [field]: value });
      }
      let current = person;
      for (const [recordId, changes] of byRecord) {
        const w: WriterCtx = { cipher, actorId: deps.actorId, actorName: deps.actorName, sourceRecordId: recordId, at };
        changed += (await changePerson(trx, w, current, changes, { fallbackUnitId: current.unit_id })).length;
        current = (await findPersonInScope(trx, systemCtx, personId))!;
      }
    }
  }
  return changed;
}
