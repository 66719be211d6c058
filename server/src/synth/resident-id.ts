/**
 * Generation of 18-character resident IDs (GB 11643-1999, 公民身份号码) for synthetic data.
 * Validation belongs to common/src/validation/, not here.
 */

import { residentIdCheckChar } from '../../../common/src/validation/resident-id.js';

// One implementation of the check character, shared with validation; re-exported for callers here.
export { residentIdCheckChar };

export const MAX_MALE_SEQ = 499;
export const MAX_FEMALE_SEQ = 498;

export interface ResidentIdParts {
  /** 6-digit GB/T 2260 address code where the ID was first issued. */
  regionCode: string;
  /** `YYYY-MM-DD` or `YYYYMMDD`. */
  birthDate: string;
  male: boolean;
  /**
   * Order number among people of the same region, birth date and sex: 0–499 for men, 0–498 for
   * women. It becomes the 3-digit sequence code 2·seq+1 for men (001–999, odd) and 2·seq+2 for
   * women (002–998, even; 000 is not issued).
   */
  seq: number;
}

/** Builds a valid 18-character resident ID. */
export function makeResidentId({ regionCode, birthDate, male, seq }: ResidentIdParts): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`makeResidentId: bad region code "${regionCode}"`);
  const date = birthDate.replace(/-/g, '');
  if (!/^\d{8}$/.test(date)) throw new RangeError(`makeResidentId: bad birth date "${birthDate}"`);
  const maxSeq = male ? MAX_MALE_SEQ : MAX_FEMALE_SEQ;
  if (!Number.isInteger(seq) || seq < 0 || seq > maxSeq) {
    throw new RangeError(`makeResidentId: seq ${seq} not in 0–${maxSeq}`);
  }
  const order = male ? 2 * seq + 1 : 2 * seq + 2;
  const first17 = regionCode + date + String(order).padStart(3, '0');
  return first17 + residentIdCheckChar(first17);
}
