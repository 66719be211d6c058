// The person fields a department spreadsheet can fill, with the header names departments actually
// use for them. The import's column mapping, its template and the wizard's field picker all read
// this one list. Plain data (no zod) so the web app can use it anywhere.

export const PERSON_IMPORT_FIELDS = [
  { field: 'name', zh: '姓名', en: 'Name', synonyms: ['姓名', '名字', '人员姓名', '人士姓名', '姓 名', 'name', 'fullname'] },
  { field: 'formerNames', zh: '曾用名', en: 'Former names', synonyms: ['曾用名', '别名', '笔名', '艺名'] },
  { field: 'gender', zh: '性别', en: 'Gender', synonyms: ['性别', 'gender', 'sex'] },
  { field: 'ethnicity', zh: '民族', en: 'Ethnicity', synonyms: ['民族', 'ethnicity'] },
  { field: 'birthDate', zh: '出生年月', en: 'Birth date', synonyms: ['出生年月', '出生日期', '出生年月日', '生日', 'birthdate', 'dateofbirth'] },
  { field: 'residentId', zh: '身份证号码', en: 'Resident ID', synonyms: ['身份证号码', '身份证号', '公民身份号码', '身份证', '证件号码', '身份证件号码', 'idnumber', 'residentid'] },
  { field: 'mobile', zh: '手机号码', en: 'Mobile', synonyms: ['手机号码', '手机', '手机号', '联系电话', '联系方式', '电话', '移动电话', 'mobile', 'phone'] },
  { field: 'political', zh: '政治面貌', en: 'Political affiliation', synonyms: ['政治面貌', '党派', '政治面目', 'political'] },
  { field: 'partyJoinDate', zh: '入党（派）时间', en: 'Party join date', synonyms: ['入党时间', '入党派时间', '入党(派)时间', '加入党派时间'] },
  { field: 'education', zh: '学历', en: 'Education', synonyms: ['学历', '文化程度', '最高学历', 'education'] },
  { field: 'degree', zh: '学位', en: 'Degree', synonyms: ['学位', '最高学位', 'degree'] },
  { field: 'school', zh: '毕业院校', en: 'School', synonyms: ['毕业院校', '毕业学校', '院校'] },
  { field: 'major', zh: '专业', en: 'Major', synonyms: ['专业', '所学专业'] },
  { field: 'employerAndPost', zh: '工作单位及职务', en: 'Employer and post', synonyms: ['工作单位及职务', '单位及职务', '工作单位及职务(职称)', '工作单位和职务'] },
  { field: 'employer', zh: '工作单位', en: 'Employer', synonyms: ['工作单位', '单位', '单位名称', '所在单位', '企业名称', '所在企业', '执业机构', '律师事务所', 'employer', 'company'] },
  { field: 'employerUscc', zh: '统一社会信用代码', en: 'Unified social credit code', synonyms: ['统一社会信用代码', '信用代码', '社会信用代码'] },
  { field: 'post', zh: '职务', en: 'Post', synonyms: ['职务', '现任职务', '岗位', '职位', 'post', 'position'] },
  { field: 'title', zh: '职称', en: 'Professional title', synonyms: ['职称', '专业技术职称', '技术职称'] },
  { field: 'qualification', zh: '职业资格', en: 'Qualification', synonyms: ['职业资格', '执业资格', '执业证号', '资格证书'] },
  { field: 'group', zh: '所属群体', en: 'Group', synonyms: ['所属群体', '群体', '人士类别', '类别', '群体类别', '所属类别'] },
  { field: 'subGroup', zh: '细分群体', en: 'Sub-group', synonyms: ['细分群体', '行业', '所属行业', '从业类别', '职业'] },
  { field: 'workTown', zh: '工作所在镇（街道）', en: 'Work town', synonyms: ['所在镇街', '镇街', '镇(街道)', '所属镇街', '工作所在镇街', '镇办', '乡镇街道', '乡镇(街道)'] },
  { field: 'workCommunity', zh: '工作所在社区（村）', en: 'Work community', synonyms: ['所在社区', '社区', '村(社区)', '社区(村)', '所属社区'] },
  { field: 'residenceTown', zh: '居住镇（街道）', en: 'Residence town', synonyms: ['居住镇街', '居住地镇街', '户籍所在镇街'] },
  { field: 'residenceCommunity', zh: '居住社区（村）', en: 'Residence community', synonyms: ['居住社区', '居住地社区'] },
  { field: 'tags', zh: '标签', en: 'Tags', synonyms: ['标签'] },
  { field: 'notes', zh: '备注', en: 'Notes', synonyms: ['备注', '说明', 'notes', 'remark'] },
] as const;

export type PersonImportField = (typeof PERSON_IMPORT_FIELDS)[number]['field'];

export const PERSON_IMPORT_FIELD_CODES = PERSON_IMPORT_FIELDS.map((f) => f.field) as PersonImportField[];

export function isPersonImportField(value: string): value is PersonImportField {
  return (PERSON_IMPORT_FIELD_CODES as string[]).includes(value);
}
