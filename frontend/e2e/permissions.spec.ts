import { expect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN, call, demoAccount, ensureMember, DESKTOP, expectNoRawErrors, PHONE, screenshot, signInAs, tokenFor } from './support';

/**
 * Actions appear only to callers who may take them: a reviewer and a member read and never see
 * a button the server would refuse; staff see them only on their own part of the tree.
 */

test.describe.configure({ mode: 'serial' });

const TOWNSHIP = '中共青山县青溪镇委员会';
const STREET = '中共青山县城关街道工作委员会';
const COMMUNITY_CODE = '330127001201';
const WRITES = [/新建组织/, /新建下级组织/, /编\s*辑/, /移\s*动/, /删\s*除/];

async function expectNoWriteButtons(page: Page | Locator): Promise<void> {
  for (const name of WRITES) await expect(page.getByRole('button', { name })).toHaveCount(0);
}

/** Opens an organization's page by its full name or its code. */
async function openOrganization(page: Page, name: string): Promise<void> {
  const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('grassroots.session') ?? '{}') as { accessToken?: string }).accessToken ?? '');
  const response = await page.request.get(`/api/v1/organizations?q=${encodeURIComponent(name)}`, { headers: { Authorization: `Bearer ${token}` } });
  const items = ((await response.json()) as { items: { id: string; name: string; code: string }[] }).items;
  const found = items.find((item) => item.name === name || item.code === name);
  if (found === undefined) throw new Error(`no organization ${name}`);
  await page.goto(`/organizations/${found.id}`);
  await expect(page.getByRole('heading', { level: 1, name: found.name })).toBeVisible();
}

for (const [width, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`a reviewer reads everything and is offered no write action (${width})`, async ({ page, request }) => {
    const reviewer = await demoAccount(request, 'demo-reviewer');
    const member = await ensureMember(request, '权限测试党员', { gender: 'male', phone: '13900001111' });
    await page.setViewportSize(viewport);
    await signInAs(page, reviewer.username, reviewer.password, '/organizations');
    await expect(page.getByRole('tree')).toBeVisible();
    await expectNoWriteButtons(page);

    await openOrganization(page, TOWNSHIP);
    await expect(page.getByRole('button', { name: '数据看板' })).toBeVisible();
    await expectNoWriteButtons(page);
    await screenshot(page, `${width}-reviewer-organization`);

    await page.goto('/organizations/new');
    await expect(page.getByText('您没有权限进行此操作。')).toBeVisible();
    await expect(page.getByRole('button', { name: /创\s*建/ })).toHaveCount(0);

    await page.goto('/members');
    await expect(page.getByText(/共 \d+ 名党员/)).toBeVisible();
    await expect(page.getByRole('button', { name: '新增党员' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '批量导入党员' })).toHaveCount(0);
    await page.goto(`/members/${member.id}`);
    await expect(page.getByRole('heading', { level: 1, name: member.name })).toBeVisible();
    for (const name of [/编\s*辑/, /组织关系转接/, /删\s*除/, /查看完整信息/]) await expect(page.getByRole('button', { name })).toHaveCount(0);

    await page.goto('/volunteer-records');
    await expect(page.getByRole('heading', { level: 1, name: '服务记录' })).toBeVisible();
    await expect(page.getByRole('button', { name: /认\s*定/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /退\s*回/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '批量导入服务记录' })).toHaveCount(0);

    await page.goto('/activities');
    await expect(page.getByRole('heading', { level: 1, name: '志愿活动' })).toBeVisible();
    await expect(page.getByRole('button', { name: '发布活动' })).toHaveCount(0);

    for (const path of ['/users', '/api-keys', '/audit', '/imports/members', '/members/new']) {
      await page.goto(path);
      await expect(page.getByText('您没有权限进行此操作。')).toBeVisible();
      await expect(page.getByRole('button', { name: /新建用户|新建密钥|检查文件|保\s*存/ })).toHaveCount(0);
    }
    await expectNoRawErrors(page);
  });
}

test('a member sees the tree but no write action, on a phone', async ({ page, request }) => {
  const member = await demoAccount(request, 'demo-member');
  await page.setViewportSize(PHONE);
  await signInAs(page, member.username, member.password, '/organizations');
  await expect(page.getByRole('tree')).toBeVisible();
  await expectNoWriteButtons(page);
  await openOrganization(page, COMMUNITY_CODE);
  await expectNoWriteButtons(page);
  await page.goto('/activities');
  await expect(page.getByRole('heading', { level: 1, name: '志愿活动' })).toBeVisible();
  await expect(page.getByRole('button', { name: '发布活动' })).toHaveCount(0);
  await screenshot(page, 'phone-member-organizations');
});

test('one who reviews the county and keeps one street is offered changes on that street only', async ({ page, request }) => {
  const admin = await tokenFor(request, ADMIN.username, ADMIN.password);
  type Found = { items: { id: string; code: string }[] };
  const county = (await call<Found>(request, admin, 'get', '/api/v1/organizations?root=true')).items.find((item) => item.code === '330127');
  const street = (await call<Found>(request, admin, 'get', '/api/v1/organizations?q=330127001')).items.find((item) => item.code === '330127001');
  if (county === undefined || street === undefined) throw new Error('the demo county has no 城关 street');
  const account = { username: 'e2e-mixed', password: 'Qingshan-mixed-2024' };
  const user = await call<{ id: string }>(request, admin, 'post', '/api/v1/users', {
    username: account.username,
    display_name: '县考评员兼街道党务',
    password: account.password,
    organization_id: county.id,
  });
  await call(request, admin, 'post', `/api/v1/users/${user.id}/grants`, { organization_id: county.id, role: 'reviewer' });
  await call(request, admin, 'post', `/api/v1/users/${user.id}/grants`, { organization_id: street.id, role: 'org_staff' });

  await page.setViewportSize(DESKTOP);
  await signInAs(page, account.username, account.password, '/organizations');
  // Somewhere in their scope they may create organizations.
  await expect(page.getByRole('button', { name: '新建组织' })).toBeVisible();
  await openOrganization(page, STREET);
  await expect(page.getByRole('button', { name: /编\s*辑/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /移\s*动/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /删\s*除/ })).toBeVisible();
  await openOrganization(page, TOWNSHIP);
  await expect(page.getByRole('button', { name: '数据看板' })).toBeVisible();
  await expectNoWriteButtons(page.getByRole('main'));
});
