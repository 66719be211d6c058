import { describe, expect, it } from 'vitest';
import { parseUscc, uscCheckChar } from './uscc.js';

// Codes published by registered firms and organisations; each was checked by computation.
const REAL = [
  '91350100M000100Y43',
  '911100001000011434',
  '914403001922038216',
  '91330100716105852F',
  '9144030071526726XG',
  '91110108551385082Q',
];

describe('uscCheckChar', () => {
  it.each(REAL.map((code) => [code.slice(0, 17), code[17]]))('%s → %s', (first17, check) => {
    expect(uscCheckChar(first17)).toBe(check);
  });

  it('maps a remainder of 0 to check character 0 (31 → 0)', () => {
    // Both weigh a multiple of 31, so 31 − 0 = 31 must wrap to '0' rather than index past the set.
    expect(uscCheckChar('91370302MA3CY1234')).toBe('0');
    expect(uscCheckChar('00000000000000000')).toBe('0');
  });

  it('rejects letters outside the set (I, O, S, V, Z) and wrong lengths', () => {
    expect(() => uscCheckChar('91370300MA3COOOOO')).toThrow(RangeError);
    expect(() => uscCheckChar('9137030')).toThrow(RangeError);
  });
});

describe('parseUscc', () => {
  it.each<[unknown, string | null, ('format' | 'checksum')[], string]>([
    // [input, value, problems, why]
    ...REAL.map((c): [string, string, [], string] => [c, c, [], 'published code']),
    ['91330100716105852f', '91330100716105852F', [], 'lower case'],
    ['９１３３０１００７１６１０５８５２Ｆ', '91330100716105852F', [], 'full-width'],
    [' 9133 0100 7161 0585 2F ', '91330100716105852F', [], 'spaces'],
    ["'914403001922038216", '914403001922038216', [], 'leading apostrophe'],
    ['914403001922038217', '914403001922038217', ['checksum'], 'wrong check character'],
    ['91370300MA3C000000', '91370300MA3C000000', ['checksum'], 'made-up code (check should be Q)'],
    ['91370300MA3C00000Q', '91370300MA3C00000Q', [], 'the same with its computed check'],
    ['91370302MA3CY12340', '91370302MA3CY12340', [], 'check character 0'],
    ['9144030071526726XO', null, ['format'], 'O is not in the character set'],
    ['91440300715267IGXG', null, ['format'], 'I is not in the character set'],
    ['91440300715267', null, ['format'], 'too short'],
    ['', null, ['format'], 'empty'],
    [914403001922038216, null, ['format'], 'numbers are not accepted: 18 digits do not survive as a double'],
    [null, null, ['format'], 'null'],
  ])('%j → %j %j (%s)', (raw, value, problems) => {
    const r = parseUscc(raw);
    expect(r.value).toBe(value);
    expect(r.problems).toEqual(problems);
    expect(r.valid).toBe(value !== null && problems.length === 0);
  });
});
