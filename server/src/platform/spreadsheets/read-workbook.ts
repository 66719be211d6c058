import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { decodeCsvBytes, parseCsvText } from './csv-read.js';
import { SpreadsheetError } from './errors.js';
import { openXlsxPackage } from './xlsx-package.js';

// Reading an uploaded department list (.xlsx or .csv) into plain rows: no database, no field
// mapping. Type is sniffed from the bytes, never trusted from the name, and every limit from
// quality.md "Uploads" is enforced before or while parsing.

export { SpreadsheetError, type SpreadsheetErrorCode } from './errors.js';

/** What a cell holds after reading: text, number, date (exceljs gives UTC-midnight Dates), or empty. */
export type CellValue = string | number | Date | null;

export interface SheetData {
  name: string;
  /**
   * Non-empty rows only, trailing empty cells trimmed. A merged range keeps its value in the
   * top-left cell and null elsewhere: the streaming reader ignores <mergeCells>.
   */
  rows: CellValue[][];
  /** 1-based spreadsheet row number of rows[i] as Excel shows it */
  rowNumbers: number[];
}

export interface Workbook {
  format: 'xlsx' | 'csv';
  /** csv only, e.g. 'GB18030' | 'UTF-8' | 'mixed' */
  encoding?: string;
  /** Visible sheets first, then hidden ones, each group in workbook order. */
  sheets: SheetData[];
}

export interface ReadLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
  maxUnzippedBytes: number;
  maxZipEntries: number;
}

const MB = 1024 * 1024;

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: 50 * MB,
  maxRows: 200_000,
  maxColumns: 200,
  maxUnzippedBytes: 300 * MB,
  maxZipEntries: 2000,
};

/**
 * Reads an uploaded .xlsx or .csv (sniffed from the bytes; `fileName` only names a CSV's sheet).
 * Throws SpreadsheetError: empty, tooLarge {limitMb}, unsupportedType {detected}, encrypted,
 * zipBomb {reason: 'size', limitMb} | {reason: 'entries', limit}, tooManyRows {limit},
 * tooManyColumns {limit}, corrupt, noSheets.
 */
export async function readWorkbook(bytes: Buffer, fileName: string, limits?: Partial<ReadLimits>): Promise<Workbook> {
  const lim: ReadLimits = { ...DEFAULT_READ_LIMITS, ...limits };
  if (bytes.length === 0) throw new SpreadsheetError('spreadsheet.empty');
  if (bytes.length > lim.maxBytes) throw new SpreadsheetError('spreadsheet.tooLarge', { limitMb: Math.round((lim.maxBytes / MB) * 10) / 10 });

  switch (await sniff(bytes)) {
    case 'zip':
      return readXlsx(bytes, lim);
    case 'text':
      return readCsv(bytes, fileName, lim);
  }
}

// ---------------------------------------------------------------------------------------------
// Sniffing

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const TEXT_PROBE = 64 * 1024;
const WEAK_SIGNATURES = new Set(['bmp']);

async function sniff(bytes: Buffer): Promise<'zip' | 'text'> {
  // Zip and CFB are recognised by their magic here, so file-type never walks an untrusted zip.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && [0x03, 0x05, 0x07].includes(bytes[2])) return 'zip';
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) {
    // A password-protected .xlsx is a CFB container holding an "EncryptedPackage" stream; CFB
    // directory names are UTF-16LE. Anything else in CFB is a legacy binary Office file.
    if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) throw new SpreadsheetError('spreadsheet.encrypted');
    throw new SpreadsheetError('spreadsheet.unsupportedType', { detected: 'xls' });
  }
  // A byte-order mark means text even though UTF-16 is full of NUL bytes.
  if ((bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return 'text';
  }
  const binary = bytes.subarray(0, TEXT_PROBE).includes(0);
  const type = await fileTypeFromBuffer(bytes).catch(() => undefined);
  // "BM" (bitmap) is too short a signature: a CSV headed "BMI,…" matches it. Real bitmaps have NULs.
  if (type && (binary || !WEAK_SIGNATURES.has(type.ext))) throw new SpreadsheetError('spreadsheet.unsupportedType', { detected: type.ext });
  if (binary) throw new SpreadsheetError('spreadsheet.unsupportedType', { detected: 'binary' });
  return 'text';
}

// ---------------------------------------------------------------------------------------------
// CSV

function readCsv(bytes: Buffer, fileName: string, lim: ReadLimits): Workbook {
  const { text, encoding } = decodeCsvBytes(bytes);
  // Many systems export an HTML table (or SpreadsheetML 2003) and call it .xls.
  const head = text.slice(0, 1000).trimStart().slice(0, 200).toLowerCase();
  if (/^<(!doctype\s+html|html|table|meta|head)\b/.test(head)) throw new SpreadsheetError('spreadsheet.unsupportedType', { detected: 'html' });
  if (head.startsWith('<?xml')) throw new SpreadsheetError('spreadsheet.unsupportedType', { detected: 'xml' });

  const { rows, rowNumbers } = parseCsvText(text, lim);
  if (rows.length === 0) throw new SpreadsheetError('spreadsheet.empty');
  return { format: 'csv', encoding, sheets: [{ name: sheetNameFromFile(fileName), rows, rowNumbers }] };
}

function sheetNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base) || 'Sheet1';
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** The streaming reader's worksheet object; its typings omit the fields it sets from workbook.xml. */
interface StreamWorksheet extends AsyncIterable<ExcelJS.Row> {
  name: string;
}

async function readXlsx(bytes: Buffer, lim: ReadLimits): Promise<Workbook> {
  const pkg = await openXlsxPackage(bytes, lim);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(pkg.stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // needed to tell dates from numbers (number formats live in styles.xml)
    worksheets: 'emit',
  });
  const sheets: SheetData[] = [];
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as StreamWorksheet;
      const sheet: SheetData = { name: ws.name, rows: [], rowNumbers: [] };
      let rowNumber = 0;
      for await (const row of ws) {
        // <row r="…"> is optional in the format; without it the row follows the previous one.
        rowNumber = Number.isFinite(row.number) && row.number > 0 ? row.number : rowNumber + 1;
        const cells = rowCells(row, lim.maxColumns, pkg.date1904);
        if (cells.length === 0) continue;
        if (sheet.rows.length >= lim.maxRows) throw new SpreadsheetError('spreadsheet.tooManyRows', { limit: lim.maxRows });
        sheet.rows.push(cells);
        sheet.rowNumbers.push(rowNumber);
      }
      sheets.push(sheet);
    }
  } catch (err) {
    if (err instanceof SpreadsheetError) throw err;
    // saxes errors (malformed XML, undefined entities) and anything exceljs trips over.
    throw new SpreadsheetError('spreadsheet.corrupt');
  } finally {
    pkg.stream.destroy();
  }
  if (sheets.length === 0) throw new SpreadsheetError('spreadsheet.noSheets');
  return { format: 'xlsx', sheets };
}

function rowCells(row: ExcelJS.Row, maxColumns: number, date1904: boolean): CellValue[] {
  const cells: CellValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const value = cellValue(cell.value, cell.numFmt, date1904);
    if (value === null) return;
    if (col > maxColumns) throw new SpreadsheetError('spreadsheet.tooManyColumns', { limit: maxColumns });
    cells[col - 1] = value;
  });
  const out = Array.from(cells, (v) => v ?? null);
  while (out.length > 0 && isBlank(out[out.length - 1])) out.pop();
  return out;
}

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

/** Converts an exceljs cell value to a CellValue (see the rules on the CellValue type). */
function cellValue(v: unknown, numFmt: string | undefined, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v === '' ? null : unescapeOoxml(v);
  // Numbers stay numbers so an ID typed as a number stays visibly a (truncated) number.
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      const text = (o.richText as { text?: string | null }[]).map((r) => r.text ?? '').join('');
      return text === '' ? null : unescapeOoxml(text);
    }
    if ('formula' in o || 'sharedFormula' in o) {
      // The cached result; the streaming reader does not apply the date format to it, so we do.
      const result = o.result;
      if (typeof result === 'number' && Number.isFinite(result) && isDateFormat(numFmt)) return excelSerialToDate(result, date1904);
      return cellValue(result, undefined, date1904);
    }
    if ('error' in o) return null;
    if ('text' in o) return cellValue(o.text, numFmt, date1904); // hyperlink
  }
  return null;
}

/** Excel escapes characters XML cannot hold as _xHHHH_ (e.g. _x000D_ for a carriage return). */
function unescapeOoxml(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Same rule exceljs applies to plain number cells: a format with y/m/d/h/s outside quotes and brackets. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhsb]/i.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function excelSerialToDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + 1462 : serial;
  return new Date(Math.round((days - 25569) * 86_400_000));
}
