// Unified social credit codes (统一社会信用代码, GB 32100-2015) of firms and organisations:
// 18 characters from a 31-character set (no I, O, S, V, Z), the last a MOD 31 check character.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/u;

export interface UsccResult {
  /** The cleaned 18 characters when they have the shape of a code (even with a bad check); else null. */
  value: string | null;
  valid: boolean;
  problems: ('format' | 'checksum')[];
}

/** Check character for the first 17 characters. */
export function uscCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/u.test(first17)) {
    throw new RangeError(`uscCheckChar: need 17 code characters, got "${first17}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]) * WEIGHTS[i];
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** Reads a code as typed or pasted: NFKC (full-width), upper case, spaces, dashes and apostrophes dropped. */
export function parseUscc(raw: unknown): UsccResult {
  if (typeof raw !== 'string') return { value: null, valid: false, problems: ['format'] };
  const text = raw
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\uFEFF-]/gu, '')
    .replace(/^['‘’`]+|['‘’`]+$/gu, '')
    .toUpperCase();
  if (!SHAPE.test(text)) return { value: null, valid: false, problems: ['format'] };
  if (uscCheckChar(text.slice(0, 17)) !== text[17]) return { value: text, valid: false, problems: ['checksum'] };
  return { value: text, valid: true, problems: [] };
}
