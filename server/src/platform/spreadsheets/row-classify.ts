import { normalizeHeader } from './header-detect.js';
import type { CellValue } from './read-workbook.js';

// Rows below the header that are not people: blank separators, 合计 lines, headers repeated at
// page breaks, and notes / signatures at the foot of the list.

export type RowKind = 'data' | 'blank' | 'total' | 'repeatedHeader' | 'note';

const TOTAL = /^(合计|总计|小计|共计)/;
const NOTE_START = /^(注|说明|备注|填表人|填报人|审核人|制表)/;
const NOTE_LENGTH = 40;

function isEmpty(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** `headers` are HeaderGuess.headers (normalised; 'parent/child' under a two-row header). */
export function classifyRow(cells: CellValue[], headers: string[]): RowKind {
  const filled = cells.map((v, i) => ({ v, i })).filter(({ v }) => !isEmpty(v));
  if (filled.length === 0) return 'blank';

  const first = filled[0].v;
  if (typeof first === 'string' && TOTAL.test(first.replace(/\s+/g, ''))) return 'total';

  // A header repeated at a page break matches the header text (or either half of 'parent/child').
  const sameAsHeader = filled.filter(({ v, i }) => {
    const text = normalizeHeader(v);
    const header = headers[i] ?? '';
    return text !== '' && (text === header || header.split('/').includes(text));
  }).length;
  if (sameAsHeader * 2 >= filled.length && sameAsHeader >= Math.min(2, headers.filter(Boolean).length)) return 'repeatedHeader';

  if (filled.length === 1 && filled[0].i === 0 && typeof first === 'string') {
    const text = first.trim();
    if (NOTE_START.test(text) || text.length > NOTE_LENGTH) return 'note';
  }
  return 'data';
}
