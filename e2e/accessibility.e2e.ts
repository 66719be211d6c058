import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// axe checks (WCAG 2.1 A/AA) on the main pages, as ui.md asks: keyboard reach, labels, contrast.
async function login(page: Page, username: string) {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill('Tongxin@2026');
  await page.getByRole('button', { name: /登\s*录|Log in/ }).click();
}

async function expectNoViolations(page: Page) {
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
