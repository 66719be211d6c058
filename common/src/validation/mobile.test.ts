import { describe, expect, it } from 'vitest';
import { maskMobile, normalizeMobile } from './mobile.js';

describe('normalizeMobile', () => {
  it.each<[unknown, string | null, boolean, string]>([
    // [input, value, valid, why]
    ['13800138000', '13800138000', true, 'plain'],
    ['+86 138-0013-8000', '13800138000', true, '+86 with dashes'],
    ['８６１３８００１３８０００', '13800138000', true, 'full-width, 86 prefix'],
    ['0086 13800138000', '13800138000', true, '0086 prefix'],
    ['8613800138000', '13800138000', true, '86 prefix, 13 digits'],
    ['138 0013 8000', '13800138000', true, 'spaces'],
    ['138.0013.8000', '13800138000', true, 'dots'],
    ['(+86)13800138000', '13800138000', true, 'parenthesised country code'],
    ['（＋８６）１３８００１３８０００', '13800138000', true, 'full-width parentheses and plus'],
    ["'13800138000", '13800138000', true, 'leading apostrophe'],
    [13800138000, '13800138000', true, 'JS number'],
    ['19912345678', '19912345678', true, '199 segment'],
    ['138001380001', '138001380001', false, '12 digits'],
    ['1380013800', '1380013800', false, '10 digits'],
    ['12800138000', '12800138000', false, 'second digit 2 is not a mobile segment'],
    ['8612800138000', '8612800138000', false, 'prefix kept when the rest is no mobile number'],
    ['05335181234', '05335181234', false, 'landline'],
    ['13800138000/13900139000', '1380013800013900139000', false, 'two numbers in one cell'],
    ['1380013800O', '1380013800', false, 'letter O for zero'],
    ['138-0013-8000 转 123', '13800138000123', false, 'extension'],
    ['无', null, false, 'no digits'],
    ['', null, false, 'empty'],
    [null, null, false, 'null'],
    [Number.NaN, null, false, 'NaN'],
  ])('%j → %j %s (%s)', (raw, value, valid) => {
    expect(normalizeMobile(raw)).toEqual({ value, valid });
  });
});

describe('maskMobile', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138001380001', '138*****0001'],
    ['1380013', '*******'],
    ['', ''],
  ])('%s → %s', (v, masked) => {
    expect(maskMobile(v)).toBe(masked);
  });
});
