import { describe, expect, it } from 'vitest';
import { classifyRow } from './row-classify.js';

const headers = ['序号', '姓名', '性别', '身份证号码', '联系电话'];

describe('classifyRow', () => {
  it('recognises blank rows', () => {
    expect(classifyRow([], headers)).toBe('blank');
    expect(classifyRow([null, ' ', '\t'], headers)).toBe('blank');
  });

  it('recognises total rows', () => {
    expect(classifyRow(['合计', null, null, null, 35], headers)).toBe('total');
    expect(classifyRow(['合 计'], headers)).toBe('total');
    expect(classifyRow(['合计：35人'], headers)).toBe('total');
    expect(classifyRow([null, '总计', '35人'], headers)).toBe('total');
    expect(classifyRow(['小计', 12], headers)).toBe('total');
    expect(classifyRow([3, '合计'], headers)).toBe('data');
  });

  it('recognises a header repeated at a page break', () => {
    expect(classifyRow(['序号', '姓名', '性别', '身份证号码', '联系电话'], headers)).toBe('repeatedHeader');
    expect(classifyRow(['序号', '姓 名', '性别'], headers)).toBe('repeatedHeader');
    expect(classifyRow(['姓名', '手机'], ['基本信息/姓名', '联系方式/手机'])).toBe('repeatedHeader');
    expect(classifyRow([1, '姓名', '男', '370302198503071234'], headers)).toBe('data');
  });

  it('recognises notes and signatures at the foot of the list', () => {
    expect(classifyRow(['注：身份证号码请以文本格式填写'], headers)).toBe('note');
    expect(classifyRow(['填表人：王某    审核人：李某'], headers)).toBe('note');
    expect(classifyRow(['制表日期：2024年5月10日'], headers)).toBe('note');
    expect(classifyRow(['以上人员均为淄川区律师行业新的社会阶层人士，经各律师事务所推荐、区律师协会审核后汇总上报，特此说明。'], headers)).toBe('note');
    expect(classifyRow([null, '注：见附件'], headers)).toBe('data');
  });

  it('leaves people as data', () => {
    expect(classifyRow([1, '李明', '男', '370302198503071234', '13805331234'], headers)).toBe('data');
    expect(classifyRow(['张三'], headers)).toBe('data');
  });
});
