// Resident identity numbers (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth
// date, 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.

export type ResidentIdProblem = 'format' | 'checksum' | 'birthDate' | 'scientific' | 'truncated';

export interface ResidentIdResult {
  /** Canonical 18-char, uppercase X, when the input has the shape of an ID (even with a bad checksum); else null. 15-digit IDs are upgraded (insert 19, recompute check). */
  value: string | null;
  /** value !== null && problems.length === 0 */
  valid: boolean;
  problems: ResidentIdProblem[];
  /** YYYY-MM-DD when the 8 digits form a real date not in the future and year >= 1900. */
  birthDate: string | null;
  /** From the sequence parity (odd = male '1'). */
  gender: '1' | '2' | null;
  regionCode: string | null;
  upgradedFrom15: boolean;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_SET = '10X98765432';

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`residentIdCheckChar: need 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_SET[sum % 11];
}

/** Legacy 15-digit ID → 18 characters: the year gains "19" and a check character is added. */
export function upgradeResidentId15(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError(`upgradeResidentId15: need 15 digits, got "${id15}"`);
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + residentIdCheckChar(first17);
}

/** First 6 + '*' × (len − 10) + last 4 (370302********1234); inputs of 10 or fewer chars all '*'. */
export function maskResidentId(value: string): string {
  if (value.length <= 10) return '*'.repeat(value.length);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

function result(partial: Partial<ResidentIdResult> & { problems: ResidentIdProblem[] }): ResidentIdResult {
  const value = partial.value ?? null;
  return {
    value,
    valid: value !== null && partial.problems.length === 0,
    problems: partial.problems,
    birthDate: partial.birthDate ?? null,
    gender: partial.gender ?? null,
    regionCode: partial.regionCode ?? null,
    upgradedFrom15: partial.upgradedFrom15 ?? false,
  };
}

/** 'YYYY-MM-DD' when yyyymmdd is a real calendar date from 1900 up to today (local date), else null. */
function birthDateOf(yyyymmdd: string, today: Date): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const todayIso = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return iso <= todayIso ? iso : null;
}

/**
 * Reads an ID as it arrives from a form or a spreadsheet cell. Tolerates spaces, full-width
 * digits, lower-case x, the apostrophe Excel users type to keep a number as text, and ="…"
 * formula text; recognises the two ways Excel destroys IDs (scientific notation, digits after the
 * 15th turned to 0) so the import can say so instead of storing a wrong number.
 */
export function parseResidentId(raw: unknown, today: Date = new Date()): ResidentIdResult {
  let text: string;
  // Every 18-digit number is above 2^53, so as a JS number its last digits are already lost.
  let imprecise = false;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || !Number.isInteger(raw) || raw <= 0) return result({ problems: ['format'] });
    text = String(raw);
    imprecise = !Number.isSafeInteger(raw);
  } else if (typeof raw === 'string') {
    text = raw;
  } else if (typeof raw === 'bigint') {
    text = raw.toString();
  } else {
    return result({ problems: ['format'] });
  }

  text = text
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\uFEFF-]/gu, '')
    .replace(/^="(.*)"$/u, '$1')
    .replace(/^['‘’`]+|['‘’`]+$/gu, '')
    .toUpperCase();

  if (/^\d+(\.\d+)?E\+?\d+$/u.test(text)) return result({ problems: ['scientific'] });

  // A typed ID that happens to end in 000 with a correct check character is real (about 1 in 1,100
  // are); only a wrong check character makes trailing zeros look like Excel's truncation.
  const zeroTail = /^0+$/u.test(text.slice(15)) && !(text.length === 18 && residentIdCheckChar(text.slice(0, 17)) === text[17]);
  if (/^\d{16,}$/u.test(text) && (imprecise || zeroTail)) {
    // Excel kept 15 significant digits. Region and birth date (digits 1–14) survive, so keep an
    // 18-digit value for matching on the first 15 digits; the sequence digit is gone, so no gender.
    if (text.length !== 18) return result({ problems: ['truncated'] });
    const birthDate = birthDateOf(text.slice(6, 14), today);
    return result({
      value: text,
      problems: birthDate === null ? ['truncated', 'birthDate'] : ['truncated'],
      regionCode: text.slice(0, 6),
      birthDate,
    });
  }

  let value: string;
  let upgradedFrom15 = false;
  const problems: ResidentIdProblem[] = [];
  if (/^\d{15}$/u.test(text)) {
    value = upgradeResidentId15(text);
    upgradedFrom15 = true;
  } else if (/^\d{17}[\dX]$/u.test(text)) {
    value = text;
    if (residentIdCheckChar(value.slice(0, 17)) !== value[17]) problems.push('checksum');
  } else {
    return result({ problems: ['format'] });
  }

  const birthDate = birthDateOf(value.slice(6, 14), today);
  if (birthDate === null) problems.push('birthDate');
  return result({
    value,
    problems,
    birthDate,
    gender: Number(value[16]) % 2 === 1 ? '1' : '2',
    regionCode: value.slice(0, 6),
    upgradedFrom15,
  });
}
