import { expect, type Page } from '@playwright/test';

// Signing in to the demo district, as every journey starts.
export const DEMO_PASSWORD = 'Tongxin@2026';

export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录|Log in|Sign in/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
