// CSV for spreadsheets: RFC 4180 quoting, and formula injection neutralised (a cell starting with
// = + - @ or a tab/CR would be run by Excel as a formula), per quality.md.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
