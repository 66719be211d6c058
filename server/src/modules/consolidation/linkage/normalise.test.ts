import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../../../../common/src/validation/resident-id.js';
import {
  normalise,
  normaliseBirthDate,
  normaliseEmployer,
  normaliseGender,
  normaliseMobile,
  normaliseName,
  normaliseResidentId,
  normaliseTown,
  oneEditCandidates,
} from './normalise.js';

const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
// 370302 淄川, 1985-03-07, sequence 123 (odd: male).
const ID = withCheck('37030219850307123');

describe('normaliseName', () => {
  it('folds traditional characters, width and spacing, and reads pinyin', () => {
    expect(normaliseName('張偉')).toEqual({ name: '张伟', surname: '张', pinyin: 'zhangwei' });
    expect(normaliseName(' 张　伟 ').name).toBe('张伟');
    expect(normaliseName('劉德華').name).toBe('刘德华');
  });
  it('gives homophones the same pinyin and look-alikes a different one', () => {
    expect(normaliseName('张玮').pinyin).toBe(normaliseName('张伟').pinyin);
    expect(normaliseName('李静').pinyin).toBe(normaliseName('李婧').pinyin);
    expect(normaliseName('王玉').pinyin).not.toBe(normaliseName('王王').pinyin);
  });
  it('reads surnames as surnames and knows compound surnames', () => {
    expect(normaliseName('单田芳').pinyin.startsWith('shan')).toBe(true);
    expect(normaliseName('曾志伟').pinyin.startsWith('zeng')).toBe(true);
    expect(normaliseName('欧阳娜娜').surname).toBe('欧阳');
    expect(normaliseName('欧阳').surname).toBe('欧');
  });
  it('drops name dots, which lists write in many ways', () => {
    expect(normaliseName('买买提·艾力').name).toBe('买买提艾力');
    expect(normaliseName('买买提.艾力').name).toBe('买买提艾力');
  });
});

describe('normaliseResidentId', () => {
  it('keeps a valid ID and upgrades a 15-digit one', () => {
    const r = normaliseResidentId(ID, null, null);
    expect(r).toMatchObject({ residentId: ID, repaired: false, residentId15: ID.slice(0, 15), county: '370302', birthDate: '1985-03-07', gender: '1' });
    const legacy = normaliseResidentId('370302850307123', null, null);
    expect(legacy.residentId).toBe(ID);
  });
  it('accepts lower-case x, full-width digits and the leading apostrophe', () => {
    const x = withCheck('37030219900101002');
    const idX = x.endsWith('X') ? x : null;
    if (idX) expect(normaliseResidentId(idX.toLowerCase(), null, null).residentId).toBe(idX);
    const fullWidth = [...ID].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
    expect(normaliseResidentId(fullWidth, null, null).residentId).toBe(ID);
    expect(normaliseResidentId(`'${ID}`, null, null).residentId).toBe(ID);
  });
  it('keeps the first 15 digits of an ID Excel truncated, but not as a valid ID', () => {
    const truncated = `${ID.slice(0, 15)}000`;
    const r = normaliseResidentId(truncated, null, null);
    expect(r.residentId15).toBe(ID.slice(0, 15));
    expect(r.county).toBe('370302');
    expect(r.birthDate).toBe('1985-03-07');
    expect(r.gender).toBeNull();
    if (residentIdCheckChar(truncated.slice(0, 17)) !== '0') expect(r.residentId).toBeNull();
  });
  it('keeps the region of an ID in scientific notation', () => {
    const r = normaliseResidentId('3.70302E+17', null, null);
    expect(r).toMatchObject({ residentId: null, county: '370302', residentId15: null });
  });
  it('repairs a one-digit typo only when the birth date and sex leave exactly one candidate', () => {
    // A typo in the sequence digits: the stated birth date and sex rule out most neighbours.
    const typo = ID.slice(0, 15) + (ID[15] === '9' ? '8' : '9') + ID.slice(16);
    const cands = oneEditCandidates(typo, '1985-03-07', '1');
    expect(cands).toContain(ID);
    const r = normaliseResidentId(typo, '1985-03-07', '1');
    if (cands.length === 1) expect(r).toMatchObject({ residentId: ID, repaired: true });
    else expect(r.residentId).toBeNull();
    // Without the record's own birth date and sex nothing is repaired: too many candidates.
    expect(normaliseResidentId(typo, null, null).residentId).toBeNull();
    expect(normaliseResidentId(typo, null, null).residentIdRaw).toBe(typo);
  });
  it('finds the original of a transposition among the candidates', () => {
    const swapped = ID.slice(0, 10) + ID[11] + ID[10] + ID.slice(12);
    if (swapped !== ID) expect(oneEditCandidates(swapped, null, null)).toContain(ID);
  });
  it('returns nothing for empty or non-ID text', () => {
    expect(normaliseResidentId('', null, null).residentId).toBeNull();
    expect(normaliseResidentId('无', null, null)).toMatchObject({ residentId: null, residentId15: null, county: null });
  });
});

describe('other fields', () => {
  it('reads sex as departments write it', () => {
    expect(normaliseGender('男')).toBe('1');
    expect(normaliseGender('女')).toBe('2');
    expect(normaliseGender('2')).toBe('2');
    expect(normaliseGender('F')).toBe('2');
    expect(normaliseGender('')).toBeNull();
    expect(normaliseGender('未知')).toBeNull();
  });
  it('reads birth dates in the forms departments use', () => {
    expect(normaliseBirthDate('1985-03-07')).toBe('1985-03-07');
    expect(normaliseBirthDate('1985/3/7')).toBe('1985-03-07');
    expect(normaliseBirthDate('19850307')).toBe('1985-03-07');
    expect(normaliseBirthDate('1985年3月7日')).toBe('1985-03-07');
    expect(normaliseBirthDate('1985年3月')).toBe('1985-03');
    expect(normaliseBirthDate('1985.03')).toBe('1985-03');
    expect(normaliseBirthDate('1985.10')).toBe('1985-10');
    // Excel serial 31113 = 1985-03-07.
    expect(normaliseBirthDate('31113')).toBe('1985-03-07');
    expect(normaliseBirthDate('1985')).toBeNull();
    expect(normaliseBirthDate('不详')).toBeNull();
  });
  it('canonicalises mobiles', () => {
    expect(normaliseMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(normaliseMobile('１３８００１３８０００')).toBe('13800138000');
    expect(normaliseMobile('0533-5181234')).toBeNull();
    expect(normaliseMobile(null)).toBeNull();
  });
  it('strips legal forms and place prefixes from employers and expands abbreviations', () => {
    expect(normaliseEmployer('淄川明德律所')).toBe('明德律师事务所');
    expect(normaliseEmployer('山东明德律师事务所')).toBe('明德律师事务所');
    expect(normaliseEmployer('淄博鑫源陶瓷有限公司')).toBe('鑫源陶瓷');
    expect(normaliseEmployer('淄博鑫源陶瓷有限责任公司')).toBe('鑫源陶瓷');
    expect(normaliseEmployer('淄博市淄川区鑫源陶瓷股份有限公司')).toBe('鑫源陶瓷');
    expect(normaliseEmployer('鑫源陶瓷')).toBe('鑫源陶瓷');
    expect(normaliseEmployer('淄博鑫源会计师事务所(普通合伙)')).toBe('鑫源会计师事务所');
    expect(normaliseEmployer('淄博鑫源陶瓷有限公司 总经理')).toBe('鑫源陶瓷');
    expect(normaliseEmployer('淄博鑫源陶瓷有限公司')).toBe(normaliseEmployer('淄博鑫源陶瓷有限公司'));
    expect(normaliseEmployer('')).toBeNull();
  });
  it('compares towns with or without 镇/街道', () => {
    expect(normaliseTown('洪山镇')).toBe('洪山');
    expect(normaliseTown('洪山')).toBe('洪山');
    expect(normaliseTown('般阳路街道')).toBe('般阳路');
    expect(normaliseTown('淄川区般阳路街道办事处')).toBe('般阳路');
    expect(normaliseTown(null)).toBeNull();
  });
});

describe('normalise', () => {
  it('fills birth date and sex from a valid ID when the list has none', () => {
    const r = normalise({ key: 1, source: 2, name: '張偉', residentId: ID, mobile: '13800138000', employer: '淄川明德律所', town: '洪山镇' });
    expect(r).toMatchObject({
      key: 1,
      source: 2,
      name: '张伟',
      surname: '张',
      pinyin: 'zhangwei',
      gender: '1',
      birthDate: '1985-03-07',
      residentId: ID,
      residentIdRepaired: false,
      county: '370302',
      mobile: '13800138000',
      employer: '明德律师事务所',
      town: '洪山',
    });
  });
  it('keeps the stated birth date over the ID’s', () => {
    const r = normalise({ key: 1, source: 1, name: '张伟', birthDate: '1985.03', residentId: ID });
    expect(r.birthDate).toBe('1985-03');
  });
});
