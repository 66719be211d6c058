import type { CellValue, SheetData } from './read-workbook.js';

// Finding the header row of a department list and mapping its columns to registry fields. Lists
// come with title rows, "填报单位：…" lines, two-row grouped headers and decorated header text
// ("身份证号码*", "联系电话（手机）："), so matching works on normalised text.

/** target field → header names (Chinese + English) that mean it */
export interface ColumnSynonyms {
  [field: string]: readonly string[];
}

export interface HeaderGuess {
  /** index into SheetData.rows */
  rowIndex: number;
  /** normalised header text per column; for a two-row merged header, 'parent/child' */
  headers: string[];
  /** number of columns whose header matches a synonym */
  score: number;
  dataStartIndex: number;
}

export interface ColumnMapping {
  column: number;
  header: string;
  field: string | null;
  /**
   * 'exact': the header (or, under a group label, its child part) equals a synonym;
   * 'synonym': one contains the other; 'fuzzy': only the group label of a two-row header matched;
   * 'none': no field.
   */
  confidence: 'exact' | 'synonym' | 'fuzzy' | 'none';
}

const BRACKETS: Record<string, string> = { '【': '(', '】': ')', '〔': '(', '〕': ')', '〖': '(', '〗': ')', '「': '(', '」': ')' };

/** NFKC, no whitespace, no * / ※ required-marks, full-width brackets → ASCII, no trailing colon, Latin lower-cased. */
export function normalizeHeader(text: unknown): string {
  if (text === null || text === undefined) return '';
  const raw = text instanceof Date ? text.toISOString().slice(0, 10) : String(text);
  return raw
    .normalize('NFKC') // full-width letters, digits, （）：＊ and the ideographic space become ASCII
    .replace(/[【】〔〕〖〗「」]/g, (c) => BRACKETS[c])
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .replace(/[*※]/g, '')
    .replace(/:+$/, '')
    .toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Matching

interface Synonym {
  field: string;
  text: string;
  /** position in the field's list: earlier synonyms are the more canonical names */
  rank: number;
}

type Level = 'exact' | 'synonym' | 'fuzzy';
interface Match {
  field: string;
  level: Level;
  length: number;
  rank: number;
}

/** Contains-matching needs ≥ 2 characters on both sides; very long cells are titles or notes, not headers. */
const MIN_CONTAINS = 2;
const MAX_HEADER_LENGTH = 30;

function compileSynonyms(synonyms: ColumnSynonyms): Synonym[] {
  const list: Synonym[] = [];
  for (const [field, names] of Object.entries(synonyms)) {
    names.forEach((name, rank) => {
      const text = normalizeHeader(name);
      if (text) list.push({ field, text, rank });
    });
  }
  return list;
}

const LEVEL_ORDER: Record<Level, number> = { exact: 3, synonym: 2, fuzzy: 1 };

function better(a: Match, b: Match | null): boolean {
  if (!b) return true;
  if (LEVEL_ORDER[a.level] !== LEVEL_ORDER[b.level]) return LEVEL_ORDER[a.level] > LEVEL_ORDER[b.level];
  if (a.length !== b.length) return a.length > b.length;
  return a.rank < b.rank;
}

function containsLength(text: string, syn: string): number {
  if (text.length < MIN_CONTAINS || syn.length < MIN_CONTAINS || text.length > MAX_HEADER_LENGTH) return 0;
  if (text.includes(syn)) return syn.length;
  if (syn.includes(text)) return text.length;
  return 0;
}

/** Best field for one normalised header; a 'parent/child' header is matched on its child first. */
function bestMatch(header: string, synonyms: Synonym[]): Match | null {
  if (!header) return null;
  const slash = header.lastIndexOf('/');
  const child = slash > 0 ? header.slice(slash + 1) : header;
  const parent = slash > 0 ? header.slice(0, slash) : '';
  let best: Match | null = null;
  const offer = (m: Match) => {
    if (better(m, best)) best = m;
  };
  for (const s of synonyms) {
    if (header === s.text || child === s.text) {
      offer({ field: s.field, level: 'exact', length: s.text.length, rank: s.rank });
      continue;
    }
    // Under a group label only the child part counts here; the label alone is 'fuzzy' below.
    const len = containsLength(child, s.text);
    if (len > 0) {
      offer({ field: s.field, level: 'synonym', length: len, rank: s.rank });
      continue;
    }
    if (parent) {
      const plen = parent === s.text ? s.text.length : containsLength(parent, s.text);
      if (plen > 0) offer({ field: s.field, level: 'fuzzy', length: plen, rank: s.rank });
    }
  }
  return best;
}

export function mapColumns(headers: string[], synonyms: ColumnSynonyms): ColumnMapping[] {
  const compiled = compileSynonyms(synonyms);
  const normalised = headers.map(normalizeHeader);
  const matches = normalised.map((h) => bestMatch(h, compiled));
  // Each field goes to its best column; the other claimants get no field.
  const winner = new Map<string, number>();
  matches.forEach((m, column) => {
    if (!m) return;
    const current = winner.get(m.field);
    if (current === undefined || better(m, matches[current])) winner.set(m.field, column);
  });
  return normalised.map((header, column) => {
    const m = matches[column];
    return m && winner.get(m.field) === column
      ? { column, header, field: m.field, confidence: m.level }
      : { column, header, field: null, confidence: 'none' as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Header row detection

export function detectHeader(sheet: SheetData, synonyms: ColumnSynonyms, opts?: { scanRows?: number }): HeaderGuess | null {
  const compiled = compileSynonyms(synonyms);
  const scan = Math.min(sheet.rows.length, opts?.scanRows ?? 30);
  const texts = sheet.rows.slice(0, scan + 1).map((row) => row.map(normalizeHeader));
  const matched = (t: string) => bestMatch(t, compiled) !== null;
  const countMatches = (row: string[]) => row.filter(matched).length;

  let best = -1;
  let bestScore = 0;
  for (let i = 0; i < scan; i++) {
    const score = countMatches(texts[i]);
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  if (best < 0 || bestScore < 2) return null;

  // A second header row below the chosen one (chosen row holds group labels), or a group-label
  // row above it (chosen row holds the detailed names).
  if (best + 1 < texts.length && isChildRow(sheet.rows[best + 1], texts[best], texts[best + 1], matched)) {
    return combined(best, texts[best], texts[best + 1], matched);
  }
  if (best > 0 && isGroupRow(texts[best - 1], texts[best])) {
    return combined(best - 1, texts[best - 1], texts[best], matched);
  }
  const headers = texts[best];
  return { rowIndex: best, headers, score: bestScore, dataStartIndex: best + 1 };
}

function combined(upperIndex: number, upper: string[], lower: string[], matched: (t: string) => boolean): HeaderGuess {
  const width = Math.max(upper.length, lower.length);
  const headers: string[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const u = upper[c] ?? '';
    const l = lower[c] ?? '';
    // A merged group label sits in its first column only: carry it right while children continue.
    if (u) group = l ? u : '';
    else if (!l) group = '';
    const parent = u || group;
    headers.push(parent && l && parent !== l ? `${parent}/${l}` : parent || l);
  }
  const score = headers.filter(matched).length;
  return { rowIndex: upperIndex, headers, score, dataStartIndex: upperIndex + 2 };
}

/**
 * Is `lower` the second row of a two-row header whose first row is `upper`? It must read like
 * header text (no numbers or dates, most cells match a synonym) and match where the upper row is
 * blank or holds a label that is not itself a field name (a group label such as 基本信息 / 联系方式).
 */
function isChildRow(lowerCells: CellValue[], upper: string[], lower: string[], matched: (t: string) => boolean): boolean {
  if (lowerCells.some((v) => typeof v === 'number' || v instanceof Date)) return false;
  const nonEmpty = lower.filter(Boolean).length;
  const hits = lower.filter(matched).length;
  if (hits === 0 || hits * 2 < nonEmpty) return false;
  let group = '';
  for (let c = 0; c < lower.length; c++) {
    const u = upper[c] ?? '';
    if (u) group = u;
    if (!lower[c] || !matched(lower[c])) continue;
    if (!u && group) return true; // under a label merged from the left
    if (!u && !group) return true; // under a blank
    if (u && !matched(u)) return true; // under a group label
  }
  return false;
}

/**
 * Is `upper` a row of group labels over `lower`? Short labels, no "key：value" lines, and either
 * several labels or a label over an empty cell of `lower` (a header cell merged down two rows).
 * Title rows (one long cell) and 填报单位 lines fail these tests.
 */
function isGroupRow(upper: string[], lower: string[]): boolean {
  const labels = upper.filter(Boolean);
  if (labels.length === 0 || labels.some((t) => t.length > 12 || t.includes(':'))) return false;
  const mergedDown = upper.some((t, c) => t && !lower[c]);
  const overHeaders = upper.some((t, c) => t && lower[c]);
  return overHeaders && (labels.length >= 2 || mergedDown);
}
