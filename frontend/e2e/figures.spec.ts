import { expect, test } from '@playwright/test';
import { ADMIN, call, DESKTOP, ensureMember, expectNoRawErrors, overflow, PHONE, screenshot, signInAs, tokenFor } from './support';

/**
 * Figures point somewhere: the landing dashboard counts members, this year's verified hours and
 * the records waiting, each opening its list; an organization's page names its secretary and
 * counts its members and hours; a member's page shows their hours and newest records.
 */

test.describe.configure({ mode: 'serial' });

const NAME = '看板测试书记';
// 东湖: away from 城南, whose hours the service tests count.
const COMMUNITY_CODE = '330127002201';

interface Seeded {
  memberId: string;
  communityId: string;
}
let seeded: Seeded | null = null;

async function seed(request: Parameters<typeof tokenFor>[0]): Promise<Seeded> {
  if (seeded !== null) return seeded;
  const admin = await tokenFor(request, ADMIN.username, ADMIN.password);
  const community = (await call<{ items: { id: string; code: string }[] }>(request, admin, 'get', `/api/v1/organizations?q=${COMMUNITY_CODE}`)).items.find(
    (item) => item.code === COMMUNITY_CODE,
  );
  if (community === undefined) throw new Error('the demo county has no 东湖 community');
  const member = await ensureMember(request, NAME, { gender: 'male', positions: [{ position: 'secretary' }] }, COMMUNITY_CODE);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const record = await call<{ id: string }>(request, admin, 'post', '/api/v1/volunteer-records', {
    member_id: member.id,
    served_on: today,
    hours: 4,
    kind: 'volunteer_service',
    beneficiaries: 3,
    description: '组织社区义诊',
  });
  await call(request, admin, 'post', `/api/v1/volunteer-records/${record.id}/verify`);
  await call(request, admin, 'post', '/api/v1/volunteer-records', {
    member_id: member.id,
    served_on: today,
    hours: 1.5,
    kind: 'volunteer_service',
    beneficiaries: 1,
    description: '整理党员活动室',
  });
  seeded = { memberId: member.id, communityId: community.id };
  return seeded;
}

for (const [width, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`the dashboard counts members, hours and waiting records, and opens each list (${width})`, async ({ page, request }) => {
    await seed(request);
    await page.setViewportSize(viewport);
    await signInAs(page, ADMIN.username, ADMIN.password, '/dashboard');
    await expect(page.getByText('组织总数')).toBeVisible();
    const members = page.getByRole('link', { name: /^党员人数\s*\d+/ });
    const hours = page.getByRole('link', { name: /^本年度已认定服务时长\s*\d+/ });
    const pending = page.getByRole('link', { name: /^待审核服务记录\s*\d+/ });
    await expect(members).toBeVisible();
    await expect(hours).toBeVisible();
    await expect(pending).toBeVisible();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await expectNoRawErrors(page);
    await screenshot(page, `${width}-dashboard-figures`);

    await members.click();
    await expect(page).toHaveURL(/\/members\?within=/);
    await expect(page.getByText(/共 \d+ 名党员/)).toBeVisible();
    await page.goBack();
    await pending.click();
    await expect(page).toHaveURL(/\/volunteer-records\?status=pending&within=/);
    // The demo county's pending records come first; the list shows waiting records only.
    const waiting = page.getByRole(width === 'desktop' ? 'row' : 'listitem').filter({ hasText: '待审核' });
    await expect(waiting.first()).toBeVisible();
    await page.goBack();
    await hours.click();
    await expect(page).toHaveURL(/\/volunteer-records\?status=verified&within=.*served_from=\d{4}-01-01/);
    await expect(page.getByText('组织社区义诊').first()).toBeVisible();
  });

  test(`an organization's page names its secretary and counts its members and hours (${width})`, async ({ page, request }) => {
    const { communityId, memberId } = await seed(request);
    await page.setViewportSize(viewport);
    await signInAs(page, ADMIN.username, ADMIN.password, `/organizations/${communityId}`);
    const summary = page.locator('.ant-card').filter({ hasText: '党员与服务' });
    await expect(summary.getByRole('link', { name: NAME })).toBeVisible();
    await expect(summary.getByRole('link', { name: /^\d+ 人$/ })).toBeVisible();
    await expect(summary.getByRole('link', { name: /^\d+(\.\d+)? 小时$/ })).toBeVisible();
    const recent = page.locator('.ant-card').filter({ hasText: '最近的服务记录' });
    await expect(recent).toContainText('组织社区义诊');
    await expect(recent).toContainText('4 小时');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `${width}-organization-summary`);
    await summary.getByRole('link', { name: /^\d+ 人$/ }).click();
    await expect(page).toHaveURL(new RegExp(`/members\\?within=${communityId}`));

    await page.goto(`/members/${memberId}`);
    const service = page.locator('.ant-card').filter({ has: page.getByText('志愿服务', { exact: true }) });
    await expect(service.getByRole('link', { name: /^本年度已认定服务时长\s*4\b/ })).toBeVisible();
    await expect(service).toContainText('整理党员活动室');
    await expect(service).toContainText('1.5 小时');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await expectNoRawErrors(page);
    await screenshot(page, `${width}-member-service`);
    await service.getByRole('link', { name: /^本年度已认定服务时长\s*4\b/ }).click();
    await expect(page).toHaveURL(new RegExp(`/volunteer-records\\?status=verified&member_id=${memberId}`));
  });
}
