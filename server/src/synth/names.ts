/**
 * Chinese personal names for synthetic data: surnames by their real frequency, given names from
 * sex- and generation-typical characters.
 */
import { type Rng, type WeightedTable, weightedPairs } from './random.js';

export type Gender = 'male' | 'female';

/**
 * Share of the population in percent, approximately as in the Ministry of Public Security's
 * household-register surname rankings (2019–2020); the order among the rarer ones is approximate.
 */
const SURNAME_PERCENT: readonly (readonly [string, number])[] = [
  ['王', 7.25], ['李', 7.19], ['张', 6.88], ['刘', 5.38], ['陈', 4.53],
  ['杨', 3.08], ['黄', 2.23], ['赵', 2.08], ['吴', 1.83], ['周', 1.73],
  ['徐', 1.36], ['孙', 1.28], ['马', 1.27], ['朱', 1.2], ['胡', 1.17],
  ['郭', 1.15], ['何', 1.08], ['林', 1.05], ['高', 1.02], ['罗', 0.85],
  ['郑', 0.8], ['梁', 0.72], ['谢', 0.66], ['宋', 0.63], ['唐', 0.62],
  ['许', 0.58], ['韩', 0.57], ['冯', 0.55], ['邓', 0.54], ['曹', 0.52],
  ['彭', 0.5], ['曾', 0.49], ['肖', 0.48], ['田', 0.47], ['董', 0.46],
  ['袁', 0.45], ['潘', 0.43], ['于', 0.42], ['蒋', 0.41], ['蔡', 0.4],
  ['余', 0.39], ['杜', 0.38], ['叶', 0.37], ['程', 0.37], ['苏', 0.36],
  ['魏', 0.36], ['吕', 0.35], ['丁', 0.34], ['任', 0.33], ['沈', 0.32],
  ['姚', 0.31], ['卢', 0.3], ['姜', 0.3], ['崔', 0.29], ['钟', 0.29],
  ['谭', 0.28], ['陆', 0.27], ['汪', 0.27], ['范', 0.26], ['金', 0.26],
  ['石', 0.25], ['廖', 0.25], ['贾', 0.24], ['夏', 0.24], ['韦', 0.23],
  ['付', 0.23], ['方', 0.22], ['白', 0.22], ['邹', 0.21], ['孟', 0.21],
  ['熊', 0.21], ['秦', 0.2], ['邱', 0.2], ['江', 0.2], ['尹', 0.19],
  ['薛', 0.19], ['闫', 0.18], ['段', 0.18], ['雷', 0.17], ['侯', 0.17],
  ['龙', 0.16], ['史', 0.16], ['陶', 0.15], ['黎', 0.15], ['贺', 0.15],
  ['顾', 0.14], ['毛', 0.14], ['郝', 0.14], ['龚', 0.13], ['邵', 0.13],
  ['万', 0.13], ['钱', 0.12], ['严', 0.12], ['覃', 0.12], ['武', 0.12],
  ['戴', 0.11], ['莫', 0.11], ['孔', 0.11], ['向', 0.11], ['汤', 0.1],
  ['常', 0.1], ['温', 0.09], ['康', 0.09], ['施', 0.09], ['文', 0.09],
  ['牛', 0.09], ['樊', 0.08], ['葛', 0.08], ['邢', 0.08], ['安', 0.08],
  ['齐', 0.08], ['易', 0.08], ['乔', 0.07], ['伍', 0.07], ['庞', 0.07],
  ['颜', 0.07], ['倪', 0.07], ['庄', 0.07], ['聂', 0.07], ['章', 0.06],
  ['鲁', 0.06], ['岳', 0.06], ['翟', 0.06], ['殷', 0.06], ['詹', 0.06],
  ['申', 0.06], ['欧', 0.05], ['耿', 0.05], ['关', 0.05], ['兰', 0.05],
  ['焦', 0.05], ['俞', 0.05], ['左', 0.05], ['柳', 0.05], ['甘', 0.05],
  ['祝', 0.05], ['包', 0.04], ['宁', 0.04], ['尚', 0.04], ['符', 0.04],
  ['舒', 0.04], ['阮', 0.04], ['柯', 0.04], ['纪', 0.04], ['梅', 0.04],
  ['童', 0.04], ['凌', 0.04], ['毕', 0.04], ['单', 0.04], ['季', 0.04],
  ['裴', 0.04], ['霍', 0.04], ['涂', 0.04], ['成', 0.04], ['苗', 0.04],
  ['谷', 0.04], ['盛', 0.03], ['曲', 0.03], ['翁', 0.03], ['冉', 0.03],
  ['骆', 0.03], ['蓝', 0.03], ['路', 0.03], ['游', 0.03], ['辛', 0.03],
  ['靳', 0.03], ['管', 0.03], ['柴', 0.03], ['蒙', 0.03], ['鲍', 0.03],
  ['华', 0.03], ['喻', 0.03], ['祁', 0.03], ['房', 0.03], ['滕', 0.03],
  ['屈', 0.03], ['饶', 0.03], ['解', 0.03], ['牟', 0.03], ['艾', 0.03],
  // 蒲 is rare nationally but common in 淄川, 蒲松龄's home district.
  ['蒲', 0.03], ['尤', 0.02], ['时', 0.02], ['穆', 0.02], ['司', 0.02],
  ['卓', 0.02], ['吉', 0.02], ['车', 0.02], ['项', 0.02], ['连', 0.02],
  ['褚', 0.02], ['娄', 0.02], ['窦', 0.02], ['戚', 0.02], ['景', 0.02],
  ['党', 0.02], ['宫', 0.02], ['费', 0.02], ['卜', 0.02], ['冷', 0.02],
  ['席', 0.02], ['卫', 0.02], ['米', 0.02], ['柏', 0.02], ['宗', 0.02],
  ['桂', 0.02], ['全', 0.02], ['佟', 0.02], ['臧', 0.02], ['闵', 0.02],
  ['边', 0.02], ['卞', 0.02], ['姬', 0.02], ['师', 0.02], ['栾', 0.02],
  ['隋', 0.02], ['商', 0.02], ['刁', 0.02], ['荣', 0.02], ['寇', 0.02],
  ['桑', 0.02], ['郎', 0.02], ['甄', 0.02], ['丛', 0.02], ['仲', 0.02],
  ['虞', 0.02], ['巩', 0.02], ['苑', 0.02], ['迟', 0.02], ['逯', 0.01],
  // Compound surnames are rare; these are the best known.
  ['欧阳', 0.008], ['上官', 0.002], ['司马', 0.002], ['诸葛', 0.001], ['东方', 0.001],
  ['皇甫', 0.001], ['司徒', 0.001], ['公孙', 0.0005], ['慕容', 0.0005], ['令狐', 0.0005],
  ['夏侯', 0.0005], ['尉迟', 0.0003], ['端木', 0.0003], ['长孙', 0.0002], ['宇文', 0.0002],
];

export const SURNAMES: readonly string[] = SURNAME_PERCENT.map((s) => s[0]);
export const SURNAME_WEIGHTS: readonly number[] = SURNAME_PERCENT.map((s) => s[1]);
const SURNAME_TABLE = weightedPairs(SURNAME_PERCENT);

/**
 * Character pools. The first string of each pair is the frequent core (weight 2), the second the
 * long tail (weight 1). Names of people born before 1980 and after differ noticeably in China
 * (建国, 秀英 vs 浩宇, 欣怡), so each sex has an older and a younger pool.
 */
const POOLS = {
  male: {
    older: [
      '伟强军勇杰涛斌明刚平辉华建国峰亮成东志海兵文宏德',
      '忠民庆林福春生永新胜学祥利荣金虎义长光云立振彬洪卫红兴良富贵顺玉山宝清群全连树彪家广才发喜田武保坤锋波鹏超俊',
    ],
    younger: [
      '浩宇轩杰涛鹏博昊晨泽睿凯鑫磊宁帆航超然',
      '子俊一天嘉铭瑞豪家宏旭毅恒锋坤晓翔阳彬正文硕奕辰卓梓皓煜烨晟骏琛昕楷霖逸哲宸灏岩峻炜策弘熙远腾明亮佳乐成龙飞',
    ],
  },
  female: {
    older: [
      '秀英芳娟霞玲燕萍红丽艳敏静华梅兰玉凤桂珍',
      '翠莲荣琴云春淑琳美娥花香素彩菊慧晓爱君娜洁蓉莉雪平芬桃珠娇青霜月杰颖琼香荷淑贞宁',
    ],
    younger: [
      '婷雪慧颖倩洁晶欣悦怡佳雯璐琪晴瑶涵萱诗梦',
      '思雨嘉彤月露妍姗蕾薇茜楠菲冰蓉媛晨可心琳静宁梓馨语若依艺紫蕊婕珊琦姝昕柔萌颜韵曼丹娜瑾晗沫灵钰雅岚莹璇',
    ],
  },
} as const;

function charTable(core: string, tail: string): WeightedTable<string> {
  const weights = new Map<string, number>();
  for (const ch of core) weights.set(ch, (weights.get(ch) ?? 0) + 2);
  for (const ch of tail) weights.set(ch, (weights.get(ch) ?? 0) + 1);
  return weightedPairs([...weights]);
}

const CHAR_TABLES: Record<Gender, { older: WeightedTable<string>; younger: WeightedTable<string> }> = {
  male: { older: charTable(...POOLS.male.older), younger: charTable(...POOLS.male.younger) },
  female: { older: charTable(...POOLS.female.older), younger: charTable(...POOLS.female.younger) },
};

/** Share of two-character given names. */
const TWO_CHAR_SHARE = 0.75;
/** Reduplicated names such as 婷婷, 丽丽 are a small but visible share of women's names. */
const REDUPLICATED_FEMALE_SHARE = 0.03;

export interface ChineseName {
  surname: string;
  given: string;
  name: string;
}

export function pickSurname(rng: Rng): string {
  return rng.fromTable(SURNAME_TABLE);
}

export function pickGivenName(rng: Rng, gender: Gender, birthYear = 1985): string {
  const pools = CHAR_TABLES[gender];
  // Around the 1980 boundary both styles coexist; blend instead of switching abruptly.
  const youngerShare = Math.min(1, Math.max(0, (birthYear - 1970) / 20));
  const table = rng.chance(youngerShare) ? pools.younger : pools.older;
  const first = rng.fromTable(table);
  if (!rng.chance(TWO_CHAR_SHARE)) return first;
  if (gender === 'female' && rng.chance(REDUPLICATED_FEMALE_SHARE)) return first + first;
  let second = rng.fromTable(table);
  for (let tries = 0; second === first && tries < 4; tries++) second = rng.fromTable(table);
  return first + second;
}

export function chineseName(rng: Rng, gender: Gender, birthYear?: number): ChineseName {
  const surname = pickSurname(rng);
  const given = pickGivenName(rng, gender, birthYear);
  return { surname, given, name: surname + given };
}
