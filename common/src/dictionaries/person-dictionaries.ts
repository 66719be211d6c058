// The code lists of the person registry. Codes follow the national standards where one exists
// (so exports line up with other government systems); variants cover how departments write them.
import type { DictEntry, Dictionary } from './dictionary.js';

/** GB/T 2261.1 sex. */
export const GENDER: Dictionary = {
  id: 'gender',
  entries: [
    { code: '1', zh: '男', en: 'Male', variants: ['M', '男性'] },
    { code: '2', zh: '女', en: 'Female', variants: ['F', '女性'] },
  ],
};

// [code, zh, en, other spellings]; the name without 族 is added as a variant below.
const ETHNIC_GROUPS: readonly (readonly [string, string, string, ...string[]])[] = [
  ['01', '汉族', 'Han'],
  ['02', '蒙古族', 'Mongol', 'Mongolian'],
  ['03', '回族', 'Hui'],
  ['04', '藏族', 'Tibetan', 'Zang'],
  ['05', '维吾尔族', 'Uyghur', 'Uygur', 'Uighur'],
  ['06', '苗族', 'Miao'],
  ['07', '彝族', 'Yi'],
  ['08', '壮族', 'Zhuang'],
  ['09', '布依族', 'Bouyei', 'Buyei'],
  ['10', '朝鲜族', 'Korean', 'Chosen'],
  ['11', '满族', 'Manchu', 'Man'],
  ['12', '侗族', 'Dong'],
  ['13', '瑶族', 'Yao'],
  ['14', '白族', 'Bai'],
  ['15', '土家族', 'Tujia'],
  ['16', '哈尼族', 'Hani'],
  ['17', '哈萨克族', 'Kazakh', 'Kazak'],
  ['18', '傣族', 'Dai'],
  ['19', '黎族', 'Li'],
  ['20', '傈僳族', 'Lisu'],
  ['21', '佤族', 'Wa', 'Va'],
  ['22', '畲族', 'She'],
  ['23', '高山族', 'Gaoshan'],
  ['24', '拉祜族', 'Lahu'],
  ['25', '水族', 'Shui', 'Sui'],
  ['26', '东乡族', 'Dongxiang'],
  ['27', '纳西族', 'Naxi'],
  ['28', '景颇族', 'Jingpo'],
  ['29', '柯尔克孜族', 'Kyrgyz', 'Kirgiz'],
  ['30', '土族', 'Tu', 'Monguor'],
  ['31', '达斡尔族', 'Daur'],
  ['32', '仫佬族', 'Mulao', 'Mulam'],
  ['33', '羌族', 'Qiang'],
  ['34', '布朗族', 'Blang'],
  ['35', '撒拉族', 'Salar'],
  ['36', '毛南族', 'Maonan'],
  ['37', '仡佬族', 'Gelao'],
  ['38', '锡伯族', 'Xibe'],
  ['39', '阿昌族', 'Achang'],
  ['40', '普米族', 'Pumi'],
  ['41', '塔吉克族', 'Tajik'],
  ['42', '怒族', 'Nu'],
  ['43', '乌孜别克族', 'Uzbek'],
  ['44', '俄罗斯族', 'Russian', 'Russ'],
  ['45', '鄂温克族', 'Evenki', 'Ewenki'],
  ['46', '德昂族', "De'ang", 'Deang'],
  ['47', '保安族', 'Bonan'],
  ['48', '裕固族', 'Yugur'],
  ['49', '京族', 'Gin', 'Jing'],
  ['50', '塔塔尔族', 'Tatar'],
  ['51', '独龙族', 'Derung', 'Drung'],
  ['52', '鄂伦春族', 'Oroqen'],
  ['53', '赫哲族', 'Hezhen'],
  ['54', '门巴族', 'Monba'],
  ['55', '珞巴族', 'Lhoba'],
  ['56', '基诺族', 'Jino'],
];

/** GB/T 3304 ethnic groups, plus its codes for "other" and for citizens of foreign descent. */
export const ETHNICITY: Dictionary = {
  id: 'ethnicity',
  entries: [
    ...ETHNIC_GROUPS.map(([code, zh, en, ...others]): DictEntry => ({
      code,
      zh,
      en,
      variants: [zh.slice(0, -1), ...others],
    })),
    { code: '97', zh: '其他', en: 'Other', variants: ['未识别民族', '其他民族'] },
    {
      code: '98',
      zh: '外国血统中国籍人士',
      en: 'Chinese citizen of foreign descent',
      variants: ['外国血统'],
    },
  ],
};

/** GB/T 4762 political affiliation. */
export const POLITICAL: Dictionary = {
  id: 'political',
  entries: [
    { code: '01', zh: '中共党员', en: 'CPC member', variants: ['党员', '中共', '共产党员', '中国共产党党员', '中共正式党员', 'CCP member'] },
    { code: '02', zh: '中共预备党员', en: 'CPC probationary member', variants: ['预备党员'] },
    { code: '03', zh: '共青团员', en: 'CYL member', variants: ['团员', '共青团', '中国共产主义青年团团员'] },
    { code: '04', zh: '民革党员', en: 'RCCK member', variants: ['民革', '民革会员', '中国国民党革命委员会'] },
    { code: '05', zh: '民盟盟员', en: 'CDL member', variants: ['民盟', '中国民主同盟'] },
    { code: '06', zh: '民建会员', en: 'CNDCA member', variants: ['民建', '中国民主建国会'] },
    { code: '07', zh: '民进会员', en: 'CAPD member', variants: ['民进', '中国民主促进会'] },
    { code: '08', zh: '农工党党员', en: 'CPWDP member', variants: ['农工党', '农工', '中国农工民主党'] },
    { code: '09', zh: '致公党党员', en: 'CZGP member', variants: ['致公党', '致公', '中国致公党'] },
    { code: '10', zh: '九三学社社员', en: 'Jiusan Society member', variants: ['九三', '九三学社'] },
    { code: '11', zh: '台盟盟员', en: 'TDSL member', variants: ['台盟', '台湾民主自治同盟'] },
    { code: '12', zh: '无党派人士', en: 'Non-party', variants: ['无党派', '无党派民主人士'] },
    { code: '13', zh: '群众', en: 'Masses', variants: ['普通群众', '无'] },
  ],
};

/** GB/T 4658 education (graduated levels). */
export const EDUCATION: Dictionary = {
  id: 'education',
  entries: [
    { code: '11', zh: '博士研究生', en: 'Doctoral', variants: ['博士', '博士研究生毕业', 'PhD', 'Doctorate'] },
    { code: '14', zh: '硕士研究生', en: "Master's", variants: ['硕士', '研究生', '硕士研究生毕业', 'Master', 'Postgraduate'] },
    { code: '21', zh: '大学本科', en: "Bachelor's", variants: ['本科', '大学', '大本', '大学本科毕业', 'Bachelor', 'Undergraduate'] },
    { code: '31', zh: '大学专科', en: 'Junior college', variants: ['大专', '专科', '高职', '大学专科毕业'] },
    { code: '41', zh: '中等专科', en: 'Secondary specialised school', variants: ['中专', '中等专业学校', '中等专科毕业'] },
    { code: '44', zh: '职业高中', en: 'Vocational high school', variants: ['职高', '职业高中毕业'] },
    // Not in the brief's list but in the standard, and common among tradespeople.
    { code: '47', zh: '技工学校', en: 'Technical school', variants: ['技校', '技工学校毕业'] },
    { code: '61', zh: '普通高中', en: 'High school', variants: ['高中', '普高', '普通高中毕业'] },
    { code: '71', zh: '初中', en: 'Junior middle school', variants: ['初级中学', '初中毕业'] },
    { code: '81', zh: '小学', en: 'Primary school', variants: ['小学毕业'] },
    { code: '90', zh: '其他', en: 'Other' },
  ],
};

/** GB/T 6864 academic degree. */
export const DEGREE: Dictionary = {
  id: 'degree',
  entries: [
    { code: '2', zh: '博士', en: 'Doctorate', variants: ['博士学位', 'PhD', 'Doctor'] },
    { code: '3', zh: '硕士', en: "Master's", variants: ['硕士学位', 'Master'] },
    { code: '4', zh: '学士', en: "Bachelor's", variants: ['学士学位', 'Bachelor'] },
    { code: '9', zh: '无', en: 'None', variants: ['无学位'] },
  ],
};

/** The four groups of the new social strata, plus the new employment groups. */
export const PERSON_GROUPS: Dictionary = {
  id: 'group',
  entries: [
    {
      code: 'enterprise',
      zh: '民营企业和外商投资企业管理技术人员',
      en: 'Managers and technical staff of private and foreign-invested enterprises',
      variants: ['民营企业', '外商投资企业', '外资企业', '民企', '民营企业和外商投资企业', '企业管理技术人员'],
    },
    {
      code: 'intermediary',
      zh: '中介组织和社会组织从业人员',
      en: 'Staff of intermediary and social organisations',
      variants: ['中介组织', '社会组织', '中介', '中介组织和社会组织', '中介组织从业人员', '社会组织从业人员'],
    },
    { code: 'freelance', zh: '自由职业人员', en: 'Freelancers', variants: ['自由职业', '自由职业者'] },
    { code: 'new_media', zh: '新媒体从业人员', en: 'New-media workers', variants: ['新媒体', '新媒体从业者'] },
    {
      code: 'new_employment',
      zh: '新就业群体',
      en: 'New employment groups',
      variants: ['新就业', '新就业形态', '新就业形态劳动者'],
    },
  ],
};

/** Sub-groups; codes are `<group>.<sub>`. */
export const PERSON_SUB_GROUPS: Dictionary = {
  id: 'subGroup',
  entries: [
    { code: 'enterprise.private', zh: '民营企业', en: 'Private enterprise', variants: ['民企', '私营企业', '民营'] },
    { code: 'enterprise.foreign', zh: '外商投资企业', en: 'Foreign-invested enterprise', variants: ['外资企业', '外企', '外资', '中外合资企业'] },
    { code: 'intermediary.lawyer', zh: '律师', en: 'Lawyer', variants: ['执业律师'] },
    { code: 'intermediary.accountant', zh: '会计师', en: 'Accountant', variants: ['会计', '注册会计师'] },
    { code: 'intermediary.tax_agent', zh: '税务师', en: 'Tax agent', variants: ['注册税务师', '税务代理'] },
    { code: 'intermediary.appraiser', zh: '资产评估师', en: 'Asset appraiser', variants: ['评估师', '资产评估'] },
    { code: 'intermediary.patent_agent', zh: '专利代理', en: 'Patent agent', variants: ['专利代理师', '专利代理人'] },
    { code: 'intermediary.realty_agent', zh: '房地产经纪', en: 'Real-estate agent', variants: ['房地产经纪人', '房产中介', '房产经纪'] },
    { code: 'intermediary.association', zh: '社会团体', en: 'Social association', variants: ['社团', '协会'] },
    { code: 'intermediary.foundation', zh: '基金会', en: 'Foundation' },
    { code: 'intermediary.social_service', zh: '社会服务机构', en: 'Social service organisation', variants: ['民办非企业单位', '民非'] },
    { code: 'freelance.artisan', zh: '独立艺术家/工艺师', en: 'Independent artist or craftsman', variants: ['独立艺术家', '工艺师', '艺术家', '工艺美术师', '陶艺家'] },
    { code: 'freelance.writer', zh: '自由撰稿人', en: 'Freelance writer', variants: ['撰稿人'] },
    { code: 'freelance.broker', zh: '经纪人', en: 'Broker', variants: ['演艺经纪人'] },
    { code: 'freelance.tutor', zh: '家教', en: 'Private tutor', variants: ['家庭教师'] },
    { code: 'freelance.designer', zh: '设计师', en: 'Designer', variants: ['自由设计师'] },
    { code: 'new_media.streamer', zh: '网络主播', en: 'Live streamer', variants: ['主播', '直播'] },
    { code: 'new_media.self_media', zh: '自媒体', en: 'Self-media creator', variants: ['自媒体人', '自媒体从业人员'] },
    { code: 'new_media.web_writer', zh: '网络作家', en: 'Web writer', variants: ['网文作者', '网络写手'] },
    { code: 'new_media.staff', zh: '新媒体企业从业人员', en: 'New-media enterprise staff', variants: ['新媒体企业', '新媒体企业员工'] },
    { code: 'new_employment.driver', zh: '网约车/货运司机', en: 'Ride-hailing or freight driver', variants: ['网约车司机', '货运司机', '网约车', '货车司机', '司机'] },
    { code: 'new_employment.rider', zh: '外卖骑手', en: 'Food-delivery rider', variants: ['骑手', '外卖', '外卖员', '送餐员'] },
    { code: 'new_employment.ecommerce', zh: '电商从业人员', en: 'E-commerce operator', variants: ['电商', '电子商务', '网店店主'] },
    { code: 'new_employment.courier', zh: '快递员', en: 'Courier', variants: ['快递小哥', '快递'] },
  ],
};

/** The group a sub-group code belongs to (the part before the dot). */
export function groupOfSubGroup(code: string): string {
  const dot = code.indexOf('.');
  return dot < 0 ? code : code.slice(0, dot);
}

/** Kind of the person's employer. */
export const EMPLOYER_KINDS: Dictionary = {
  id: 'employerKind',
  entries: [
    { code: 'private', zh: '民营企业', en: 'Private enterprise', variants: ['民企', '私营企业'] },
    { code: 'foreign', zh: '外商投资企业', en: 'Foreign-invested enterprise', variants: ['外企', '外资企业', '中外合资企业'] },
    { code: 'intermediary', zh: '中介机构', en: 'Intermediary', variants: ['中介', '中介组织', '律师事务所', '会计师事务所'] },
    { code: 'social_org', zh: '社会组织', en: 'Social organisation', variants: ['社会团体', '基金会', '社会服务机构', '民办非企业单位'] },
    { code: 'new_media', zh: '新媒体企业', en: 'New-media enterprise', variants: ['新媒体'] },
    { code: 'other', zh: '其他', en: 'Other' },
  ],
};

/** GB/T 4754-2017 sections (门类). */
export const INDUSTRIES: Dictionary = {
  id: 'industry',
  entries: [
    { code: 'A', zh: '农、林、牧、渔业', en: 'Agriculture, forestry, animal husbandry and fishery', variants: ['农林牧渔业', '农林牧渔', '农业'] },
    { code: 'B', zh: '采矿业', en: 'Mining', variants: ['采矿'] },
    { code: 'C', zh: '制造业', en: 'Manufacturing', variants: ['制造'] },
    {
      code: 'D',
      zh: '电力、热力、燃气及水生产和供应业',
      en: 'Production and supply of electricity, heat, gas and water',
      variants: ['电力热力燃气及水生产和供应业'],
    },
    { code: 'E', zh: '建筑业', en: 'Construction', variants: ['建筑'] },
    { code: 'F', zh: '批发和零售业', en: 'Wholesale and retail trade', variants: ['批发零售', '批发零售业', '零售'] },
    { code: 'G', zh: '交通运输、仓储和邮政业', en: 'Transport, storage and postal services', variants: ['交通运输仓储和邮政业', '交通运输', '物流'] },
    { code: 'H', zh: '住宿和餐饮业', en: 'Accommodation and catering', variants: ['住宿餐饮', '住宿餐饮业', '餐饮'] },
    {
      code: 'I',
      zh: '信息传输、软件和信息技术服务业',
      en: 'Information transmission, software and information technology services',
      variants: ['信息传输软件和信息技术服务业', '软件和信息技术服务业', 'IT', '互联网'],
    },
    { code: 'J', zh: '金融业', en: 'Finance', variants: ['金融'] },
    { code: 'K', zh: '房地产业', en: 'Real estate', variants: ['房地产'] },
    { code: 'L', zh: '租赁和商务服务业', en: 'Leasing and business services', variants: ['租赁商务服务业', '商务服务'] },
    { code: 'M', zh: '科学研究和技术服务业', en: 'Scientific research and technical services', variants: ['科研', '科学研究', '技术服务'] },
    { code: 'N', zh: '水利、环境和公共设施管理业', en: 'Water conservancy, environment and public facilities management', variants: ['水利环境和公共设施管理业'] },
    { code: 'O', zh: '居民服务、修理和其他服务业', en: 'Resident services, repair and other services', variants: ['居民服务修理和其他服务业', '居民服务'] },
    { code: 'P', zh: '教育', en: 'Education', variants: ['教育业'] },
    { code: 'Q', zh: '卫生和社会工作', en: 'Health and social work', variants: ['卫生', '医疗卫生'] },
    { code: 'R', zh: '文化、体育和娱乐业', en: 'Culture, sports and entertainment', variants: ['文化体育和娱乐业', '文化体育娱乐', '文化'] },
    { code: 'S', zh: '公共管理、社会保障和社会组织', en: 'Public administration, social security and social organisations', variants: ['公共管理社会保障和社会组织'] },
    { code: 'T', zh: '国际组织', en: 'International organisations' },
  ],
};

/** Where a person stands in the registry. */
export const PERSON_STATUS: Dictionary = {
  id: 'status',
  entries: [
    { code: 'active', zh: '在册', en: 'Active', variants: ['正常'] },
    { code: 'moved', zh: '已迁出', en: 'Moved away', variants: ['迁出', '外迁'] },
    { code: 'left', zh: '已退出', en: 'Left the strata', variants: ['退出'] },
    { code: 'deceased', zh: '已故', en: 'Deceased', variants: ['去世', '死亡', '已去世'] },
  ],
};

/** Representative-figure level. */
export const REP_LEVELS: Dictionary = {
  id: 'repLevel',
  entries: [
    { code: 'none', zh: '无', en: 'None' },
    { code: 'reserve', zh: '后备人才', en: 'Reserve', variants: ['后备'] },
    { code: 'representative', zh: '代表人士', en: 'Representative' },
    { code: 'key', zh: '重点代表人士', en: 'Key representative', variants: ['重点'] },
  ],
};

export const PERSON_DICTIONARIES = {
  gender: GENDER,
  ethnicity: ETHNICITY,
  political: POLITICAL,
  education: EDUCATION,
  degree: DEGREE,
  group: PERSON_GROUPS,
  subGroup: PERSON_SUB_GROUPS,
  employerKind: EMPLOYER_KINDS,
  industry: INDUSTRIES,
  status: PERSON_STATUS,
  repLevel: REP_LEVELS,
} as const;

export type PersonDictionaryId = keyof typeof PERSON_DICTIONARIES;
