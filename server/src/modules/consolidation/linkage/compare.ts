/**
 * Comparison levels per field. A pair's comparison vector is packed into one integer (a
 * "pattern") so EM runs on a histogram of patterns and scoring is a table lookup plus the
 * term-frequency terms; the strings are read only when the interned ids differ.
 */

export interface FieldSpec {
  name: string;
  /** Level codes; index 0 is always 'null' (a side is missing: no evidence either way). */
  levels: readonly string[];
  bits: number;
  shift: number;
}

const spec = (name: string, levels: string[], bits: number): Omit<FieldSpec, 'shift'> => ({ name, levels, bits });

const RAW_FIELDS = [
  spec('name', ['null', 'differ', 'close', 'pinyin', 'exact'], 3),
  // 'validDiffer' (two different IDs both valid as read) is a cannot-link: never scored as a link.
  spec('residentId', ['null', 'differ', 'typo', 'first15', 'exact', 'validDiffer'], 3),
  spec('birthDate', ['null', 'differ', 'close', 'month', 'exact'], 3),
  spec('gender', ['null', 'differ', 'agree'], 2),
  spec('mobile', ['null', 'differ', 'close', 'exact'], 2),
  spec('employer', ['null', 'differ', 'similar', 'exact'], 2),
  spec('town', ['null', 'differ', 'exact'], 2),
];

export const FIELDS: readonly FieldSpec[] = (() => {
  let shift = 0;
  return RAW_FIELDS.map((f) => {
    const out = { ...f, shift };
    shift += f.bits;
    return out;
  });
})();

export const PATTERN_COUNT = 1 << FIELDS.reduce((s, f) => s + f.bits, 0);

export const F_NAME = 0;
export const F_ID = 1;
export const F_BIRTH = 2;
export const F_GENDER = 3;
export const F_MOBILE = 4;
export const F_EMPLOYER = 5;
export const F_TOWN = 6;

export const NAME_EXACT = 4;
export const NAME_DIFFER = 1;
export const ID_EXACT = 4;
export const ID_VALID_DIFFER = 5;
export const EMPLOYER_EXACT = 3;

export function levelOf(pattern: number, field: number): number {
  const f = FIELDS[field];
  return (pattern >>> f.shift) & ((1 << f.bits) - 1);
}

/** Exactly one substitution, or two adjacent characters swapped (equal lengths). */
export function oneEditSameLength(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = -1;
  let diffs = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      if (++diffs > 2) return false;
      if (first < 0) first = i;
    }
  }
  if (diffs === 1) return true;
  return diffs === 2 && a[first] === b[first + 1] && a[first + 1] === b[first] && true;
}

/** Damerau–Levenshtein distance ≤ 1 (substitution, adjacent transposition, one insertion or deletion). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (la === lb) return oneEditSameLength(a, b);
  if (Math.abs(la - lb) !== 1) return false;
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  return s.slice(i) === l.slice(i + 1);
}

/** Dice coefficient on character bigrams (unigrams for one-character strings). */
export function bigramDice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const c = grams.get(g);
    if (c) {
      shared++;
      grams.set(g, c - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

/** Employer names after normalisation: one containing the other, or bigram Dice ≥ 0.6. */
export function similarEmployer(a: string, b: string): boolean {
  if (a.length >= 2 && b.length >= 2 && (a.includes(b) || b.includes(a))) return true;
  return bigramDice(a, b) >= 0.6;
}

/** Mobiles (11 digits): one wrong digit or two adjacent digits swapped. */
export function closeMobile(a: number, b: number): boolean {
  return oneEditSameLength(String(a), String(b));
}

/** Birth dates as yyyymmdd integers (dd = 0 when only the month is known). */
export function birthLevel(a: number, b: number): number {
  if (a <= 0 || b <= 0) return 0;
  if (a === b) return a % 100 === 0 ? 3 : 4;
  const ad = a % 100;
  const bd = b % 100;
  if (ad === 0 || bd === 0) {
    // Month precision on one side: agreement at the month is all one can ask.
    return Math.floor(a / 100) === Math.floor(b / 100) ? 3 : 1;
  }
  // Typos (one digit, a swap) and day/month swapped (1985-03-07 vs 1985-07-03).
  const sa = String(a);
  const sb = String(b);
  if (oneEditSameLength(sa, sb)) return 2;
  const ay = Math.floor(a / 10000);
  const am = Math.floor(a / 100) % 100;
  if (ay === Math.floor(b / 10000) && am === bd && ad === Math.floor(b / 100) % 100) return 2;
  return 1;
}

/** Person names (normalised): exact, same pinyin (homophones), one character off (look-alikes), differ. */
export function nameLevel(a: string, b: string, pinyinA: number, pinyinB: number): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 4;
  if (pinyinA === pinyinB && pinyinA >= 0) return 3;
  if (a.length >= 2 && b.length >= 2 && withinOneEdit(a, b)) return 2;
  return 1;
}
