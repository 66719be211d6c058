// Lives apart from read-workbook.ts so the internal readers (xlsx package, CSV decoding) can throw it
// without a circular import; read-workbook.ts re-exports it as the public API.

export type SpreadsheetErrorCode =
  | 'spreadsheet.empty'
  | 'spreadsheet.unsupportedType'
  | 'spreadsheet.tooLarge'
  | 'spreadsheet.zipBomb'
  | 'spreadsheet.tooManyRows'
  | 'spreadsheet.tooManyColumns'
  | 'spreadsheet.corrupt'
  | 'spreadsheet.encrypted'
  | 'spreadsheet.noSheets';

/** A file the reader refuses; `code` doubles as the message-catalog key, `params` fill it in. */
export class SpreadsheetError extends Error {
  constructor(
    public code: SpreadsheetErrorCode,
    public params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'SpreadsheetError';
  }
}
