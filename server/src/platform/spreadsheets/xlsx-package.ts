import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { SpreadsheetError } from './errors.js';

// The zip layer of an .xlsx upload, checked before exceljs sees a byte (quality.md "Uploads").
//
// exceljs's streaming reader unzips with `unzipper`, which walks the *local* headers and inflates
// whatever deflate data it finds: it never looks at the central directory, so the declared sizes we
// check there could lie. We therefore never hand exceljs the uploaded zip. Instead:
//   1. yauzl reads the central directory: entry count and the sum of declared uncompressed sizes;
//   2. yauzl inflates the parts we need (workbook, rels, shared strings, styles, worksheets) with
//      validateEntrySizes on, so an entry that inflates past its declared size is rejected;
//   3. those parts are re-streamed to exceljs as a fresh, *stored* (uncompressed) zip that we write.
// What exceljs inflates is thus bounded by the validated declared sizes; media, drawings and
// anything else are never inflated at all. The rebuilt package also puts workbook, rels and shared
// strings first (so exceljs never spools sheets to temp files) and names sheets sheetN.xml with a
// matching synthetic workbook.xml, which fixes unusual targets (absolute paths, odd part names).

export interface PackageLimits {
  maxUnzippedBytes: number;
  maxZipEntries: number;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface XlsxPackage {
  /** A stored zip holding only the parts exceljs reads, in an order that keeps it streaming. */
  stream: Readable;
  /** Sheets as they appear in the rebuilt package: visible first, then workbook order. */
  sheets: { name: string; state: SheetState }[];
  date1904: boolean;
}

const MB = 1024 * 1024;
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export async function openXlsxPackage(bytes: Buffer, limits: PackageLimits): Promise<XlsxPackage> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true }).catch(() => {
    throw new SpreadsheetError('spreadsheet.corrupt');
  });
  if (zip.entryCount > limits.maxZipEntries) {
    throw new SpreadsheetError('spreadsheet.zipBomb', { reason: 'entries', limit: limits.maxZipEntries });
  }

  const entries = new Map<string, yauzl.Entry>();
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > limits.maxUnzippedBytes) {
        throw new SpreadsheetError('spreadsheet.zipBomb', { reason: 'size', limitMb: toMb(limits.maxUnzippedBytes) });
      }
      if (entry.fileName.endsWith('/')) continue;
      // Two entries with one name are never produced by Office; which one a reader picks is undefined.
      if (entries.has(entry.fileName)) throw new SpreadsheetError('spreadsheet.corrupt');
      entries.set(entry.fileName, entry);
    }
  } catch (err) {
    throw asSpreadsheetError(err, limits.maxUnzippedBytes);
  }

  const workbookEntry = entries.get('xl/workbook.xml');
  if (!workbookEntry) throw new SpreadsheetError('spreadsheet.unsupportedType', { detected: guessZipKind(entries) });

  const reader = new PartReader(zip, limits.maxUnzippedBytes);
  const workbookXml = (await reader.read(workbookEntry)).toString('utf8');
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  const rels = relsEntry ? parseRels((await reader.read(relsEntry)).toString('utf8')) : new Map<string, Rel>();
  const book = parseWorkbookXml(workbookXml);

  const partFor = (typeSuffix: string, fallback: string) => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(typeSuffix));
    return findEntry(entries, rel ? resolveTarget(rel.target) : fallback) ?? findEntry(entries, fallback);
  };
  const sharedStrings = partFor('/sharedStrings', 'xl/sharedStrings.xml');
  const stylesPart = partFor('/styles', 'xl/styles.xml');
  const styles = stylesPart === sharedStrings ? undefined : stylesPart;

  const sheets: { name: string; state: SheetState; entry: yauzl.Entry }[] = [];
  // Each part is streamed at most once: many sheets pointing at one big part would otherwise
  // multiply what exceljs parses past the unzipped-size limit.
  const used = new Set([sharedStrings, styles]);
  for (const sheet of book.sheets) {
    const rel = rels.get(sheet.rId);
    // Chart sheets, dialog sheets and macro sheets have no cells to import.
    if (!rel || !rel.type.endsWith('/worksheet')) continue;
    const entry = findEntry(entries, resolveTarget(rel.target));
    if (!entry || used.has(entry)) continue;
    used.add(entry);
    sheets.push({ name: sheet.name, state: sheet.state, entry });
  }
  if (sheets.length === 0) throw new SpreadsheetError('spreadsheet.noSheets');
  // Stable sort: visible sheets first, each group in workbook order.
  sheets.sort((a, b) => Number(a.state !== 'visible') - Number(b.state !== 'visible'));

  // Validation pass: inflate (and discard) every part we will stream, so sizes and prologs are
  // proven before exceljs starts; a failure half-way through exceljs's unzip could leave it waiting.
  const inflated = new Map<yauzl.Entry, Inflated>();
  for (const entry of [sharedStrings, styles, ...sheets.map((s) => s.entry)]) {
    if (entry) inflated.set(entry, await reader.inspect(entry));
  }

  const parts: Part[] = [
    synthetic('xl/workbook.xml', syntheticWorkbook(sheets, book.date1904)),
    synthetic('xl/_rels/workbook.xml.rels', syntheticRels(sheets.length)),
    sharedStrings
      ? { name: 'xl/sharedStrings.xml', entry: sharedStrings }
      : // exceljs only streams sheets once shared strings were seen; otherwise it spools to temp files.
        synthetic('xl/sharedStrings.xml', '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'),
    ...(styles ? [{ name: 'xl/styles.xml', entry: styles }] : []),
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, entry: s.entry })),
  ];
  return {
    stream: Readable.from(storedZip(reader, inflated, parts), { objectMode: false }),
    sheets: sheets.map(({ name, state }) => ({ name, state })),
    date1904: book.date1904,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading parts with yauzl

interface Inflated {
  size: number;
  crc: number;
}

class PartReader {
  private inflated = 0;
  constructor(
    private zip: yauzl.ZipFile,
    private budget: number,
  ) {}

  /** Whole part in memory; only used for the small workbook.xml and its rels. */
  async read(entry: yauzl.Entry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.chunks(entry)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  /** Size and CRC of the part as it will be re-streamed (after PartFilter). */
  async inspect(entry: yauzl.Entry): Promise<Inflated> {
    let size = 0;
    let crc = 0;
    for await (const chunk of this.chunks(entry)) {
      size += chunk.length;
      crc = crc32(chunk, crc);
    }
    return { size, crc };
  }

  /** The part's bytes after PartFilter; `counted` parts draw on the unzip budget (the re-stream does not). */
  async *chunks(entry: yauzl.Entry, counted = true): AsyncGenerator<Buffer> {
    if (entry.isEncrypted()) throw new SpreadsheetError('spreadsheet.encrypted');
    const filter = new PartFilter();
    const ascii = new AsciiEscaper();
    let stream: Readable | undefined;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (counted) this.inflated += chunk.length;
        // validateEntrySizes already holds each entry to its declared size; this is the backstop.
        if (this.inflated > this.budget) throw new SpreadsheetError('spreadsheet.zipBomb', { reason: 'size', limitMb: toMb(this.budget) });
        const out = ascii.push(filter.push(chunk));
        if (out.length > 0) yield out;
      }
      const rest = Buffer.concat([ascii.push(filter.end()), ascii.end()]);
      if (rest.length > 0) yield rest;
    } catch (err) {
      throw asSpreadsheetError(err, this.budget);
    } finally {
      stream?.destroy();
    }
  }
}

/**
 * Writes every non-ASCII character as an XML character reference (中 → &#20013;). exceljs's
 * streaming reader decodes each chunk on its own, so a Chinese character split across two chunks
 * came out as U+FFFD; pure-ASCII XML has no characters to split. Office parts carry text only in
 * element content and attribute values, where references mean the same character.
 */
export class AsciiEscaper {
  private readonly decoder = new StringDecoder('utf8');

  push(chunk: Buffer): Buffer {
    return chunk.length ? this.escape(this.decoder.write(chunk)) : chunk;
  }

  end(): Buffer {
    return this.escape(this.decoder.end());
  }

  private escape(text: string): Buffer {
    return Buffer.from(text.replace(/[^\x00-\x7f]/gu, (c) => `&#${c.codePointAt(0)};`), 'latin1');
  }
}

const SPREADSHEETML_NS = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
const MAX_PROLOG = 64 * 1024;

/**
 * Guards and normalises one XML part on its way to exceljs.
 *
 * - Refuses a DOCTYPE in the prolog. exceljs parses with saxes, which skips DTDs and never expands
 *   entities other than the five predefined ones (an undeclared entity is a parse error), so
 *   "billion laughs" and external entities cannot expand anyway; no Office part ever has a DOCTYPE,
 *   so refusing one keeps that guarantee independent of the parser.
 * - Drops a namespace prefix on SpreadsheetML elements (<x:row> → <row>), as written by the .NET
 *   Open XML SDK: exceljs matches bare element names and would otherwise read such sheets as empty.
 *   '<' never occurs in text or attribute values (it must be escaped) nor inside a UTF-8 multi-byte
 *   character, so rewriting '<x:' and '</x:' on the byte stream is safe. Strings are latin1 so bytes
 *   map 1:1 to chars.
 */
export class PartFilter {
  private head = '';
  private headDone = false;
  private prefix: RegExp | null = null;
  private carry = '';

  push(chunk: Buffer): Buffer {
    if (!this.headDone) {
      this.head += chunk.toString('latin1');
      if (/<!DOCTYPE|<!ENTITY/i.test(this.head)) throw new SpreadsheetError('spreadsheet.corrupt');
      // The prolog ends with the root element's start tag.
      const root = /<([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*(\s[^>]*)?>/.exec(this.head);
      if (!root) {
        if (this.head.length > MAX_PROLOG) throw new SpreadsheetError('spreadsheet.corrupt');
        return Buffer.alloc(0);
      }
      this.headDone = true;
      const prefix = root[1]?.slice(0, -1);
      if (prefix) {
        const ns = new RegExp(`xmlns:${prefix.replace(/[.]/g, '\\.')}\\s*=\\s*["']([^"']*)["']`).exec(root[2] ?? '');
        if (ns && SPREADSHEETML_NS.has(ns[1])) this.prefix = new RegExp(`<(/?)${prefix.replace(/[.]/g, '\\.')}:`, 'g');
      }
      const text = this.head;
      this.head = '';
      return this.strip(text);
    }
    return this.prefix ? this.strip(chunk.toString('latin1')) : chunk;
  }

  end(): Buffer {
    if (!this.headDone) {
      // A part without any element: nothing for exceljs to misread, pass it on.
      this.headDone = true;
      return Buffer.from(this.head, 'latin1');
    }
    const rest = this.carry;
    this.carry = '';
    return Buffer.from(this.prefix ? rest.replace(this.prefix, '<$1') : rest, 'latin1');
  }

  private strip(text: string): Buffer {
    if (!this.prefix) return Buffer.from(text, 'latin1');
    let s = this.carry + text;
    // Hold back a trailing '<…' that might be a prefix split across chunks.
    const lt = s.lastIndexOf('<');
    this.carry = lt >= 0 && !s.includes('>', lt) ? s.slice(lt) : '';
    s = s.slice(0, s.length - this.carry.length);
    return Buffer.from(s.replace(this.prefix, '<$1'), 'latin1');
  }
}

function asSpreadsheetError(err: unknown, maxUnzippedBytes: number): SpreadsheetError {
  if (err instanceof SpreadsheetError) return err;
  const message = err instanceof Error ? err.message : String(err);
  // yauzl's validateEntrySizes: the data inflates to more than the header declares.
  if (/too many bytes/i.test(message)) return new SpreadsheetError('spreadsheet.zipBomb', { reason: 'size', limitMb: toMb(maxUnzippedBytes) });
  if (/encrypt/i.test(message)) return new SpreadsheetError('spreadsheet.encrypted');
  return new SpreadsheetError('spreadsheet.corrupt');
}

function toMb(bytes: number): number {
  return Math.round((bytes / MB) * 10) / 10;
}

function findEntry(entries: Map<string, yauzl.Entry>, path: string): yauzl.Entry | undefined {
  const exact = entries.get(path);
  if (exact) return exact;
  // Part names are case-insensitive in OPC.
  const lower = path.toLowerCase();
  for (const [name, entry] of entries) if (name.toLowerCase() === lower) return entry;
  return undefined;
}

/** Resolves a relationship target of xl/workbook.xml to a zip entry name. */
function resolveTarget(target: string): string {
  const segments = target.startsWith('/') ? [] : ['xl'];
  for (const seg of target.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return segments.join('/');
}

function guessZipKind(entries: Map<string, yauzl.Entry>): string {
  if (entries.has('xl/workbook.bin')) return 'xlsb';
  if (entries.has('word/document.xml')) return 'docx';
  if (entries.has('ppt/presentation.xml')) return 'pptx';
  if (entries.has('content.xml') && entries.has('mimetype')) return 'odf';
  return 'zip';
}

// ---------------------------------------------------------------------------------------------
// workbook.xml and its rels. Both are small and machine-written; attribute scanning is enough, and
// their prologs were checked by PartFilter.

interface Rel {
  type: string;
  target: string;
}

function parseRels(xml: string): Map<string, Rel> {
  const rels = new Map<string, Rel>();
  for (const tag of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const attrs = parseAttributes(tag[1]);
    const id = attrs.get('Id');
    if (id) rels.set(id, { type: attrs.get('Type') ?? '', target: attrs.get('Target') ?? '' });
  }
  return rels;
}

function parseWorkbookXml(xml: string): { sheets: { name: string; state: SheetState; rId: string }[]; date1904: boolean } {
  // The relationships namespace may be bound to any prefix; find which one.
  const prefixes = new Set<string>();
  for (const m of xml.matchAll(/xmlns:(\w+)\s*=\s*["']([^"']*)["']/g)) if (m[2] === REL_NS) prefixes.add(m[1]);
  if (prefixes.size === 0) prefixes.add('r');

  const sheets: { name: string; state: SheetState; rId: string }[] = [];
  for (const tag of xml.matchAll(/<(?:\w+:)?sheet\s([^>]*)>/g)) {
    const attrs = parseAttributes(tag[1]);
    const rId = [...prefixes].map((p) => attrs.get(`${p}:id`)).find(Boolean);
    if (!rId) continue;
    const state = attrs.get('state');
    sheets.push({
      name: attrs.get('name') ?? `Sheet${sheets.length + 1}`,
      state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
      rId,
    });
  }
  const pr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(xml);
  const d1904 = pr ? parseAttributes(pr[1]).get('date1904') : undefined;
  return { sheets, date1904: d1904 === '1' || d1904 === 'true' };
}

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs.set(m[1], xmlUnescape(m[2] ?? m[3] ?? ''));
  return attrs;
}

function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

function syntheticWorkbook(sheets: { name: string; state: SheetState }[], date1904: boolean): string {
  const list = sheets
    .map((s, i) => `<sheet name="${xmlEscape(s.name)}" sheetId="${i + 1}"${s.state === 'visible' ? '' : ` state="${s.state}"`} r:id="rId${i + 1}"/>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}">` +
    (date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
    `<sheets>${list}</sheets></workbook>`
  );
}

function syntheticRels(count: number): string {
  const list = Array.from(
    { length: count },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list}</Relationships>`
  );
}

// ---------------------------------------------------------------------------------------------
// Writing the stored zip that exceljs reads.

type Part = { name: string; entry: yauzl.Entry } | { name: string; data: Buffer };

function synthetic(name: string, xml: string): Part {
  return { name, data: Buffer.from(xml, 'utf8') };
}

async function* storedZip(reader: PartReader, inflated: Map<yauzl.Entry, Inflated>, parts: Part[]): AsyncGenerator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const { size, crc } = 'data' in part ? { size: part.data.length, crc: crc32(part.data) } : (inflated.get(part.entry) as Inflated);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00 (DOS date/time)
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(size, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.concat([local, name]);

    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(0, 10);
    cd.writeUInt32LE(0x00210000, 12);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(size, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);

    yield header;
    if ('data' in part) yield part.data;
    // Already inflated once in the validation pass, so this cannot fail (and the size matches).
    else yield* reader.chunks(part.entry, false);
    offset += header.length + size;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield directory;
  yield end;
}
