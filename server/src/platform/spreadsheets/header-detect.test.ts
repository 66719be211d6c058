import { describe, expect, it } from 'vitest';
import { detectHeader, mapColumns, normalizeHeader } from './header-detect.js';
import type { CellValue, SheetData } from './read-workbook.js';
import { SYNONYMS } from './test-fixtures.js';

const sheet = (rows: CellValue[][]): SheetData => ({ name: 'S', rows, rowNumbers: rows.map((_, i) => i + 1) });

describe('normalizeHeader', () => {
  it('removes decoration that varies between departments', () => {
    expect(normalizeHeader(' 姓  名 ')).toBe('姓名');
    expect(normalizeHeader('*身份证号码')).toBe('身份证号码');
    expect(normalizeHeader('※联系电话＊')).toBe('联系电话');
    expect(normalizeHeader('联系电话（手机）：')).toBe('联系电话(手机)');
    expect(normalizeHeader('备注【必填】:')).toBe('备注(必填)');
    expect(normalizeHeader('Ｎａｍｅ　')).toBe('name');
    expect(normalizeHeader('姓\n名')).toBe('姓名');
    expect(normalizeHeader(null)).toBe('');
    expect(normalizeHeader(12)).toBe('12');
  });
});

describe('detectHeader', () => {
  it('skips title and 填报单位 lines and finds the header', () => {
    const s = sheet([
      ['淄川区律师行业新的社会阶层人士名单'],
      ['填报单位：淄川区律师协会  联系电话：5181234', null, null, null, '填报日期：2024年5月10日'],
      [],
      ['序号', '姓 名', '性别', '*身份证号码', '联系电话（手机）'],
      [1, '李明', '男', '370302198503071234', '13805331234'],
    ]);
    const guess = detectHeader(s, SYNONYMS)!;
    expect(guess).toEqual({ rowIndex: 3, headers: ['序号', '姓名', '性别', '身份证号码', '联系电话(手机)'], score: 5, dataStartIndex: 4 });
  });

  it('needs two matching cells within the scanned rows', () => {
    expect(detectHeader(sheet([['姓名', '爱好'], ['张三', '读书']]), SYNONYMS)).toBeNull();
    const late = sheet([...Array.from({ length: 5 }, () => ['说明']), ['姓名', '性别']]);
    expect(detectHeader(late, SYNONYMS, { scanRows: 5 })).toBeNull();
    expect(detectHeader(late, SYNONYMS)?.rowIndex).toBe(5);
  });

  it('prefers the earlier row on a tie', () => {
    const s = sheet([['姓名', '性别'], ['姓名', '性别'], ['张三', '男']]);
    expect(detectHeader(s, SYNONYMS)?.rowIndex).toBe(0);
  });

  it('combines a group row above the detailed header (the detailed row scores higher)', () => {
    const s = sheet([
      ['序号', '基本信息', null, null, '联系方式'],
      [null, '姓名', '性别', '出生年月', '手机', '办公电话'],
      [1, '张三', '男', '1985.03', '13800000000', '0533-5181234'],
    ]);
    const guess = detectHeader(s, SYNONYMS)!;
    expect(guess.rowIndex).toBe(0);
    expect(guess.dataStartIndex).toBe(2);
    expect(guess.headers).toEqual(['序号', '基本信息/姓名', '基本信息/性别', '基本信息/出生年月', '联系方式/手机', '联系方式/办公电话']);
  });

  it('combines a child row below the chosen header (联系方式 over 手机 | 办公电话)', () => {
    const s = sheet([
      ['姓名', '性别', '联系方式'],
      [null, null, '手机', '办公电话'],
      ['张三', '男', '13800000000', '0533-5181234'],
    ]);
    const guess = detectHeader(s, SYNONYMS)!;
    expect(guess).toMatchObject({ rowIndex: 0, dataStartIndex: 2, headers: ['姓名', '性别', '联系方式/手机', '联系方式/办公电话'] });
  });

  it('does not take the first data row for a second header row, even in an all-text CSV', () => {
    const s = sheet([
      ['序号', '姓名', '工作单位', '联系电话'],
      ['1', '张三', '淄川区某单位', '13800000000'],
    ]);
    expect(detectHeader(s, SYNONYMS)).toMatchObject({ rowIndex: 0, dataStartIndex: 1 });
  });
});

describe('mapColumns', () => {
  it('maps exact, contained and unknown headers', () => {
    const map = mapColumns(['姓名', '身份证号码', '联系电话(手机)', '爱好', ''], SYNONYMS);
    expect(map).toEqual([
      { column: 0, header: '姓名', field: 'name', confidence: 'exact' },
      { column: 1, header: '身份证号码', field: 'residentId', confidence: 'exact' },
      { column: 2, header: '联系电话(手机)', field: 'mobile', confidence: 'synonym' },
      { column: 3, header: '爱好', field: null, confidence: 'none' },
      { column: 4, header: '', field: null, confidence: 'none' },
    ]);
  });

  it('gives a field to one column only: exact beats contained, longer beats shorter', () => {
    const map = mapColumns(['手机号码(本人)', '手机号码', '身份证号', '公民身份号码'], SYNONYMS);
    expect(map.map((m) => m.field)).toEqual([null, 'mobile', null, 'residentId']);
  });

  it('matches a two-row header on its child part, and on the group label only as fuzzy', () => {
    const map = mapColumns(['基本信息/姓名', '联系方式/手机', '工作单位/名称'], SYNONYMS);
    expect(map.map((m) => [m.field, m.confidence])).toEqual([
      ['name', 'exact'],
      ['mobile', 'exact'],
      ['employer', 'fuzzy'],
    ]);
  });
});
