/**
 * Synthetic department lists with ground truth, for the record-linkage engine's tests and
 * benchmark: about ten source units, each listing 20–60% of the district's people in its own
 * format and with its own errors, duplicates inside a list, and hard negatives (namesakes born on
 * the same day, twins). Seeded and deterministic; every row carries the index of its true person.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import * as OpenCC from 'opencc-js';
import type { RawRecord } from '../modules/consolidation/linkage/types.js';
import { writeXlsx } from '../platform/spreadsheets/write-xlsx.js';
import { zichuanDivisions } from './divisions.js';
import { pickGivenName } from './names.js';
import { generatePersons, type SynthPerson } from './persons.js';
import { deriveRng, type Rng, type Seed } from './random.js';
import { makeResidentId, MAX_FEMALE_SEQ, MAX_MALE_SEQ } from './resident-id.js';

export type DepartmentProfile = 'easy' | 'medium' | 'hard';

/** Rates per record (or per person for hard negatives), by profile. */
interface ProfileRates {
  /** Multiplier on each unit's missing-ID rate (medium: the units average 15%). */
  missingId: number;
  idTypo: number;
  idTransposition: number;
  /** Multiplier on each unit's Excel damage rate (truncation to 15 digits, scientific notation). */
  excel: number;
  legacy15: number;
  homophone: number;
  lookAlike: number;
  traditional: number;
  mobileChanged: number;
  mobileMissing: number;
  mobileTypo: number;
  employerAbbreviated: number;
  employerChanged: number;
  employerMissing: number;
  moved: number;
  townMissing: number;
  birthTypo: number;
  birthMissing: number;
  duplicate: number;
  twins: number;
  namesakes: number;
}

export const PROFILES: Record<DepartmentProfile, ProfileRates> = {
  easy: {
    missingId: 0.5, idTypo: 0.005, idTransposition: 0.003, excel: 0.5, legacy15: 0.005, homophone: 0.005, lookAlike: 0.003,
    traditional: 0.01, mobileChanged: 0.04, mobileMissing: 0.08, mobileTypo: 0.003, employerAbbreviated: 0.2,
    employerChanged: 0.03, employerMissing: 0.05, moved: 0.03, townMissing: 0.05, birthTypo: 0.003, birthMissing: 0.05,
    duplicate: 0.02, twins: 0.003, namesakes: 0.003,
  },
  medium: {
    missingId: 1, idTypo: 0.015, idTransposition: 0.007, excel: 1, legacy15: 0.01, homophone: 0.015, lookAlike: 0.007,
    traditional: 0.02, mobileChanged: 0.08, mobileMissing: 0.15, mobileTypo: 0.007, employerAbbreviated: 0.3,
    employerChanged: 0.06, employerMissing: 0.1, moved: 0.06, townMissing: 0.1, birthTypo: 0.007, birthMissing: 0.1,
    duplicate: 0.03, twins: 0.005, namesakes: 0.005,
  },
  hard: {
    missingId: 1.6, idTypo: 0.03, idTransposition: 0.015, excel: 2, legacy15: 0.02, homophone: 0.03, lookAlike: 0.015,
    traditional: 0.04, mobileChanged: 0.15, mobileMissing: 0.25, mobileTypo: 0.015, employerAbbreviated: 0.45,
    employerChanged: 0.12, employerMissing: 0.2, moved: 0.12, townMissing: 0.2, birthTypo: 0.015, birthMissing: 0.15,
    duplicate: 0.05, twins: 0.01, namesakes: 0.01,
  },
};

type DateStyle = 'iso' | 'slash' | 'dotMonth' | 'cnMonth' | 'cnDay' | 'compact' | 'serial';
type GenderStyle = 'cn' | 'digit' | 'none';

export interface SourceUnit {
  source: number;
  name: string;
  /** Share of all persons the list covers. */
  coverage: number;
  missingIdRate: number;
  /** Share of IDs Excel destroyed (15 significant digits then zeros; a few in scientific notation). */
  excelRate: number;
  dateStyle: DateStyle;
  genderStyle: GenderStyle;
  hasMobile: boolean;
  hasEmployer: boolean;
  hasTown: boolean;
}

const UNIT_SPECS: readonly (Omit<SourceUnit, 'source' | 'coverage'> & { coverage: [number, number] })[] = [
  { name: '区委组织部', coverage: [0.35, 0.5], missingIdRate: 0.05, excelRate: 0, dateStyle: 'iso', genderStyle: 'cn', hasMobile: true, hasEmployer: true, hasTown: true },
  { name: '区司法局', coverage: [0.2, 0.3], missingIdRate: 0.05, excelRate: 0.02, dateStyle: 'dotMonth', genderStyle: 'cn', hasMobile: true, hasEmployer: true, hasTown: true },
  { name: '区财政局', coverage: [0.2, 0.35], missingIdRate: 0.08, excelRate: 0.1, dateStyle: 'serial', genderStyle: 'cn', hasMobile: true, hasEmployer: true, hasTown: false },
  { name: '区税务局', coverage: [0.4, 0.6], missingIdRate: 0.1, excelRate: 0, dateStyle: 'compact', genderStyle: 'digit', hasMobile: true, hasEmployer: true, hasTown: true },
  { name: '区市场监督管理局', coverage: [0.45, 0.6], missingIdRate: 0.1, excelRate: 0.05, dateStyle: 'slash', genderStyle: 'cn', hasMobile: true, hasEmployer: true, hasTown: true },
  { name: '区交通运输局', coverage: [0.2, 0.3], missingIdRate: 0.12, excelRate: 0.15, dateStyle: 'cnMonth', genderStyle: 'cn', hasMobile: true, hasEmployer: true, hasTown: true },
  { name: '区商务局', coverage: [0.3, 0.45], missingIdRate: 0.15, excelRate: 0, dateStyle: 'cnDay', genderStyle: 'none', hasMobile: true, hasEmployer: true, hasTown: true },
  { name: '区邮政管理局', coverage: [0.2, 0.3], missingIdRate: 0.2, excelRate: 0.08, dateStyle: 'iso', genderStyle: 'cn', hasMobile: true, hasEmployer: true, hasTown: false },
  { name: '区民政局', coverage: [0.3, 0.5], missingIdRate: 0.25, excelRate: 0, dateStyle: 'dotMonth', genderStyle: 'cn', hasMobile: false, hasEmployer: true, hasTown: true },
  { name: '区人力资源和社会保障局', coverage: [0.35, 0.55], missingIdRate: 0.4, excelRate: 0, dateStyle: 'iso', genderStyle: 'digit', hasMobile: true, hasEmployer: true, hasTown: true },
];

// Same reading (tones aside) in pinyin-pro: what an officer typing by ear produces.
const HOMOPHONES: readonly string[] = [
  '伟玮炜', '静婧', '丽莉俐', '明铭', '华桦', '军君钧', '峰锋', '杰洁', '涛韬', '红宏虹鸿', '玲琳', '敏珉', '芳方',
  '燕艳雁', '辉晖', '斌彬', '娟鹃', '萍苹', '颖莹', '磊垒', '浩昊皓', '宇雨羽', '轩萱宣', '涵晗', '欣馨昕', '怡仪宜',
  '佳嘉', '雯文', '琪淇祺琦', '晴情', '瑶遥', '婷庭', '博波', '睿瑞锐', '凯恺', '宁凝', '帆凡', '航杭', '俊骏',
  '天添', '毅艺', '恒衡', '旭煦', '翔祥', '阳洋', '辰晨', '飞菲', '成程', '勇永', '刚钢', '建健', '梅玫', '霞侠', '彤桐',
];
// Look-alike characters (形近字): a misread handwritten form.
const LOOK_ALIKES: readonly string[] = ['王玉', '晴睛', '侯候', '杨扬', '琳淋', '徐涂', '汪注', '未末', '土士', '己已', '刚纲', '栋冻', '辉晖', '洁沽', '治冶', '娟捐'];

function variantTable(groups: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const g of groups) {
    const chars = [...g];
    for (const ch of chars) m.set(ch, (m.get(ch) ?? []).concat(chars.filter((x) => x !== ch)));
  }
  return m;
}
const HOMOPHONE_OF = variantTable(HOMOPHONES);
const LOOK_ALIKE_OF = variantTable(LOOK_ALIKES);

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });

export interface DepartmentLists {
  records: RawRecord[];
  /** True person index of every record (same order as records). */
  truth: Int32Array;
  /** Persons generated (some may appear in no list). */
  persons: number;
  units: SourceUnit[];
  /** Pairs of person indices that are hard negatives (twin or namesake of each other). */
  hardNegatives: { kind: 'twin' | 'namesake'; a: number; b: number }[];
}

export interface DepartmentListOptions {
  /** Approximate number of rows over all lists. */
  records: number;
  profile: DepartmentProfile;
}

interface Person {
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  residentId: string;
  mobile: string;
  /** The number the person changed to (some lists have the old one, some the new). */
  mobile2: string;
  employer: string | null;
  employer2: string | null;
  post: string;
  town: string;
  town2: string;
}

const TOWNS = zichuanDivisions().map((t) => ({ code: t.code, name: t.name }));
const townName = (code: string) => TOWNS.find((t) => t.code === code)?.name ?? TOWNS[0].name;

function randomMobile(r: Rng): string {
  return `1${r.pick(['3', '5', '8', '7', '9'])}${r.digits(9)}`;
}

/** A valid ID in the same region and birth date as `id`, the next free sequence number of the same sex. */
function siblingId(id: string, used: Set<string>): string | null {
  const order = Number(id.slice(14, 17));
  const male = order % 2 === 1;
  const seq = male ? (order - 1) / 2 : (order - 2) / 2;
  const max = male ? MAX_MALE_SEQ : MAX_FEMALE_SEQ;
  for (const d of [1, -1, 2, -2, 3, -3]) {
    const s = seq + d;
    if (s < 0 || s > max) continue;
    const cand = makeResidentId({ regionCode: id.slice(0, 6), birthDate: id.slice(6, 14), male, seq: s });
    if (!used.has(cand)) return cand;
  }
  return null;
}

function otherTown(r: Rng, name: string): string {
  let t = r.pick(TOWNS).name;
  while (t === name) t = r.pick(TOWNS).name;
  return t;
}

function basePerson(r: Rng, p: SynthPerson): Person {
  const town = townName(p.townCode);
  return {
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    residentId: p.residentId,
    mobile: p.mobile,
    mobile2: randomMobile(r),
    employer: p.employer,
    employer2: null,
    post: p.post,
    town,
    town2: otherTown(r, town),
  };
}

/** Builds the persons (with twins and namesakes appended), then the lists. */
export function generateDepartmentLists(seed: Seed, opts: DepartmentListOptions): DepartmentLists {
  const rates = PROFILES[opts.profile];
  const r = deriveRng(seed, 'departments', opts.profile);
  const units: SourceUnit[] = UNIT_SPECS.map((u, i) => ({
    ...u,
    source: i + 1,
    coverage: r.float(u.coverage[0], u.coverage[1]),
    missingIdRate: Math.min(0.9, u.missingIdRate * rates.missingId),
    excelRate: Math.min(0.9, u.excelRate * rates.excel),
  }));
  const rowsPerPerson = units.reduce((s, u) => s + u.coverage, 0) * (1 + rates.duplicate);
  const extraShare = rates.twins + rates.namesakes;
  const baseCount = Math.max(2, Math.round(opts.records / rowsPerPerson / (1 + extraShare)));

  const persons: Person[] = [];
  const used = new Set<string>();
  const employers: string[] = [];
  for (const p of generatePersons(seed, baseCount)) {
    persons.push(basePerson(r, p));
    used.add(p.residentId);
    if (p.employer) employers.push(p.employer);
  }
  for (const p of persons) {
    if (r.chance(0.5) || employers.length === 0) continue;
    p.employer2 = r.pick(employers);
  }

  const hardNegatives: DepartmentLists['hardNegatives'] = [];
  // Twins: same surname, birth date, region, address and a parent's mobile; IDs one sequence apart.
  const twinCount = Math.round(baseCount * rates.twins);
  for (let k = 0; k < twinCount; k++) {
    const a = r.int(0, baseCount - 1);
    const pa = persons[a];
    const id = siblingId(pa.residentId, used);
    if (!id) continue;
    used.add(id);
    const surname = pa.name.slice(0, 1);
    const year = Number(pa.birthDate.slice(0, 4));
    let given = pickGivenName(r, pa.gender, year);
    // Twins often share the first given character (浩宇 / 浩轩).
    const paGiven = pa.name.slice(1);
    if (paGiven.length === 2 && r.chance(0.6)) given = paGiven[0] + pickGivenName(r, pa.gender, year).slice(0, 1);
    if (surname + given === pa.name) given = given + '2';
    persons.push({ ...pa, name: surname + given, residentId: id, mobile2: randomMobile(r), employer: r.chance(0.5) ? pa.employer : r.pick(employers) });
    hardNegatives.push({ kind: 'twin', a, b: persons.length - 1 });
  }
  // Namesakes: same name and birth date, a different person (different ID, phone, work, town).
  const nsCount = Math.round(baseCount * rates.namesakes);
  for (let k = 0; k < nsCount; k++) {
    const a = r.int(0, baseCount - 1);
    const b = r.int(0, baseCount - 1);
    if (a === b) continue;
    const pa = persons[a];
    const pb = persons[b];
    const region = pb.residentId.slice(0, 6);
    let id: string | null = null;
    const male = pa.gender === 'male';
    for (let tries = 0; tries < 20 && id === null; tries++) {
      const cand = makeResidentId({ regionCode: region, birthDate: pa.birthDate, male, seq: r.int(0, male ? MAX_MALE_SEQ : MAX_FEMALE_SEQ) });
      if (!used.has(cand)) id = cand;
    }
    if (!id) continue;
    used.add(id);
    // Work and town of a third person, a phone of their own: nothing but name and birth date shared with a.
    persons.push({ ...pb, name: pa.name, gender: pa.gender, birthDate: pa.birthDate, residentId: id, mobile: randomMobile(r), mobile2: randomMobile(r) });
    hardNegatives.push({ kind: 'namesake', a, b: persons.length - 1 });
  }

  const records: RawRecord[] = [];
  const truth: number[] = [];
  for (const unit of units) {
    const ur = deriveRng(seed, 'departments', opts.profile, unit.source);
    const rows: number[] = [];
    for (let i = 0; i < persons.length; i++) {
      if (!ur.chance(unit.coverage)) continue;
      rows.push(i);
      if (ur.chance(rates.duplicate)) rows.push(i);
    }
    ur.shuffle(rows);
    for (const i of rows) {
      records.push(makeRow(ur, rates, unit, persons[i], records.length));
      truth.push(i);
    }
  }
  return { records, truth: Int32Array.from(truth), persons: persons.length, units, hardNegatives };
}

// ---------------------------------------------------------------------------------------------
// One row of one list: the person's values as this unit writes them, with errors

function replaceChar(r: Rng, name: string, table: Map<string, string[]>): string | null {
  const chars = [...name];
  const positions = chars.map((ch, i) => (i > 0 && table.has(ch) ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0) return null;
  const i = r.pick(positions);
  chars[i] = r.pick(table.get(chars[i])!);
  return chars.join('');
}

function typoDigit(r: Rng, id: string): string {
  const i = r.int(0, 17);
  const digits = '0123456789';
  let ch = r.pick([...digits]);
  while (ch === id[i]) ch = r.pick([...digits]);
  return id.slice(0, i) + ch + id.slice(i + 1);
}

function transpose(r: Rng, s: string): string {
  for (let tries = 0; tries < 10; tries++) {
    const i = r.int(0, s.length - 2);
    if (s[i] !== s[i + 1]) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  }
  return s;
}

/** How Excel shows an 18-digit number: 3.70302E+17 (General format, 6 significant digits). */
function scientific(id: string): string {
  const d = id.replace(/X$/, '0');
  const mantissa = `${d[0]}.${d.slice(1, 6)}`.replace(/0+$/, '').replace(/\.$/, '');
  return `${mantissa}E+17`;
}

function excelSerial(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return String(Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000));
}

function formatDate(style: DateStyle, iso: string): string {
  const [y, m, d] = iso.split('-');
  switch (style) {
    case 'iso':
      return iso;
    case 'slash':
      return `${y}/${Number(m)}/${Number(d)}`;
    case 'dotMonth':
      return `${y}.${m}`;
    case 'cnMonth':
      return `${y}年${Number(m)}月`;
    case 'cnDay':
      return `${y}年${Number(m)}月${Number(d)}日`;
    case 'compact':
      return `${y}${m}${d}`;
    case 'serial':
      return excelSerial(iso);
  }
}

function formatMobile(r: Rng, m: string): string {
  const x = r.next();
  if (x < 0.7) return m;
  if (x < 0.8) return `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`;
  if (x < 0.9) return `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`;
  // Full-width digits, as some input methods type them.
  return [...m].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
}

const PLACE_PREFIXES = ['山东省淄博市淄川区', '淄博市淄川区', '山东省淄博市', '淄博市', '淄川区', '山东', '淄博'];

/** The ways people shorten a registered name: place dropped, legal form dropped, 律所, 有限责任公司 for 有限公司. */
function abbreviateEmployer(r: Rng, name: string): string {
  let t = name;
  if (r.chance(0.5)) for (const p of PLACE_PREFIXES) if (t.startsWith(p) && t.length > p.length + 2) { t = t.slice(p.length); break; }
  const x = r.next();
  if (t.endsWith('律师事务所') && x < 0.6) return t.replace(/律师事务所$/, '律所');
  if (x < 0.4) t = t.replace(/(股份)?有限(责任)?公司$/, '');
  else if (x < 0.55) t = t.replace(/有限公司$/, '有限责任公司');
  else if (x < 0.7 && !t.startsWith('淄川')) t = `淄川${t}`;
  return t === '' ? name : t;
}

function makeRow(r: Rng, rates: ProfileRates, unit: SourceUnit, p: Person, key: number): RawRecord {
  // Name
  let name = p.name;
  if (r.chance(rates.homophone)) name = replaceChar(r, name, HOMOPHONE_OF) ?? name;
  if (r.chance(rates.lookAlike)) name = replaceChar(r, name, LOOK_ALIKE_OF) ?? name;
  if (r.chance(rates.traditional)) name = toTraditional(name);
  if (r.chance(0.01)) name = `${name.slice(0, 1)} ${name.slice(1)}`;

  // Resident ID
  let residentId: string | null = p.residentId;
  if (r.chance(unit.missingIdRate)) residentId = null;
  else if (r.chance(unit.excelRate)) residentId = r.chance(0.85) ? `${p.residentId.slice(0, 15)}000` : scientific(p.residentId);
  else if (r.chance(rates.idTypo)) residentId = typoDigit(r, p.residentId);
  else if (r.chance(rates.idTransposition)) residentId = transpose(r, p.residentId);
  // Legacy 15-digit IDs were issued only before 1999, so only people born in the 1900s have one.
  else if (p.birthDate < '1985' && r.chance(rates.legacy15)) residentId = p.residentId.slice(0, 6) + p.residentId.slice(8, 17);
  else if (r.chance(0.05)) residentId = residentId.toLowerCase();

  // Birth date and sex
  let birth: string | null = p.birthDate;
  if (r.chance(rates.birthMissing)) birth = null;
  else if (r.chance(rates.birthTypo)) {
    const compact = birth.replace(/-/g, '');
    const bad = r.chance(0.5) ? transpose(r, compact.slice(4)) : compact.slice(4, 7) + String((Number(compact[7]) + r.int(1, 8)) % 10);
    const candidate = `${compact.slice(0, 4)}-${bad.slice(0, 2)}-${bad.slice(2, 4)}`;
    // Keep only typos that still look like a date; the department's form would have refused others.
    if (/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d)$/.test(candidate)) birth = candidate;
  }
  const birthDate = birth === null ? null : formatDate(unit.dateStyle, birth);
  const gender = unit.genderStyle === 'none' ? null : unit.genderStyle === 'cn' ? (p.gender === 'male' ? '男' : '女') : p.gender === 'male' ? '1' : '2';

  // Mobile
  let mobile: string | null = null;
  if (unit.hasMobile && !r.chance(rates.mobileMissing)) {
    let m = r.chance(rates.mobileChanged) ? p.mobile2 : p.mobile;
    if (r.chance(rates.mobileTypo)) m = r.chance(0.5) ? transpose(r, m) : m.slice(0, 10) + String((Number(m[10]) + 1) % 10);
    mobile = formatMobile(r, m);
  }

  // Employer
  let employer: string | null = null;
  if (unit.hasEmployer && !r.chance(rates.employerMissing)) {
    employer = r.chance(rates.employerChanged) && p.employer2 ? p.employer2 : p.employer;
    if (employer && r.chance(rates.employerAbbreviated)) employer = abbreviateEmployer(r, employer);
    if (employer && r.chance(rates.traditional)) employer = toTraditional(employer);
  }

  // Town
  let town: string | null = null;
  if (unit.hasTown && !r.chance(rates.townMissing)) {
    town = r.chance(rates.moved) ? p.town2 : p.town;
    if (r.chance(0.35)) town = town.replace(/(街道|镇)$/, '');
  }

  return { key, source: unit.source, name, gender, birthDate, residentId, mobile, employer, town };
}

// ---------------------------------------------------------------------------------------------
// Files that look like real department lists

export const DEPARTMENT_LIST_HEADERS = ['序号', '姓名', '性别', '出生年月', '身份证号码', '联系电话', '工作单位及职务', '所在镇街'] as const;

/**
 * Writes one unit's rows as a department would send them: a title row, the usual headers,
 * employer and post in one column. `.csv` (UTF-8 with BOM, as Excel saves it) or `.xlsx`.
 */
export async function writeDepartmentList(path: string, unit: Pick<SourceUnit, 'name'>, rows: readonly RawRecord[], posts?: readonly (string | null)[]): Promise<void> {
  const cells = rows.map((row, i): (string | number | null)[] => [
    i + 1,
    row.name,
    row.gender ?? '',
    row.birthDate ?? '',
    row.residentId ?? '',
    row.mobile ?? '',
    [row.employer ?? '', posts?.[i] ?? ''].filter(Boolean).join(' '),
    row.town ?? '',
  ]);
  const title = `${unit.name}新的社会阶层人士名单`;
  if (path.endsWith('.csv')) {
    const esc = (v: string | number | null) => {
      const s = v === null ? '' : String(v);
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const out = createWriteStream(path);
    out.write(`\uFEFF${esc(title)}\r\n${DEPARTMENT_LIST_HEADERS.join(',')}\r\n`);
    for (const c of cells) out.write(`${c.map(esc).join(',')}\r\n`);
    out.end();
    await once(out, 'finish');
    return;
  }
  const out = createWriteStream(path);
  await writeXlsx(out, { sheetName: unit.name, title, columns: DEPARTMENT_LIST_HEADERS.map((header) => ({ header })) }, cells);
  if (!out.writableFinished) await once(out, 'finish');
}
