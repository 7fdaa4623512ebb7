import { expect, type Page } from '@playwright/test';

export const ADMIN = {
  username: process.env.E2E_ADMIN_USERNAME ?? 'e2e-admin',
  password: process.env.E2E_ADMIN_PASSWORD ?? 'Qingshan-e2e-2024',
};
export const ARTIFACTS = '../tests/e2e/artifacts';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

/** Signs in on the login page the app has sent us to. */
export async function signIn(page: Page, password = ADMIN.password): Promise<void> {
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  // Wait for the app to leave the login page: navigating sooner would drop the session.
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signInAt(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await signIn(page);
}

/** The access token the app holds, for changing data behind its back. */
export async function accessToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => {
    const stored = localStorage.getItem('grassroots.session');
    return stored ? (JSON.parse(stored) as { accessToken: string }).accessToken : null;
  });
  if (token === null) throw new Error('the app holds no session');
  return token;
}

/** Raw error codes, JSON bodies or English error words must never reach a Chinese page. */
export async function expectNoRawErrors(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/organization_[a-z_]+|precondition_failed|validation_error|"code"\s*:|"detail"\s*:/);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${ARTIFACTS}/screenshots/${name}.png`, fullPage: true });
}
