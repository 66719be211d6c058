// Code lists (GB/T standards and our own) as plain data, plus label lookup and tolerant matching of
// what departments write in their spreadsheets. No zod here: the web app loads this up front.
import type { Locale } from '../i18n/locale.js';

export interface DictEntry {
  code: string;
  zh: string;
  en: string;
  /** Other ways people write this entry (short forms, old names); matched like the names. */
  variants?: readonly string[];
}

export interface Dictionary {
  id: string;
  entries: readonly DictEntry[];
}

/** Display label; '' for no value, and the code itself when the dictionary lacks it (old data). */
export function dictLabel(dict: Dictionary, code: string | null | undefined, locale: Locale): string {
  if (code === null || code === undefined || code === '') return '';
  const entry = byCode(dict).get(code);
  if (!entry) return code;
  return locale === 'en-US' ? entry.en : entry.zh;
}

/** Matching key: NFKC folds full-width forms, spaces are dropped (`汉 族`, `CPC member`), case ignored. */
function matchKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

// Built once per dictionary on first use, so 100,000 imported rows each cost one Map lookup.
const codeCache = new WeakMap<Dictionary, Map<string, DictEntry>>();
const matchCache = new WeakMap<Dictionary, Map<string, string>>();

function byCode(dict: Dictionary): Map<string, DictEntry> {
  let map = codeCache.get(dict);
  if (!map) {
    map = new Map(dict.entries.map((e) => [e.code, e]));
    codeCache.set(dict, map);
  }
  return map;
}

function matchMap(dict: Dictionary): Map<string, string> {
  let map = matchCache.get(dict);
  if (!map) {
    map = new Map();
    // Codes first, then names, then variants: a variant never shadows another entry's code or name.
    const tiers: ((e: DictEntry) => readonly string[])[] = [
      (e) => [e.code],
      (e) => [e.zh, e.en],
      (e) => e.variants ?? [],
    ];
    for (const tier of tiers) {
      for (const entry of dict.entries) {
        for (const text of tier(entry)) {
          const key = matchKey(text);
          if (key && !map.has(key)) map.set(key, entry.code);
        }
      }
    }
    matchCache.set(dict, map);
  }
  return map;
}

/**
 * Finds the entry for what a department wrote: code, zh name, en name (case-insensitive) or a
 * variant; NFKC + trim + drop inner spaces first. Returns the code or null.
 */
export function matchDictionary(dict: Dictionary, raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const key = matchKey(String(raw));
  if (!key) return null;
  const map = matchMap(dict);
  const hit = map.get(key);
  if (hit !== undefined) return hit;
  // Excel turns the code '01' into the number 1; try the zero-padded form for two-digit code lists.
  if (/^\d$/.test(key)) return map.get(`0${key}`) ?? null;
  return null;
}
