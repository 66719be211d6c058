import { expect, test, type Page } from '@playwright/test';
import { login } from './login.js';

// Consolidation as district staff use it on the demo district (whose seed runs consolidation once
// and leaves pairs for review): decide a pair from the keyboard, undo the merge it made from the
// surviving person's merges, and read the headcount.


test('staff decide a pair with Y, undo the merge with a reason, and read the headcount', async ({ page }) => {
  await login(page, 'staff');
  await page.getByRole('menuitem', { name: '疑似重复审核' }).click();
  await expect(page).toHaveURL(/\/persons\/review$/);
  await expect(page.getByRole('heading', { name: '疑似重复审核' })).toBeVisible();

  // The selected pair side by side: both records' values and each field's signed contribution.
  const compare = page.getByTestId('pair-compare');
  await expect(compare).toBeVisible();
  await expect(compare.getByText('记录 A')).toBeVisible();
  await expect(compare.getByText('记录 B')).toBeVisible();
  await expect(compare.locator('tr[data-field="residentId"]')).toContainText(/[+\u2212]\d+\.\d{2}/);
  await expect(compare.locator('tfoot')).toContainText('总权重');
  const pending = page.getByTestId('review-total-review');
  const before = Number((await pending.innerText()).replace(/,/g, ''));
  expect(before).toBeGreaterThan(0);

  const pairTitle = page.locator('.ant-card-head-title').filter({ hasText: /记录对 #\d+/ });
  const firstPair = (await pairTitle.innerText()).match(/#(\d+)/)![1];

  // Y decides "same person" (focus is on the page, not in a text box) and the next pair is shown.
  await page.getByRole('heading', { name: '疑似重复审核' }).click();
  await page.keyboard.press('y');
  const result = page.getByTestId('review-last');
  await expect(result).toBeVisible();
  await expect(pending).toHaveText(String(before - 1));
  await expect(pairTitle).not.toContainText(`#${firstPair}`);
  await expect(compare).toBeVisible();

  // The demo's first pair is two persons with one resident ID: the decision merged them.
  await expect(result).toContainText('合并为同一人员');
  await result.getByRole('link', { name: /查看合并后的人员/ }).click();
  await expect(page).toHaveURL(/\/persons\/\d+$/);

  await page.getByRole('tab', { name: '合并记录' }).click();
  const merges = page.getByTestId('person-merges');
  const row = merges.locator('tr.ant-table-row').first();
  await expect(row).toContainText('有效');
  await expect(row).toContainText(`记录对 #${firstPair}`);
  await row.getByRole('button', { name: '撤销合并' }).click();
  const dialog = page.getByRole('dialog', { name: /撤销与“.+”的合并/ });
  await expect(dialog.getByText(/记入审计日志/)).toBeVisible();
  // A reason is required.
  await dialog.getByRole('button', { name: '撤销合并' }).click();
  await expect(dialog.getByText('请填写原因（至少 2 个字）')).toBeVisible();
  await dialog.getByLabel('撤销原因').fill('核实后确认不是同一人');
  await dialog.getByRole('button', { name: '撤销合并' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/已撤销合并/)).toBeVisible();
  await expect(row).toContainText('已撤销');
  // The restored person is a person again: their page opens.
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/persons\/\d+$/);
  await expect(page.getByRole('tab', { name: '基本信息' })).toBeVisible();

  // The headcount: distinct persons, and how each department's list covers them.
  await page.getByRole('menuitem', { name: '底数统计' }).click();
  await expect(page.getByRole('heading', { name: '底数统计' })).toBeVisible();
  await expect(page.getByTestId('headcount-total')).toContainText(/\d{1,3}(,\d{3})+|\d+/);
  await expect(page.getByTestId('headcount-total')).toContainText('实有人数');
  const sources = page.getByTestId('headcount-sources');
  await expect(sources.getByRole('columnheader', { name: '覆盖率' })).toBeVisible();
  await expect(sources.locator('tr.ant-table-row')).not.toHaveCount(0);
  await expect(sources.locator('tr.ant-table-row').first()).toContainText(/\d+\.\d%/);
  await expect(page.getByTestId('headcount-overlap').locator('td.tx-overlap-self').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '运行归并' })).toBeVisible();
});
