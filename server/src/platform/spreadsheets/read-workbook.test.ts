import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectHeader, mapColumns } from './header-detect.js';
import { readWorkbook, SpreadsheetError, type ReadLimits } from './read-workbook.js';
import { classifyRow } from './row-classify.js';
import { minimalXlsx, sheetXml, SYNONYMS, unzipEntries, xlsxBuffer, zipBuffer } from './test-fixtures.js';

async function rejection(p: Promise<unknown>): Promise<SpreadsheetError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(SpreadsheetError);
    return err as SpreadsheetError;
  }
  throw new Error('expected a SpreadsheetError');
}

const read = (bytes: Buffer, name = 'list.xlsx', limits?: Partial<ReadLimits>) => readWorkbook(bytes, name, limits);

/** The lawyer-industry list as a department sends it. */
function lawyerList(wb: ExcelJS.Workbook) {
  // A hidden helper sheet first in workbook order: it must come after the visible one.
  wb.addWorksheet('字典', { state: 'hidden' }).addRow(['男', '女']);
  const ws = wb.addWorksheet('律师名单');
  ws.addRow(['淄川区律师行业新的社会阶层人士名单']);
  ws.mergeCells('A1:I1');
  const fill = ws.addRow(['填报单位：淄川区律师协会（盖章）']);
  fill.getCell(7).value = '填报日期：2024年5月10日';
  ws.addRow(['序号', '姓名', '性别', '民族', '出生年月', '身份证号码', '政治面貌', '工作单位及职务', '联系电话']);
  ws.addRow([1, '李明', '男', '汉族', new Date(Date.UTC(1985, 2, 1)), '370302198503071234', '群众', '山东齐鲁律师事务所 主任', '13805331234']);
  ws.addRow([]); // blank row 5
  // Row 6: the ID typed as a number (Excel keeps 15 significant digits), the phone as a number.
  ws.addRow([2, '王芳', '女', '回族', '1990.07', 370302198503071234, '中共党员', '山东某律师事务所 合伙人', 13905335678]);
  ws.addRow([null, '   ']); // whitespace only: empty too (row 7)
  ws.addRow(['合计：2人']);
}

describe('readWorkbook: xlsx', () => {
  it('reads the lawyer-industry list: title, 填报单位 line, header, data, numeric ID, 合计 and blank rows', async () => {
    const wb = await read(await xlsxBuffer(lawyerList));
    expect(wb.format).toBe('xlsx');
    expect(wb.encoding).toBeUndefined();
    expect(wb.sheets.map((s) => s.name)).toEqual(['律师名单', '字典']);

    const sheet = wb.sheets[0];
    // The merged title keeps its value in A1 only; the other merged cells are empty and trimmed.
    expect(sheet.rows[0]).toEqual(['淄川区律师行业新的社会阶层人士名单']);
    expect(sheet.rows[1]).toEqual(['填报单位：淄川区律师协会（盖章）', null, null, null, null, null, '填报日期：2024年5月10日']);
    expect(sheet.rowNumbers).toEqual([1, 2, 3, 4, 6, 8]);
    const [li, wang] = [sheet.rows[3], sheet.rows[4]];
    expect(li[0]).toBe(1);
    expect(li[4]).toEqual(new Date(Date.UTC(1985, 2, 1)));
    expect(li[5]).toBe('370302198503071234');
    expect(typeof wang[5]).toBe('number');
    expect(wang[5]).toBe(370302198503071234);
    expect(wang[8]).toBe(13905335678);

    const guess = detectHeader(sheet, SYNONYMS);
    expect(guess).toMatchObject({ rowIndex: 2, dataStartIndex: 3, score: 9 });
    const fields = mapColumns(guess!.headers, SYNONYMS);
    expect(fields.map((m) => m.field)).toEqual(['seq', 'name', 'gender', 'ethnicity', 'birth', 'residentId', 'party', 'employer', 'mobile']);
    expect(fields.every((m) => m.confidence === 'exact')).toBe(true);

    const kinds = sheet.rows.slice(guess!.dataStartIndex).map((r) => classifyRow(r, guess!.headers));
    expect(kinds).toEqual(['data', 'data', 'total']);
  });

  it('converts rich text, formulas, hyperlinks, errors and booleans', async () => {
    const bytes = await xlsxBuffer((wb) => {
      const ws = wb.addWorksheet('类型');
      ws.getCell('A1').value = { richText: [{ text: '张' }, { font: { bold: true }, text: '三' }] };
      ws.getCell('B1').value = { formula: 'A2*2', result: 84 };
      ws.getCell('C1').value = { formula: 'CONCAT("a","b")', result: 'ab' };
      ws.getCell('D1').value = { text: '主页', hyperlink: 'https://example.com' };
      ws.getCell('E1').value = { error: '#N/A' };
      ws.getCell('F1').value = true;
      ws.getCell('G1').value = { formula: 'DATE(1990,7,1)', result: new Date(Date.UTC(1990, 6, 1)) };
      ws.getCell('G1').numFmt = 'yyyy-mm-dd';
      ws.getCell('H1').value = '第一行_x000D_';
    });
    const [sheet] = (await read(bytes)).sheets;
    expect(sheet.rows[0]).toEqual(['张三', 84, 'ab', '主页', null, 'TRUE', new Date(Date.UTC(1990, 6, 1)), '第一行\r']);
  });

  it('combines a two-row merged header (基本信息 over 姓名/性别, 联系方式 over 手机/办公电话)', async () => {
    const bytes = await xlsxBuffer((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['序号', '基本信息', null, null, '联系方式', null, '备注']);
      ws.addRow([null, '姓名', '性别', '民族', '手机', '办公电话', null]);
      ws.mergeCells('A1:A2');
      ws.mergeCells('B1:D1');
      ws.mergeCells('E1:F1');
      ws.mergeCells('G1:G2');
      ws.addRow([1, '张三', '男', '汉族', '13800000000', '0533-5181234']);
    });
    const [sheet] = (await read(bytes)).sheets;
    const guess = detectHeader(sheet, SYNONYMS)!;
    expect(guess.rowIndex).toBe(0);
    expect(guess.dataStartIndex).toBe(2);
    expect(guess.headers).toEqual(['序号', '基本信息/姓名', '基本信息/性别', '基本信息/民族', '联系方式/手机', '联系方式/办公电话', '备注']);
    const map = mapColumns(guess.headers, SYNONYMS);
    expect(map.map((m) => m.field)).toEqual(['seq', 'name', 'gender', 'ethnicity', 'mobile', 'officePhone', null]);
    expect(map[1].confidence).toBe('exact');
  });

  it('keeps hidden sheets after visible ones and reads a hand-written package (inline strings, no styles)', async () => {
    const bytes = minimalXlsx([
      { name: '隐藏', state: 'hidden', xml: sheetXml([[1, [['A1', 'x']]]]) },
      // An absolute relationship target and an unusual part name still resolve.
      { name: 'A&amp;B', xml: sheetXml([[3, [['B3', '李四']]]]), target: '/xl/worksheets/data.xml', part: 'xl/worksheets/data.xml' },
    ]);
    const wb = await read(bytes);
    expect(wb.sheets).toEqual([
      { name: 'A&B', rows: [[null, '李四']], rowNumbers: [3] },
      { name: '隐藏', rows: [['x']], rowNumbers: [1] },
    ]);
  });

  it('reads sheets whose SpreadsheetML elements carry a namespace prefix (Open XML SDK output)', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    // Long enough to span several inflate chunks, so prefixes get split across chunk boundaries.
    const rows = Array.from({ length: 3000 }, (_, i) => `<x:row r="${i + 2}"><x:c r="A${i + 2}" t="inlineStr"><x:is><x:t>姓名${i}</x:t></x:is></x:c><x:c r="B${i + 2}"><x:v>${i}</x:v></x:c></x:row>`);
    const xml = `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>${rows.join('')}</x:sheetData></x:worksheet>`;
    const bytes = minimalXlsx([{ name: 'S', xml }], {});
    // Add a prefixed shared-strings part next to the sheet.
    const withSst = zipBuffer([
      { name: 'xl/sharedStrings.xml', data: `<?xml version="1.0"?><x:sst xmlns:x="${ns}" count="1"><x:si><x:t>序号 &amp; 姓名</x:t></x:si></x:sst>` },
      ...(await unzipEntries(bytes)),
    ]);
    const [sheet] = (await read(withSst)).sheets;
    expect(sheet.rows.length).toBe(3001);
    expect(sheet.rows[0]).toEqual(['序号 & 姓名']);
    expect(sheet.rows[3000]).toEqual(['姓名2999', 2999]);
    expect(sheet.rowNumbers[3000]).toBe(3001);
  });

  it('stops at the row limit and the column limit', async () => {
    const bytes = await xlsxBuffer((wb) => {
      const ws = wb.addWorksheet('大');
      for (let i = 0; i < 150; i++) ws.addRow([i, `姓名${i}`]);
    });
    const err = await rejection(read(bytes, 'big.xlsx', { maxRows: 100 }));
    expect(err.code).toBe('spreadsheet.tooManyRows');
    expect(err.params).toEqual({ limit: 100 });

    const wide = await xlsxBuffer((wb) => {
      wb.addWorksheet('宽').getCell(1, 12).value = 'x';
    });
    expect((await rejection(read(wide, 'wide.xlsx', { maxColumns: 10 }))).code).toBe('spreadsheet.tooManyColumns');
    await expect(read(wide, 'wide.xlsx', { maxColumns: 12 })).resolves.toBeTruthy();
  });
});

describe('readWorkbook: refusals', () => {
  it('refuses an empty file and an oversized one', async () => {
    expect((await rejection(read(Buffer.alloc(0)))).code).toBe('spreadsheet.empty');
    const err = await rejection(read(Buffer.from('姓名,手机\n'.repeat(100)), 'a.csv', { maxBytes: 100 }));
    expect(err.code).toBe('spreadsheet.tooLarge');
    expect(err.params).toHaveProperty('limitMb');
  });

  it('sniffs content, not names: a renamed .exe, ELF, PDF, JPEG and unknown binary are refused', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
    const err = await rejection(read(exe, 'list.xlsx'));
    expect(err.code).toBe('spreadsheet.unsupportedType');
    expect(err.params).toEqual({ detected: 'exe' });
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(100)]);
    expect((await rejection(read(elf, 'list.csv'))).params).toEqual({ detected: 'elf' });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n');
    expect((await rejection(read(pdf, 'list.xlsx'))).params).toEqual({ detected: 'pdf' });
    const jpg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(100)]);
    expect((await rejection(read(jpg, 'list.xlsx'))).params).toEqual({ detected: 'jpg' });
    // Unknown binary (NUL bytes, no known signature) is not taken for CSV either.
    expect((await rejection(read(Buffer.from([1, 2, 0, 0, 7, 8, 9]), 'list.csv'))).params).toEqual({ detected: 'binary' });
  });

  it('refuses legacy .xls and password-protected workbooks (CFB containers)', async () => {
    const magic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const xls = Buffer.concat([magic, Buffer.alloc(600), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(100)]);
    const err = await rejection(read(xls, 'list.xls'));
    expect(err.code).toBe('spreadsheet.unsupportedType');
    expect(err.params).toEqual({ detected: 'xls' });
    const encrypted = Buffer.concat([magic, Buffer.alloc(600), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(100)]);
    expect((await rejection(read(encrypted, 'list.xlsx'))).code).toBe('spreadsheet.encrypted');
  });

  it('refuses a zip that is not a workbook (.docx)', async () => {
    const docx = zipBuffer([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]);
    const err = await rejection(read(docx, 'list.xlsx'));
    expect(err.code).toBe('spreadsheet.unsupportedType');
    expect(err.params).toEqual({ detected: 'docx' });
  });

  it('refuses a zip bomb by declared size, by entry count, and when an entry inflates past its declared size', async () => {
    const zeros = Buffer.alloc(5 * 1024 * 1024);
    const bomb = minimalXlsx([{ name: 'S', xml: sheetXml([]) }], { 'xl/worksheets/sheet1.xml': { data: zeros } });
    expect(bomb.length).toBeLessThan(20_000);
    const err = await rejection(read(bomb, 'list.xlsx', { maxUnzippedBytes: 1024 * 1024 }));
    expect(err.code).toBe('spreadsheet.zipBomb');
    expect(err.params).toMatchObject({ reason: 'size', limitMb: 1 });

    const many = await rejection(read(await xlsxBuffer((wb) => wb.addWorksheet('a').addRow(['x'])), 'list.xlsx', { maxZipEntries: 3 }));
    expect(many.code).toBe('spreadsheet.zipBomb');
    expect(many.params).toMatchObject({ reason: 'entries', limit: 3 });

    // Headers declare 200 bytes, the deflate stream holds 5 MB: only actually inflating tells.
    const liar = minimalXlsx([{ name: 'S', xml: sheetXml([]) }], { 'xl/worksheets/sheet1.xml': { data: zeros, declaredSize: 200 } });
    const lied = await rejection(read(liar, 'list.xlsx'));
    expect(lied.code).toBe('spreadsheet.zipBomb');
    expect(lied.params).toMatchObject({ reason: 'size' });
  });

  it('refuses a truncated or malformed workbook as corrupt', async () => {
    const good = await xlsxBuffer(lawyerList);
    expect((await rejection(read(good.subarray(0, Math.floor(good.length / 2))))).code).toBe('spreadsheet.corrupt');
    const badXml = minimalXlsx([{ name: 'S', xml: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</is></c>' }]);
    expect((await rejection(read(badXml))).code).toBe('spreadsheet.corrupt');
  });

  it('never expands XML entities (DOCTYPE refused, undeclared entities are parse errors)', async () => {
    const laughs = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const withDtd = minimalXlsx([{ name: 'S', xml: sheetXml([[1, [['A1', '&b;']]]], laughs) }]);
    expect((await rejection(read(withDtd))).code).toBe('spreadsheet.corrupt');
    const undeclared = minimalXlsx([{ name: 'S', xml: sheetXml([[1, [['A1', '&b;']]]]) }]);
    expect((await rejection(read(undeclared))).code).toBe('spreadsheet.corrupt');
  });

  it('streams a part once even when many sheets point at it', async () => {
    const xml = sheetXml([[1, [['A1', '张三']]]]);
    const bytes = minimalXlsx(
      Array.from({ length: 50 }, (_, i) => ({ name: `S${i}`, xml, target: 'worksheets/sheet1.xml', part: `xl/worksheets/sheet${i + 1}.xml` })),
    );
    const wb = await read(bytes);
    expect(wb.sheets.map((s) => s.name)).toEqual(['S0']);
  });

  it('reports a workbook without worksheets', async () => {
    const bytes = minimalXlsx([]);
    expect((await rejection(read(bytes))).code).toBe('spreadsheet.noSheets');
  });
});

describe('readWorkbook: csv', () => {
  it('reads a GBK CSV and keeps cells as typed (3.70302E+17 stays text)', async () => {
    const text = '淄川区新的社会阶层人士名单,,,,\r\n序号,姓名,性别,公民身份号码,联系电话\r\n1,张三,男,3.70302E+17,13800000000\r\n2,李四,女,370302199001011234,13900000000\r\n';
    const wb = await read(iconv.encode(text, 'gbk'), 'C:\\导出\\名单.csv');
    expect(wb.format).toBe('csv');
    expect(wb.encoding).toBe('GB18030');
    const [sheet] = wb.sheets;
    expect(sheet.name).toBe('名单');
    expect(sheet.rows[0]).toEqual(['淄川区新的社会阶层人士名单']);
    expect(sheet.rows[2]).toEqual(['1', '张三', '男', '3.70302E+17', '13800000000']);
    const guess = detectHeader(sheet, SYNONYMS)!;
    expect(guess.rowIndex).toBe(1);
    expect(mapColumns(guess.headers, SYNONYMS)[3]).toMatchObject({ field: 'residentId', confidence: 'exact' });
  });

  it('reads a short GBK file that chardet does not recognise', async () => {
    const wb = await read(iconv.encode('姓名,性别\n王芳,女\n', 'gbk'), 'a.csv');
    expect(wb.encoding).toBe('GB18030');
    expect(wb.sheets[0].rows).toEqual([['姓名', '性别'], ['王芳', '女']]);
  });

  it('reads UTF-8 with a BOM, with blank lines and a quoted line break', async () => {
    const bytes = Buffer.from('\uFEFF姓名,手机,备注\r\n王五,13700000000,"第一行\r\n第二行"\r\n\r\n赵六,13600000000\r\n', 'utf8');
    const wb = await read(bytes, 'list.csv');
    expect(wb.encoding).toBe('UTF-8');
    const [sheet] = wb.sheets;
    expect(sheet.rows).toEqual([['姓名', '手机', '备注'], ['王五', '13700000000', '第一行\r\n第二行'], ['赵六', '13600000000']]);
    // Excel shows one row per record, blank ones included.
    expect(sheet.rowNumbers).toEqual([1, 2, 4]);
  });

  it('reads UTF-16LE text (Excel "Unicode text") with tabs', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t手机\r\n王五\t13700000000\r\n', 'utf16le')]);
    const wb = await read(bytes, 'list.txt');
    expect(wb.encoding).toBe('UTF-16LE');
    expect(wb.sheets[0].rows).toEqual([['姓名', '手机'], ['王五', '13700000000']]);
  });

  it('decodes a mixed UTF-8 / GBK file line by line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('姓名,性别,工作单位\n张三,男,淄川区某律师事务所\n', 'utf8'),
      iconv.encode('李四,女,淄博某会计师事务所\n', 'gbk'),
      Buffer.from('王五,男,山东某资产评估公司\n', 'utf8'),
    ]);
    const wb = await read(bytes, 'mixed.csv');
    expect(wb.encoding).toBe('mixed');
    expect(wb.sheets[0].rows.map((r) => r[0])).toEqual(['姓名', '张三', '李四', '王五']);
    expect(wb.sheets[0].rows[2][2]).toBe('淄博某会计师事务所');
  });

  it('detects tab, semicolon and pipe delimiters', async () => {
    const tsv = await read(Buffer.from('姓名\t身份证号\t工作单位\n张三\t370302198503071234\t某公司, 总经理\n'), 'list.xls');
    expect(tsv.sheets[0].rows[1]).toEqual(['张三', '370302198503071234', '某公司, 总经理']);
    const semi = await read(Buffer.from('姓名;手机\n张三;13800000000\n'), 'a.csv');
    expect(semi.sheets[0].rows[1]).toEqual(['张三', '13800000000']);
    const pipe = await read(Buffer.from('姓名|手机\n张三|13800000000\n'), 'a.csv');
    expect(pipe.sheets[0].rows[1]).toEqual(['张三', '13800000000']);
    // Starts with "BM", the bitmap signature, but is text.
    const bmi = await read(Buffer.from('BMI,姓名\n22.5,张三\n'), 'a.csv');
    expect(bmi.sheets[0].rows[1]).toEqual(['22.5', '张三']);
  });

  it('refuses an HTML table posing as .xls, a whitespace-only file, and too many rows', async () => {
    const html = Buffer.from('<html><body><table><tr><td>姓名</td></tr></table></body></html>');
    expect((await rejection(read(html, 'export.xls'))).params).toEqual({ detected: 'html' });
    expect((await rejection(read(Buffer.from('\r\n  \r\n'), 'a.csv'))).code).toBe('spreadsheet.empty');
    const many = Buffer.from(Array.from({ length: 150 }, (_, i) => `张${i},男`).join('\n'));
    const err = await rejection(read(many, 'a.csv', { maxRows: 100 }));
    expect(err.code).toBe('spreadsheet.tooManyRows');
    expect(err.params).toEqual({ limit: 100 });
  });
});

describe('long Chinese text across stream chunks', () => {
  it('reads every character intact however the parts are chunked', async () => {
    const { xlsxBuffer: build } = await import('./test-fixtures.js');
    const names = Array.from({ length: 3000 }, (_, i) => `淄博市淄川区第${i}号新的社会阶层人士联谊会秘书处`);
    const bytes = await build((wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['姓名', '工作单位']);
      names.forEach((n, i) => ws.addRow([`张${i}`, n]));
    });
    const book = await readWorkbook(bytes, 'big.xlsx');
    const rows = book.sheets[0]!.rows;
    expect(rows).toHaveLength(3001);
    expect(JSON.stringify(rows)).not.toContain('\uFFFD');
    expect(rows[3000]).toEqual(['张2999', names[2999]]);
  });
});
