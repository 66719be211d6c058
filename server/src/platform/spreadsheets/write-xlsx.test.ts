import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from './read-workbook.js';
import { collect } from './test-fixtures.js';
import { escapeFormula, writeXlsx } from './write-xlsx.js';

describe('escapeFormula', () => {
  it('prefixes text that would start a formula', () => {
    for (const s of ['=1+1', '+1', '-5', '@SUM(A1)', '\tx', '\rx']) expect(escapeFormula(s)).toBe(`'${s}`);
    for (const s of ['张三', '1+1', '', ' =1', '370302198503071234']) expect(escapeFormula(s)).toBe(s);
  });
});

describe('writeXlsx', () => {
  it('round-trips: title, header, escaped formulas, IDs as text, numbers, page header/footer, frozen header', async () => {
    async function* rows() {
      yield ['张三', '370302198503071234', '=1+1', -5, null];
      yield ['李四', '013800000000', '@SUM(A1)', 3.5, '-5'];
      yield ['A&B', '+86 138', 'HYPERLINK("x")', 0, '普通文本'];
    }
    const bytes = await collect((out) =>
      writeXlsx(
        out,
        {
          sheetName: '导出/名单',
          title: '淄川区新的社会阶层人士名单',
          headerText: 'exported by 张三 at 2026-11-25 10:00 UTC',
          footerText: '内部资料 & 注意保密',
          columns: [{ header: '姓名' }, { header: '身份证号码', width: 22 }, { header: '备注' }, { header: '数值' }, { header: '其他' }],
        },
        rows(),
      ).then((r) => expect(r).toEqual({ rows: 3 })),
    );

    const wb = await readWorkbook(bytes, 'export.xlsx');
    const [sheet] = wb.sheets;
    expect(sheet.name).toBe('导出_名单');
    expect(sheet.rows).toEqual([
      ['淄川区新的社会阶层人士名单'],
      ['姓名', '身份证号码', '备注', '数值', '其他'],
      ['张三', '370302198503071234', "'=1+1", -5],
      ['李四', '013800000000', "'@SUM(A1)", 3.5, "'-5"],
      ['A&B', "'+86 138", 'HYPERLINK("x")', 0, '普通文本'],
    ]);

    // Layout details the streaming reader does not expose: check them with the full reader.
    const full = new ExcelJS.Workbook();
    await full.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const ws = full.worksheets[0];
    expect(ws.headerFooter.oddHeader).toBe('&Cexported by 张三 at 2026-11-25 10:00 UTC');
    expect(ws.headerFooter.oddFooter).toBe('&C内部资料 && 注意保密');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('E1').isMerged).toBe(true);
    expect(ws.getCell('B3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B3').numFmt).toBe('@');
    expect(ws.getCell('C3').type).toBe(ExcelJS.ValueType.String); // not a formula
    expect(ws.getColumn(2).width).toBe(22);
  });

  it('writes from a plain iterable, without a title, freezing the first row', async () => {
    const bytes = await collect((out) => writeXlsx(out, { sheetName: '错误', columns: [{ header: '行号' }, { header: '错误' }] }, [[3, '身份证号码校验位错误']]));
    const wb = await readWorkbook(bytes, 'errors.xlsx');
    expect(wb.sheets[0].rows).toEqual([['行号', '错误'], [3, '身份证号码校验位错误']]);
    const full = new ExcelJS.Workbook();
    await full.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(full.worksheets[0].views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
