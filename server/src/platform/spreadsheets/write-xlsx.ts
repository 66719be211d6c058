import ExcelJS from 'exceljs';
import type { Stream } from 'node:stream';

// Streaming .xlsx writer for exports and import error files: rows go out as they come, so a
// 200 000-row export never sits in memory. Text cells are escaped against formula injection
// (quality.md "Uploads": = + - @ and tab/CR at a cell start).

export interface XlsxColumn {
  header: string;
  width?: number;
}

export interface XlsxWriteOptions {
  sheetName: string;
  /** first row, merged across columns, bold */
  title?: string;
  /** page header/footer, e.g. 'exported by 张三 at 2026-11-25 10:00 UTC' */
  headerText?: string;
  footerText?: string;
  columns: XlsxColumn[];
}

type RowValues = (string | number | null)[];

const FORMULA_START = /^[=+\-@\t\r]/;
/** Excel's cell limit; longer text makes Excel "repair" the file. */
const MAX_CELL_TEXT = 32_767;
/** Let the zip stream drain now and then; committed rows are otherwise buffered until we yield. */
const YIELD_EVERY = 1000;

/** Prefixes ' when a text would start a formula. Applies to every string, '-5' included; JS numbers are written as numbers and need no escape. */
export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Streams rows into an .xlsx written to `output` (a Writable such as a file stream); values are escaped against formula injection. */
export async function writeXlsx(
  output: NodeJS.WritableStream,
  opts: XlsxWriteOptions,
  rows: AsyncIterable<RowValues> | Iterable<RowValues>,
): Promise<{ rows: number }> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output as unknown as Stream, useStyles: true, useSharedStrings: false });
  const width = Math.max(1, opts.columns.length);
  const headerRow = opts.title ? 2 : 1;
  const worksheet = workbook.addWorksheet(safeSheetName(opts.sheetName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }],
    headerFooter: {
      oddHeader: opts.headerText ? `&C${headerFooterText(opts.headerText)}` : undefined,
      oddFooter: opts.footerText ? `&C${headerFooterText(opts.footerText)}` : undefined,
    },
  });
  worksheet.columns = opts.columns.map((c) => ({ width: c.width ?? Math.min(50, Math.max(10, c.header.length * 2 + 2)) }));

  if (opts.title) {
    const title = worksheet.addRow([text(opts.title)]);
    title.font = { bold: true, size: 14 };
    // Merge before commit: the streaming writer cannot touch committed rows.
    if (width > 1) worksheet.mergeCells(1, 1, 1, width);
    title.commit();
  }
  const header = worksheet.addRow(opts.columns.map((c) => text(c.header)));
  header.font = { bold: true };
  header.commit();

  let count = 0;
  for await (const values of rows) {
    const row = worksheet.addRow(values.map((v) => (typeof v === 'string' ? text(v) : typeof v === 'number' && !Number.isFinite(v) ? null : v)));
    values.forEach((v, i) => {
      // Digit strings (IDs, phone numbers) are already written as text; the '@' format keeps them
      // text when someone edits the cell in Excel.
      if (typeof v === 'string' && /^\d+$/.test(v)) row.getCell(i + 1).numFmt = '@';
    });
    row.commit();
    if (++count % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  worksheet.commit();
  await workbook.commit();
  return { rows: count };
}

function text(value: string): string {
  const escaped = escapeFormula(value);
  return escaped.length > MAX_CELL_TEXT ? escaped.slice(0, MAX_CELL_TEXT) : escaped;
}

/** '&' starts a control code in Excel header/footer text. */
function headerFooterText(value: string): string {
  return value.replace(/&/g, '&&');
}

/** Excel sheet names: ≤ 31 characters, none of : \ / ? * [ ], not blank. */
function safeSheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31).trim();
  return cleaned || 'Sheet1';
}
