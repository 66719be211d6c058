/**
 * Normalisation of one source record into what the blockers and comparators read. Pure, but with
 * module-level caches keyed by the raw text: a million department rows hold only a few hundred
 * thousand distinct names and a few thousand distinct employers and towns, and OpenCC and
 * pinyin-pro are the expensive calls.
 */
import { parseLooseDate } from '../../../../../common/src/validation/dates.js';
import { normalizeMobile } from '../../../../../common/src/validation/mobile.js';
import { parseResidentId, residentIdCheckChar } from '../../../../../common/src/validation/resident-id.js';
import { normalizePersonName, normalizeText } from '../../../../../common/src/validation/text.js';
import { namePinyin, simplify } from '../../persons/search-terms.js';
import type { NormRecord, RawRecord } from './types.js';

/** Two-character surnames; anything else takes the first character as the surname. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '上官', '司马', '诸葛', '东方', '皇甫', '司徒', '公孙', '慕容', '令狐', '夏侯', '尉迟', '端木', '长孙', '宇文',
  '太史', '端孙', '南宫', '西门', '独孤', '澹台', '申屠', '轩辕', '呼延', '百里', '万俟', '闻人', '钟离', '宗政', '濮阳',
]);

/** Cap on the caches so a pathological input cannot grow them without bound. */
const CACHE_LIMIT = 2_000_000;

function cached<T>(cache: Map<string, T>, key: string, make: (key: string) => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    v = make(key);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, v);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Names

export interface NormName {
  name: string;
  surname: string;
  pinyin: string;
}

const nameCache = new Map<string, NormName>();
const pinyinCache = new Map<string, string>();

/** Surname of a normalised name: a known compound surname, else the first character. */
export function surnameOf(name: string): string {
  if (name.length >= 3 && COMPOUND_SURNAMES.has(name.slice(0, 2))) return name.slice(0, 2);
  return name.slice(0, 1);
}

/**
 * NFKC, traditional → simplified, whitespace, punctuation and name dots removed (买买提·艾力 and
 * 买买提艾力 are written both ways), Latin letters lower-cased; pinyin cached per distinct name.
 */
export function normaliseName(raw: string | null | undefined): NormName {
  return cached(nameCache, raw ?? '', (text) => {
    const name = simplify(normalizePersonName(text))
      .replace(/[\s·\p{P}\p{S}]/gu, '')
      .toLowerCase();
    const surname = surnameOf(name);
    const pinyin = cached(pinyinCache, name, (n) => (/[\u3400-\u9fff]/u.test(n) ? namePinyin(n).full : n.replace(/[^a-z]/g, '')));
    return { name, surname, pinyin };
  });
}

// ---------------------------------------------------------------------------------------------
// Resident IDs

export interface NormResidentId {
  /** Valid 18-character ID (read valid, upgraded from 15, or repaired), else null. */
  residentId: string | null;
  repaired: boolean;
  /** First 15 significant characters of whatever was read (null when fewer than 15 survive). */
  residentId15: string | null;
  /** The ID as read, canonical 18 characters even when invalid (checksum, typo), for edit-distance comparison. */
  residentIdRaw: string | null;
  /** Region code: first 6 digits of what was read (also of a scientific-notation value with ≥ 6 significant digits). */
  county: string | null;
  /** From the ID's date digits, when they form a date. */
  birthDate: string | null;
  gender: '1' | '2' | null;
}

const EMPTY_ID: NormResidentId = {
  residentId: null,
  repaired: false,
  residentId15: null,
  residentIdRaw: null,
  county: null,
  birthDate: null,
  gender: null,
};

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validChecksum(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && residentIdCheckChar(id.slice(0, 17)) === id[17];
}

/**
 * Valid IDs one edit away from `id` (one substituted character or two adjacent characters swapped)
 * whose birth date is real and agrees with what the record says elsewhere. The check character
 * detects every such error, so the read ID itself is never among them.
 */
export function oneEditCandidates(id: string, birthDate: string | null, gender: '1' | '2' | null): string[] {
  const out = new Set<string>();
  const consider = (c: string) => {
    if (!validChecksum(c) || !isRealDate(c.slice(6, 14))) return;
    if (birthDate !== null && !`${c.slice(6, 10)}-${c.slice(10, 12)}-${c.slice(12, 14)}`.startsWith(birthDate)) return;
    if (gender !== null && (Number(c[16]) % 2 === 1 ? '1' : '2') !== gender) return;
    out.add(c);
  };
  for (let i = 0; i < 18; i++) {
    const alphabet = i === 17 ? '0123456789X' : '0123456789';
    for (const ch of alphabet) if (ch !== id[i]) consider(id.slice(0, i) + ch + id.slice(i + 1));
  }
  for (let i = 0; i < 17; i++) {
    if (id[i] !== id[i + 1]) consider(id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2));
  }
  out.delete(id);
  return [...out];
}

/**
 * Reads an ID with common/src/validation's parser, then: keeps the first 15 significant digits
 * whatever happened after them (Excel truncation), the region code of a scientific-notation value,
 * and repairs an invalid ID when exactly one valid ID one edit away agrees with the record's own
 * birth date and gender (needs both: without them a typo has a dozen valid neighbours).
 */
export function normaliseResidentId(raw: string | null | undefined, birthDate: string | null, gender: '1' | '2' | null): NormResidentId {
  if (raw === null || raw === undefined) return EMPTY_ID;
  const text = String(raw).normalize('NFKC').replace(/[\s\u200B-\u200D\uFEFF-]/gu, '').replace(/^="(.*)"$/u, '$1').replace(/^['‘’`]+|['‘’`]+$/gu, '').toUpperCase();
  if (text === '') return EMPTY_ID;
  const parsed = parseResidentId(text);
  if (parsed.problems.includes('scientific')) {
    // 3.70302E+17: the mantissa's digits are the ID's first digits; six or more give the region.
    const mantissa = /^(\d)\.?(\d*)E/u.exec(text);
    const digits = mantissa ? mantissa[1] + mantissa[2] : '';
    const county = digits.length >= 6 ? digits.slice(0, 6) : null;
    const id15 = digits.length >= 15 ? digits.slice(0, 15) : null;
    return { ...EMPTY_ID, county, residentId15: id15 };
  }
  if (parsed.value === null) {
    // Not an ID shape; still keep 15+ leading digits (a 16- or 17-digit slip) for blocking.
    const digits = /^\d{15,}/u.exec(text)?.[0] ?? null;
    return { ...EMPTY_ID, residentId15: digits ? digits.slice(0, 15) : null, county: digits ? digits.slice(0, 6) : null };
  }
  const value = parsed.value;
  const idBirth = parsed.birthDate;
  const base: NormResidentId = {
    residentId: null,
    repaired: false,
    residentId15: value.slice(0, 15),
    residentIdRaw: value,
    county: value.slice(0, 6),
    birthDate: idBirth,
    gender: parsed.gender,
  };
  // Ends in 000 with a correct check character: real, or Excel's truncation by a one-in-eleven
  // chance; the sex digit is then not to be trusted.
  if (parsed.valid) return { ...base, residentId: value, gender: value.endsWith('000') ? null : parsed.gender };
  if (parsed.problems.includes('truncated')) return { ...base, gender: null };
  if (birthDate !== null && birthDate.length === 10 && gender !== null) {
    const candidates = oneEditCandidates(value, birthDate, gender);
    if (candidates.length === 1) {
      const fixed = candidates[0];
      return { ...base, residentId: fixed, repaired: true, birthDate: birthDate, gender, county: fixed.slice(0, 6) };
    }
  }
  // An invalid ID's date and sex digits are still more often right than wrong, but not trusted.
  return { ...base, birthDate: null, gender: null };
}

// ---------------------------------------------------------------------------------------------
// Other fields

export function normaliseGender(raw: string | null | undefined): '1' | '2' | null {
  const t = normalizeText(raw).toLowerCase();
  if (t === '') return null;
  if (t === '男' || t === '1' || t === 'm' || t === 'male' || t === '男性') return '1';
  if (t === '女' || t === '2' || t === 'f' || t === 'female' || t === '女性') return '2';
  return null;
}

const dateCache = new Map<string, string | null>();

/** 'YYYY-MM-DD' or 'YYYY-MM' (a year alone is too weak to use), else null. */
export function normaliseBirthDate(raw: string | number | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  return cached(dateCache, String(raw), (text) => {
    // Text, not numbers: '31113' is read as an Excel serial and '1985.10' keeps its October.
    const parsed = parseLooseDate(text);
    if (!parsed.valid || parsed.precision === 'year' || parsed.value === null) return null;
    return parsed.value;
  });
}

export function normaliseMobile(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const m = normalizeMobile(raw);
  return m.valid ? m.value : null;
}

// Place prefixes departments put in front of registered names or leave out; the order matters
// (longest first) so 淄博市淄川区 goes as a whole.
const EMPLOYER_PREFIXES = ['山东省淄博市淄川区', '淄博市淄川区', '山东省淄博市', '山东淄博', '淄博市', '淄川区', '山东省', '淄博', '淄川', '山东'];
// Legal-form suffixes, longest first; removed repeatedly (…股份有限公司 → …).
const EMPLOYER_SUFFIXES = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团公司', '股份公司', '公司', '集团'];
// Everyday abbreviations → the registered word.
const EMPLOYER_ABBREVIATIONS: [RegExp, string][] = [
  [/律所$/u, '律师事务所'],
  [/律师所$/u, '律师事务所'],
  [/会计所$/u, '会计师事务所'],
  [/会所$/u, '会计师事务所'],
  [/税务所$/u, '税务师事务所'],
  [/事务所分所$/u, '事务所'],
];

const employerCache = new Map<string, string | null>();

/**
 * Simplified, brackets and their content removed ((普通合伙), （特殊普通合伙）), place prefixes and
 * legal-form suffixes stripped, 律所 → 律师事务所 …; e.g. 淄川明德律所 and 山东明德律师事务所 both give 明德律师事务所.
 */
export function normaliseEmployer(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  return cached(employerCache, raw, (text) => {
    // 工作单位及职务 holds "employer post": a short last word after a space is the post.
    const words = normalizeText(text).split(' ');
    const head = words.length >= 2 && words[words.length - 1].length <= 6 ? words.slice(0, -1).join('') : text;
    let t = simplify(head)
      .replace(/[(（[【].*?[)）\]】]/gu, '')
      .replace(/[\s\p{P}\p{S}]/gu, '');
    for (const p of EMPLOYER_PREFIXES) {
      if (t.startsWith(p) && t.length > p.length + 1) {
        t = t.slice(p.length);
        break;
      }
    }
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of EMPLOYER_SUFFIXES) {
        if (t.endsWith(s) && t.length > s.length + 1) {
          t = t.slice(0, -s.length);
          changed = true;
          break;
        }
      }
    }
    for (const [re, to] of EMPLOYER_ABBREVIATIONS) t = t.replace(re, to);
    return t === '' ? null : t;
  });
}

const townCache = new Map<string, string | null>();

/** Town or street without 镇/街道/乡/办事处 and without a leading district name: 洪山镇 → 洪山. */
export function normaliseTown(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  return cached(townCache, raw, (text) => {
    let t = simplify(text).replace(/[\s\p{P}\p{S}]/gu, '');
    t = t.replace(/^(?:山东省)?(?:淄博市)?(?:淄川区)?/u, '');
    t = t.replace(/(?:街道办事处|街道办|街道|办事处|镇|乡)$/u, '');
    return t === '' ? null : t;
  });
}

// ---------------------------------------------------------------------------------------------

/** One source record → its normalised form (see NormRecord). Missing birth date and sex are taken from a valid ID. */
export function normalise(raw: RawRecord): NormRecord {
  const nm = normaliseName(raw.name);
  const statedGender = normaliseGender(raw.gender);
  const statedBirth = normaliseBirthDate(raw.birthDate);
  const id = normaliseResidentId(raw.residentId, statedBirth, statedGender);
  // A stated birth date and a valid ID's date can disagree (a typo either side); the stated one is
  // what the department wrote, the ID date fills in when nothing was written.
  const birthDate = statedBirth ?? id.birthDate;
  const gender = statedGender ?? id.gender;
  return {
    key: raw.key,
    source: raw.source,
    name: nm.name,
    surname: nm.surname,
    pinyin: nm.pinyin,
    gender,
    birthDate,
    residentId: id.residentId,
    residentIdRepaired: id.repaired,
    residentId15: id.residentId15,
    residentIdRaw: id.residentIdRaw,
    county: id.county,
    mobile: normaliseMobile(raw.mobile),
    employer: normaliseEmployer(raw.employer),
    town: normaliseTown(raw.town),
  };
}
