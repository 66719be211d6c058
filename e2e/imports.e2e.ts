import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { login } from './login.js';

// The list import, as a district cadre walks it: a department's spreadsheet (a title row, a
// "reporting unit" row, the header on row 3, one ID with a wrong check digit, one ID Excel turned
// into scientific notation, a total row) → detected header and mapping → preview → commit → result
// → error file; then the same file again, which the system recognises.


const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function withCheckDigit(body17: string): string {
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return body17 + '10X98765432'[sum % 11];
}

const SURNAMES = ['孙', '钱', '郑', '冯', '褚', '卫', '蒋', '沈', '韩', '朱'];
const GIVEN = ['一鸣', '若溪', '子涵', '浩然', '思远', '语桐', '嘉懿', '俊熙', '雨泽', '梓萱'];

/** A justice bureau's lawyer list, 20 people; rows 10 (bad check digit) and 15 (scientific notation) flagged. */
async function writeLawyerList(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('律师');
  ws.addRow(['淄川区律师行业新的社会阶层人士名单']);
  ws.mergeCells('A1:I1');
  ws.addRow(['填报单位：区司法局']);
  ws.addRow(['序号', '姓名', '性别', '民族', '出生年月', '身份证号码', '政治面貌', '工作单位及职务', '联系电话']);
  for (let i = 0; i < 20; i++) {
    const year = 1975 + i;
    const month = String(1 + (i % 12)).padStart(2, '0');
    const male = i % 2 === 0;
    // Sequence numbers from 9xx keep these clear of the demo district's people.
    let id = withCheckDigit(`370302${year}${month}15${9}${String(i).padStart(1, '0').slice(-1)}${male ? 1 : 2}`);
    if (i === 6) id = id.slice(0, 17) + (id[17] === '0' ? '1' : '0'); // a wrong check digit (row 10)
    if (i === 11) id = '3.70302E+17'; // what Excel shows for an ID typed as a number (row 15)
    ws.addRow([i + 1, SURNAMES[i % 10]! + GIVEN[(i * 3) % 10]!, male ? '男' : '女', '汉族', `${year}.${month}`, id, '群众', `淄博正和律师事务所 律师`, `1385330${String(1000 + i)}`]);
  }
  ws.addRow(['合计', '20人']);
  await wb.xlsx.writeFile(path);
}

test('staff imports a department list: header found, problems shown, one all-or-nothing commit, error file, no second import', async ({ page }) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tongxin-import-')), '淄川区律师名单.xlsx');
  await writeLawyerList(file);
  await login(page, 'staff');

  // From the registry's 导入 button to the wizard.
  await page.goto('/persons');
  await page.getByRole('button', { name: /导\s*入$/ }).click();
  await expect(page).toHaveURL(/\/persons\/import$/);
  await expect(page.getByRole('heading', { name: '名单导入' })).toBeVisible();

  // ① Upload.
  await page.getByLabel('名单来源').fill('区司法局');
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: '上传并识别' }).click();

  // ② The header found under the title rows, each column's field.
  await expect(page).toHaveURL(/\/persons\/import\/\d+$/);
  await expect(page.getByLabel('表头所在行')).toHaveValue('3');
  const columnRow = (header: string) => page.locator('.ant-table-row').filter({ has: page.getByText(header, { exact: true }) });
  await expect(columnRow('姓名')).toContainText('自动识别');
  await expect(columnRow('身份证号码')).toContainText('身份证号码');
  await expect(columnRow('联系电话')).toContainText('手机号码');
  await expect(columnRow('序号')).toContainText('未识别');
  await expect(page.getByText('没有对应字段的列也不会丢失')).toBeVisible();
  // The IDs are masked even here.
  await expect(columnRow('身份证号码')).toContainText('370302********');

  // ③ Preview: totals, the bad check digit flagged, the total row skipped.
  await page.getByRole('button', { name: /下一步/ }).click();
  await expect(page).toHaveURL(/step=preview/);
  const stat = (title: string) => page.locator('.ant-statistic').filter({ has: page.getByText(title, { exact: true }) });
  await expect(stat('数据行')).toContainText('20');
  await expect(stat('有疑问')).toContainText('2');
  await expect(stat('已跳过')).toContainText('1');
  const previewRow = (n: number) => page.locator('.ant-table-row').filter({ has: page.getByRole('cell', { name: String(n), exact: true }).first() }).first();
  await expect(previewRow(10)).toContainText('有疑问');
  await expect(previewRow(10)).toContainText('身份证号码校验位不对');
  await expect(previewRow(15)).toContainText('科学计数法');
  await expect(previewRow(24)).toContainText('合计行');
  // Clicking a problem shows only its rows.
  await page.getByRole('button', { name: /身份证号码校验位不对/ }).click();
  await expect(page.locator('.ant-table-tbody .ant-table-row')).toHaveCount(1);
  await expect(page.getByText('只看：身份证号码校验位不对')).toBeVisible();
  await page.getByRole('button', { name: '显示全部问题' }).click();

  // ④ Commit, watch the job.
  await page.getByRole('button', { name: /导入 20 行/ }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('要么全部成功，要么一行也不导入');
  await confirm.getByRole('button', { name: '开始导入' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();

  // ⑤ The result.
  await expect(page.getByText('导入完成')).toBeVisible({ timeout: 30_000 });
  const count = async (id: string) => Number((await page.getByTestId(`result-${id}`).locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''));
  expect((await count('created')) + (await count('linked'))).toBe(20);
  expect(await count('flagged')).toBe(2);
  expect(await count('skipped')).toBe(1);
  expect(await count('refused')).toBe(0);
  await expect(page.getByRole('link', { name: /查看这些人员/ })).toHaveAttribute('href', /\/persons\?sourceId=\d+/);

  // The error file: a copy of the sheet with an import-result column.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: /下载错误文件/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const saved = join(mkdtempSync(join(tmpdir(), 'tongxin-import-errors-')), download.suggestedFilename());
  await download.saveAs(saved);
  const errors = new ExcelJS.Workbook();
  await errors.xlsx.readFile(saved);
  const sheetText = JSON.stringify(errors.worksheets[0]!.getSheetValues());
  expect(sheetText).toContain('导入结果');

  // A reload keeps the result (the batch id is in the address).
  await page.reload();
  await expect(page.getByText('导入完成')).toBeVisible();

  // The import history lists it.
  await page.getByRole('link', { name: /导入记录/ }).first().click();
  await expect(page.getByRole('heading', { name: '导入记录' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '淄川区律师名单.xlsx' }).first()).toContainText('已导入');

  // The same file again: recognised, and the commit is refused.
  await page.getByRole('link', { name: /导入名单/ }).first().click();
  await page.getByLabel('名单来源').fill('区司法局');
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: '上传并识别' }).click();
  await expect(page.getByTestId('already-committed')).toContainText('已于');
  await expect(page.getByTestId('already-committed')).toContainText('导入过');
  await page.getByRole('button', { name: /下一步/ }).click();
  await expect(page.getByRole('button', { name: /导入 20 行/ })).toBeDisabled();
});
