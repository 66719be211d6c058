import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { SpreadsheetError } from './errors.js';

// CSV (and tab-separated "xls" text exports) as department systems produce them: mostly GBK from
// Chinese Excel/WPS, UTF-8 with or without BOM, and sometimes files pasted together from both.

export interface DecodedText {
  text: string;
  /** 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030' | 'Big5' | 'mixed' */
  encoding: string;
}

const CHARDET_SAMPLE = 256 * 1024;

export function decodeCsvBytes(bytes: Buffer): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'UTF-16BE' };
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'UTF-8' };

  // Not UTF-8 as a whole: look line by line. LF (0x0A) never occurs inside a GBK/GB18030 or Big5
  // character, so splitting on it is safe for every candidate encoding.
  const lines: Buffer[] = [];
  for (let start = 0; start <= bytes.length; ) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl + 1;
    lines.push(bytes.subarray(start, end));
    start = end;
    if (nl === -1) break;
  }
  const legacy: Buffer[] = [];
  let utf8NonAscii = 0;
  const kinds = lines.map((line) => {
    if (isAscii(line)) return 'ascii' as const;
    if (isUtf8(line)) {
      utf8NonAscii++;
      return 'utf8' as const;
    }
    legacy.push(line);
    return 'legacy' as const;
  });
  const fallback = legacyEncoding(Buffer.concat(legacy).subarray(0, CHARDET_SAMPLE));
  if (utf8NonAscii === 0) return { text: iconv.decode(bytes, fallback.iconv), encoding: fallback.label };
  // Some lines are UTF-8, others are not: files concatenated from two sources. Decode each on its own.
  const text = lines.map((line, i) => (kinds[i] === 'legacy' ? iconv.decode(line, fallback.iconv) : line.toString('utf8'))).join('');
  return { text, encoding: 'mixed' };
}

function isAscii(bytes: Buffer): boolean {
  for (const b of bytes) if (b > 0x7f) return false;
  return true;
}

/**
 * The lists are Chinese: GB18030 (a superset of GB2312/GBK) unless chardet is confident of Big5.
 * Short GBK samples are often reported as ISO-8859-1 or EUC-KR, so any other guess also means GB18030.
 */
function legacyEncoding(sample: Buffer): { iconv: string; label: string } {
  const matches = chardet.analyse(sample);
  const top = matches[0];
  const gb = matches.find((m) => m.name === 'GB18030')?.confidence ?? 0;
  if (top && top.name === 'Big5' && top.confidence >= 80 && gb < 50) return { iconv: 'big5', label: 'Big5' };
  return { iconv: 'gb18030', label: 'GB18030' };
}

const DELIMITERS = [',', '\t', ';', '|'] as const;

/** Picks the delimiter whose per-line count is most consistent over the first lines; ties go to the earlier candidate. */
export function detectDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/, 200)
    .filter((l) => l.trim() !== '')
    .slice(0, 30);
  let best: { delimiter: string; lines: number; count: number } = { delimiter: ',', lines: 0, count: 0 };
  for (const delimiter of DELIMITERS) {
    const freq = new Map<number, number>();
    for (const line of lines) {
      const n = countOutsideQuotes(line, delimiter);
      if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    }
    // The most frequent non-zero count and how many lines have it.
    let modeCount = 0;
    let modeLines = 0;
    for (const [count, n] of freq) if (n > modeLines || (n === modeLines && count > modeCount)) [modeCount, modeLines] = [count, n];
    if (modeLines > best.lines || (modeLines === best.lines && modeCount > best.count)) best = { delimiter, lines: modeLines, count: modeCount };
  }
  return best.delimiter;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) n++;
  }
  return n;
}

export interface CsvRows {
  rows: (string | null)[][];
  rowNumbers: number[];
}

/** Parses decoded text; cells stay strings (`3.70302E+17` is kept as typed), blank rows are dropped. */
export function parseCsvText(text: string, limits: { maxRows: number; maxColumns: number }): CsvRows {
  const rows: (string | null)[][] = [];
  const rowNumbers: number[] = [];
  try {
    parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      bom: true,
      skip_empty_lines: false,
      // Collect here rather than from the return value so an oversized file stops early.
      on_record: (record: string[], info) => {
        const cells: (string | null)[] = record.map((c) => (c === '' ? null : c));
        while (cells.length > 0 && isBlank(cells[cells.length - 1])) cells.pop();
        if (cells.length === 0) return null;
        if (cells.length > limits.maxColumns) throw new SpreadsheetError('spreadsheet.tooManyColumns', { limit: limits.maxColumns });
        if (rows.length >= limits.maxRows) throw new SpreadsheetError('spreadsheet.tooManyRows', { limit: limits.maxRows });
        rows.push(cells);
        // Excel shows one row per record (a quoted field with a line break stays in one row).
        rowNumbers.push(info.records);
        return null;
      },
    });
  } catch (err) {
    if (err instanceof SpreadsheetError) throw err;
    throw new SpreadsheetError('spreadsheet.corrupt');
  }
  return { rows, rowNumbers };
}

function isBlank(v: string | null): boolean {
  return v === null || v.trim() === '';
}
