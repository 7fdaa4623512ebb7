import { expect, test, type Page } from '@playwright/test';
import { accessToken, ADMIN, DESKTOP, expectNoRawErrors, MAIN_NAV, PHONE, screenshot, pickSearched, signIn, signInAt } from './support';

const ROOT = '中共青山县委员会';
const TOWNSHIP = '中共青山县青溪镇委员会';
const OTHER_TOWNSHIP = '中共青山县白沙镇委员会';

async function pickOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

async function openFromTree(page: Page, name: string): Promise<void> {
  await page.getByRole('tree').getByText(name, { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

test('a visitor is sent to the login page and, signed in, back where they were', async ({ page }) => {
  await page.goto('/organizations?q=青溪');
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
  await expectNoRawErrors(page);
  await signIn(page);
  await expect(page).toHaveURL(/\/organizations\?q=/);
  await expect(page.getByRole('link', { name: '青溪', exact: false }).first()).toBeVisible();

  // A lost session (401) sends the user to log in and then back to the page they were on.
  await page.evaluate(() => localStorage.removeItem('grassroots.session'));
  await page.goto('/organizations');
  await expect(page).toHaveURL(/\/login\?next=%2Forganizations/);
  await signIn(page);
  await expect(page).toHaveURL(/\/organizations$/);
});

test('walk the tree, create, edit, meet a concurrent edit, move', async ({ page, request }) => {
  await signInAt(page, '/organizations');

  // The root opens by itself; its children were loaded lazily.
  await openFromTree(page, TOWNSHIP);
  await expect(page.getByRole('navigation').getByRole('link', { name: /青山县/ }).first()).toBeVisible();

  // Create a branch under the township.
  await page.getByRole('button', { name: '新建下级组织' }).click();
  await expect(page.getByText(`将在「${TOWNSHIP}」之下新建组织。`)).toBeVisible();
  await page.getByLabel('名称', { exact: true }).fill('青溪镇试点村党支部');
  await page.getByLabel('组织代码').fill('E2E-QX-001');
  await pickOption(page, '组织类别', '党支部');
  await pickOption(page, '层级', '村');
  await page.getByRole('button', { name: /创\s*建/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '青溪镇试点村党支部' })).toBeVisible();
  await expect(page.getByText('农村').first()).toBeVisible();
  const detailUrl = page.url();
  const organizationId = detailUrl.split('/').pop() ?? '';

  // Edit it.
  await page.getByRole('button', { name: /编\s*辑/ }).click();
  await page.getByLabel('简称').fill('试点村');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(detailUrl);
  await expect(page.getByRole('cell', { name: '试点村', exact: true })).toBeVisible();

  // Someone else saves while this page is open: the save meets 412 and offers to re-apply.
  await page.getByRole('button', { name: /编\s*辑/ }).click();
  await expect(page.getByLabel('联系电话')).toBeVisible();
  const token = await accessToken(page);
  const behindTheBack = await request.patch(`/api/v1/organizations/${organizationId}`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { venue_address: '青溪镇试点村文化礼堂' },
  });
  expect(behindTheBack.ok()).toBeTruthy();
  await page.getByLabel('联系电话').fill('0571-6612345');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  const conflict = page.getByRole('alert').filter({ hasText: '刚刚被其他人修改过' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('cell', { name: '0571-6612345' })).toBeVisible();
  await expectNoRawErrors(page);
  await screenshot(page, 'desktop-edit-conflict');
  await conflict.getByRole('button', { name: '重新应用我的修改' }).click();
  await expect(page).toHaveURL(detailUrl);
  await expect(page.getByRole('cell', { name: '0571-6612345' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '青溪镇试点村文化礼堂' })).toBeVisible();

  // Move it under another township, picked in the tree.
  await page.getByRole('button', { name: /移\s*动/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('tree').getByText(OTHER_TOWNSHIP, { exact: true }).click();
  await expect(dialog.getByText(`新的上级组织：${OTHER_TOWNSHIP}`)).toBeVisible();
  await dialog.getByRole('button', { name: /移\s*动/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('navigation').getByRole('link', { name: /白沙/ })).toBeVisible();
});

test('the dashboard shows figures and charts that open the filtered list', async ({ page }) => {
  await signInAt(page, '/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: `数据看板：${ROOT}` })).toBeVisible();
  await expect(page.getByText('组织总数')).toBeVisible();
  await expect(page.locator('canvas')).toHaveCount(3);
  await expectNoRawErrors(page);
  await page.getByRole('link', { name: /^软弱涣散组织/ }).click();
  await expect(page).toHaveURL(/\/organizations\?within=.*flag=weak_and_lax/);
  await expect(page.getByText(`范围：${ROOT} 及其下级`)).toBeVisible();
  await expect(page.getByText(/共 \d+ 个组织/)).toBeVisible();
});

test('a refused delete is explained in words, in Chinese and in English', async ({ page }) => {
  await signInAt(page, '/organizations');
  await openFromTree(page, TOWNSHIP);
  await page.getByRole('button', { name: /删\s*除/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /删\s*除/ }).click();
  const refusal = page.getByRole('alert').filter({ hasText: '该组织下还有下级组织，不能删除' });
  await expect(refusal).toBeVisible();
  await expectNoRawErrors(page);

  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('still has subordinate organizations');
  await expect(page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Organizations' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'Dashboard' })).toBeVisible();
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: '组织管理' })).toBeVisible();
});

test('admins manage users, API keys and read the audit trail', async ({ page }) => {
  await signInAt(page, '/users');
  await expect(page.getByRole('link', { name: ADMIN.username })).toBeVisible();

  await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: 'API 密钥' }).click();
  await page.getByRole('button', { name: '新建密钥' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('名称').fill('党员信息同步');
  await pickSearched(page, dialog.getByLabel('组织', { exact: true }), '青溪', TOWNSHIP);
  await dialog.getByRole('button', { name: /创\s*建/ }).click();
  await expect(page.getByText('密钥只显示这一次')).toBeVisible();
  await expect(page.getByTestId('api-key-secret')).not.toBeEmpty();
  await page.getByRole('button', { name: '我已保存密钥' }).click();
  await expect(page.getByRole('cell', { name: '党员信息同步', exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: '审计日志' }).click();
  await expect(page.getByRole('cell', { name: '新建' }).first()).toBeVisible();
  await pickOption(page, '对象类型', 'API 密钥');
  const created = page.getByRole('row').filter({ hasText: '新建' }).filter({ hasText: 'API 密钥' });
  await expect(created).toHaveCount(1);
  await created.getByRole('button').first().click();
  await expect(page.getByRole('cell', { name: '党员信息同步', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: TOWNSHIP, exact: true }).last()).toBeVisible();
  await expectNoRawErrors(page);
});

const PAGES = [
  { name: 'dashboard', path: '/dashboard', ready: '组织总数' },
  { name: 'organizations', path: '/organizations', ready: TOWNSHIP },
  { name: 'organizations-search', path: '/organizations?q=青溪', ready: '查询结果' },
  { name: 'users', path: '/users', ready: ADMIN.username },
  { name: 'api-keys', path: '/api-keys', ready: '党员信息同步' },
  { name: 'audit', path: '/audit', ready: '审计日志' },
];

for (const [width, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`main pages at ${width} width (${viewport.width}px)`, async ({ page }) => {
    // Many pages, each waited for and photographed: more than one page's time on a busy machine.
    test.slow();
    await page.setViewportSize(viewport);
    await page.goto('/login');
    await screenshot(page, `${width}-login`);
    await signIn(page);
    for (const { name, path, ready } of PAGES) {
      await page.goto(path);
      await expect(page.getByText(ready).first()).toBeVisible();
      await expectNoRawErrors(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
      await screenshot(page, `${width}-${name}`);
    }
    await page.goto('/organizations');
    await openFromTree(page, TOWNSHIP);
    await screenshot(page, `${width}-organization-detail`);
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await expect(page.getByLabel('组织代码')).toBeVisible();
    await screenshot(page, `${width}-organization-edit`);
    if (width === 'phone') {
      await page.getByRole('button', { name: '打开菜单' }).click();
      await expect(page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: '数据看板' })).toBeVisible();
      await screenshot(page, 'phone-menu');
      await page.getByRole('navigation', { name: MAIN_NAV }).getByRole('link', { name: '数据看板' }).click();
      await expect(page).toHaveURL(/\/dashboard/);
    }
  });
}
