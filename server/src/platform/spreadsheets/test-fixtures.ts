import { PassThrough } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { ColumnSynonyms } from './header-detect.js';

// Test-only helpers: fixtures are built in memory (no binary files in the repo).

export const SYNONYMS: ColumnSynonyms = {
  seq: ['序号'],
  name: ['姓名', '名字', 'name'],
  gender: ['性别'],
  ethnicity: ['民族'],
  birth: ['出生年月', '出生日期'],
  residentId: ['身份证号', '身份证号码', '公民身份号码'],
  party: ['政治面貌'],
  employer: ['工作单位及职务', '工作单位', '单位'],
  mobile: ['联系电话', '手机', '手机号码'],
  officePhone: ['办公电话'],
};

export async function xlsxBuffer(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function collect(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  await done;
  return Buffer.concat(chunks);
}

export interface ZipEntrySpec {
  name: string;
  data: Buffer | string;
  /** lie about the uncompressed size in both headers */
  declaredSize?: number;
  store?: boolean;
}

/** A plain zip writer (deflate or store) that can also lie about sizes, for zip-bomb tests. */
export function zipBuffer(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const body = e.store ? raw : deflateRawSync(raw);
    const size = e.declaredSize ?? raw.length;
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(0x00210000, 10);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(e.store ? 0 : 8, 10);
    cd.writeUInt32LE(0x00210000, 12);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A hand-written minimal .xlsx: inline strings, no shared strings or styles, given sheet XML. */
export function minimalXlsx(
  sheets: { name: string; xml: string; state?: string; target?: string; part?: string }[],
  overrides: Partial<Record<string, Partial<ZipEntrySpec>>> = {},
): Buffer {
  const workbook =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
    sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="${s.target ?? `worksheets/sheet${i + 1}.xml`}"/>`).join('') +
    '</Relationships>';
  const entries: ZipEntrySpec[] = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    ...sheets.map((s, i) => ({ name: s.part ?? `xl/worksheets/sheet${i + 1}.xml`, data: s.xml })),
    { name: 'xl/_rels/workbook.xml.rels', data: rels },
    { name: 'xl/workbook.xml', data: workbook },
  ];
  return zipBuffer(entries.map((e) => ({ ...e, ...overrides[e.name] })));
}

/** Sheet XML with inline-string cells; rows are [rowNumber, [ref, text][]]. */
export function sheetXml(rows: [number, [string, string][]][], prolog = ''): string {
  const body = rows
    .map(([r, cells]) => `<row r="${r}">${cells.map(([ref, t]) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`).join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>${prolog}<worksheet xmlns="${MAIN_NS}"><sheetData>${body}</sheetData></worksheet>`;
}

/** The entries of a zip, for re-packing variants of a fixture. */
export async function unzipEntries(bytes: Buffer): Promise<ZipEntrySpec[]> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const out: ZipEntrySpec[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(c);
    out.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return out;
}
