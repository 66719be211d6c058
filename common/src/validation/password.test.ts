import { describe, expect, it } from 'vitest';
import { passwordMeetsPolicy } from './password.js';

// Staff password policy (quality.md): at least 8 characters from 3 of the 4 classes
// (upper case, lower case, digits, symbols), at most 128 characters.
describe('passwordMeetsPolicy', () => {
  it.each([
    // [password, accepted, why]
    ['Tongxin@2026', true, 'all four classes'],
    ['Abcdefg1', true, 'exactly 8, upper + lower + digit'],
    ['abcdefg1!', true, 'lower + digit + symbol'],
    ['ABCDEFG1!', true, 'upper + digit + symbol'],
    ['Abcdefgh!', true, 'upper + lower + symbol'],
    ['同心Ab1同心同心', true, 'non-Latin letters count as symbols'],
    ['Aa1 aaaa', true, 'a space is a symbol'],
    ['Abcdef1', false, '7 characters is too short even with 3 classes'],
    ['', false, 'empty'],
    ['abcdefgh', false, 'lower case only'],
    ['abcdefgh12', false, 'two classes: lower + digit'],
    ['ABCDEFGH!!', false, 'two classes: upper + symbol'],
    ['12345678', false, 'digits only'],
    ['!@#$%^&*', false, 'symbols only'],
    ['Password', false, 'two classes: upper + lower'],
    [`Aa1${'x'.repeat(125)}`, true, '128 characters is the maximum'],
    [`Aa1${'x'.repeat(126)}`, false, '129 characters is too long'],
  ])('%j → %s (%s)', (password, accepted) => {
    expect(passwordMeetsPolicy(password)).toBe(accepted);
  });
});
