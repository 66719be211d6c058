import { PERSON_IMPORT_FIELDS } from '../dictionaries/person-fields.js';
import { interpolate, type Locale } from './locale.js';

// What each import problem (a row flag: field + code) means, in both languages: one wording for the
// wizard, the person's source records and the error file the server writes.

const zhCN: Record<string, string> = {
  'residentId.checksum': '身份证号码校验位不对',
  'residentId.format': '身份证号码格式不对',
  'residentId.scientific': '身份证号码被 Excel 变成了科学计数法',
  'residentId.truncated': '身份证号码末几位被 Excel 改成了 0',
  'residentId.birthDate': '身份证号码中的出生日期不存在',
  'residentId.duplicateInFile': '身份证号码在本文件中重复',
  'birthDate.invalid': '出生日期无法识别',
  'birthDate.mismatchWithId': '出生日期与身份证号码不一致',
  'gender.invalid': '性别无法识别',
  'gender.mismatchWithId': '性别与身份证号码不一致',
  'mobile.invalid': '手机号码不对',
  'employerUscc.invalid': '统一社会信用代码不对',
  'workTown.unknown': '工作所在镇（街道）不在本区',
  'workCommunity.unknown': '工作所在社区（村）找不到',
  'residenceTown.unknown': '居住镇（街道）不在本区',
  'residenceCommunity.unknown': '居住社区（村）找不到',
  'ethnicity.unknown': '民族无法识别',
  'political.unknown': '政治面貌无法识别',
  'education.unknown': '学历无法识别',
  'degree.unknown': '学位无法识别',
  'group.unknown': '所属群体无法识别',
  'subGroup.unknown': '细分群体无法识别',
  'name.missing': '缺少姓名，此行不导入',
};

const enUS: Record<string, string> = {
  'residentId.checksum': 'Resident ID check digit wrong',
  'residentId.format': 'Resident ID malformed',
  'residentId.scientific': 'Resident ID turned into scientific notation by Excel',
  'residentId.truncated': 'Resident ID\'s last digits turned into 0 by Excel',
  'residentId.birthDate': 'Birth date inside the resident ID does not exist',
  'residentId.duplicateInFile': 'Resident ID repeated in this file',
  'birthDate.invalid': 'Birth date not recognised',
  'birthDate.mismatchWithId': 'Birth date differs from the resident ID',
  'gender.invalid': 'Gender not recognised',
  'gender.mismatchWithId': 'Gender differs from the resident ID',
  'mobile.invalid': 'Mobile number invalid',
  'employerUscc.invalid': 'Unified social credit code invalid',
  'workTown.unknown': 'Work town not in this district',
  'workCommunity.unknown': 'Work community not found',
  'residenceTown.unknown': 'Residence town not in this district',
  'residenceCommunity.unknown': 'Residence community not found',
  'ethnicity.unknown': 'Ethnicity not recognised',
  'political.unknown': 'Political affiliation not recognised',
  'education.unknown': 'Education not recognised',
  'degree.unknown': 'Degree not recognised',
  'group.unknown': 'Group not recognised',
  'subGroup.unknown': 'Sub-group not recognised',
  'name.missing': 'No name; row not imported',
};

const GENERIC = {
  'zh-CN': { unknown: '{field}无法识别', fallback: '{field}：{code}' },
  'en-US': { unknown: '{field} not recognised', fallback: '{field}: {code}' },
} as const;

/** The person field's name (the code itself for a field the list lacks). */
export function importFieldLabel(locale: Locale, field: string): string {
  const f = PERSON_IMPORT_FIELDS.find((x) => x.field === field);
  return f ? (locale === 'en-US' ? f.en : f.zh) : field;
}

/** "residentId" + "checksum" → 身份证号码校验位不对; an unknown code still reads as "<field>: <code>". */
export function importFlagText(locale: Locale, field: string, code: string): string {
  const known = (locale === 'en-US' ? enUS : zhCN)[`${field}.${code}`];
  if (known) return known;
  const generic = GENERIC[locale];
  return interpolate(code === 'unknown' ? generic.unknown : generic.fallback, { field: importFieldLabel(locale, field), code });
}
