import { expect, test, type Page } from '@playwright/test';

// The foundation's user journeys, as a district cadre and an administrator would walk them, on the
// demo district (password Tongxin@2026 for every demo account).
const DEMO_PASSWORD = 'Tongxin@2026';

async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Log in|Sign in/ }).click();
}

async function logout(page: Page) {
  await page.locator('.tx-user-button').click();
  await page.getByRole('menuitem', { name: /退出登录|Log out|Sign out/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

test('a security administrator creates a town officer, who then sees only that town', async ({ page }) => {
  await login(page, 'secadmin');
  await page.getByRole('menuitem', { name: '账户管理' }).click();
  await expect(page.getByRole('heading', { name: '账户管理' })).toBeVisible();

  await page.getByRole('button', { name: '新建账户' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('用户名').fill('e2e-kunlun');
  await drawer.getByLabel('姓名').fill('测试委员');
  await drawer.getByLabel('所属单位').click();
  await page.keyboard.type('昆仑镇');
  await page.locator('.ant-select-tree-node-content-wrapper', { hasText: /^昆仑镇$/ }).first().click();
  await drawer.getByLabel('角色').click();
  await page.locator('.ant-select-item-option', { hasText: '镇街统战委员' }).click();
  await page.keyboard.press('Escape');
  await drawer.getByLabel('初始密码').fill('Start#2026a');
  await drawer.getByLabel('确认密码').fill('Start#2026a');
  await drawer.getByRole('button', { name: /创\s*建/ }).click();
  await expect(page.getByText('已创建账户“测试委员”')).toBeVisible();
  // Find it as an administrator would among the district's accounts.
  await page.getByLabel('关键词').fill('e2e-kunlun');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByRole('cell', { name: 'e2e-kunlun' })).toBeVisible();
  await expect(page.getByText('共 1 个账户').first()).toBeVisible();
  await logout(page);

  // First login with the administrator-issued password: a new one must be set before anything else.
  await login(page, 'e2e-kunlun', 'Start#2026a');
  await expect(page).toHaveURL(/\/change-password/);
  await page.getByLabel('当前密码').fill('Start#2026a');
  await page.getByLabel('新密码', { exact: true }).fill('Kunlun#2026b');
  await page.getByLabel('确认新密码').fill('Kunlun#2026b');
  await page.getByRole('button', { name: '确认修改' }).click();

  await expect(page.getByText('测试委员').first()).toBeVisible();
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  const tree = page.getByRole('tree');
  await expect(tree.getByText('昆仑镇', { exact: true })).toBeVisible();
  await expect(tree.getByText('洪山镇', { exact: true })).toHaveCount(0);
  await expect(tree.getByText('淄川区', { exact: true })).toHaveCount(0);
  // Administration is not in a town officer's menu.
  await expect(page.getByRole('menuitem', { name: '账户管理' })).toHaveCount(0);
});

test('five wrong passwords lock the account for 15 minutes, with one message for every failure', async ({ page }) => {
  const messages: string[] = [];
  for (let i = 0; i < 5; i++) {
    await login(page, 'zhaili', `Wrong#pass${i}`);
    const error = page.getByTestId('login-error');
    await expect(error).toBeVisible();
    messages.push((await error.innerText()).trim());
  }
  // Now even the right password is refused, with the very same words: nothing tells an attacker more.
  await login(page, 'zhaili');
  await expect(page.getByTestId('login-error')).toBeVisible();
  messages.push((await page.getByTestId('login-error').innerText()).trim());
  expect(new Set(messages).size).toBe(1);
  expect(messages[0]).toContain('锁定 15 分钟');
  await expect(page).toHaveURL(/\/login/);

  // Unknown accounts get the same answer.
  await login(page, 'no-such-user', 'Wrong#pass9');
  await expect(page.getByTestId('login-error')).toHaveText(messages[0]!);
});

test('the language switch turns the whole interface into English and back', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('button', { name: /登\s*录/ })).toBeVisible();
  await page.getByRole('button', { name: /语言|Language/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: /Log in|Sign in/ })).toBeVisible();

  await login(page, 'staff');
  await expect(page.getByRole('menuitem', { name: 'Workbench' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Organisation' })).toBeVisible();
  // No Chinese UI text is left in the shell (unit and district names are data, not UI text).
  const menuText = await page.locator('.ant-layout-sider').innerText();
  expect(menuText).not.toMatch(/[\u4e00-\u9fff]/);

  await page.reload();
  await expect(page.getByRole('menuitem', { name: 'Workbench' })).toBeVisible();

  await page.getByRole('button', { name: /Language/ }).click();
  await page.getByRole('menuitem', { name: '中文' }).click();
  await expect(page.getByRole('menuitem', { name: '工作台' })).toBeVisible();
});
