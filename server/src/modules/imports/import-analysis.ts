import { PERSON_IMPORT_FIELDS, isPersonImportField } from '../../../../common/src/dictionaries/person-fields.js';
import type { SourceRecordFlag } from '../../../../common/src/schemas/persons.js';
import type { RowOutcome } from '../../../../common/src/schemas/imports.js';
import { AppError } from '../../platform/errors.js';
import { detectHeader, mapColumns, normalizeHeader, type ColumnSynonyms } from '../../platform/spreadsheets/header-detect.js';
import type { CellValue, SheetData, Workbook } from '../../platform/spreadsheets/read-workbook.js';
import { classifyRow, type RowKind } from '../../platform/spreadsheets/row-classify.js';
import type { PlaceResolver } from './places.js';
import { cellText, parseRow, type ParsedRow } from './row-parse.js';

// From a read workbook to what the wizard previews and the commit writes: which sheet, which row
// is the header, which column is which field, and every row's kind, values and problems.

export const PERSON_SYNONYMS: ColumnSynonyms = Object.fromEntries(PERSON_IMPORT_FIELDS.map((f) => [f.field, f.synonyms]));

export interface StoredMapping {
  column: number;
  header: string;
  field: string | null;
  confidence: 'exact' | 'synonym' | 'fuzzy' | 'none' | 'user';
}

export interface AnalysedRow {
  rowNumber: number;
  kind: RowKind;
  cells: CellValue[];
  parsed: ParsedRow | null;
  outcome: RowOutcome;
  flags: SourceRecordFlag[];
}

export interface Analysis {
  sheet: SheetData;
  headerRow: number;
  headers: string[];
  mapping: StoredMapping[];
  rows: AnalysedRow[];
}

export interface AnalysisChoice {
  sheet?: string;
  headerRow?: number;
  mapping?: { column: number; field: string | null }[];
}

function headerAt(sheet: SheetData, rowNumber: number) {
  const rowIndex = sheet.rowNumbers.indexOf(rowNumber);
  if (rowIndex < 0) return null;
  return { rowIndex, headers: (sheet.rows[rowIndex] ?? []).map((c) => normalizeHeader(c)), dataStartIndex: rowIndex + 1 };
}

/** The sheet to import: the one named, else the first whose header can be found. */
function pickSheet(book: Workbook, name: string | undefined): { sheet: SheetData; guess: ReturnType<typeof detectHeader> } {
  if (name !== undefined) {
    const sheet = book.sheets.find((s) => s.name === name);
    if (!sheet) throw new AppError(400, 'import.sheetNotFound', { sheet: name });
    return { sheet, guess: detectHeader(sheet, PERSON_SYNONYMS) };
  }
  for (const sheet of book.sheets) {
    const guess = detectHeader(sheet, PERSON_SYNONYMS);
    if (guess) return { sheet, guess };
  }
  if (!book.sheets[0]) throw new AppError(400, 'spreadsheet.noSheets');
  return { sheet: book.sheets[0], guess: null };
}

export function analyse(book: Workbook, choice: AnalysisChoice, places: PlaceResolver): Analysis {
  const { sheet, guess } = pickSheet(book, choice.sheet);
  const header = choice.headerRow !== undefined ? headerAt(sheet, choice.headerRow) : guess;
  if (!header) throw new AppError(400, 'import.noHeader');

  const width = Math.max(header.headers.length, ...sheet.rows.slice(header.dataStartIndex, header.dataStartIndex + 50).map((r) => r.length));
  const headers = Array.from({ length: width }, (_, i) => header.headers[i] ?? '');
  const original = sheet.rows[header.rowIndex] ?? [];
  let mapping: StoredMapping[] = mapColumns(headers, PERSON_SYNONYMS).map((m) => ({
    column: m.column,
    header: cellText(original[m.column]) || m.header,
    field: m.field,
    confidence: m.confidence,
  }));
  if (choice.mapping) {
    const chosen = new Map(choice.mapping.map((m) => [m.column, m.field]));
    mapping = mapping.map((m) => (chosen.has(m.column) ? { ...m, field: chosen.get(m.column) ?? null, confidence: chosen.get(m.column) ? 'user' : 'none' } : m));
    for (const m of mapping) if (m.field !== null && !isPersonImportField(m.field)) throw new AppError(400, 'validation', undefined, { mapping: { key: 'field.invalidChoice' } });
    const used = new Set<string>();
    for (const m of mapping) {
      if (!m.field) continue;
      if (used.has(m.field)) throw new AppError(400, 'validation', undefined, { mapping: { key: 'field.invalidChoice' } });
      used.add(m.field);
    }
  }

  const fields = mapping.map((m) => m.field);
  const rows: AnalysedRow[] = [];
  const seenIds = new Map<string, number>();
  for (let i = header.dataStartIndex; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i] ?? [];
    const rowNumber = sheet.rowNumbers[i]!;
    const kind = classifyRow(cells, headers);
    if (kind !== 'data') {
      rows.push({ rowNumber, kind, cells, parsed: null, outcome: 'skipped', flags: [] });
      continue;
    }
    const parsed = parseRow(cells, fields, places);
    if (parsed.validResidentId) {
      const first = seenIds.get(parsed.validResidentId);
      if (first !== undefined) parsed.flags.push({ field: 'residentId', code: 'duplicateInFile', value: String(first) });
      else seenIds.set(parsed.validResidentId, rowNumber);
    }
    rows.push({ rowNumber, kind, cells, parsed, outcome: parsed.refused ? 'refused' : parsed.flags.length ? 'flagged' : 'ok', flags: parsed.flags });
  }
  return { sheet, headerRow: sheet.rowNumbers[header.rowIndex]!, headers, mapping, rows };
}

/** The row as stored in its source record: every column's header and text, as read. */
export function storedCells(a: Analysis, cells: CellValue[]): { h: string; v: string }[] {
  const width = Math.max(a.mapping.length, cells.length);
  return Array.from({ length: width }, (_, i) => ({ h: a.mapping[i]?.header ?? '', v: cellText(cells[i]) }));
}
