import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { login } from './login.js';

// The annual survey (摸底) on the demo district, which starts with no campaign: district staff open
// one; the 洪山镇 officer sees only their town, verifies two persons, and the progress and the
// person's record follow.


async function expectNoViolations(page: Page) {
  // As in accessibility.e2e.ts: judge the settled page (no antd motion still running).
  type AnimatedDocument = { document: { getAnimations(): { playState: string }[] } };
  await page.waitForFunction(() => (globalThis as unknown as AnimatedDocument).document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5000 });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
}

test('staff open the annual survey; a town officer verifies two persons and the progress follows', async ({ page }) => {
  // District staff: no campaign yet, so the page offers to open one.
  await login(page, 'staff');
  await page.getByRole('menuitem', { name: '年度摸底' }).click();
  await expect(page).toHaveURL(/\/persons\/survey$/);
  await expect(page.getByRole('heading', { name: '年度摸底', level: 4 })).toBeVisible();
  await expect(page.getByText('还没有发起过年度摸底')).toBeVisible();
  await page.getByRole('button', { name: '发起摸底' }).first().click();

  const openDialog = page.getByRole('dialog', { name: '发起年度摸底' });
  await expect(openDialog.getByText(/所有在册人员都将按所属镇街/)).toBeVisible();
  await expect(openDialog.getByLabel('名称')).toHaveValue(/^\d{4}年度摸底$/);
  await openDialog.getByRole('button', { name: /发\s*起/ }).click();
  await expect(page.getByText(/已发起“\d{4}年度摸底”，共 [\d,]+ 人待核实/)).toBeVisible();
  await expect(page.locator('.tx-page-header').getByText('进行中')).toBeVisible();

  // Staff see every street and town, with a total row.
  const progress = page.locator('.ant-card', { hasText: '核实进度' });
  await expect(progress.locator('.ant-table-tbody tr.ant-table-row').nth(1)).toBeVisible();
  expect(await progress.locator('.ant-table-tbody tr.ant-table-row').count()).toBeGreaterThan(5);
  await expect(progress.getByText('合计')).toBeVisible();

  // The 洪山镇 officer sees only their town.
  await page.context().clearCookies();
  await login(page, 'hongshan');
  await page.goto('/persons/survey');
  const townRows = progress.locator('.ant-table-tbody tr.ant-table-row');
  await expect(townRows).toHaveCount(1);
  const town = townRows.first();
  await expect(town).toContainText('洪山镇');
  await expect(town).toContainText(/\b0 \/ [\d,]+/);
  const total = (await town.innerText()).match(/0 \/ ([\d,]+)/)![1]!;

  const list = page.locator('.ant-card', { hasText: '核实清单' });
  await expect(list.getByRole('tab', { name: /待核实/, selected: true })).toBeVisible();
  const rows = list.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.nth(1)).toBeVisible();
  await expect(rows.first()).toContainText('洪山镇');
  await expect(rows.first()).toContainText(/1\d{2}\*{4}\d{4}/); // masked mobile

  // One click: still here.
  const first = rows.nth(0);
  const firstName = (await first.getByRole('link').innerText()).trim();
  await first.getByRole('button', { name: /在\s*册/ }).click();
  await expect(page.getByText(`已核实：${firstName} 在册`)).toBeVisible();
  await expect(first).toContainText('张磊');
  await expect(first.getByRole('button', { name: /在\s*册/ })).toBeDisabled();

  // Moved away: asks first, with an optional note.
  const second = rows.nth(1);
  const secondName = (await second.getByRole('link').innerText()).trim();
  await second.getByRole('button', { name: '已迁出' }).click();
  const dialog = page.getByRole('dialog', { name: `${secondName}：标记为“已迁出”` });
  await expect(dialog.getByText(/人员状态将改为“已迁出”/)).toBeVisible();
  await dialog.getByLabel('备注（选填）').fill('2026年10月随单位迁往济南');
  await dialog.getByRole('button', { name: '确认已迁出' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已核实：${secondName} 已迁出`)).toBeVisible();
  await expect(second).toContainText('备注：2026年10月随单位迁往济南');

  // The progress follows: two verified, one active, one moved away.
  await expect(town).toContainText(`2 / ${total}`);
  await expect(town.locator('td').nth(3)).toHaveText('1');
  await expect(town.locator('td').nth(4)).toHaveText('1');
  await expect(list.getByRole('tab', { name: /已迁出\s*1/ })).toBeVisible();

  await expect(page.getByText(`已核实：${secondName} 已迁出`)).toBeHidden();
  await expectNoViolations(page);

  // And the person's record says so.
  await second.getByRole('link', { name: secondName }).click();
  await expect(page).toHaveURL(/\/persons\/\d+$/);
  await expect(page.getByRole('heading', { name: secondName, level: 4 })).toBeVisible();
  await expect(page.locator('.tx-page-header .ant-tag', { hasText: '已迁出' })).toBeVisible();
});
