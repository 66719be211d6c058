import { describe, expect, it } from 'vitest';
import { type Dictionary, dictLabel, matchDictionary } from './dictionary.js';
import {
  DEGREE,
  EDUCATION,
  EMPLOYER_KINDS,
  ETHNICITY,
  GENDER,
  INDUSTRIES,
  PERSON_DICTIONARIES,
  PERSON_GROUPS,
  PERSON_STATUS,
  PERSON_SUB_GROUPS,
  POLITICAL,
  REP_LEVELS,
  groupOfSubGroup,
} from './person-dictionaries.js';

describe('matchDictionary', () => {
  it.each([
    // [dictionary, what a department wrote, code]
    [POLITICAL, '党员', '01'],
    [POLITICAL, '中共党员', '01'],
    [POLITICAL, '中国共产党党员', '01'],
    [POLITICAL, '预备党员', '02'],
    [POLITICAL, '团员', '03'],
    [POLITICAL, '民盟', '05'],
    [POLITICAL, '农工', '08'],
    [POLITICAL, '九三', '10'],
    [POLITICAL, '无党派民主人士', '12'],
    [POLITICAL, '普通群众', '13'],
    [POLITICAL, '无', '13'],
    [POLITICAL, 'CPC member', '01'],
    [POLITICAL, 'cpc  MEMBER', '01'],
    [POLITICAL, 'Jiusan Society member', '10'],
    [POLITICAL, '01', '01'],
    [POLITICAL, 1, '01'], // Excel turned the code '01' into the number 1
    [POLITICAL, '13', '13'],
    [ETHNICITY, '汉', '01'],
    [ETHNICITY, '汉族', '01'],
    [ETHNICITY, ' 汉 族 ', '01'],
    [ETHNICITY, '回', '03'],
    [ETHNICITY, '蒙古', '02'],
    [ETHNICITY, '土家', '15'],
    [ETHNICITY, '土', '30'],
    [ETHNICITY, 'Han', '01'],
    [ETHNICITY, 'uyghur', '05'],
    [ETHNICITY, 'Korean', '10'],
    [ETHNICITY, 'Manchu', '11'],
    [ETHNICITY, '基诺族', '56'],
    [ETHNICITY, '外国血统中国籍人士', '98'],
    [ETHNICITY, '１０', '10'], // full-width code
    [EDUCATION, '本科', '21'],
    [EDUCATION, '大学本科', '21'],
    [EDUCATION, '博士', '11'],
    [EDUCATION, '研究生', '14'],
    [EDUCATION, '大专', '31'],
    [EDUCATION, '中专', '41'],
    [EDUCATION, '职高', '44'],
    [EDUCATION, '高中', '61'],
    [EDUCATION, "Bachelor's", '21'],
    [DEGREE, '博士', '2'],
    [DEGREE, '学士学位', '4'],
    [DEGREE, '无学位', '9'],
    [GENDER, '男', '1'],
    [GENDER, '女性', '2'],
    [GENDER, 'm', '1'],
    [GENDER, 'F', '2'],
    [GENDER, 'female', '2'],
    [GENDER, 2, '2'],
    [PERSON_GROUPS, '自由职业', 'freelance'],
    [PERSON_GROUPS, '新媒体', 'new_media'],
    [PERSON_GROUPS, '社会组织', 'intermediary'],
    [PERSON_GROUPS, 'Freelancers', 'freelance'],
    [PERSON_SUB_GROUPS, '律师', 'intermediary.lawyer'],
    [PERSON_SUB_GROUPS, '注册会计师', 'intermediary.accountant'],
    [PERSON_SUB_GROUPS, '快递小哥', 'new_employment.courier'],
    [PERSON_SUB_GROUPS, '外卖', 'new_employment.rider'],
    [PERSON_SUB_GROUPS, '主播', 'new_media.streamer'],
    [PERSON_SUB_GROUPS, 'Lawyer', 'intermediary.lawyer'],
    [PERSON_SUB_GROUPS, 'intermediary.lawyer', 'intermediary.lawyer'],
    [EMPLOYER_KINDS, '外企', 'foreign'],
    [INDUSTRIES, '制造业', 'C'],
    [INDUSTRIES, '农林牧渔业', 'A'],
    [INDUSTRIES, '信息传输、软件和信息技术服务业', 'I'],
    [INDUSTRIES, 'c', 'C'],
    [INDUSTRIES, 'Manufacturing', 'C'],
    [PERSON_STATUS, '已故', 'deceased'],
    [REP_LEVELS, '后备', 'reserve'],
  ])('%#: %j', (dict: Dictionary, raw: unknown, code: string) => {
    expect(matchDictionary(dict, raw)).toBe(code);
  });

  it.each([
    [POLITICAL, '共产主义者'],
    [POLITICAL, ''],
    [POLITICAL, '   '],
    [POLITICAL, null],
    [POLITICAL, undefined],
    [POLITICAL, 14],
    [POLITICAL, { code: '01' }],
    [ETHNICITY, '火星族'],
    [ETHNICITY, '57'],
    [EDUCATION, '幼儿园'],
    [EDUCATION, 1], // no '01' in GB/T 4658
    [GENDER, '未知'],
    [PERSON_SUB_GROUPS, '程序员'],
    [INDUSTRIES, 'Z'],
  ])('%#: %j → null', (dict: Dictionary, raw: unknown) => {
    expect(matchDictionary(dict, raw)).toBeNull();
  });
});

describe('dictLabel', () => {
  it.each([
    [POLITICAL, '01', 'zh-CN', '中共党员'],
    [POLITICAL, '01', 'en-US', 'CPC member'],
    [ETHNICITY, '04', 'en-US', 'Tibetan'],
    [PERSON_SUB_GROUPS, 'new_employment.courier', 'zh-CN', '快递员'],
    [INDUSTRIES, 'T', 'zh-CN', '国际组织'],
    [POLITICAL, 'xx', 'zh-CN', 'xx'],
    [POLITICAL, null, 'zh-CN', ''],
    [POLITICAL, undefined, 'en-US', ''],
    [POLITICAL, '', 'en-US', ''],
  ] as const)('%#: %j', (dict, code, locale, label) => {
    expect(dictLabel(dict, code, locale)).toBe(label);
  });
});

describe('person dictionaries', () => {
  const all = Object.entries(PERSON_DICTIONARIES);

  it.each(all)('%s: codes unique, every entry named in both languages', (_, dict) => {
    const codes = dict.entries.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of dict.entries) {
      expect(e.zh.trim()).not.toBe('');
      expect(e.en.trim()).not.toBe('');
    }
  });

  it.each(all)('%s: no name or variant leads to two different entries', (_, dict) => {
    const seen = new Map<string, string>();
    for (const e of dict.entries) {
      for (const text of [e.code, e.zh, e.en, ...(e.variants ?? [])]) {
        const key = text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
        const other = seen.get(key);
        if (other !== undefined && other !== e.code) throw new Error(`${text}: ${other} and ${e.code}`);
        seen.set(key, e.code);
        // And the matcher agrees.
        expect(matchDictionary(dict, text)).toBe(e.code);
      }
    }
  });

  it('dictionary ids are the keys of PERSON_DICTIONARIES', () => {
    for (const [id, dict] of all) expect(dict.id).toBe(id);
  });

  it('has all 56 ethnic groups with GB/T 3304 codes, plus 97 and 98', () => {
    const codes = ETHNICITY.entries.map((e) => e.code);
    const expected = [...Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')), '97', '98'];
    expect(codes).toEqual(expected);
    for (const e of ETHNICITY.entries.slice(0, 56)) expect(e.zh.endsWith('族')).toBe(true);
    expect(dictLabel(ETHNICITY, '56', 'zh-CN')).toBe('基诺族');
  });

  it('has the 20 GB/T 4754-2017 sections A–T', () => {
    expect(INDUSTRIES.entries.map((e) => e.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
  });

  it('has the 13 GB/T 4762 political affiliations', () => {
    expect(POLITICAL.entries.map((e) => e.code)).toEqual(
      Array.from({ length: 13 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
  });

  it('every sub-group belongs to an existing group', () => {
    const groups = new Set(PERSON_GROUPS.entries.map((e) => e.code));
    for (const e of PERSON_SUB_GROUPS.entries) expect(groups.has(groupOfSubGroup(e.code))).toBe(true);
  });
});

describe('groupOfSubGroup', () => {
  it.each([
    ['intermediary.lawyer', 'intermediary'],
    ['new_employment.courier', 'new_employment'],
    ['freelance', 'freelance'],
  ])('%s → %s', (code, group) => {
    expect(groupOfSubGroup(code)).toBe(group);
  });
});
