import { pinyin } from 'pinyin-pro';
import * as OpenCC from 'opencc-js';
import { normalizeMobile } from '../../../../common/src/validation/mobile.js';
import { normalizePersonName, normalizeText } from '../../../../common/src/validation/text.js';

// What the search box can find a name by: the simplified characters, the full pinyin (zhangsan)
// and the initials (zs). Terms are stored lower-case, without spaces or tones, and matched by
// prefix, so "zhang" and "zhangs" find 张三 while typing.

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

/** Traditional → simplified after NFKC, so 張國榮 and 张国荣 are one search. */
export function simplify(text: string): string {
  return toSimplified(normalizeText(text));
}

const HAS_CJK = /[\u3400-\u9fff]/;

/**
 * Names repeat (a list of 100,000 has far fewer distinct names) and pinyin-pro is the costly part of
 * writing a person, so results are remembered; cleared when full rather than tracked per use.
 */
const pinyinCache = new Map<string, { full: string; initials: string }>();
const PINYIN_CACHE_SIZE = 50_000;

/** Full pinyin without tones or separators; surnames read as surnames (单 → shan, 曾 → zeng). */
export function namePinyin(name: string): { full: string; initials: string } {
  const hit = pinyinCache.get(name);
  if (hit) return { ...hit };
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'removed' })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean);
  const result = { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
  if (pinyinCache.size >= PINYIN_CACHE_SIZE) pinyinCache.clear();
  pinyinCache.set(name, result);
  return { ...result };
}

/** The sort key for names: pinyin, so 安 comes before 张 whatever the code points say. */
export function nameSortKey(name: string): string {
  const simplified = simplify(name);
  if (!HAS_CJK.test(simplified)) return simplified.toLowerCase().slice(0, 200);
  return `${namePinyin(simplified).full} ${simplified}`.slice(0, 200);
}

/** Search terms for a person's name, former names and pen name. */
export function personSearchTerms(names: (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const raw of names) {
    for (const part of (raw ?? '').split(/[,，、;；\s]+/)) {
      const name = simplify(normalizePersonName(part)).replace(/·/g, '');
      if (!name) continue;
      terms.add(name.toLowerCase().slice(0, 200));
      if (HAS_CJK.test(name)) {
        const { full, initials } = namePinyin(name);
        if (full) terms.add(full.slice(0, 200));
        // Users type 吕 as lv or lu; keep both.
        if (full.includes('v')) terms.add(full.replace(/v/g, 'u').slice(0, 200));
        if (initials.length > 1) terms.add(initials);
      }
    }
  }
  return [...terms];
}

export type QueryKind =
  | { kind: 'residentId'; value: string }
  | { kind: 'residentIdTail'; value: string }
  | { kind: 'mobile'; value: string }
  | { kind: 'mobileTail'; value: string }
  | { kind: 'pinyin'; value: string }
  | { kind: 'text'; value: string };

/**
 * What the user typed in the search box: digits are a phone or ID (full or tail), Latin letters
 * are pinyin or initials, anything else is a name or an employer.
 */
export function classifyQuery(raw: string): QueryKind | null {
  const q = normalizeText(raw).replace(/\s+/g, '');
  if (!q) return null;
  const upper = q.toUpperCase();
  if (/^\d{17}[\dX]$/.test(upper) || /^\d{15}$/.test(upper)) return { kind: 'residentId', value: upper };
  // A phone as people write it: +86 138-0013-8000, (0086) 13800138000.
  if (/^[+\d()\-]+$/.test(q)) {
    const mobile = normalizeMobile(q);
    if (mobile.valid && mobile.value) return { kind: 'mobile', value: mobile.value };
  }
  if (/^\d{5}[\dX]$/.test(upper)) return { kind: 'residentIdTail', value: upper };
  if (/^\d{4}$/.test(q)) return { kind: 'mobileTail', value: q };
  if (/^[a-z]+$/i.test(q)) return { kind: 'pinyin', value: q.toLowerCase() };
  return { kind: 'text', value: simplify(q).toLowerCase() };
}
