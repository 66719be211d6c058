// Mainland mobile numbers: 1[3-9] and 9 more digits once the country code and separators are gone.

export interface MobileResult {
  /** The 11 digits when valid; otherwise every digit read (null when none), so nothing is lost. */
  value: string | null;
  valid: boolean;
}

const VALID = /^1[3-9]\d{9}$/u;

export function normalizeMobile(raw: unknown): MobileResult {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { value: null, valid: false };
    // Integers print in full below 1e21; an 11-digit number is exact.
    text = Number.isInteger(raw) ? raw.toFixed(0) : String(raw);
  } else if (typeof raw === 'string') {
    text = raw;
  } else {
    return { value: null, valid: false };
  }
  text = text.normalize('NFKC');
  // Only separators may go: a letter or a second number in the cell makes it invalid, not silently fixed.
  const stripped = text.replace(/[\s\u200B-\u200D\uFEFF\-.()'‘’`]/gu, '');
  const digits = stripped.replace(/^\+/u, '');
  if (VALID.test(digits)) return { value: digits, valid: true };
  // The country code goes only when a mobile number is left; otherwise the digits stay as read.
  const national = /^(?:0086|86)(1\d{10})$/u.exec(digits)?.[1];
  if (national !== undefined && VALID.test(national)) return { value: national, valid: true };
  const read = digits.replace(/\D/gu, '');
  return { value: read === '' ? null : read, valid: false };
}

/** 138****5678: first 3 and last 4 kept; fewer than 11 characters are all masked. */
export function maskMobile(v: string): string {
  if (v.length < 11) return '*'.repeat(v.length);
  return v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4);
}
