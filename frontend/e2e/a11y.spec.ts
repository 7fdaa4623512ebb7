import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { ADMIN, call, DESKTOP, ensureMember, PHONE, signIn, signInAs, tokenFor } from './support';

/**
 * Every route of the router (src/app/router.tsx), at 1280 px and at 375 px, checked by axe for
 * WCAG 2.0/2.1 A and AA with zero violations allowed; each has its own document title and one h1,
 * and after moving to another page by its link, focus is on that page's h1.
 */

const COMMUNITY_CODE = '330127001201';
const MEMBER_USER = { username: 'a11y-member', password: 'Qingshan-a11y-2024' };

interface Setup {
  organizationId: string;
  memberId: string;
  activityId: string;
  gridId: string;
  teamId: string;
  userId: string;
  evaluationId: string;
  cycleId: string;
  ratingPath: string;
}

let setup: Setup | null = null;

function square(lng: number, lat: number, size = 0.004) {
  return {
    type: 'Polygon',
    coordinates: [[[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]],
  };
}

/** One of everything a detail page shows, made once through the API. */
async function prepare(request: APIRequestContext): Promise<Setup> {
  if (setup !== null) return setup;
  const token = await tokenFor(request, ADMIN.username, ADMIN.password);
  type Found = { items: { id: string; code: string; parent_id: string; tier: string }[] };
  const community = (await call<Found>(request, token, 'get', `/api/v1/organizations?q=${COMMUNITY_CODE}`)).items.find(
    (item) => item.code === COMMUNITY_CODE,
  );
  if (community === undefined) throw new Error(`the demo county has no ${COMMUNITY_CODE}`);
  const member = await ensureMember(request, '无障碍测试党员', { is_elderly: true });
  const today = new Date().toISOString().slice(0, 10);
  await call(request, token, 'post', '/api/v1/volunteer-records', { member_id: member.id, served_on: today, hours: 2, kind: 'volunteer_service', description: '帮老人理发' });
  const now = Date.now();
  const activity = await call<{ id: string }>(request, token, 'post', '/api/v1/volunteer-activities', {
    kind: 'volunteer_service',
    title: `无障碍测试活动 ${now}`,
    starts_at: new Date(now + 86_400_000).toISOString(),
    ends_at: new Date(now + 90_000_000).toISOString(),
    capacity: 10,
    organization_id: community.id,
  });
  const grid = await call<{ id: string }>(request, token, 'post', '/api/v1/grids', {
    organization_id: community.id,
    code: `A11Y${String(now).slice(-6)}`,
    name: '无障碍测试网格',
    households: 50,
    population: 120,
    boundary: square(119.63, 29.92),
  });
  const team = await call<{ id: string }>(request, token, 'post', '/api/v1/grid-teams', { name: '无障碍测试团队', grid_id: grid.id, active: false });
  const me = await call<{ id: string }>(request, token, 'get', '/api/v1/me');
  const users = await call<{ items: { id: string; username: string }[] }>(request, token, 'get', `/api/v1/users?q=${MEMBER_USER.username}`);
  if (!users.items.some((user) => user.username === MEMBER_USER.username)) {
    const user = await call<{ id: string }>(request, token, 'post', '/api/v1/users', {
      username: MEMBER_USER.username,
      display_name: member.name,
      password: MEMBER_USER.password,
      organization_id: community.id,
      member_id: member.id,
    });
    await call(request, token, 'post', `/api/v1/users/${user.id}/grants`, { organization_id: community.id, role: 'member' });
  }

  const window = { opens_at: new Date(now - 3_600_000).toISOString(), closes_at: new Date(now + 30 * 86_400_000).toISOString() };
  const cycle = await call<{ id: string }>(request, token, 'post', '/api/v1/evaluation-cycles', {
    organization_id: community.parent_id,
    target_tiers: [community.tier],
    name: `无障碍测评 ${now}`,
    year: new Date().getFullYear(),
    windows: { self_assessment: window, public_rating: window, organizational_review: window },
    min_public_ratings: 1,
  });
  await call(request, token, 'post', `/api/v1/evaluation-cycles/${cycle.id}/launch`);
  type Evaluation = { id: string; organization_id: string; template_id: string; rating_link: string | null };
  const evaluations = await call<{ items: Evaluation[] }>(request, token, 'get', `/api/v1/evaluations?cycle_id=${cycle.id}&limit=200`);
  const evaluation = evaluations.items.find((e) => e.organization_id === community.id);
  if (evaluation === undefined) throw new Error('the launch made no evaluation of the community');
  const template = await call<{ dimensions: { indicators: { code: string; max_score: string }[] }[] }>(
    request,
    token,
    'get',
    `/api/v1/evaluation-templates/${evaluation.template_id}`,
  );
  const scores = Object.fromEntries(
    template.dimensions.flatMap((d) => d.indicators.map((i) => [i.code, (Number(i.max_score) * 0.8).toFixed(2)])),
  );
  const put = await request.put(`/api/v1/evaluations/${evaluation.id}/self-assessment`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { scores },
  });
  expect(put.ok(), await put.text()).toBeTruthy();
  const rating = await call<Evaluation>(request, token, 'post', `/api/v1/evaluations/${evaluation.id}/transitions`, { to: 'public_rating' });
  setup = {
    organizationId: community.id,
    memberId: member.id,
    activityId: activity.id,
    gridId: grid.id,
    teamId: team.id,
    userId: me.id,
    evaluationId: evaluation.id,
    cycleId: cycle.id,
    ratingPath: new URL(rating.rating_link ?? '', 'http://127.0.0.1').pathname,
  };
  return setup;
}

/** Every route of the signed-in app, by the admin (who may see them all). */
function adminRoutes(s: Setup): string[] {
  return [
    '/dashboard',
    `/dashboard/${s.organizationId}`,
    '/organizations',
    '/organizations/new',
    `/organizations/${s.organizationId}`,
    `/organizations/${s.organizationId}/edit`,
    '/members',
    '/members/new',
    `/members/${s.memberId}`,
    `/members/${s.memberId}/edit`,
    '/imports/members',
    '/imports/volunteer-records',
    '/my-service',
    '/volunteer-records',
    '/activities',
    `/activities/${s.activityId}`,
    '/pledges',
    '/hours',
    '/users',
    `/users/${s.userId}`,
    '/api-keys',
    '/audit',
    '/grids',
    '/grids/new',
    `/grids/${s.gridId}`,
    `/grids/${s.gridId}/edit`,
    `/grids/${s.gridId}/teams/new`,
    `/grid-teams/${s.teamId}`,
    '/grid-coverage',
    '/units',
    '/evaluations',
    `/evaluations/${s.evaluationId}`,
    '/evaluation-cycles',
    `/evaluation-cycles/${s.cycleId}/results`,
    '/no-such-page',
  ];
}

/** What a member with an account sees: their own service, pledges and the activities. */
const MEMBER_ROUTES = ['/dashboard', '/my-service', '/pledges', '/activities'];

/** Opens a route afresh, waits for its heading, and checks it: axe, one h1, the title. */
async function check(page: Page, path: string): Promise<string> {
  await page.goto(path);
  // A busy machine may take a while to load a page's chunk and data.
  await expect(page.locator('h1').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  // Soft: one run reports every route's violations, not only the first.
  await expectAccessible(page, path, { soft: true });
  return page.title();
}

for (const [name, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test.describe(`at ${viewport.width} px (${name})`, () => {
    test.use({ viewport });

    test('every route of the app passes axe, with one h1 and a title of its own', async ({ page, request }) => {
      test.setTimeout(900_000);
      const s = await prepare(request);
      await page.goto('/login');
      await signIn(page);
      const titles = new Map<string, string>();
      for (const path of adminRoutes(s)) titles.set(path, await check(page, path));
      const seen = new Map<string, string>();
      for (const [path, title] of titles) {
        expect(seen.get(title), `${path} has the same title as ${seen.get(title) ?? ''}: ${title}`).toBeUndefined();
        seen.set(title, path);
      }
    });

    test('a member’s pages pass axe', async ({ page, request }) => {
      test.setTimeout(300_000);
      await prepare(request);
      await signInAs(page, MEMBER_USER.username, MEMBER_USER.password);
      for (const path of MEMBER_ROUTES) await check(page, path);
    });

    test('the login page and the public rating page pass axe', async ({ page, request }) => {
      const s = await prepare(request);
      await check(page, '/login');
      expect(await page.title()).toContain('登录');
      await check(page, s.ratingPath);
    });
  });
}

test('after following a menu link, focus is on the new page’s h1; on the first load it is not', async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto('/organizations');
  await signIn(page);
  await expect(page.locator('h1')).toBeVisible();
  const menu = page.getByRole('navigation', { name: '主导航' });
  await expect(menu.getByRole('link', { name: '组织管理' })).toHaveAttribute('aria-current', 'page');
  await menu.getByRole('link', { name: '党员管理' }).click();
  await expect(page.locator('h1')).toHaveText('党员管理');
  await expect(page.locator('h1')).toBeFocused();
  await expect(menu.getByRole('link', { name: '党员管理' })).toHaveAttribute('aria-current', 'page');
  expect(await page.title()).toMatch(/^党员管理 - /);
  // The skip link is the first stop of the keyboard and leads to the content.
  await page.reload();
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('h1')).not.toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: '跳到正文' })).toBeFocused();
});
