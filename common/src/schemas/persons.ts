import { z } from 'zod';
import type { Dictionary } from '../dictionaries/dictionary.js';
import {
  DEGREE,
  EDUCATION,
  EMPLOYER_KINDS,
  ETHNICITY,
  GENDER,
  INDUSTRIES,
  PERSON_GROUPS,
  PERSON_STATUS,
  PERSON_SUB_GROUPS,
  POLITICAL,
  REP_LEVELS,
} from '../dictionaries/person-dictionaries.js';
import { parseLooseDate } from '../validation/dates.js';
import { normalizeMobile } from '../validation/mobile.js';
import { parseResidentId } from '../validation/resident-id.js';
import { parseUscc } from '../validation/uscc.js';
import { normalizePersonName } from '../validation/text.js';

// One schema for the person form and the API. In a form an invalid value blocks saving; the
// import is more forgiving (it keeps the raw value and flags it) and lives in the imports module.

const codeOf = (dict: Dictionary) => {
  const codes = new Set(dict.entries.map((e) => e.code));
  return z.string().refine((v) => codes.has(v), { message: 'field.invalidChoice' });
};
const optionalCode = (dict: Dictionary) => codeOf(dict).nullable().default(null);
const text = (max: number) => z.string().trim().max(max, { message: 'field.tooLong' }).default('');

/**
 * A text field checked by one of the shared validators: blank → null, valid → its canonical
 * value, anything else → the validator's message key.
 */
function checked(parse: (v: string) => { value: string | null; ok: boolean; message: string }) {
  return z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === '') return null;
      const r = parse(v);
      if (!r.ok || !r.value) {
        ctx.addIssue({ code: 'custom', message: r.message });
        return z.NEVER;
      }
      return r.value;
    })
    .nullable();
}

const looseDate = checked((v) => {
  const d = parseLooseDate(v);
  return { value: d.value, ok: d.valid, message: 'field.date' };
}).default(null);

export const residentIdField = checked((v) => {
  const r = parseResidentId(v);
  return { value: r.value, ok: r.valid, message: r.problems.includes('checksum') ? 'field.residentIdChecksum' : 'field.residentId' };
});

export const mobileField = checked((v) => {
  const m = normalizeMobile(v);
  return { value: m.value, ok: m.valid, message: 'field.mobile' };
});

const usccField = checked((v) => {
  const u = parseUscc(v);
  return { value: u.value, ok: u.valid, message: 'field.uscc' };
}).default(null);

const groupCodes = new Set([...PERSON_GROUPS.entries, ...PERSON_SUB_GROUPS.entries].map((e) => e.code));
const unitRef = z.number().int().positive().nullable().default(null);

const personFields = {
  name: z
    .string()
    .transform((v) => normalizePersonName(v))
    .pipe(z.string().min(1, { message: 'field.required' }).max(60, { message: 'field.tooLong' })),
  formerNames: text(200),
  penName: text(60),
  gender: optionalCode(GENDER),
  ethnicity: optionalCode(ETHNICITY),
  birthDate: looseDate,
  residentId: residentIdField.optional(),
  mobile: mobileField.optional(),
  political: optionalCode(POLITICAL),
  political2: optionalCode(POLITICAL),
  partyJoinDate: looseDate,
  party2JoinDate: looseDate,
  education: optionalCode(EDUCATION),
  degree: optionalCode(DEGREE),
  school: text(100),
  major: text(100),
  employerName: text(200),
  employerUscc: usccField,
  employerKind: optionalCode(EMPLOYER_KINDS),
  employerIndustry: optionalCode(INDUSTRIES),
  post: text(100),
  title: text(60),
  qualification: text(100),
  groups: z
    .array(z.string().refine((v) => groupCodes.has(v), { message: 'field.invalidChoice' }))
    .max(10)
    .default([]),
  workTownId: unitRef,
  workCommunityId: unitRef,
  residenceTownId: unitRef,
  residenceCommunityId: unitRef,
  tags: z.array(z.string().trim().min(1).max(20, { message: 'field.tooLong' })).max(20).default([]),
  repLevel: codeOf(REP_LEVELS).default('none'),
  status: codeOf(PERSON_STATUS).default('active'),
  notes: text(2000),
};

/** Identity checks across fields: the ID's birth date and sex must agree with the form's. */
function identityConsistent(
  v: { residentId?: string | null; birthDate?: string | null; gender?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (!v.residentId) return;
  const id = parseResidentId(v.residentId);
  if (v.birthDate && id.birthDate && !id.birthDate.startsWith(v.birthDate) && !v.birthDate.startsWith(id.birthDate)) {
    ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'field.birthDateMismatch' });
  }
  if (v.gender && id.gender && v.gender !== id.gender) {
    ctx.addIssue({ code: 'custom', path: ['gender'], message: 'field.genderMismatch' });
  }
}

export const personCreateBody = z.object(personFields).superRefine(identityConsistent);
export type PersonCreateBody = z.input<typeof personCreateBody>;
export type PersonCreateInput = z.output<typeof personCreateBody>;

/** A field as it is in an update: no default, because a field left out must stay as it is. */
const withoutDefault = (s: z.ZodTypeAny): z.ZodTypeAny => (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodTypeAny) : s);

/** Partial update; `version` guards against two people editing one record at once. */
export const personUpdateBody = z
  .object({
    ...Object.fromEntries(Object.entries(personFields).map(([k, s]) => [k, withoutDefault(s as z.ZodTypeAny).optional()])),
    version: z.number().int().positive(),
  })
  .superRefine((v, ctx) => identityConsistent(v as Parameters<typeof identityConsistent>[0], ctx)) as unknown as z.ZodType<Partial<PersonCreateInput> & { version: number }, Partial<PersonCreateBody> & { version: number }>;
export type PersonUpdateBody = Partial<PersonCreateBody> & { version: number };
export type PersonUpdateInput = Partial<PersonCreateInput> & { version: number };

const unitRefOut = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const personAbilities = z.object({
  update: z.boolean(),
  reveal: z.boolean(),
});

export const personSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  formerNames: z.string(),
  penName: z.string(),
  gender: z.string().nullable(),
  ethnicity: z.string().nullable(),
  birthDate: z.string().nullable(),
  /** Masked: 370302********1234. */
  residentId: z.string().nullable(),
  residentIdValid: z.boolean(),
  /** Masked: 138****5678. */
  mobile: z.string().nullable(),
  political: z.string().nullable(),
  political2: z.string().nullable(),
  partyJoinDate: z.string().nullable(),
  party2JoinDate: z.string().nullable(),
  education: z.string().nullable(),
  degree: z.string().nullable(),
  school: z.string(),
  major: z.string(),
  employer: z
    .object({ id: z.number().int(), name: z.string(), uscc: z.string().nullable(), kind: z.string().nullable(), industry: z.string().nullable() })
    .nullable(),
  post: z.string(),
  title: z.string(),
  qualification: z.string(),
  groups: z.array(z.string()),
  workTown: unitRefOut,
  workCommunity: unitRefOut,
  residenceTown: unitRefOut,
  residenceCommunity: unitRefOut,
  unit: z.object({ id: z.number().int(), name: z.string() }),
  tags: z.array(z.string()),
  repLevel: z.string(),
  status: z.string(),
  notes: z.string(),
  version: z.number().int(),
  sourceCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: personAbilities,
});
export type Person = z.infer<typeof personSchema>;

export const personListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.string().nullable(),
  ethnicity: z.string().nullable(),
  birthDate: z.string().nullable(),
  residentId: z.string().nullable(),
  residentIdValid: z.boolean(),
  mobile: z.string().nullable(),
  political: z.string().nullable(),
  education: z.string().nullable(),
  employerName: z.string(),
  post: z.string(),
  groups: z.array(z.string()),
  workTownName: z.string().nullable(),
  workCommunityName: z.string().nullable(),
  tags: z.array(z.string()),
  repLevel: z.string(),
  status: z.string(),
  updatedAt: z.string(),
  abilities: personAbilities,
});
export type PersonListItem = z.infer<typeof personListItem>;

/** A multi-valued filter in a query string: `?status=active&status=moved` or `?status=active,moved`. */
const multi = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean).slice(0, 50))
  .optional();

export const PERSON_SORTS = ['updated', 'name', 'birthDate'] as const;
export type PersonSort = (typeof PERSON_SORTS)[number];

export const personFilterQuery = z.object({
  q: z.string().trim().max(64).optional(),
  gender: multi,
  ethnicity: multi,
  political: multi,
  education: multi,
  degree: multi,
  group: multi,
  subGroup: multi,
  employerKind: multi,
  industry: multi,
  repLevel: multi,
  status: multi,
  tag: multi,
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  townId: z.coerce.number().int().positive().optional(),
  communityId: z.coerce.number().int().positive().optional(),
  sourceId: z.coerce.number().int().positive().optional(),
  organisationId: z.coerce.number().int().positive().optional(),
});
export type PersonFilter = z.infer<typeof personFilterQuery>;

export const personListQuery = personFilterQuery.extend({
  sort: z.enum(PERSON_SORTS).default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PersonListQuery = z.infer<typeof personListQuery>;

export const personListResponse = z.object({ items: z.array(personListItem), nextCursor: z.string().nullable() });
export const personCountResponse = z.object({ total: z.number().int() });

export const SEARCH_MATCHES = ['name', 'pinyin', 'initials', 'mobile', 'mobileTail', 'residentId', 'residentIdTail', 'employer'] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

export const personSearchQuery = z.object({
  q: z.string().trim().min(1, { message: 'field.required' }).max(64),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const personSearchHit = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.string().nullable(),
  birthDate: z.string().nullable(),
  employerName: z.string(),
  post: z.string(),
  mobile: z.string().nullable(),
  residentId: z.string().nullable(),
  unitName: z.string(),
  matchedBy: z.enum(SEARCH_MATCHES),
});
export type PersonSearchHit = z.infer<typeof personSearchHit>;
export const personSearchResponse = z.object({ items: z.array(personSearchHit) });

export const REVEAL_FIELDS = ['residentId', 'mobile'] as const;
export const personRevealBody = z.object({
  field: z.enum(REVEAL_FIELDS),
  reason: z.string().trim().min(2, { message: 'field.reasonRequired' }).max(200, { message: 'field.tooLong' }),
});
export const personRevealResponse = z.object({ value: z.string().nullable() });

export const personHistoryEntry = z.object({
  id: z.number().int(),
  field: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  actorName: z.string().nullable(),
  source: z
    .object({ sourceRecordId: z.number().int(), sourceName: z.string(), batchId: z.number().int(), fileName: z.string(), rowNumber: z.number().int() })
    .nullable(),
  at: z.string(),
});
export const personHistoryResponse = z.object({ items: z.array(personHistoryEntry), nextCursor: z.string().nullable() });
export type PersonHistoryEntry = z.infer<typeof personHistoryEntry>;

export const sourceRecordFlag = z.object({ field: z.string(), code: z.string(), value: z.string().optional() });
export type SourceRecordFlag = z.infer<typeof sourceRecordFlag>;

export const personSourceRecord = z.object({
  id: z.number().int(),
  sourceName: z.string(),
  batchId: z.number().int(),
  fileName: z.string(),
  sheetName: z.string(),
  rowNumber: z.number().int(),
  linkMethod: z.string().nullable(),
  /** The row as read, header → cell text; resident IDs and mobiles masked. */
  values: z.array(z.object({ header: z.string(), value: z.string() })),
  flags: z.array(sourceRecordFlag),
  importedAt: z.string(),
});
export const personSourcesResponse = z.object({ items: z.array(personSourceRecord) });
export type PersonSourceRecord = z.infer<typeof personSourceRecord>;

export const duplicateCheckBody = z.object({
  excludeId: z.number().int().positive().optional(),
  name: z.string().trim().max(60).default(''),
  birthDate: z.string().trim().max(20).default(''),
  residentId: z.string().trim().max(40).default(''),
  mobile: z.string().trim().max(40).default(''),
});
export const duplicateCheckResponse = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), birthDate: z.string().nullable(), employerName: z.string(), unitName: z.string(), matchedBy: z.enum(['residentId', 'nameBirthMobile']) })),
});

export const personExportBody = personFilterQuery.extend({
  sort: z.enum(PERSON_SORTS).default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
  columns: z.array(z.string()).max(60).optional(),
  unmasked: z.boolean().default(false),
  reason: z.string().trim().max(200).optional(),
});
export type PersonExportBody = z.infer<typeof personExportBody>;
