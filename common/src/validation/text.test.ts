import { describe, expect, it } from 'vitest';
import { isBlank, normalizePersonName, normalizeText } from './text.js';

describe('normalizeText', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['  张三  ', '张三'],
    ['淄川区\u3000般阳路街道', '淄川区 般阳路街道'],
    ['a\u00A0\u00A0b', 'a b'],
    ['line1\r\nline2\tend', 'line1 line2 end'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['（有限公司）', '(有限公司)'],
    ['张\u200B三', '张三'],
    ['\uFEFF13800138000', '13800138000'],
    [12345, '12345'],
    [true, 'true'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeText(raw)).toBe(expected);
  });
});

describe('normalizePersonName', () => {
  it.each([
    ['张 三', '张三'],
    ['张  三 丰', '张三丰'],
    ['\u3000王\u3000小\u3000明\u3000', '王小明'],
    ['买买提·艾力', '买买提·艾力'],
    ['买买提.艾力', '买买提·艾力'],
    ['买买提．艾力', '买买提·艾力'], // full-width full stop
    ['买买提•艾力', '买买提·艾力'],
    ['买买提・艾力', '买买提·艾力'],
    ['买买提･艾力', '买买提·艾力'], // half-width katakana dot
    ['买买提‧艾力', '买买提·艾力'],
    ['买买提 · 艾力', '买买提·艾力'],
    ['阿依古丽。吐尔逊', '阿依古丽·吐尔逊'],
    ['John Smith', 'John Smith'],
    ['John  Smith', 'John Smith'],
    ['J.R. Smith', 'J.R. Smith'],
    ['Ｊｏｈｎ Ｓｍｉｔｈ', 'John Smith'],
    ['张 John', '张 John'],
    ['', ''],
    [null, ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizePersonName(raw)).toBe(expected);
  });
});

describe('isBlank', () => {
  it.each([
    [null, true],
    [undefined, true],
    ['', true],
    ['   ', true],
    ['\u3000\u00A0\r\n', true],
    ['\u200B', true],
    ['无', false],
    [0, false],
    ['-', false],
  ])('%j → %s', (raw, expected) => {
    expect(isBlank(raw)).toBe(expected);
  });
});
