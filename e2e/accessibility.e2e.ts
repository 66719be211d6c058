import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { login } from './login.js';

// axe checks (WCAG 2.1 A/AA) on the main pages, as ui.md asks: keyboard reach, labels, contrast.

async function expectNoViolations(page: Page) {
  // Contrast is judged on the settled page: a tag or tree node still fading in (antd's motion)
  // reads as low contrast to axe, which made this check depend on the machine's speed.
  // (A function, not a string: the app's CSP forbids eval. Typed by hand: e2e has no DOM library.)
  type AnimatedDocument = { document: { getAnimations(): { playState: string }[] } };
  await page.waitForFunction(() => (globalThis as unknown as AnimatedDocument).document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5000 });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary).toEqual([]);
}

test('the login page passes axe', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: /登\s*录/ })).toBeVisible();
  await expectNoViolations(page);
});

test('the workbench and the org tree pass axe', async ({ page }) => {
  await login(page, 'staff');
  await expect(page.getByRole('menuitem', { name: '工作台' })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  await expect(page.getByRole('tree')).toBeVisible();
  await expectNoViolations(page);
});

test('the accounts page passes axe', async ({ page }) => {
  await login(page, 'secadmin');
  await expect(page.getByRole('heading', { name: '账户管理' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'staff', exact: true })).toBeVisible();
  await expectNoViolations(page);
});

test('the person list and a person’s page pass axe', async ({ page }) => {
  await login(page, 'staff');
  await page.getByRole('menuitem', { name: '人员库' }).click();
  await expect(page.getByRole('heading', { name: '人员库' })).toBeVisible();
  await expect(page.locator('.ant-card-head-title').filter({ hasText: /共 [\d,]+ 人/ })).toBeVisible();
  await page.getByRole('button', { name: /展\s*开/ }).click();
  await expectNoViolations(page);

  await page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
  await expect(page).toHaveURL(/\/persons\/\d+$/);
  await expect(page.getByRole('tab', { name: '基本信息' })).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('tab', { name: /来源记录/ }).click();
  await expect(page.getByText(/原始数据|暂无来源记录/).first()).toBeVisible();
  await expectNoViolations(page);
  await page.getByRole('tab', { name: '变更历史' }).click();
  await expect(page.locator('.ant-timeline-item').first()).toBeVisible();
  await expectNoViolations(page);
});

test('the import wizard passes axe at every step before the commit, and so does the history', async ({ page }) => {
  await login(page, 'staff');
  await expect(page.getByRole('menuitem', { name: '工作台' })).toBeVisible();
  await page.goto('/persons/import');
  await expect(page.getByRole('heading', { name: '名单导入' })).toBeVisible();
  await expectNoViolations(page);

  // A small UTF-8 CSV with one bad check digit, so the preview shows flags.
  const csv = '\ufeff姓名,性别,身份证号码,联系电话\n张三,男,370302198503071235,13805331234\n李四,女,370302199001011222,13905335678\n';
  await page.getByLabel('名单来源').fill('axe 检查');
  await page.keyboard.press('Escape'); // close the source suggestions
  await page.locator('input[type=file]').setInputFiles({ name: 'axe.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.locator('.ant-upload-list-item-name')).toHaveText('axe.csv');
  await expect(page.locator('.ant-upload-list [class*="-appear"], .ant-upload-list [class*="-enter"]')).toHaveCount(0);
  await expectNoViolations(page);
  await page.getByRole('button', { name: '上传并识别' }).click();
  await expect(page.getByLabel('表头所在行')).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('button', { name: /下一步/ }).click();
  await expect(page.locator('.ant-statistic').first()).toBeVisible();
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await expectNoViolations(page);

  await page.goto('/persons/imports');
  await expect(page.getByRole('heading', { name: '导入记录' })).toBeVisible();
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  await expectNoViolations(page);
});

test('the duplicate review queue and the headcount page pass axe', async ({ page }) => {
  await login(page, 'staff');
  await expect(page.getByRole('menuitem', { name: '工作台' })).toBeVisible();
  await page.getByRole('menuitem', { name: '疑似重复审核' }).click();
  await expect(page.getByRole('heading', { name: '疑似重复审核' })).toBeVisible();
  // The queue with a pair side by side, or its empty state once every pair is decided.
  await expect(page.getByTestId('pair-compare').or(page.getByText('没有待审核的记录对'))).toBeVisible();
  await expectNoViolations(page);

  await page.getByRole('menuitem', { name: '底数统计' }).click();
  await expect(page.getByTestId('headcount-sources')).toBeVisible();
  await expect(page.getByTestId('headcount-overlap')).toBeVisible();
  await expectNoViolations(page);
});
