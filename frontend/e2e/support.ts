import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

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
  // From the top: a page scrolled down would show its sticky header in the middle of the shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${ARTIFACTS}/screenshots/${name}.png`, fullPage: true });
}

export async function signInAs(page: Page, username: string, password: string, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function tokenFor(request: APIRequestContext, username: string, password: string): Promise<string> {
  const response = await request.post('/api/v1/auth/token', { form: { username, password } });
  expect(response.ok(), await response.text()).toBeTruthy();
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function call<T>(
  request: APIRequestContext,
  token: string,
  method: 'get' | 'post' | 'patch',
  path: string,
  data?: unknown,
): Promise<T> {
  const response = await request[method](path, { headers: { Authorization: `Bearer ${token}` }, data });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/**
 * One of the demo accounts (demo-admin, demo-reviewer, demo-staff, demo-member), whose seeded
 * password was printed once and thrown away: the admin sets a known one.
 */
export async function demoAccount(request: APIRequestContext, username: string): Promise<{ username: string; password: string }> {
  const password = `Chayuan-${username.replace(/^demo-/, "")}-2024`;
  const admin = await tokenFor(request, ADMIN.username, ADMIN.password);
  const found = await call<{ items: { id: string; username: string }[] }>(request, admin, 'get', `/api/v1/users?q=${username}`);
  const user = found.items.find((item) => item.username === username);
  if (user === undefined) throw new Error(`the demo county has no account ${username}`);
  await call(request, admin, 'patch', `/api/v1/users/${user.id}`, { password });
  return { username, password };
}

/** How far the page reaches past the right edge of the window (0 when it fits). */
export async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Whether the element can be seen whole without scrolling sideways: inside the window, and not
 * cut off by any box around it that scrolls or clips (a table wider than its card).
 */
export async function expectInsideViewport(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  // scrollIntoView may have scrolled a table sideways to reach it: put every box back first.
  const clipped = await locator.evaluate((element) => {
    for (let box = element.parentElement; box !== null; box = box.parentElement) box.scrollLeft = 0;
    const rect = element.getBoundingClientRect();
    if (rect.left < 0 || rect.right > window.innerWidth + 0.5) return `the window (${rect.left}–${rect.right} of ${window.innerWidth})`;
    for (let box = element.parentElement; box !== null; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible') continue;
      const outer = box.getBoundingClientRect();
      if (rect.left < outer.left - 0.5 || rect.right > outer.right + 0.5) return `a ${box.className || box.tagName} (${rect.left}–${rect.right} of ${outer.left}–${outer.right})`;
    }
    return null;
  });
  expect(clipped, `the element is cut off by ${clipped ?? ''}`).toBeNull();
}

/** A member of a community of the demo county (城南 unless told) with this name, made once per server. */
export async function ensureMember(
  request: APIRequestContext,
  name: string,
  fields: Record<string, unknown> = {},
  communityCode = '330127001201',
): Promise<{ id: string; name: string; organization_id: string }> {
  const admin = await tokenFor(request, ADMIN.username, ADMIN.password);
  type Found = { items: { id: string; name: string; organization_id: string; code?: string }[] };
  const existing = (await call<Found>(request, admin, 'get', `/api/v1/members?q=${encodeURIComponent(name)}`)).items.find(
    (item) => item.name === name,
  );
  if (existing !== undefined) return existing;
  const community = (await call<Found>(request, admin, 'get', `/api/v1/organizations?q=${communityCode}`)).items.find(
    (item) => item.code === communityCode,
  );
  if (community === undefined) throw new Error(`the demo county has no community ${communityCode}`);
  return call(request, admin, 'post', '/api/v1/members', { name, organization_id: community.id, status: 'full', ...fields });
}

/** The app's main menu (a `nav` of links), in either language. */
export const MAIN_NAV = /^(主导航|Main navigation)$/;

/**
 * Types `search` into a searching select and picks `option` from what it finds. The list is
 * replaced when the search answers, so a click may land on an option just taken away (the list
 * then stays open, or closes with nothing chosen and the search text left): search and pick
 * again until the list has closed on a choice.
 */
export async function pickSearched(page: Page, field: Locator, search: string, option: string): Promise<void> {
  const list = page.locator('.ant-select-dropdown:visible');
  await expect(async () => {
    await field.fill(search);
    await list.getByText(option).first().click({ timeout: 2000 });
    // Chosen: the list has closed and the search text made way for the choice.
    await expect(list).toHaveCount(0, { timeout: 1000 });
    await expect(field).toHaveValue('', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}
