// Text clean-up shared by the API, the spreadsheet import and the web forms, so a value typed in a
// form and the same value read from a department's spreadsheet compare equal.

// Zero-width characters come along when people paste from web pages and chat apps; they are
// invisible, so a name "张三" with one inside would never match the real 张三.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/gu;

/** String(raw), NFKC, every whitespace run (U+3000, NBSP, line breaks) → one space, trimmed; null → ''. */
export function normalizeText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return String(raw).normalize('NFKC').replace(ZERO_WIDTH, '').replace(/\s+/gu, ' ').trim();
}

/** True when nothing but whitespace (or nothing at all) is there. */
export function isBlank(raw: unknown): boolean {
  return normalizeText(raw) === '';
}

const HAN = '\\p{Script=Han}';
// Dots people and input methods use in transliterated names (买买提·艾力): middle dot U+00B7
// (U+0387 folds into it under NFKC), bullet, katakana middle dot, hyphenation point, bullet and
// dot operators, the Korean middle dot, and the word separator middle dot.
const NAME_DOTS = '[\\u00B7\\u2022\\u30FB\\u2027\\u2219\\u22C5\\u318D\\u2E31\\u16EB]';
const SPACE_BETWEEN_HAN = new RegExp(`(?<=${HAN}) (?=${HAN})`, 'gu');
const DOT_BETWEEN = new RegExp(`(?<=\\S) ?${NAME_DOTS} ?(?=\\S)`, 'gu');
// A full stop is a name dot only between Chinese characters: 'J.R. Smith' must stay as it is.
const FULL_STOP_BETWEEN_HAN = new RegExp(`(?<=${HAN}) ?[.。] ?(?=${HAN})`, 'gu');

/**
 * A person's name in canonical form: normalizeText, no spaces between Chinese characters
 * ('张 三' → '张三'), every kind of name dot between characters → '·' ('买买提.艾力' → '买买提·艾力').
 * Latin names keep their single spaces.
 */
export function normalizePersonName(raw: unknown): string {
  return normalizeText(raw)
    .replace(DOT_BETWEEN, '·')
    .replace(FULL_STOP_BETWEEN_HAN, '·')
    .replace(SPACE_BETWEEN_HAN, '');
}
