import { describe, expect, it } from 'vitest';
import {
  type ResidentIdProblem,
  maskResidentId,
  parseResidentId,
  residentIdCheckChar,
  upgradeResidentId15,
} from './resident-id.js';

const TODAY = new Date(2025, 5, 15); // 2025-06-15, local time

// 37030219850307123 → check '0' (by hand: weighted sum 265, 265 mod 11 = 1 → '0'), so
// 370302198503071230 is a valid male ID; 11010519491231002X is the standard's own example.
const MALE = '370302198503071230';
const FEMALE_X = '11010519491231002X';

describe('residentIdCheckChar', () => {
  it.each([
    ['37030219850307123', '0'],
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['37030219900101002', '9'],
  ])('%s → %s', (first17, check) => {
    expect(residentIdCheckChar(first17)).toBe(check);
  });

  it('rejects anything but 17 digits', () => {
    expect(() => residentIdCheckChar('3703021985030712')).toThrow(RangeError);
    expect(() => residentIdCheckChar('3703021985030712X')).toThrow(RangeError);
  });
});

describe('upgradeResidentId15', () => {
  it('inserts 19 and appends the computed check character', () => {
    const id = upgradeResidentId15('370302850307123');
    expect(id).toBe(`37030219850307123${residentIdCheckChar('37030219850307123')}`);
    expect(id).toBe(MALE);
  });
  it('rejects non-15-digit input', () => {
    expect(() => upgradeResidentId15('37030285030712')).toThrow(RangeError);
  });
});

describe('parseResidentId', () => {
  it.each<[unknown, string | null, ResidentIdProblem[], string]>([
    // [input, value, problems, why]
    [MALE, MALE, [], 'plain valid ID'],
    [FEMALE_X, FEMALE_X, [], 'check character X'],
    ['11010519491231002x', FEMALE_X, [], 'lower-case x'],
    ['３７０３０２１９８５０３０７１２３０', MALE, [], 'full-width digits'],
    ['370302 19850307 1230', MALE, [], 'spaces between the parts'],
    [' 370302198503071230\u3000', MALE, [], 'surrounding and ideographic spaces'],
    ["'370302198503071230", MALE, [], 'leading apostrophe typed to keep Excel from converting'],
    ["370302198503071230'", MALE, [], 'trailing apostrophe'],
    ['="370302198503071230"', MALE, [], 'Excel formula text'],
    ['370302-19850307-1230', MALE, [], 'dashes'],
    ['370302850307123', MALE, [], '15-digit legacy ID upgraded'],
    [370302850307123, MALE, [], '15-digit ID as a JS number is exact'],
    ['370302198503071231', '370302198503071231', ['checksum'], 'wrong check character keeps the value'],
    ['370302198502301233', '370302198502301233', ['birthDate'], '1985-02-30 does not exist (check is right)'],
    ['370302203001011231', '370302203001011231', ['birthDate'], 'born 2030: in the future'],
    ['370302189912311237', '370302189912311237', ['birthDate'], 'born before 1900'],
    ['3.70302E+17', null, ['scientific'], 'Excel scientific notation'],
    ['3.70302198503071E+17', null, ['scientific'], 'scientific notation with 15 significant digits'],
    ['3.70302e17', null, ['scientific'], 'lower-case e, no plus sign'],
    ['370302198503071000', '370302198503071000', ['truncated'], 'Excel kept 15 digits, zeros after'],
    ['370302198503011000', '370302198503011000', [], 'a real ID that ends in 000 with a correct check character is valid'],
    [370302198503071000, '370302198503071000', ['truncated'], 'the same, as a JS number'],
    ['3703021985030710', null, ['truncated'], '16 digits, zeros after the 15th'],
    ['37030219850307123', null, ['format'], '17 digits'],
    ['3703021985030712301', null, ['format'], '19 digits'],
    ['37030219850307123Y', null, ['format'], 'letter other than X'],
    ['370302X98503071230', null, ['format'], 'X not in last place'],
    ['', null, ['format'], 'empty'],
    [null, null, ['format'], 'null'],
    [{}, null, ['format'], 'object'],
    [3.7e17, '370000000000000000', ['truncated', 'birthDate'], 'number with zeros from the 3rd digit: no birth date either'],
  ])('%j → %j %j (%s)', (raw, value, problems) => {
    const r = parseResidentId(raw, TODAY);
    expect(r.value).toBe(value);
    expect(r.problems).toEqual(problems);
    expect(r.valid).toBe(value !== null && problems.length === 0);
  });

  it('reports a JS number with 18 digits as truncated: above 2^53 its last digits are already lost', () => {
    // 370302198503071234 is not representable; the nearest double prints as ...071200.
    const r = parseResidentId(370302198503071234, TODAY);
    expect(r).toEqual({
      value: '370302198503071200',
      valid: false,
      problems: ['truncated'],
      birthDate: '1985-03-07',
      gender: null,
      regionCode: '370302',
      upgradedFrom15: false,
    });
  });

  it('extracts birth date, gender and region of a valid ID', () => {
    expect(parseResidentId(FEMALE_X, TODAY)).toEqual({
      value: FEMALE_X,
      valid: true,
      problems: [],
      birthDate: '1949-12-31',
      gender: '2',
      regionCode: '110105',
      upgradedFrom15: false,
    });
    const male = parseResidentId('370302850307123', TODAY);
    expect(male.gender).toBe('1');
    expect(male.birthDate).toBe('1985-03-07');
    expect(male.upgradedFrom15).toBe(true);
  });

  it('keeps region and birth date when only the checksum is wrong; birthDate null when it is impossible', () => {
    const bad = parseResidentId('370302198503071231', TODAY);
    expect(bad.birthDate).toBe('1985-03-07');
    expect(bad.regionCode).toBe('370302');
    expect(parseResidentId('370302198502301233', TODAY).birthDate).toBeNull();
  });

  it('accepts a birth date of today and refuses tomorrow', () => {
    const first17Today = '37030220250615123';
    const first17Tomorrow = '37030220250616123';
    const today = first17Today + residentIdCheckChar(first17Today);
    const tomorrow = first17Tomorrow + residentIdCheckChar(first17Tomorrow);
    expect(parseResidentId(today, TODAY).valid).toBe(true);
    expect(parseResidentId(tomorrow, TODAY).problems).toEqual(['birthDate']);
  });

  it('reports a bad checksum and an impossible date together', () => {
    expect(parseResidentId('370302198502301237', TODAY).problems).toEqual(['checksum', 'birthDate']);
  });
});

describe('maskResidentId', () => {
  it.each([
    [MALE, '370302********1230'],
    [FEMALE_X, '110105********002X'],
    ['370302850307123', '370302*****7123'],
    ['1234567890', '**********'],
    ['123', '***'],
    ['', ''],
  ])('%s → %s', (value, masked) => {
    expect(maskResidentId(value)).toBe(masked);
  });
});
