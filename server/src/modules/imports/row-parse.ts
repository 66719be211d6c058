import { matchDictionary, type Dictionary } from '../../../../common/src/dictionaries/dictionary.js';
import { DEGREE, EDUCATION, ETHNICITY, GENDER, PERSON_GROUPS, PERSON_SUB_GROUPS, POLITICAL } from '../../../../common/src/dictionaries/person-dictionaries.js';
import type { SourceRecordFlag } from '../../../../common/src/schemas/persons.js';
import { compareLooseDates, parseLooseDate } from '../../../../common/src/validation/dates.js';
import { normalizeMobile } from '../../../../common/src/validation/mobile.js';
import { parseResidentId } from '../../../../common/src/validation/resident-id.js';
import { normalizePersonName, normalizeText } from '../../../../common/src/validation/text.js';
import { parseUscc } from '../../../../common/src/validation/uscc.js';
import type { CellValue } from '../../platform/spreadsheets/read-workbook.js';
import type { PersonWrite } from '../persons/person-writer.js';
import type { PlaceResolver } from './places.js';
import { maskRawValue } from '../persons/persons.search.js';

// One spreadsheet row → the values it gives a person, plus every problem found. Forgiving on
// purpose: a row is refused only when it names nobody; a doubtful value is kept as read in the
// source record, flagged, and left out of the person rather than "fixed" without trace.

export interface ParsedRow {
  name: string;
  /** What the row contributes to a person; only fields the row actually had. */
  values: Partial<PersonWrite>;
  flags: SourceRecordFlag[];
  /** The canonical resident ID when it is valid (the linking key until consolidation lands). */
  validResidentId: string | null;
  /** Any 18-character ID read, valid or not (kept, marked invalid, for the consolidation issue). */
  residentId: { value: string; valid: boolean } | null;
  mobile: string | null;
  refused: boolean;
}

/** Cell → text exactly as a person reads it in Excel (dates as YYYY-MM-DD, numbers in full). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) >= 1e21 ? v.toExponential() : String(v);
  return v.trim();
}

const DICTIONARY_FIELDS: Record<string, Dictionary> = {
  ethnicity: ETHNICITY,
  political: POLITICAL,
  education: EDUCATION,
  degree: DEGREE,
};

/** 工作单位及职务: "淄博明德律师事务所 主任", "明德律所主任", "明德律所（主任）". */
const POST_WORDS = /(董事长|总经理|副总经理|经理|主任|副主任|合伙人|所长|负责人|执行董事|监事|董事|会长|秘书长|站长|店长|主管|总监|工程师|会计|律师|职员|员工|骑手|快递员|司机|主播|设计师)$/;

export function splitEmployerAndPost(text: string): { employer: string; post: string } {
  const t = normalizeText(text);
  const bracket = /^(.*?)[(（]([^()（）]+)[)）]$/.exec(t);
  if (bracket) return { employer: bracket[1]!.trim(), post: bracket[2]!.trim() };
  const spaced = /^(.*\S)\s+(\S+)$/.exec(t);
  if (spaced) return { employer: spaced[1]!, post: spaced[2]! };
  const m = POST_WORDS.exec(t);
  if (m && m.index > 1) return { employer: t.slice(0, m.index), post: m[0] };
  return { employer: t, post: '' };
}

function splitList(text: string): string[] {
  return text.split(/[,，、;；/\s]+/).map((s) => s.trim()).filter(Boolean);
}

export function parseRow(cells: CellValue[], fields: (string | null)[], places: PlaceResolver): ParsedRow {
  const raw = new Map<string, CellValue>();
  fields.forEach((f, i) => {
    if (f && !raw.has(f)) raw.set(f, cells[i] ?? null);
  });
  const text = (field: string) => cellText(raw.get(field));
  const flags: SourceRecordFlag[] = [];
  // Flags are stored in clear beside the encrypted row, so an ID or phone in one is kept masked.
  const flag = (field: string, code: string, value?: string) =>
    flags.push(value === undefined || value === '' ? { field, code } : { field, code, value: maskRawValue(field, value) });
  const values: Partial<PersonWrite> = {};

  const name = normalizePersonName(text('name'));
  if (!name) flag('name', 'missing');

  for (const f of ['formerNames', 'school', 'major', 'post', 'title', 'qualification', 'notes'] as const) {
    if (raw.has(f) && text(f)) values[f] = normalizeText(text(f)).slice(0, f === 'notes' ? 2000 : 100);
  }

  // Identity: the resident ID, and what it says about birth date and sex.
  let residentId: ParsedRow['residentId'] = null;
  let validResidentId: string | null = null;
  let idBirth: string | null = null;
  let idGender: string | null = null;
  if (raw.has('residentId') && text('residentId')) {
    const cell = raw.get('residentId');
    const id = parseResidentId(cell instanceof Date ? text('residentId') : cell);
    for (const p of id.problems) flag('residentId', p, text('residentId'));
    if (id.value) residentId = { value: id.value, valid: id.valid };
    if (id.valid && id.value) {
      validResidentId = id.value;
      idBirth = id.birthDate;
      idGender = id.gender;
    }
  }
  if (residentId) values.residentId = residentId;

  if (raw.has('birthDate') && text('birthDate')) {
    const d = parseLooseDate(raw.get('birthDate'));
    if (!d.valid || !d.value) flag('birthDate', 'invalid', text('birthDate'));
    else if (idBirth && !compareLooseDates(d.value, idBirth)) flag('birthDate', 'mismatchWithId', text('birthDate'));
    else values.birthDate = d.value;
  }
  if (!values.birthDate && idBirth && !flags.some((f) => f.field === 'birthDate')) values.birthDate = idBirth;

  if (raw.has('gender') && text('gender')) {
    const g = matchDictionary(GENDER, text('gender'));
    if (!g) flag('gender', 'invalid', text('gender'));
    else if (idGender && g !== idGender) flag('gender', 'mismatchWithId', text('gender'));
    else values.gender = g;
  }
  if (!values.gender && idGender && !flags.some((f) => f.field === 'gender')) values.gender = idGender;

  let mobile: string | null = null;
  if (raw.has('mobile') && text('mobile')) {
    // A cell may hold two numbers ("13800138000/0533-5181234"): the first mobile wins.
    const candidates = [text('mobile'), ...text('mobile').split(/[,，、;；/\s]+(?=[+\d(])/)];
    for (const c of candidates) {
      const m = normalizeMobile(c);
      if (m.valid && m.value) {
        mobile = m.value;
        break;
      }
    }
    if (mobile) values.mobile = mobile;
    else flag('mobile', 'invalid', text('mobile'));
  }

  for (const [field, dict] of Object.entries(DICTIONARY_FIELDS)) {
    if (!raw.has(field) || !text(field)) continue;
    const code = matchDictionary(dict, text(field));
    if (code) (values as Record<string, unknown>)[field] = code;
    else flag(field, 'unknown', text(field));
  }
  if (raw.has('partyJoinDate') && text('partyJoinDate')) {
    const d = parseLooseDate(raw.get('partyJoinDate'));
    if (d.valid && d.value) values.partyJoinDate = d.value;
    else flag('partyJoinDate', 'invalid', text('partyJoinDate'));
  }

  // Employer and post: a combined column is split; separate columns win when both exist.
  let employerName = '';
  if (raw.has('employerAndPost') && text('employerAndPost')) {
    const split = splitEmployerAndPost(text('employerAndPost'));
    employerName = split.employer;
    if (split.post && !values.post) values.post = split.post;
  }
  if (raw.has('employer') && text('employer')) employerName = normalizeText(text('employer'));
  let uscc: string | null = null;
  if (raw.has('employerUscc') && text('employerUscc')) {
    const u = parseUscc(text('employerUscc'));
    if (u.valid && u.value) uscc = u.value;
    else flag('employerUscc', 'invalid', text('employerUscc'));
  }
  if (employerName) values.employer = { name: employerName.slice(0, 200), uscc, kind: null, industry: null };

  // Groups: a group column and/or a sub-group column; several values in one cell are allowed.
  const groups: string[] = [];
  for (const field of ['group', 'subGroup'] as const) {
    if (!raw.has(field) || !text(field)) continue;
    for (const part of splitList(text(field))) {
      const code = matchDictionary(PERSON_SUB_GROUPS, part) ?? matchDictionary(PERSON_GROUPS, part);
      if (code) groups.push(code);
      else flag(field, 'unknown', part);
    }
  }
  if (groups.length) {
    // A sub-group implies its group; keep the more precise code only.
    values.groups = [...new Set(groups)].filter((g, _i, all) => g.includes('.') || !all.some((o) => o.startsWith(`${g}.`)));
  }

  if (raw.has('tags') && text('tags')) values.tags = [...new Set(splitList(text('tags')).map((t) => t.slice(0, 20)))].slice(0, 20);

  // Places: town names with or without 镇/街道; a community is looked up inside its town.
  for (const [townField, communityField, townKey, communityKey] of [
    ['workTown', 'workCommunity', 'workTownId', 'workCommunityId'],
    ['residenceTown', 'residenceCommunity', 'residenceTownId', 'residenceCommunityId'],
  ] as const) {
    let townId: number | null = null;
    if (raw.has(townField) && text(townField)) {
      townId = places.town(text(townField));
      if (townId) values[townKey] = townId;
      else flag(townField, 'unknown', text(townField));
    }
    if (raw.has(communityField) && text(communityField)) {
      const c = places.community(text(communityField), townId);
      if (c) {
        values[communityKey] = c.id;
        if (!townId) values[townKey] = c.townId;
      } else flag(communityField, 'unknown', text(communityField));
    }
  }

  return { name, values: name ? { ...values, name } : values, flags, validResidentId, residentId, mobile, refused: !name };
}

/** The person a list row becomes when its ID matches nobody: only what the row had. */
export function personWriteOf(parsed: ParsedRow): PersonWrite {
  const v = parsed.values;
  return {
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
}
