import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoAccount, DESKTOP, expectNoRawErrors, overflow, PHONE, screenshot, signInAs } from './support';

/**
 * The demo county as its users see it (issue 8): the server of the browser tests is seeded with
 * `grassroots seed --demo` (e2e/serve.sh), and the demo accounts get known passwords from the
 * admin. Each page shows the county's real figures, at desk and phone width, and is kept as a
 * screenshot under tests/e2e/artifacts/screenshots/.
 */

test.describe.configure({ mode: 'serial' });

/** The number a figure card shows, once it has loaded (its label reads "title: value"). */
async function figure(page: Page, title: string): Promise<number> {
  // The card is named by what it shows: its title, then its number and unit.
  const card = page.getByRole('link', { name: new RegExp(`^${title}\\s*\\d`) });
  await expect(card).toBeVisible();
  await expect(card.locator('.ant-skeleton')).toHaveCount(0);
  let value = 0;
  await expect
    .poll(async () => {
      value = Number((await card.locator('.ant-statistic-content-value').innerText()).replace(/[,\s]/g, ''));
      return value;
    })
    .toBeGreaterThan(0);
  return value;
}

/** The count a list says above its rows ("共 1,234 名党员"). */
async function listCount(locator: Locator): Promise<number> {
  await expect(locator).toBeVisible();
  return Number(((await locator.innerText()).match(/[\d,]+/)?.[0] ?? '0').replace(/,/g, ''));
}

async function expectFits(page: Page): Promise<void> {
  expect(await overflow(page), 'the page is wider than the window').toBeLessThanOrEqual(0);
}

for (const [width, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`demo-admin: the county's dashboard, members, hours and verification queue hold real figures (${width})`, async ({ page, request }) => {
    const admin = await demoAccount(request, 'demo-admin');
    await page.setViewportSize(viewport);
    await signInAs(page, admin.username, admin.password, '/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: /数据看板/ })).toBeVisible();
    expect(await figure(page, '党员人数')).toBeGreaterThan(1000);
    expect(await figure(page, '本年度已认定服务时长')).toBeGreaterThan(0);
    expect(await figure(page, '待审核服务记录')).toBeGreaterThan(0);
    expect(await figure(page, '书记空缺组织')).toBeGreaterThan(0);
    await expect(page.locator('canvas').first()).toBeVisible();
    await expectNoRawErrors(page);
    await expectFits(page);
    await screenshot(page, `${width}-demo-admin-dashboard`);

    // The vacancy figure opens the organizations that have no secretary.
    const vacancies = await figure(page, '书记空缺组织');
    await page.getByRole('link', { name: /^书记空缺组织\s*/ }).click();
    await expect(page).toHaveURL(/\/organizations\?.*secretary_vacant=true/);
    await expect(page.locator('.ant-tag').filter({ hasText: '书记空缺' })).toBeVisible();
    expect(await listCount(page.getByText(/^共 [\d,]+ 个组织$/))).toBe(vacancies);
    await screenshot(page, `${width}-demo-admin-vacancies`);

    await page.goto('/members');
    expect(await listCount(page.getByText(/^共 [\d,]+ 名党员$/))).toBeGreaterThan(1000);
    // Phones masked at a desk; a phone's list shows names, positions and tags only.
    if (width === 'desktop') await expect(page.getByText(/\d{3}\*{4}\d{4}/).first()).toBeVisible();
    else await expect(page.getByRole('row').nth(1)).toBeVisible();
    await expectNoRawErrors(page);
    await expectFits(page);
    await screenshot(page, `${width}-demo-admin-members`);

    await page.goto('/hours');
    await expect(page.getByRole('heading', { level: 1, name: '服务时长统计' })).toBeVisible();
    expect(await figure(page, '服务总时长')).toBeGreaterThan(0);
    expect(await figure(page, '已认定记录')).toBeGreaterThan(0);
    await expectNoRawErrors(page);
    await expectFits(page);
    await screenshot(page, `${width}-demo-admin-hours`);

    // The queue of the last six weeks, where the demo's pending records carry photos: the
    // records say how many (photo_count), and only those with some offer them.
    const sixWeeksAgo = new Date(Date.now() - 42 * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`/volunteer-records?status=pending&served_from=${sixWeeksAgo}`);
    expect(await listCount(page.getByText(/^共 [\d,]+ 条记录$/))).toBeGreaterThan(0);
    await expect(page.getByText('待审核').first()).toBeVisible();
    const photos = page.getByRole('button', { name: /^查看 .+ 的照片$/ });
    await expect(photos.first()).toBeVisible();
    await photos.first().click();
    await expect(page.getByRole('img', { name: /现场照片 1/ }).first()).toBeVisible();
    await expectNoRawErrors(page);
    await expectFits(page);
    await screenshot(page, `${width}-demo-admin-queue`);
  });

  test(`demo-staff: the street's dashboard and its verification queue (${width})`, async ({ page, request }) => {
    const staff = await demoAccount(request, 'demo-staff');
    await page.setViewportSize(viewport);
    await signInAs(page, staff.username, staff.password, '/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: /数据看板：.*城关街道/ })).toBeVisible();
    expect(await figure(page, '党员人数')).toBeGreaterThan(0);
    expect(await figure(page, '本年度已认定服务时长')).toBeGreaterThan(0);
    const pending = await figure(page, '待审核服务记录');
    await expectNoRawErrors(page);
    await expectFits(page);
    await screenshot(page, `${width}-demo-staff-dashboard`);

    await page.getByRole('link', { name: /^待审核服务记录\s*/ }).click();
    await expect(page).toHaveURL(/\/volunteer-records\?.*status=pending/);
    expect(await listCount(page.getByText(/^共 [\d,]+ 条记录$/))).toBe(pending);
    await expect(page.getByRole('checkbox', { name: '选择这条记录' }).first()).toBeVisible();
    await expectNoRawErrors(page);
    await expectFits(page);
    await screenshot(page, `${width}-demo-staff-queue`);
  });

  test(`demo-member: their own service, with hours behind them (${width})`, async ({ page, request }) => {
    const member = await demoAccount(request, 'demo-member');
    await page.setViewportSize(viewport);
    await signInAs(page, member.username, member.password, '/my-service');
    await expect(page.getByRole('heading', { level: 1, name: '我的服务' })).toBeVisible();
    const verified = page.locator('.ant-statistic').filter({ hasText: '已认定时长' });
    await expect
      .poll(async () => Number((await verified.locator('.ant-statistic-content-value').innerText()).replace(/,/g, '')))
      .toBeGreaterThan(0);
    await expectNoRawErrors(page);
    await expectFits(page);
    await screenshot(page, `${width}-demo-member-service`);
  });
}
