import { describe, expect, it } from 'vitest';
import { bigramDice, birthLevel, closeMobile, FIELDS, levelOf, nameLevel, oneEditSameLength, PATTERN_COUNT, similarEmployer, withinOneEdit } from './compare.js';
import { normaliseEmployer, normaliseName } from './normalise.js';

const level = (field: string, code: string) => FIELDS.find((f) => f.name === field)!.levels.indexOf(code);

function names(a: string, b: string): string {
  const x = normaliseName(a);
  const y = normaliseName(b);
  // Pinyin ids: equal strings get equal ids, as the engine's interning does.
  const ids = new Map<string, number>();
  const id = (p: string) => ids.get(p) ?? (ids.set(p, ids.size), ids.size - 1);
  return FIELDS[0].levels[nameLevel(x.name, y.name, id(x.pinyin), id(y.pinyin))];
}

describe('name comparator', () => {
  it('grades real name variants', () => {
    expect(names('张伟', '張偉')).toBe('exact');
    expect(names('张伟', '张玮')).toBe('pinyin'); // homophone typed by ear
    expect(names('刘静', '刘婧')).toBe('pinyin');
    expect(names('侯建国', '候建国')).toBe('pinyin'); // look-alike 侯/候, and a homophone too
    expect(names('徐建国', '涂建国')).toBe('close'); // look-alike 徐/涂, read differently
    expect(names('王玉兰', '王王兰')).toBe('close');
    expect(names('张浩宇', '张浩轩')).toBe('close'); // twins look like this too
    expect(names('欧阳娜', '欧阳娜娜')).toBe('close'); // one character dropped
    expect(names('张伟', '李伟')).toBe('close');
    expect(names('周宁', '周腾一')).toBe('differ');
    expect(names('', '张伟')).toBe('null');
  });
});

describe('birth date comparator', () => {
  it('grades exact, month-only, typo, swapped and different dates', () => {
    expect(birthLevel(19850307, 19850307)).toBe(level('birthDate', 'exact'));
    expect(birthLevel(19850300, 19850307)).toBe(level('birthDate', 'month'));
    expect(birthLevel(19850300, 19850300)).toBe(level('birthDate', 'month'));
    expect(birthLevel(19850300, 19850400)).toBe(level('birthDate', 'differ'));
    expect(birthLevel(19850307, 19850308)).toBe(level('birthDate', 'close'));
    expect(birthLevel(19850307, 19850370 - 0)).toBe(level('birthDate', 'close'));
    expect(birthLevel(19850307, 19850703)).toBe(level('birthDate', 'close')); // day and month swapped
    expect(birthLevel(19850307, 19861112)).toBe(level('birthDate', 'differ'));
    expect(birthLevel(0, 19850307)).toBe(0);
  });
});

describe('edit-distance helpers', () => {
  it('accepts one substitution or an adjacent swap, not more', () => {
    expect(oneEditSameLength('370302198503071234', '370302198503071294')).toBe(true);
    expect(oneEditSameLength('370302198503071234', '370302198530071234')).toBe(true);
    expect(oneEditSameLength('370302198503071234', '370302198503071243')).toBe(true);
    expect(oneEditSameLength('370302198503071234', '370302198503079934')).toBe(false);
    expect(withinOneEdit('欧阳娜娜', '欧阳娜')).toBe(true);
    expect(withinOneEdit('张三', '李四')).toBe(false);
  });
  it('recognises a mistyped mobile', () => {
    expect(closeMobile(13800138000, 13800138001)).toBe(true);
    expect(closeMobile(13800138000, 13800183000)).toBe(true);
    expect(closeMobile(13800138000, 13912345678)).toBe(false);
  });
  it('finds shortened employer names similar', () => {
    expect(bigramDice('鑫源陶瓷', '鑫源陶瓷')).toBe(1);
    expect(similarEmployer(normaliseEmployer('淄博鑫源陶瓷有限公司')!, normaliseEmployer('鑫源陶瓷厂')!)).toBe(true);
    expect(similarEmployer(normaliseEmployer('山东明德律师事务所淄川分所')!, normaliseEmployer('明德律所')!)).toBe(true);
    expect(similarEmployer('鑫源陶瓷', '华泰物流')).toBe(false);
  });
});

describe('patterns', () => {
  it('packs every field into one integer', () => {
    expect(PATTERN_COUNT).toBeLessThanOrEqual(1 << 20);
    let p = 0;
    FIELDS.forEach((f, i) => (p |= (f.levels.length - 1) << f.shift) && i);
    FIELDS.forEach((f, i) => expect(levelOf(p, i)).toBe(f.levels.length - 1));
  });
});
