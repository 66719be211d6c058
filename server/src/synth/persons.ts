/**
 * Synthetic people of the new social strata (新阶层人士) and new employment groups for the demo
 * district and the benchmarks. A generator, so a million records stream in constant memory apart
 * from small per-employer and per-ID-bucket tables.
 */
import { countyAreas, zichuanDivisions, ZIBO_COUNTY_CODES, ZICHUAN_CODE, type Town } from './divisions.js';
import { chineseName, type Gender } from './names.js';
import { deriveRng, type Rng, type Seed, type WeightedTable, rng as makeRng, weightedPairs } from './random.js';
import { MAX_FEMALE_SEQ, MAX_MALE_SEQ, makeResidentId } from './resident-id.js';

export type { Gender } from './names.js';

/** The four groups of the new social strata, plus the new employment groups served alongside. */
export type PersonGroup = 'enterprise' | 'intermediary' | 'freelance' | 'new-media' | 'new-employment';

export const PERSON_GROUPS: readonly { code: PersonGroup; name: string; nameEn: string }[] = [
  { code: 'enterprise', name: '民营企业和外商投资企业管理技术人员', nameEn: 'Managers and technical staff of private and foreign-invested firms' },
  { code: 'intermediary', name: '中介组织和社会组织从业人员', nameEn: 'Staff of intermediary and social organisations' },
  { code: 'freelance', name: '自由职业人员', nameEn: 'Freelancers' },
  { code: 'new-media', name: '新媒体从业人员', nameEn: 'New-media workers' },
  { code: 'new-employment', name: '新就业群体', nameEn: 'New employment groups' },
];

/** GB/T 4762 names as the registry shows them. */
export const POLITICAL_AFFILIATIONS = [
  '中共党员', '中共预备党员', '共青团员', '民革', '民盟', '民建', '民进', '农工党', '致公党',
  '九三学社', '台盟', '无党派人士', '群众',
] as const;
export type PoliticalAffiliation = (typeof POLITICAL_AFFILIATIONS)[number];

/** GB/T 4658 levels, by their everyday names. */
export const EDUCATION_LEVELS = ['研究生', '大学本科', '大学专科', '中等职业教育', '高中', '初中'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export interface SynthPerson {
  /** 0-based position in the generated stream. */
  index: number;
  name: string;
  surname: string;
  givenName: string;
  gender: Gender;
  /** YYYY-MM-DD */
  birthDate: string;
  residentId: string;
  mobile: string;
  /** GB/T 3304 name, e.g. 汉族. */
  ethnicity: string;
  political: PoliticalAffiliation;
  /** Date of joining the party, league or democratic party; null for 群众 and 无党派人士. */
  politicalSince: string | null;
  education: EducationLevel;
  group: PersonGroup;
  /** Code from SUB_GROUPS, e.g. 'lawyer'. */
  subGroup: string;
  /** The groups overlap: some people also belong to a second one. */
  secondaryGroup: PersonGroup | null;
  /** GB/T 4754 section letter, e.g. C (manufacturing). */
  industry: string;
  /** Null for freelancers without a studio or firm. */
  employer: string | null;
  /** Stable identity of the employer within one seed (`<subGroup>:<n>`), so co-workers can be linked. */
  employerKey: string | null;
  post: string;
  /** 9-digit street/town code where the person works. */
  townCode: string;
  /** 12-digit community/village code inside townCode. */
  communityCode: string;
}

export interface GeneratePersonsOptions {
  /** Ages are reckoned at this date (YYYY-MM-DD). Fixed by default so output never drifts with the clock. */
  asOf?: string;
}

export const DEFAULT_AS_OF = '2026-01-01';

// ---------------------------------------------------------------------------------------------
// Dates without Date objects: days since 1970-01-01 (Howard Hinnant's civil-calendar algorithms),
// which are exact, time-zone free and much faster than Date at a million records.

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d];
}

function formatDays(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function parseDate(text: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`generatePersons: asOf must be YYYY-MM-DD, got "${text}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

// ---------------------------------------------------------------------------------------------
// Distributions

const MIN_AGE = 22;
const MAX_AGE = 65;

/** Relative weight of each age by five-year band starting at 22, 26, 31, … 61. */
const AGE_BANDS = {
  // Managers, professionals: the bulk between 30 and 50.
  general: [2, 5, 7, 7, 6, 5, 3.5, 2, 0.8],
  // Streamers, riders, couriers: mostly under 40.
  young: [6, 8, 7, 5, 3, 2, 1, 0.4, 0.1],
  // Master craftspeople: titles take decades to earn.
  senior: [1, 2.5, 4, 5, 6, 6, 5, 4, 3],
} as const;
type AgeProfile = keyof typeof AGE_BANDS;

function ageTable(bands: readonly number[]): WeightedTable<number> {
  const pairs: [number, number][] = [];
  for (let age = MIN_AGE; age <= MAX_AGE; age++) {
    const band = age <= 25 ? 0 : Math.min(bands.length - 1, Math.floor((age - 26) / 5) + 1);
    pairs.push([age, bands[band]]);
  }
  return weightedPairs(pairs);
}

const AGE_TABLES: Record<AgeProfile, WeightedTable<number>> = {
  general: ageTable(AGE_BANDS.general),
  young: ageTable(AGE_BANDS.young),
  senior: ageTable(AGE_BANDS.senior),
};

/** Weights in EDUCATION_LEVELS order. */
const EDUCATION_PROFILES = {
  professional: [14, 70, 14, 1, 1, 0],
  enterprise: [6, 42, 32, 9, 8, 3],
  social: [5, 50, 35, 5, 4, 1],
  agency: [1, 30, 45, 10, 12, 2],
  creative: [4, 38, 30, 12, 12, 4],
  artisan: [2, 25, 30, 18, 18, 7],
  media: [3, 35, 40, 10, 10, 2],
  commerce: [1, 25, 40, 15, 15, 4],
  service: [0.1, 5, 20, 25, 30, 20],
} as const;
type EducationProfile = keyof typeof EDUCATION_PROFILES;

const EDUCATION_TABLES = Object.fromEntries(
  Object.entries(EDUCATION_PROFILES).map(([k, w]) => [k, weightedPairs(EDUCATION_LEVELS.map((l, i) => [l, w[i]] as const))]),
) as Record<EducationProfile, WeightedTable<EducationLevel>>;

const ETHNICITY_TABLE = weightedPairs([
  ['汉族', 99.0], ['回族', 0.45], ['满族', 0.2], ['蒙古族', 0.08], ['壮族', 0.05], ['朝鲜族', 0.04],
  ['土家族', 0.04], ['苗族', 0.03], ['彝族', 0.02], ['藏族', 0.01], ['维吾尔族', 0.01], ['侗族', 0.01],
  ['布依族', 0.01], ['瑶族', 0.01], ['白族', 0.01], ['锡伯族', 0.005], ['达斡尔族', 0.003],
]);

const DEMOCRATIC_PARTY_TABLE = weightedPairs<PoliticalAffiliation>([
  ['民盟', 25], ['民建', 25], ['民进', 15], ['九三学社', 15], ['农工党', 10], ['民革', 7.5], ['致公党', 2.4], ['台盟', 0.1],
]);

/** Mobile prefixes by rough share of numbers in use. */
const MOBILE_PREFIX_TABLE = weightedPairs([
  ['139', 5], ['138', 5], ['137', 4], ['135', 4], ['136', 3], ['134', 2], ['130', 3], ['131', 3], ['132', 3], ['133', 3],
  ['150', 3], ['151', 3], ['152', 2], ['153', 2], ['155', 2], ['156', 2], ['157', 2], ['158', 3], ['159', 3],
  ['166', 1], ['170', 0.3], ['171', 0.3], ['172', 0.5], ['173', 1], ['174', 0.05], ['175', 1], ['176', 1.5],
  ['177', 1], ['178', 1.5], ['180', 1.5], ['181', 1.5], ['182', 2], ['183', 2], ['184', 0.5], ['185', 2],
  ['186', 2], ['187', 2.5], ['188', 2], ['189', 2], ['191', 0.8], ['198', 1], ['199', 1],
]);

/** Where a resident ID was issued: Zichuan itself, the rest of Zibo, the rest of Shandong, elsewhere. */
const ID_ORIGIN_TABLE = weightedPairs([
  ['district', 72],
  ['zibo', 16],
  ['shandong', 8],
  ['elsewhere', 4],
] as const);

const OTHER_ZIBO_WEIGHTS: Record<string, number> = {
  '370303': 30, '370304': 15, '370305': 15, '370306': 12, '370321': 10, '370322': 6, '370323': 8,
};

/** Provinces people move to Zibo from, roughly by distance and size. */
const ORIGIN_PROVINCE_WEIGHTS: Record<string, number> = {
  '13': 10, '41': 10, '32': 8, '34': 6, '23': 6, '21': 5, '22': 4, '14': 4, '11': 3, '12': 3, '15': 3,
  '51': 3, '42': 3, '33': 3, '61': 3, '31': 2, '62': 2, '43': 2, '44': 2, '36': 2, '35': 1, '45': 1,
  '50': 1, '52': 1, '53': 1, '65': 1, '64': 0.5, '63': 0.5, '46': 0.5, '54': 0.2,
};

/** Relative share of the district's new-strata people working in each street/town. */
const ZICHUAN_TOWN_WEIGHTS: Record<string, number> = {
  '370302001': 14, // 般阳路街道
  '370302002': 12, // 松龄路街道
  '370302004': 10, // 钟楼街道
  '370302005': 11, // 将军路街道
  '370302102': 9, // 昆仑镇
  '370302104': 4, // 岭子镇
  '370302111': 4, // 西河镇
  '370302112': 6, // 龙泉镇
  '370302113': 7, // 寨里镇
  '370302114': 8, // 罗村镇
  '370302115': 9, // 洪山镇
  '370302116': 6, // 双杨镇
  '370302117': 2, // 太河镇 (mountainous, sparsely populated)
};

// ---------------------------------------------------------------------------------------------
// Employers

/** Trade-name (字号) characters; two are combined, as most registered names do. */
const BRAND_FIRST = '华鑫金恒宏瑞昌鲁博泰万盛嘉天广永鸿中新德福兴东鼎圣尚顺安凯汇隆正利丰通宇海明诚浩众立远佳益晟润康信和';
const BRAND_SECOND = '源泰达丰盛通信和远兴宇鑫瑞昌隆成华康润诚宏晟恒邦程辉创合安益嘉顺鼎科力祥业美旺佳茂发';
const FOREIGN_BRANDS = [
  '欧亚', '美嘉', '路德', '卡特', '福莱', '伊诺', '诺贝', '泰科', '莱茵', '威尔', '安德', '艾森', '斯坦', '科瑞',
  '博世特', '赛德', '阿尔法', '普瑞', '优耐', '杜邦特', '麦克', '霍克', '林德曼', '三和', '大和', '日新', '韩美', '新亚',
];

function brand(r: Rng): string {
  const a = r.pick(BRAND_FIRST_CHARS);
  let b = r.pick(BRAND_SECOND_CHARS);
  while (b === a) b = r.pick(BRAND_SECOND_CHARS);
  return a + b;
}
const BRAND_FIRST_CHARS = [...BRAND_FIRST];
const BRAND_SECOND_CHARS = [...BRAND_SECOND];

/** Industry words of Zichuan's private firms (建陶 and refractories are the local mainstays), with their GB/T 4754 section. */
const ENTERPRISE_INDUSTRY_TABLE = weightedPairs([
  [['陶瓷', 'C'], 10], [['建筑陶瓷', 'C'], 3], [['耐火材料', 'C'], 6], [['新材料', 'C'], 4], [['机械制造', 'C'], 5],
  [['机械', 'C'], 3], [['泵业', 'C'], 2], [['化工', 'C'], 4], [['纺织', 'C'], 3], [['服装', 'C'], 3], [['医药', 'C'], 2],
  [['食品', 'C'], 2], [['玻璃', 'C'], 1], [['铝业', 'C'], 1], [['光电科技', 'C'], 1], [['钢结构', 'C'], 1],
  [['电子科技', 'C'], 2], [['信息技术', 'I'], 3], [['软件', 'I'], 1], [['网络科技', 'I'], 2], [['商贸', 'F'], 6],
  [['贸易', 'F'], 3], [['汽车销售服务', 'F'], 2], [['物流', 'G'], 3], [['建筑工程', 'E'], 3], [['建设', 'E'], 2],
  [['房地产开发', 'K'], 2], [['物业管理', 'K'], 1], [['环保科技', 'M'], 2], [['生物科技', 'M'], 1], [['检测技术', 'M'], 1],
  [['农业发展', 'A'], 1], [['餐饮管理', 'H'], 1], [['酒店管理', 'H'], 1], [['人力资源', 'L'], 1],
] as const);

const ENTERPRISE_PREFIX_TABLE = weightedPairs([['淄博', 55], ['山东', 20], ['淄博市淄川区', 15], ['淄川区', 10]]);
const ENTERPRISE_FORM_TABLE = weightedPairs([['有限公司', 75], ['有限责任公司', 13], ['股份有限公司', 8], ['集团有限公司', 4]]);

const SOCIAL_GROUP_FIELDS = [
  '陶瓷行业', '耐火材料行业', '电子商务', '物流行业', '餐饮行业', '汽车维修行业', '家政服务', '养老服务', '婚庆行业',
  '旅游', '民宿', '书法家', '美术家', '摄影家', '音乐家', '舞蹈家', '作家', '收藏家', '围棋', '象棋', '太极拳',
  '户外运动', '茶文化', '聊斋文化', '孝文化', '红色文化', '青年创业', '女企业家', '企业家', '个体劳动者', '志愿者',
  '义工', '老年人体育', '科普', '心理咨询', '社会工作', '律师', '会计', '中小企业发展',
];
const SOCIAL_GROUP_KINDS = weightedPairs([['协会', 70], ['研究会', 10], ['促进会', 10], ['联合会', 10]]);

const SOCIAL_SERVICE_KINDS = weightedPairs([
  [{ kind: '社会工作服务中心', industry: 'Q', posts: ['主任', '社会工作者', '社会工作者', '社会工作者', '项目专员'] }, 25],
  [{ kind: '养老服务中心', industry: 'Q', posts: ['主任', '护理主管', '康复师', '社会工作者', '项目专员'] }, 20],
  [{ kind: '康复服务中心', industry: 'Q', posts: ['主任', '康复治疗师', '康复治疗师', '特教教师'] }, 8],
  [{ kind: '职业培训学校', industry: 'P', posts: ['校长', '培训教师', '培训教师', '教务主管'] }, 12],
  [{ kind: '艺术培训学校', industry: 'P', posts: ['校长', '艺术教师', '艺术教师', '教务主管'] }, 10],
  [{ kind: '幼儿园', industry: 'P', posts: ['园长', '幼儿教师', '幼儿教师', '幼儿教师', '保健医生'] }, 15],
  [{ kind: '心理咨询服务中心', industry: 'Q', posts: ['主任', '心理咨询师', '心理咨询师'] }, 5],
  [{ kind: '青少年服务中心', industry: 'Q', posts: ['主任', '社会工作者', '项目专员'] }, 5],
]);

const COURIER_BRANCHES = [
  '中国邮政集团有限公司淄博市淄川区分公司', '淄博顺丰速运有限公司淄川分公司', '京东物流淄川营业部',
];
const COURIER_CARRIERS = ['中通快递', '圆通速递', '韵达快递', '申通快递', '极兔速递', '德邦快递'];

interface Employer {
  key: string;
  name: string;
  industry: string;
  townCode: string;
  communityCode: string;
  posts: WeightedTable<string> | null;
}

type EmployerMaker = (r: Rng) => { name: string; industry: string; posts?: WeightedTable<string> };

interface SubGroupSpec {
  code: string;
  name: string;
  group: PersonGroup;
  /** Share of all people, percent. */
  weight: number;
  maleShare: number;
  age: AgeProfile;
  education: EducationProfile;
  /** Multiplier on the base share of CPC members. */
  cpc: number;
  /** Chance of being in a democratic party; professionals join far more often. */
  democraticParty: number;
  posts: WeightedTable<string>;
  industry: string;
  /** Chance that the person works for an organisation rather than alone. */
  employed: number;
  /** Average number of registrable people per employer. */
  perEmployer: number;
  makeEmployer: EmployerMaker | null;
}

function posts(pairs: readonly (readonly [string, number])[]): WeightedTable<string> {
  return weightedPairs(pairs);
}

function postsEvenly(list: readonly string[]): WeightedTable<string> {
  const counts = new Map<string, number>();
  for (const p of list) counts.set(p, (counts.get(p) ?? 0) + 1);
  return weightedPairs([...counts]);
}

const ENTERPRISE_POSTS = posts([
  ['总经理', 3], ['副总经理', 4], ['财务总监', 2], ['技术总监', 2], ['部门经理', 8], ['项目经理', 6], ['销售经理', 6],
  ['工程师', 12], ['高级工程师', 4], ['技术员', 10], ['研发工程师', 6], ['质量主管', 4], ['生产主管', 6],
  ['人力资源主管', 3], ['会计', 6], ['采购经理', 3], ['设计师', 3], ['行政主管', 3],
]);

const pairTables = new WeakMap<object, WeightedTable<string>>();

/**
 * Registered-name patterns `'<place>|<business and form>'`, with weights; the trade name goes
 * between the two halves: `'淄博|会计师事务所有限公司'` → 淄博鑫源会计师事务所有限公司.
 */
type NameForms = readonly (readonly [string, number])[];

function formName(r: Rng, forms: NameForms): string {
  let table = pairTables.get(forms);
  if (!table) {
    table = weightedPairs(forms);
    pairTables.set(forms, table);
  }
  const [head, tail] = r.fromTable(table).split('|');
  return `${head}${brand(r)}${tail}`;
}

const LAW_FIRM_FORMS: NameForms = [['山东|律师事务所', 85], ['山东|律师事务所淄川分所', 15]];
const ACCOUNTING_FORMS: NameForms = [
  ['山东|会计师事务所有限公司', 35], ['淄博|会计师事务所有限公司', 35], ['淄博|会计师事务所(普通合伙)', 15], ['淄川区|会计师事务所', 15],
];
const TAX_FORMS: NameForms = [['淄博|税务师事务所有限公司', 70], ['山东|税务师事务所有限公司淄博分公司', 30]];
const APPRAISAL_FORMS: NameForms = [['山东|资产评估有限公司', 45], ['淄博|资产评估事务所', 25], ['淄博|土地房地产评估有限公司', 30]];
const PATENT_FORMS: NameForms = [['淄博|专利代理事务所(普通合伙)', 40], ['淄博|知识产权代理有限公司', 45], ['山东|知识产权代理有限公司淄博分公司', 15]];
const ESTATE_FORMS: NameForms = [['淄博|房地产经纪有限公司', 50], ['淄博|房产经纪有限公司', 25], ['淄川区|房产中介服务部', 25]];
const FOUNDATION_FORMS: NameForms = [['淄博市|慈善基金会', 50], ['淄博市|公益基金会', 35], ['淄川区|教育发展基金会', 15]];
const CERAMIC_FORMS: NameForms = [['淄川区|陶艺工作室', 50], ['淄博|陶瓷艺术有限公司', 30], ['淄川|陶瓷艺术馆', 20]];
const GLASS_FORMS: NameForms = [['淄博|琉璃工作室', 60], ['淄博|琉璃艺术有限公司', 40]];
const IRON_POT_FORMS: NameForms = [['淄川区|铁壶工作室', 70], ['淄博|铸铁工艺品有限公司', 30]];
const WRITER_FORMS: NameForms = [['淄川区|文化工作室', 100]];
const AGENCY_FORMS: NameForms = [['淄博|文化经纪有限公司', 60], ['淄博|体育文化发展有限公司', 40]];
const TUTOR_FORMS: NameForms = [['淄川区|教育咨询工作室', 100]];
const DESIGN_FORMS: NameForms = [['淄博|设计工作室', 50], ['淄川区|设计工作室', 30], ['淄博|装饰设计有限公司', 20]];
const STREAMING_FORMS: NameForms = [['淄博|文化传媒有限公司', 75], ['淄博|网络科技有限公司', 25]];
const SELF_MEDIA_FORMS: NameForms = [['淄川区|文化传媒工作室', 100]];
const MEDIA_COMPANY_FORMS: NameForms = [
  ['淄博|新媒体科技有限公司', 30], ['淄博|文化传媒有限公司', 30], ['淄博|网络科技有限公司', 25], ['淄博|信息技术有限公司', 15],
];
const RIDE_HAILING_FORMS: NameForms = [['淄博|汽车服务有限公司', 50], ['淄博|出行科技有限公司', 30], ['淄博|汽车租赁有限公司', 20]];
const FREIGHT_FORMS: NameForms = [['淄博|物流有限公司', 60], ['淄博|运输有限公司', 30], ['淄川区|货运服务部', 10]];
const DELIVERY_FORMS: NameForms = [['淄博|配送服务有限公司', 50], ['淄博|供应链管理有限公司', 30], ['淄博|信息技术有限公司', 20]];
const E_COMMERCE_FORMS: NameForms = [['淄博|电子商务有限公司', 70], ['淄川区|电子商务商行', 30]];
const COURIER_FORMS: NameForms = [['淄博|快递有限公司', 60], ['淄博|物流有限公司', 25], ['淄川区|快递服务部', 15]];

const SUB_GROUP_SPECS: readonly SubGroupSpec[] = [
  // 民营企业和外商投资企业管理技术人员
  {
    code: 'private-enterprise', name: '民营企业', group: 'enterprise', weight: 45, maleShare: 0.62, age: 'general',
    education: 'enterprise', cpc: 1.1, democraticParty: 0.015, posts: ENTERPRISE_POSTS, industry: 'C', employed: 1,
    perEmployer: 10,
    makeEmployer: (r) => {
      const [word, industry] = r.fromTable(ENTERPRISE_INDUSTRY_TABLE);
      const tech = industry === 'C' && r.chance(0.2) && !word.endsWith('科技') ? '科技' : '';
      const place = r.fromTable(ENTERPRISE_PREFIX_TABLE);
      return { name: `${place}${brand(r)}${word}${tech}${r.fromTable(ENTERPRISE_FORM_TABLE)}`, industry };
    },
  },
  {
    code: 'foreign-enterprise', name: '外商投资企业', group: 'enterprise', weight: 4, maleShare: 0.6, age: 'general',
    education: 'enterprise', cpc: 1.0, democraticParty: 0.015, posts: ENTERPRISE_POSTS, industry: 'C', employed: 1,
    perEmployer: 15,
    makeEmployer: (r) => {
      const [word, industry] = r.fromTable(ENTERPRISE_INDUSTRY_TABLE);
      return { name: `${r.chance(0.7) ? '淄博' : '山东'}${r.pick(FOREIGN_BRANDS)}${word}有限公司`, industry };
    },
  },
  // 中介组织从业人员
  {
    code: 'lawyer', name: '律师', group: 'intermediary', weight: 2.2, maleShare: 0.58, age: 'general',
    education: 'professional', cpc: 2.4, democraticParty: 0.06, industry: 'L', employed: 1, perEmployer: 10,
    posts: posts([['执业律师', 60], ['合伙人', 15], ['律师事务所主任', 4], ['实习律师', 12], ['律师助理', 9]]),
    makeEmployer: (r) => ({ name: formName(r, LAW_FIRM_FORMS), industry: 'L' }),
  },
  {
    code: 'accountant', name: '会计师', group: 'intermediary', weight: 1.8, maleShare: 0.4, age: 'general',
    education: 'professional', cpc: 2.0, democraticParty: 0.05, industry: 'L', employed: 1, perEmployer: 8,
    posts: posts([['注册会计师', 40], ['审计助理', 30], ['项目经理', 12], ['部门经理', 8], ['合伙人', 6], ['所长', 4]]),
    makeEmployer: (r) => ({ name: formName(r, ACCOUNTING_FORMS), industry: 'L' }),
  },
  {
    code: 'tax-adviser', name: '税务师', group: 'intermediary', weight: 0.8, maleShare: 0.42, age: 'general',
    education: 'professional', cpc: 2.0, democraticParty: 0.05, industry: 'L', employed: 1, perEmployer: 6,
    posts: posts([['税务师', 55], ['涉税服务人员', 35], ['所长', 5], ['项目经理', 5]]),
    makeEmployer: (r) => ({ name: formName(r, TAX_FORMS), industry: 'L' }),
  },
  {
    code: 'asset-appraiser', name: '资产评估师', group: 'intermediary', weight: 0.5, maleShare: 0.55, age: 'general',
    education: 'professional', cpc: 2.0, democraticParty: 0.05, industry: 'L', employed: 1, perEmployer: 6,
    posts: posts([['资产评估师', 50], ['评估助理', 25], ['房地产估价师', 15], ['土地估价师', 10]]),
    makeEmployer: (r) => ({ name: formName(r, APPRAISAL_FORMS), industry: 'L' }),
  },
  {
    code: 'patent-agent', name: '专利代理', group: 'intermediary', weight: 0.3, maleShare: 0.55, age: 'general',
    education: 'professional', cpc: 2.0, democraticParty: 0.05, industry: 'M', employed: 1, perEmployer: 5,
    posts: posts([['专利代理师', 60], ['商标代理人', 20], ['流程专员', 20]]),
    makeEmployer: (r) => ({ name: formName(r, PATENT_FORMS), industry: 'M' }),
  },
  {
    code: 'real-estate-agent', name: '房地产经纪', group: 'intermediary', weight: 3.0, maleShare: 0.55, age: 'young',
    education: 'agency', cpc: 0.8, democraticParty: 0.005, industry: 'K', employed: 1, perEmployer: 8,
    posts: posts([['房地产经纪人', 45], ['置业顾问', 35], ['门店经理', 10], ['房地产经纪人协理', 10]]),
    makeEmployer: (r) => ({ name: formName(r, ESTATE_FORMS), industry: 'K' }),
  },
  // 社会组织从业人员
  {
    code: 'social-group', name: '社会团体', group: 'intermediary', weight: 2.0, maleShare: 0.5, age: 'general',
    education: 'social', cpc: 1.8, democraticParty: 0.03, industry: 'S', employed: 1, perEmployer: 6,
    posts: posts([['秘书长', 15], ['副秘书长', 10], ['专职工作人员', 60], ['项目主管', 15]]),
    makeEmployer: (r) => ({ name: `淄川区${r.pick(SOCIAL_GROUP_FIELDS)}${r.fromTable(SOCIAL_GROUP_KINDS)}`, industry: 'S' }),
  },
  {
    code: 'foundation', name: '基金会', group: 'intermediary', weight: 0.4, maleShare: 0.45, age: 'general',
    education: 'social', cpc: 1.8, democraticParty: 0.03, industry: 'S', employed: 1, perEmployer: 8,
    posts: posts([['秘书长', 20], ['项目主管', 30], ['项目专员', 40], ['财务主管', 10]]),
    makeEmployer: (r) => ({ name: formName(r, FOUNDATION_FORMS), industry: 'S' }),
  },
  {
    code: 'social-service', name: '社会服务机构', group: 'intermediary', weight: 3.0, maleShare: 0.3, age: 'general',
    education: 'social', cpc: 1.5, democraticParty: 0.02, industry: 'Q', employed: 1, perEmployer: 8,
    posts: posts([['主任', 10], ['项目专员', 40], ['社会工作者', 50]]),
    makeEmployer: (r) => {
      const k = r.fromTable(SOCIAL_SERVICE_KINDS);
      return { name: `淄川区${brand(r)}${k.kind}`, industry: k.industry, posts: postsEvenly(k.posts) };
    },
  },
  // 自由职业人员
  {
    code: 'ceramic-artist', name: '陶瓷艺术', group: 'freelance', weight: 1.5, maleShare: 0.6, age: 'senior',
    education: 'artisan', cpc: 0.7, democraticParty: 0.02, industry: 'R', employed: 0.6, perEmployer: 3,
    posts: posts([['陶瓷艺术家', 20], ['工艺美术师', 35], ['高级工艺美术师', 15], ['陶艺师', 30]]),
    makeEmployer: (r) => ({ name: formName(r, CERAMIC_FORMS), industry: 'R' }),
  },
  {
    code: 'glass-artist', name: '琉璃艺术', group: 'freelance', weight: 0.5, maleShare: 0.6, age: 'senior',
    education: 'artisan', cpc: 0.7, democraticParty: 0.02, industry: 'R', employed: 0.6, perEmployer: 3,
    posts: posts([['琉璃工艺师', 60], ['工艺美术师', 30], ['高级工艺美术师', 10]]),
    makeEmployer: (r) => ({ name: formName(r, GLASS_FORMS), industry: 'R' }),
  },
  {
    code: 'iron-pot-artisan', name: '铁壶工艺', group: 'freelance', weight: 0.3, maleShare: 0.85, age: 'senior',
    education: 'artisan', cpc: 0.7, democraticParty: 0.01, industry: 'R', employed: 0.6, perEmployer: 3,
    posts: posts([['铁壶工艺师', 70], ['铸造工艺师', 30]]),
    makeEmployer: (r) => ({ name: formName(r, IRON_POT_FORMS), industry: 'R' }),
  },
  {
    code: 'freelance-writer', name: '自由撰稿人', group: 'freelance', weight: 0.6, maleShare: 0.5, age: 'general',
    education: 'creative', cpc: 0.6, democraticParty: 0.02, industry: 'R', employed: 0.15, perEmployer: 2,
    posts: posts([['自由撰稿人', 80], ['编剧', 10], ['文案策划', 10]]),
    makeEmployer: (r) => ({ name: formName(r, WRITER_FORMS), industry: 'R' }),
  },
  {
    code: 'agent', name: '经纪人', group: 'freelance', weight: 1.0, maleShare: 0.6, age: 'general',
    education: 'creative', cpc: 0.6, democraticParty: 0.01, industry: 'R', employed: 0.6, perEmployer: 4,
    posts: posts([['演出经纪人', 50], ['体育经纪人', 15], ['艺人经纪人', 20], ['文化经纪人', 15]]),
    makeEmployer: (r) => ({ name: formName(r, AGENCY_FORMS), industry: 'R' }),
  },
  {
    code: 'tutor', name: '家教', group: 'freelance', weight: 2.5, maleShare: 0.35, age: 'young',
    education: 'creative', cpc: 0.6, democraticParty: 0.01, industry: 'P', employed: 0.3, perEmployer: 3,
    posts: posts([['家庭教师', 70], ['课外辅导教师', 30]]),
    makeEmployer: (r) => ({ name: formName(r, TUTOR_FORMS), industry: 'P' }),
  },
  {
    code: 'designer', name: '设计师', group: 'freelance', weight: 2.6, maleShare: 0.5, age: 'young',
    education: 'creative', cpc: 0.6, democraticParty: 0.01, industry: 'M', employed: 0.7, perEmployer: 3,
    posts: posts([['平面设计师', 30], ['室内设计师', 30], ['服装设计师', 15], ['工业设计师', 10], ['景观设计师', 15]]),
    makeEmployer: (r) => ({ name: formName(r, DESIGN_FORMS), industry: 'M' }),
  },
  // 新媒体从业人员
  {
    code: 'streamer', name: '网络主播', group: 'new-media', weight: 3.5, maleShare: 0.4, age: 'young',
    education: 'media', cpc: 0.6, democraticParty: 0.005, industry: 'I', employed: 0.8, perEmployer: 12,
    posts: posts([['网络主播', 60], ['带货主播', 35], ['主播经纪', 5]]),
    makeEmployer: (r) => ({ name: formName(r, STREAMING_FORMS), industry: 'I' }),
  },
  {
    code: 'self-media', name: '自媒体', group: 'new-media', weight: 3.5, maleShare: 0.5, age: 'young',
    education: 'media', cpc: 0.6, democraticParty: 0.005, industry: 'I', employed: 0.4, perEmployer: 3,
    posts: posts([['自媒体博主', 40], ['短视频创作者', 45], ['公众号运营者', 15]]),
    makeEmployer: (r) => ({ name: formName(r, SELF_MEDIA_FORMS), industry: 'I' }),
  },
  {
    code: 'online-writer', name: '网络作家', group: 'new-media', weight: 0.8, maleShare: 0.5, age: 'young',
    education: 'media', cpc: 0.6, democraticParty: 0.01, industry: 'R', employed: 0.1, perEmployer: 2,
    posts: posts([['网络作家', 100]]),
    makeEmployer: (r) => ({ name: formName(r, WRITER_FORMS), industry: 'R' }),
  },
  {
    code: 'new-media-company', name: '新媒体企业', group: 'new-media', weight: 3.0, maleShare: 0.5, age: 'young',
    education: 'media', cpc: 0.8, democraticParty: 0.005, industry: 'I', employed: 1, perEmployer: 10,
    posts: posts([['新媒体运营', 35], ['视频剪辑师', 20], ['内容编辑', 20], ['运营总监', 5], ['摄像师', 10], ['策划', 10]]),
    makeEmployer: (r) => ({ name: formName(r, MEDIA_COMPANY_FORMS), industry: 'I' }),
  },
  // 新就业群体
  {
    code: 'ride-hailing-driver', name: '网约车司机', group: 'new-employment', weight: 3.0, maleShare: 0.93, age: 'general',
    education: 'service', cpc: 0.5, democraticParty: 0, industry: 'G', employed: 1, perEmployer: 40,
    posts: posts([['网约车驾驶员', 95], ['车队长', 5]]),
    makeEmployer: (r) => ({ name: formName(r, RIDE_HAILING_FORMS), industry: 'G' }),
  },
  {
    code: 'truck-driver', name: '货车司机', group: 'new-employment', weight: 2.0, maleShare: 0.97, age: 'general',
    education: 'service', cpc: 0.5, democraticParty: 0, industry: 'G', employed: 1, perEmployer: 20,
    posts: posts([['货车驾驶员', 95], ['车队长', 5]]),
    makeEmployer: (r) => ({ name: formName(r, FREIGHT_FORMS), industry: 'G' }),
  },
  {
    code: 'food-delivery-rider', name: '外卖骑手', group: 'new-employment', weight: 4.5, maleShare: 0.9, age: 'young',
    education: 'service', cpc: 0.5, democraticParty: 0, industry: 'G', employed: 1, perEmployer: 60,
    posts: posts([['外卖骑手', 90], ['骑手组长', 4], ['站长', 3], ['调度员', 3]]),
    makeEmployer: (r) => ({ name: formName(r, DELIVERY_FORMS), industry: 'G' }),
  },
  {
    code: 'e-commerce', name: '电商从业人员', group: 'new-employment', weight: 3.5, maleShare: 0.45, age: 'young',
    education: 'commerce', cpc: 0.6, democraticParty: 0.003, industry: 'F', employed: 0.8, perEmployer: 6,
    posts: posts([['网店店主', 30], ['电商运营', 30], ['客服主管', 10], ['美工', 10], ['直播运营', 20]]),
    makeEmployer: (r) => ({ name: formName(r, E_COMMERCE_FORMS), industry: 'F' }),
  },
  {
    code: 'courier', name: '快递员', group: 'new-employment', weight: 3.0, maleShare: 0.88, age: 'young',
    education: 'service', cpc: 0.5, democraticParty: 0, industry: 'G', employed: 1, perEmployer: 25,
    posts: posts([['快递员', 85], ['分拣员', 10], ['网点负责人', 5]]),
    makeEmployer: (r) => {
      if (r.chance(0.1)) return { name: r.pick(COURIER_BRANCHES), industry: 'G' };
      // Franchised outlets are known by the carrier's name, though each is a local firm.
      if (r.chance(0.2)) return { name: `${r.pick(COURIER_CARRIERS)}淄川分部`, industry: 'G' };
      return { name: formName(r, COURIER_FORMS), industry: 'G' };
    },
  },
];

export const SUB_GROUPS: readonly { code: string; name: string; group: PersonGroup }[] = SUB_GROUP_SPECS.map((s) => ({
  code: s.code,
  name: s.name,
  group: s.group,
}));

const SUB_GROUP_TABLE = weightedPairs(SUB_GROUP_SPECS.map((s) => [s, s.weight] as const));

/** A second group for the few who belong to two; new media and freelance work are the usual side lines. */
const SECONDARY_GROUP_SHARE = 0.04;
const SECONDARY_GROUP_WEIGHTS: Record<PersonGroup, number> = {
  'new-media': 4, freelance: 3, enterprise: 1, intermediary: 1, 'new-employment': 0,
};

/** Share of CPC members before the per-sub-group multiplier, so the overall share lands near 5%. */
const BASE_CPC_SHARE = 0.05;
/** Of CPC members, the share still in their probationary year. */
const PROBATIONARY_SHARE = 0.05;
/** The Youth League's age limit. */
const LEAGUE_MAX_AGE = 28;
const LEAGUE_SHARE_YOUNG = 0.25;
const NON_PARTY_SHARE = 0.004;

/** Of people joining an existing employer, the share choosing it in proportion to its size. */
const PREFERENTIAL_SHARE = 0.3;

// ---------------------------------------------------------------------------------------------

interface Location {
  townCode: string;
  communityCode: string;
}

function locationTables(towns: Town[]): { towns: WeightedTable<Town>; communities: Map<string, WeightedTable<string>> } {
  const townTable = weightedPairs(
    towns.map((t) => [t, ZICHUAN_TOWN_WEIGHTS[t.code] ?? (t.kind === 'street' ? 10 : 5)] as const),
  );
  const communities = new Map<string, WeightedTable<string>>();
  for (const t of towns) {
    // Firms and freelancers cluster in urban communities more than in villages.
    communities.set(t.code, weightedPairs(t.communities.map((c) => [c.code, c.kind === 'community' ? 2 : 1] as const)));
  }
  return { towns: townTable, communities };
}

/**
 * Streams `count` synthetic people. Same seed and options → identical records; record i depends
 * only on the seed and i, so the first 1,000 of a million are the same as a run of 1,000.
 */
export function* generatePersons(seed: Seed, count: number, opts: GeneratePersonsOptions = {}): Generator<SynthPerson> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`generatePersons: bad count ${count}`);
  const [asOfY, asOfM, asOfD] = parseDate(opts.asOf ?? DEFAULT_AS_OF);

  const r = makeRng(seed);
  const towns = zichuanDivisions().filter((t) => t.communities.length > 0);
  const loc = locationTables(towns);

  const areas = countyAreas();
  const otherZibo = weightedPairs(
    ZIBO_COUNTY_CODES.filter((c) => c.code !== ZICHUAN_CODE).map((c) => [c.code, OTHER_ZIBO_WEIGHTS[c.code] ?? 5] as const),
  );
  const shandong = areas.filter((a) => a.provinceCode === '37' && !a.code.startsWith('3703')).map((a) => a.code);
  const byProvince = new Map<string, string[]>();
  for (const a of areas) {
    if (a.provinceCode === '37' || !(a.provinceCode in ORIGIN_PROVINCE_WEIGHTS)) continue;
    let list = byProvince.get(a.provinceCode);
    if (!list) byProvince.set(a.provinceCode, (list = []));
    list.push(a.code);
  }
  const provinceTable = weightedPairs([...byProvince.keys()].map((p) => [p, ORIGIN_PROVINCE_WEIGHTS[p]] as const));

  const pickRegion = (): string => {
    switch (r.fromTable(ID_ORIGIN_TABLE)) {
      case 'district':
        return ZICHUAN_CODE;
      case 'zibo':
        return r.fromTable(otherZibo);
      case 'shandong':
        return r.pick(shandong);
      default:
        return r.pick(byProvince.get(r.fromTable(provinceTable))!);
    }
  };

  const randomLocation = (rr: Rng): Location => {
    const town = rr.fromTable(loc.towns);
    return { townCode: town.code, communityCode: rr.fromTable(loc.communities.get(town.code)!) };
  };

  // Employers grow as people are drawn: a new one with chance 1/perEmployer, otherwise an existing
  // one, partly in proportion to its size (a few large firms, many small ones). Nothing depends on
  // `count`, so a stream of N people is the prefix of every longer stream with the same seed.
  const pools = new Map<SubGroupSpec, { members: number[]; employers: Employer[] }>();
  const employerFor = (s: SubGroupSpec): Employer => {
    let pool = pools.get(s);
    if (!pool) pools.set(s, (pool = { members: [], employers: [] }));
    const existing = pool.employers.length;
    let k: number;
    if (existing === 0 || r.chance(1 / s.perEmployer)) k = existing;
    else if (r.chance(PREFERENTIAL_SHARE)) k = pool.members[r.int(0, pool.members.length - 1)];
    else k = r.int(0, existing - 1);
    pool.members.push(k);
    if (k === existing) {
      const key = `${s.code}:${k}`;
      // Each employer has its own stream so its name and place do not depend on who was drawn first.
      const er = deriveRng(seed, 'employer', key);
      const made = s.makeEmployer!(er);
      pool.employers.push({ key, name: made.name, industry: made.industry, posts: made.posts ?? null, ...randomLocation(er) });
    }
    return pool.employers[k];
  };

  const asOfDay = daysFromCivil(asOfY, asOfM, asOfD);
  const firstDay = asOfDay - (MAX_AGE + 3) * 366;
  const daySpan = (MAX_AGE + 4) * 366;

  // Order numbers handed out per (region, birth date, sex), so IDs never collide. Each bucket walks
  // its sequence numbers in a scrambled order (an affine permutation) so they do not all start at 001.
  // Zibo's own counties issue most IDs, so their counters live in flat arrays; the thousands of
  // other counties share a map keyed by small integers (region index, day, sex), which V8 hashes fastest.
  const denseBuckets = new Map<string, Uint16Array>(ZIBO_COUNTY_CODES.map((c) => [c.code, new Uint16Array(daySpan * 2)]));
  const regionIndex = new Map<string, number>();
  const sparseBuckets = new Map<number, number>();
  const nextSeq = (region: string, day: number, male: boolean): number => {
    const sex = male ? 1 : 0;
    if (day < firstDay) throw new RangeError('generatePersons: too many people for distinct resident IDs');
    const slot = (day - firstDay) * 2 + sex;
    const dense = denseBuckets.get(region);
    let used: number;
    let key = 0;
    if (dense) used = dense[slot];
    else {
      let ri = regionIndex.get(region);
      if (ri === undefined) regionIndex.set(region, (ri = regionIndex.size));
      key = ri * daySpan * 2 + slot;
      used = sparseBuckets.get(key) ?? 0;
    }
    const multipliers = male ? MALE_SEQ_MULTIPLIERS : FEMALE_SEQ_MULTIPLIERS;
    const size = multipliers.size;
    if (used >= size) return -1;
    if (dense) dense[slot] = used + 1;
    else sparseBuckets.set(key, used + 1);
    const h = Math.imul((Number(region) * 1000003 + day * 2 + sex) | 0, 2654435761) >>> 0;
    const a = multipliers.list[h % multipliers.list.length];
    const b = (h >>> 11) % size;
    return (b + a * used) % size;
  };

  for (let index = 0; index < count; index++) {
    const s = r.fromTable(SUB_GROUP_TABLE);
    const male = r.chance(s.maleShare);
    const gender: Gender = male ? 'male' : 'female';

    const age = r.fromTable(AGE_TABLES[s.age]);
    // Born after the day (age+1) years before asOf, up to the day exactly `age` years before it.
    const latest = daysFromCivil(asOfY - age, asOfM, asOfD);
    const earliest = daysFromCivil(asOfY - age - 1, asOfM, asOfD) + 1;
    let birthDay = r.int(earliest, latest);
    const birthYear = civilFromDays(birthDay)[0];

    const { surname, given, name } = chineseName(r, gender, birthYear);

    const region = pickRegion();
    let seq = nextSeq(region, birthDay, male);
    // A bucket holds 500 people of one sex born on one day in one county; move on a day if full.
    while (seq < 0) seq = nextSeq(region, --birthDay, male);
    const birthDate = formatDays(birthDay);
    const residentId = makeResidentId({ regionCode: region, birthDate, male, seq });

    const mobile = r.fromTable(MOBILE_PREFIX_TABLE) + r.digits(8);
    const ethnicity = r.fromTable(ETHNICITY_TABLE);

    let education = r.fromTable(EDUCATION_TABLES[s.education]);
    if (education === '研究生' && age < 24) education = '大学本科';

    let political: PoliticalAffiliation;
    let joinAge = 0;
    if (r.chance(BASE_CPC_SHARE * s.cpc)) {
      political = r.chance(PROBATIONARY_SHARE) ? '中共预备党员' : '中共党员';
      joinAge = r.int(18, age);
    } else if (r.chance(s.democraticParty)) {
      political = r.fromTable(DEMOCRATIC_PARTY_TABLE);
      joinAge = r.int(Math.min(age, 25), age);
    } else if (age <= LEAGUE_MAX_AGE && r.chance(LEAGUE_SHARE_YOUNG)) {
      political = '共青团员';
      joinAge = r.int(14, 16);
    } else {
      political = r.chance(NON_PARTY_SHARE) ? '无党派人士' : '群众';
    }
    let politicalSince: string | null = null;
    if (political === '中共预备党员') {
      // The probationary period lasts one year, so they joined within the past year.
      politicalSince = formatDays(asOfDay - r.int(1, 364));
    } else if (joinAge > 0) {
      const from = birthDay + Math.floor(joinAge * 365.25);
      politicalSince = formatDays(Math.min(asOfDay - 1, r.int(from, from + 364)));
    }

    let employer: Employer | null = null;
    if (s.makeEmployer && r.chance(s.employed)) employer = employerFor(s);
    const post = r.fromTable(employer?.posts ?? s.posts);
    const place: Location = employer ?? randomLocation(r);

    let secondaryGroup: PersonGroup | null = null;
    if (r.chance(SECONDARY_GROUP_SHARE)) {
      secondaryGroup = r.fromTable(secondaryTable(s.group));
    }

    yield {
      index,
      name,
      surname,
      givenName: given,
      gender,
      birthDate,
      residentId,
      mobile,
      ethnicity,
      political,
      politicalSince,
      education,
      group: s.group,
      subGroup: s.code,
      secondaryGroup,
      industry: employer?.industry ?? s.industry,
      employer: employer?.name ?? null,
      employerKey: employer?.key ?? null,
      post,
      townCode: place.townCode,
      communityCode: place.communityCode,
    };
  }
}

const secondaryTables = new Map<PersonGroup, WeightedTable<PersonGroup>>();
function secondaryTable(primary: PersonGroup): WeightedTable<PersonGroup> {
  let t = secondaryTables.get(primary);
  if (!t) {
    const others = PERSON_GROUPS.map((g) => g.code).filter((g) => g !== primary && SECONDARY_GROUP_WEIGHTS[g] > 0);
    t = weightedPairs(others.map((g) => [g, SECONDARY_GROUP_WEIGHTS[g]] as const));
    secondaryTables.set(primary, t);
  }
  return t;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Multipliers a with gcd(a, size) = 1, so k ↦ (b + a·k) mod size visits every sequence number once. */
function coprimeMultipliers(size: number): { size: number; list: number[] } {
  const list: number[] = [];
  for (let a = 1; a < size; a++) if (gcd(a, size) === 1) list.push(a);
  return { size, list };
}
const MALE_SEQ_MULTIPLIERS = coprimeMultipliers(MAX_MALE_SEQ + 1);
const FEMALE_SEQ_MULTIPLIERS = coprimeMultipliers(MAX_FEMALE_SEQ + 1);
