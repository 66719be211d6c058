import { expect, test, type Page } from '@playwright/test';
import { residentIdCheckChar } from '../common/src/validation/resident-id.js';
import { login } from './login.js';

// The person registry as district staff use it on the demo district (3,000 synthetic persons):
// find someone from the top bar, filter the list and keep the filter as a view, add and edit a person.


/** A valid resident ID of Zichuan no other test run is likely to have used. */
function freshResidentId(): string {
  const seq = String(100 + Math.floor(Math.random() * 899)).padStart(3, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const first17 = `37030219880${1 + Math.floor(Math.random() * 9)}${day}${seq}`;
  return first17 + residentIdCheckChar(first17);
}

/** The same ID with a wrong check character. */
function withWrongCheck(id: string): string {
  const wrong = id.endsWith('1') ? '2' : '1';
  return id.slice(0, 17) + wrong;
}

test('staff find a person by pinyin from the top bar and reveal the mobile with a reason', async ({ page }) => {
  await login(page, 'staff');
  const search = page.getByRole('combobox', { name: '搜索人员' });
  await expect(search).toHaveAttribute('placeholder', '搜索姓名、拼音、手机号、身份证号、单位');
  await search.click();
  await search.pressSequentially('zhang', { delay: 40 });
  // Results come while typing, each saying how it matched.
  const first = page.locator('.ant-select-item-option').first();
  await expect(first).toBeVisible();
  await expect(first).toContainText('拼音');
  const name = (await first.locator('strong').first().innerText()).trim();
  expect(name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/persons\/\d+$/);
  await expect(page.getByRole('heading', { name, level: 4 })).toBeVisible();
  const mobile = page.getByTestId('person-mobile').first();
  await expect(mobile).toHaveText(/^1\d{2}\*{4}\d{4}$/);

  await page.getByRole('button', { name: '查看完整手机号' }).first().click();
  const dialog = page.getByRole('dialog', { name: '查看完整手机号' });
  await expect(dialog.getByText('将记录查看人、原因和时间，进入审计日志')).toBeVisible();
  // A reason is required.
  await dialog.getByRole('button', { name: /查\s*看/ }).click();
  await expect(dialog.getByText('请填写原因（至少 2 个字）')).toBeVisible();
  await dialog.getByLabel('查看原因').fill('电话回访核实信息');
  await dialog.getByRole('button', { name: /查\s*看/ }).click();
  await expect(dialog).toBeHidden();
  await expect(mobile).toHaveText(/^1[3-9]\d{9}$/);

  // Hidden again on request.
  await page.getByRole('button', { name: '隐藏手机号' }).first().click();
  await expect(mobile).toHaveText(/\*{4}/);
});

test('staff filter the list by a dictionary field, save it as a view and get it back', async ({ page }) => {
  await login(page, 'staff');
  await page.getByRole('menuitem', { name: '人员库' }).click();
  await expect(page.getByRole('heading', { name: '人员库' })).toBeVisible();
  const total = page.locator('.ant-card-head-title').filter({ hasText: /共 [\d,]+ 人/ });
  await expect(total).toBeVisible();
  const allText = await total.innerText();

  await page.getByRole('button', { name: /展\s*开/ }).click();
  await page.getByLabel('政治面貌').click();
  await page.locator('.ant-select-item-option', { hasText: /^中共党员$/ }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /查\s*询/ }).click();

  await expect(page).toHaveURL(/political=01/);
  await expect(total).not.toHaveText(allText);
  await expect(total).toHaveText(/共 [\d,]+ 人/);
  const filteredText = await total.innerText();
  // Every row shown is a party member.
  const politicalCells = page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(6)');
  await expect(politicalCells.first()).toHaveText('中共党员');
  for (const text of await politicalCells.allInnerTexts()) expect(text).toBe('中共党员');

  const viewName = `党员名单-${Date.now() % 100000}`;
  await page.getByRole('button', { name: /保存视图/ }).click();
  const dialog = page.getByRole('dialog', { name: '保存当前视图' });
  await dialog.getByLabel('视图名称').fill(viewName);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText(`已保存视图“${viewName}”`)).toBeVisible();

  // Start afresh: the full list, then the saved view brings the filter back.
  await page.goto('/persons');
  await expect(total).toHaveText(allText);
  await page.getByRole('combobox', { name: '视图' }).click();
  await page.locator('.ant-select-item-option', { hasText: viewName }).click();
  await expect(page).toHaveURL(/political=01/);
  await expect(total).toHaveText(filteredText);
  // The filter form shows the view's filter (opening the extra filters it sits behind).
  await expect(page.locator('.ant-form-item', { hasText: '政治面貌' })).toContainText('中共党员');

  // And the view survives a reload of the page.
  await page.reload();
  await expect(total).toHaveText(filteredText);
  await expect(page.locator('.ant-select', { has: page.getByRole('combobox', { name: '视图' }) })).toContainText(viewName);
});

test('staff add a person, correct an invalid resident ID, then edit the post and see it in the history', async ({ page }) => {
  await login(page, 'staff');
  await page.getByRole('menuitem', { name: '人员库' }).click();
  await page.getByRole('button', { name: /新\s*建$/ }).first().click();

  const drawer = page.getByRole('dialog', { name: '新建人员' });
  const name = `测试${String.fromCharCode(0x4e00 + Math.floor(Math.random() * 500))}${String.fromCharCode(0x4e00 + Math.floor(Math.random() * 500))}`;
  const id = freshResidentId();
  await drawer.getByLabel('姓名').fill(name);
  await drawer.getByLabel('身份证号').fill(withWrongCheck(id));
  await drawer.getByLabel('手机号').click();
  await expect(drawer.getByText('身份证号码校验位不正确，请核对')).toBeVisible();
  // Saving is refused while the ID is wrong.
  await drawer.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect(drawer).toBeVisible();

  await drawer.getByLabel('身份证号').fill(id);
  await drawer.getByLabel('手机号').fill('13912345678');
  await expect(drawer.getByText('身份证号码校验位不正确，请核对')).toBeHidden();
  // The ID fills in the birth date and sex.
  await expect(drawer.getByLabel('出生日期')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await drawer.getByLabel('职务').fill('总经理');
  await drawer.getByRole('button', { name: /^保\s*存$/ }).click();

  await expect(page.getByText(`已新建“${name}”`)).toBeVisible();
  await expect(page).toHaveURL(/\/persons\/\d+$/);
  await expect(page.getByRole('heading', { name, level: 4 })).toBeVisible();
  await expect(page.getByTestId('person-residentId').first()).toHaveText(`${id.slice(0, 6)}********${id.slice(-4)}`);

  await page.getByRole('button', { name: /编\s*辑/ }).click();
  const edit = page.getByRole('dialog', { name: `编辑“${name}”` });
  // The stored ID is never sent back: empty means "keep", the masked value is the placeholder.
  await expect(edit.getByLabel('身份证号')).toHaveValue('');
  await edit.getByLabel('职务').fill('董事长');
  await edit.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(edit).toBeHidden();

  // Only the post changed: the rest of the record (here the birth date the ID filled in) is kept.
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  await expect(page.locator('.ant-descriptions').first()).toContainText(birthDate);
  await page.getByRole('tab', { name: '变更历史' }).click();
  const latest = page.locator('.ant-timeline-item').first();
  await expect(latest).toContainText('王晓梅 修改');
  await expect(latest.locator('li')).toHaveCount(1);
  await expect(latest).toContainText('职务：');
  await expect(latest).toContainText('总经理');
  await expect(latest).toContainText('董事长');
  await expect(page.locator('.ant-timeline-item').last()).toContainText('王晓梅 新建');
});
