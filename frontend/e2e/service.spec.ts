import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, DESKTOP, expectNoRawErrors, PHONE, pickSearched, screenshot } from './support';

/**
 * Members and volunteer service against the real server: a member logs service on a phone,
 * staff verify it (one by one and in bulk, all-or-nothing), and the hours reach the dashboard.
 * What the tests need (a member, an account linked to it) is made through the API as the admin.
 */

const MEMBER_USER = { username: 'e2e-member', password: 'Chengnan-service-2024' };
const MEMBER_NAME = '城南测试党员';
const PHONE_NUMBER = '13812345678';
const STREET = '中共青山县城关街道工作委员会';

test.describe.configure({ mode: 'serial' });

interface Setup {
  memberId: string;
  communityId: string;
  streetId: string;
}

let setup: Setup | null = null;

async function tokenFor(request: APIRequestContext, username: string, password: string): Promise<string> {
  const response = await request.post('/api/v1/auth/token', { form: { username, password } });
  expect(response.ok(), await response.text()).toBeTruthy();
  return ((await response.json()) as { access_token: string }).access_token;
}

async function call<T>(request: APIRequestContext, token: string, method: 'get' | 'post', path: string, data?: unknown): Promise<T> {
  const response = await request[method](path, { headers: { Authorization: `Bearer ${token}` }, data });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** A member in the demo county's 城南 community, and an account linked to it with the member role. */
async function ensureSetup(request: APIRequestContext): Promise<Setup> {
  if (setup !== null) return setup;
  const admin = await tokenFor(request, ADMIN.username, ADMIN.password);
  const found = await call<{ items: { id: string; code: string }[] }>(request, admin, 'get', '/api/v1/organizations?q=330127001201');
  const community = found.items.find((item) => item.code === '330127001201');
  if (community === undefined) throw new Error('the demo county has no 城南 community');
  const member = await call<{ id: string }>(request, admin, 'post', '/api/v1/members', {
    name: MEMBER_NAME,
    organization_id: community.id,
    gender: 'female',
    phone: PHONE_NUMBER,
    id_number: '11010519491231002X',
    status: 'full',
    is_migrant: false,
    is_in_service: false,
    is_elderly: false,
    is_in_hardship: false,
    positions: [{ position: 'committee_member' }],
  });
  const user = await call<{ id: string }>(request, admin, 'post', '/api/v1/users', {
    username: MEMBER_USER.username,
    display_name: MEMBER_NAME,
    password: MEMBER_USER.password,
    organization_id: community.id,
    member_id: member.id,
  });
  await call(request, admin, 'post', `/api/v1/users/${user.id}/grants`, { organization_id: community.id, role: 'member' });
  const street = (await call<{ items: { id: string; code: string }[] }>(request, admin, 'get', '/api/v1/organizations?q=330127001')).items.find(
    (item) => item.code === '330127001',
  );
  if (street === undefined) throw new Error('the demo county has no 城关 street');
  setup = { memberId: member.id, communityId: community.id, streetId: street.id };
  return setup;
}

async function signInAs(page: Page, username: string, password: string, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function pickOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

async function logService(page: Page, hours: string, description: string): Promise<void> {
  await page.getByLabel('服务时长').fill(hours);
  await pickOption(page, '服务类型', '志愿服务');
  await page.getByLabel('服务内容').fill(description);
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByText(`已提交 ${hours} 小时，等待组织审核`)).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: description })).toContainText('待审核');
}

function recordRow(page: Page, hours: string) {
  return page.getByRole('row').filter({ hasText: MEMBER_NAME }).filter({ has: page.getByRole('cell', { name: `${hours} 小时`, exact: true }) });
}

test('a member logs service on a phone and follows it', async ({ page, request }) => {
  await ensureSetup(request);
  await page.setViewportSize(PHONE);
  await signInAs(page, MEMBER_USER.username, MEMBER_USER.password);
  // A member without staff duties starts at their own service.
  await expect(page).toHaveURL(/\/my-service$/);
  await expect(page.getByRole('heading', { level: 1, name: '我的服务' })).toBeVisible();

  // Over 24 hours in a day is refused before anything is sent.
  await page.getByLabel('服务时长').fill('25');
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByText('这一天已登记 0 小时，最多还能登记 24 小时')).toBeVisible();

  await logService(page, '2.5', '为独居老人代购生活用品');
  await logService(page, '1.5', '社区环境整治');
  await logService(page, '1', '帮助居民办理医保');
  await logService(page, '0.5', '重复登记的记录');
  await expect(page.getByText('这一天已登记 5.5 小时，还可登记 18.5 小时')).toBeVisible();
  await expectNoRawErrors(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'phone-my-service');
});

test('staff verify one record, reject one, and verify the rest in bulk, all or nothing', async ({ page, request }) => {
  const { memberId } = await ensureSetup(request);
  // The demo county's own records fill the first pages: this member's records.
  await signInAs(page, ADMIN.username, ADMIN.password, `/volunteer-records?member_id=${memberId}`);
  await expect(page.getByRole('heading', { level: 1, name: '服务记录审核' })).toBeVisible();
  await expect(recordRow(page, '2.5')).toContainText('待审核');

  // One by one.
  await recordRow(page, '2.5').getByRole('button', { name: /认\s*定/ }).click();
  await expect(page.getByText('已认定', { exact: true }).first()).toBeVisible();
  await expect(recordRow(page, '2.5')).toHaveCount(0);

  // Sent back with a reason.
  await recordRow(page, '0.5').getByRole('button', { name: /退\s*回/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('原因').fill('与前一条重复');
  await dialog.getByRole('button', { name: /退\s*回/ }).click();
  await expect(dialog).toBeHidden();
  await expect(recordRow(page, '0.5')).toHaveCount(0);

  // In bulk: someone verifies one of the picked records meanwhile, so nothing is verified.
  await recordRow(page, '1.5').getByRole('checkbox').check();
  await recordRow(page, '1').getByRole('checkbox').check();
  await expect(page.getByText('已选择 2 条')).toBeVisible();
  const admin = await tokenFor(request, ADMIN.username, ADMIN.password);
  const pending = await call<{ items: { id: string; hours: number }[] }>(
    request,
    admin,
    'get',
    `/api/v1/volunteer-records?member_id=${memberId}&status=pending`,
  );
  const behindTheBack = pending.items.find((record) => record.hours === 1.5);
  await call(request, admin, 'post', `/api/v1/volunteer-records/${behindTheBack?.id ?? ''}/verify`);
  await page.getByRole('button', { name: '认定选中的 2 条' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: '本次没有认定任何记录' });
  await expect(refusal).toContainText('有 1 条已不是待审核状态');
  await expect(recordRow(page, '1.5')).toHaveAttribute('aria-invalid', 'true');
  await expectNoRawErrors(page);
  await screenshot(page, 'desktop-bulk-verify-refused');
  await refusal.getByRole('button', { name: '取消选择这些记录' }).click();
  await page.getByRole('button', { name: '认定选中的 1 条' }).click();
  await expect(page.getByText('已认定 1 条记录')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: MEMBER_NAME })).toHaveCount(0);

  // Verified records can be seen under their status.
  await page.getByText('已认定', { exact: true }).first().click();
  await expect(recordRow(page, '2.5')).toBeVisible();
  await expect(recordRow(page, '1')).toBeVisible();
});

test('the member sees the decisions, with the reason of the one sent back', async ({ page, request }) => {
  await ensureSetup(request);
  await page.setViewportSize(PHONE);
  await signInAs(page, MEMBER_USER.username, MEMBER_USER.password, '/my-service');
  await expect(page.getByRole('listitem').filter({ hasText: '为独居老人代购生活用品' })).toContainText('已认定');
  await expect(page.getByRole('listitem').filter({ hasText: '重复登记的记录' })).toContainText('退回原因：与前一条重复');
  await expect(page.getByText('已认定时长')).toBeVisible();
});

test('the hours reach the dashboard, which opens the records behind them', async ({ page, request }) => {
  const { streetId } = await ensureSetup(request);
  // The street of the member: other tests log hours elsewhere in the county.
  await signInAs(page, ADMIN.username, ADMIN.password, `/hours?within=${streetId}`);
  await expect(page.getByRole('link', { name: /^服务总时长\s*5\b/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /^已认定记录\s*3\b/ })).toBeVisible();
  await expect(page.locator('canvas')).toHaveCount(3);
  const top = page.locator('.ant-card').filter({ hasText: '服务时长排行' });
  await expect(top.getByRole('link', { name: MEMBER_NAME })).toBeVisible();
  await expect(top).toContainText('5 小时');
  await expectNoRawErrors(page);
  await top.getByRole('link', { name: MEMBER_NAME }).click();
  await expect(page).toHaveURL(/\/volunteer-records\?status=verified.*member_id=/);
  await expect(page.getByRole('row').filter({ hasText: MEMBER_NAME })).toHaveCount(3);
});

test('an admin reveals personal data (recorded) and transfers the member through the tree', async ({ page, request }) => {
  await ensureSetup(request);
  await signInAs(page, ADMIN.username, ADMIN.password, '/members');
  await page.getByLabel('按姓名或完整身份证号搜索').fill(MEMBER_NAME);
  await page.getByLabel('按姓名或完整身份证号搜索').press('Enter');
  await expect(page.getByText('共 1 名党员')).toBeVisible();
  await expect(page.getByRole('cell', { name: '138****5678' })).toBeVisible();
  await page.getByRole('link', { name: MEMBER_NAME }).click();
  await expect(page.getByRole('heading', { level: 1, name: MEMBER_NAME })).toBeVisible();
  await expect(page.getByText('138****5678')).toBeVisible();
  await expect(page.getByText(PHONE_NUMBER)).toHaveCount(0);

  await page.getByRole('button', { name: '查看完整信息' }).click();
  await expect(page.getByText('您的查看操作将被记录在审计日志中')).toBeVisible();
  await page.getByRole('button', { name: '查看并记录' }).click();
  await expect(page.getByText(PHONE_NUMBER)).toBeVisible();
  await expect(page.getByText('11010519491231002X')).toBeVisible();
  await expect(page.getByText('本次查看已记入审计日志')).toBeVisible();

  await page.getByRole('button', { name: '组织关系转接' }).click();
  const dialog = page.getByRole('dialog');
  const street = dialog.getByRole('tree').locator('.ant-tree-treenode').filter({ hasText: STREET });
  await street.locator('.ant-tree-switcher').click();
  await dialog.getByRole('tree').getByText('城北社区', { exact: false }).first().click();
  await expect(dialog.getByText(/转入组织：.*城北社区/)).toBeVisible();
  await dialog.getByLabel('原因').fill('搬迁至城北社区居住');
  await dialog.getByRole('button', { name: /转\s*接/ }).click();
  await expect(dialog).toBeHidden();
  const history = page.locator('.ant-card').filter({ hasText: '转接记录' });
  await expect(history.getByRole('cell', { name: '搬迁至城北社区居住' })).toBeVisible();
  await expect(history.getByRole('link', { name: /城北社区/ })).toBeVisible();
  await expectNoRawErrors(page);
});

test('staff publish an activity with one place; the member takes it and it is full', async ({ page, request, browser }) => {
  await ensureSetup(request);
  await signInAs(page, ADMIN.username, ADMIN.password, '/activities');
  await page.getByRole('button', { name: '发布活动' }).click();
  const dialog = page.getByRole('dialog');
  await pickSearched(page, dialog.getByLabel('组织单位'), '城关', STREET);
  await dialog.getByLabel('标题').fill('城关街道义务理发');
  const start = new Date(Date.now() + 2 * 86_400_000);
  const day = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`;
  const period = dialog.getByLabel('活动时间');
  await period.click();
  await period.fill(`${day} 09:00`);
  await period.press('Enter');
  await dialog.locator('.ant-picker-range input').nth(1).fill(`${day} 11:00`);
  await dialog.locator('.ant-picker-range input').nth(1).press('Enter');
  await dialog.getByLabel('名额').fill('1');
  await dialog.getByRole('button', { name: /创\s*建/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '城关街道义务理发' })).toBeVisible();
  await expect(page.getByText('剩余 1 个名额（共 1 个）')).toBeVisible();
  await screenshot(page, 'desktop-activity-detail');

  const memberContext = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const phone = await memberContext.newPage();
  await signInAs(phone, MEMBER_USER.username, MEMBER_USER.password, '/activities');
  const card = phone.locator('.ant-card').filter({ hasText: '城关街道义务理发' });
  await card.getByRole('button', { name: /报\s*名/ }).first().click();
  await expect(phone.getByText('已报名「城关街道义务理发」')).toBeVisible();
  await expect(card.getByText('名额已满（共 1 个）')).toBeVisible();
  await screenshot(phone, 'phone-activities');
  await memberContext.close();

  await page.reload();
  const signups = page.locator('.ant-card').filter({ hasText: '报名名单' });
  await expect(signups.getByRole('link', { name: MEMBER_NAME })).toBeVisible();
});

const STAFF_PAGES = [
  { name: 'members', path: '/members', ready: '共 ' },
  { name: 'records', path: '/volunteer-records', ready: '服务记录审核' },
  { name: 'activities', path: '/activities', ready: '志愿活动' },
  { name: 'pledges', path: '/pledges', ready: '承诺践诺' },
  { name: 'hours', path: '/hours', ready: '服务总时长' },
  { name: 'member-new', path: '/members/new', ready: '新增党员' },
];

for (const [width, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`new pages at ${width} width (${viewport.width}px)`, async ({ page, request }) => {
    // Many pages, each waited for and photographed: more than one page's time on a busy machine.
    test.slow();
    const { memberId } = await ensureSetup(request);
    await page.setViewportSize(viewport);
    await signInAs(page, ADMIN.username, ADMIN.password, '/dashboard');
    const pages = [...STAFF_PAGES, { name: 'member-detail', path: `/members/${memberId}`, ready: '转接记录' }, { name: 'member-edit', path: `/members/${memberId}/edit`, ready: '编辑党员' }];
    for (const { name, path, ready } of pages) {
      await page.goto(path);
      await expect(page.getByText(ready).first()).toBeVisible();
      await expectNoRawErrors(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
      await screenshot(page, `${width}-${name}`);
    }
    await page.goto('/dashboard');
    await expect(page.getByText('书记在岗组织')).toBeVisible();
    await screenshot(page, `${width}-dashboard-leadership`);

    // The member's own pages.
    await page.evaluate(() => localStorage.removeItem('grassroots.session'));
    await signInAs(page, MEMBER_USER.username, MEMBER_USER.password, '/pledges');
    await expect(page.getByRole('heading', { level: 1, name: '承诺践诺' })).toBeVisible();
    if (width === 'desktop') {
      await page.getByLabel('承诺内容').fill('每月为小区独居老人上门服务一次');
      await page.getByRole('button', { name: '提交承诺' }).click();
      await expect(page.getByRole('listitem').filter({ hasText: '每月为小区独居老人上门服务一次' })).toContainText('已承诺');
    }
    await expectNoRawErrors(page);
    await screenshot(page, `${width}-my-pledges`);
    await page.goto('/my-service');
    await expect(page.getByText('我的服务记录')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, `${width}-my-service`);
  });
}
