import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, DESKTOP, expectNoRawErrors, PHONE, screenshot, signInAt } from './support';

/**
 * Service grids against the real server: a grid made through the API is drawn on the map and
 * opens when clicked; staff form a team with a leader found by search and a volunteer; a grid
 * without a team is a coverage gap whose link opens it, and its “查看全部” link opens the filtered
 * grid list. Data is made through the API as admin.
 */

const COMMUNITY_CODE = '330127001201';
const LEADER_NAME = '网格测试组长';
const MAP_GRID = { code: 'E2E-MAP-01', name: '城南测试一网格' };
const GAP_GRID = { code: 'E2E-GAP-01', name: '城南测试缺口网格' };
const TEAM_GRID = { code: 'E2E-TEAM-02', name: '城南测试二网格' };

test.describe.configure({ mode: 'serial' });

interface Setup {
  communityId: string;
  mapGridId: string;
  gapGridId: string;
  teamGridId: string;
}

let setup: Setup | null = null;

function square(lng: number, lat: number, size = 0.004) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
      ],
    ],
  };
}

async function call<T>(request: APIRequestContext, token: string, method: 'get' | 'post', path: string, data?: unknown): Promise<T> {
  const response = await request[method](path, { headers: { Authorization: `Bearer ${token}` }, data });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

async function ensureSetup(request: APIRequestContext): Promise<Setup> {
  if (setup !== null) return setup;
  const login = await request.post('/api/v1/auth/token', { form: { username: ADMIN.username, password: ADMIN.password } });
  expect(login.ok()).toBeTruthy();
  const token = ((await login.json()) as { access_token: string }).access_token;
  const found = await call<{ items: { id: string; code: string }[] }>(request, token, 'get', `/api/v1/organizations?q=${COMMUNITY_CODE}`);
  const community = found.items.find((item) => item.code === COMMUNITY_CODE);
  if (community === undefined) throw new Error('the demo county has no 城南 community');
  await call(request, token, 'post', '/api/v1/members', {
    name: LEADER_NAME,
    organization_id: community.id,
    status: 'full',
    is_migrant: false,
    is_in_service: false,
    is_elderly: false,
    is_in_hardship: false,
  });
  const mapGrid = await call<{ id: string }>(request, token, 'post', '/api/v1/grids', {
    organization_id: community.id,
    ...MAP_GRID,
    households: 120,
    population: 310,
    boundary: square(119.61, 29.91),
  });
  const gapGrid = await call<{ id: string }>(request, token, 'post', '/api/v1/grids', {
    organization_id: community.id,
    ...GAP_GRID,
    households: 80,
    population: 200,
    boundary: square(119.615, 29.91),
  });
  const teamGrid = await call<{ id: string }>(request, token, 'post', '/api/v1/grids', {
    organization_id: community.id,
    ...TEAM_GRID,
    boundary: square(119.62, 29.91),
  });
  setup = { communityId: community.id, mapGridId: mapGrid.id, gapGridId: gapGrid.id, teamGridId: teamGrid.id };
  return setup;
}

/** The map's canvas; a lone grid is drawn filling its middle. */
function mapCanvas(page: Page) {
  return page.locator('div[role="img"][aria-label^="网格地图"] canvas').first();
}

async function expectFits(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(0);
}

for (const [width, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`a grid made through the API is on the map, and clicking it opens it (${width})`, async ({ page, request }) => {
    const { mapGridId } = await ensureSetup(request);
    await page.setViewportSize(viewport);
    await signInAt(page, `/grids?view=map&q=${MAP_GRID.code}`);
    await expect(page.getByRole('heading', { level: 1, name: '服务网格' })).toBeVisible();
    // The table beside the map holds the same grid, in words.
    await expect(page.getByRole('link', { name: MAP_GRID.code })).toBeVisible();
    await expect(page.getByText('无服务团队').first()).toBeVisible();
    const canvas = mapCanvas(page);
    await expect(canvas).toBeVisible();
    await expectNoRawErrors(page);
    await expectFits(page);
    await screenshot(page, `${width}-grids-map`);
    const box = await canvas.boundingBox();
    if (box === null) throw new Error('the map has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page).toHaveURL(new RegExp(`/grids/${mapGridId}$`));
    await expect(page.getByRole('heading', { level: 1, name: `${MAP_GRID.code} ${MAP_GRID.name}` })).toBeVisible();
    await expect(page.locator('div[role="img"][aria-label$="的边界地图"] canvas')).toBeVisible();
    await expectFits(page);
    await screenshot(page, `${width}-grid-detail`);
  });
}

for (const [width, viewport, gridOf] of [
  ['desktop', DESKTOP, (made: Setup) => ({ id: made.mapGridId, ...MAP_GRID })],
  ['phone', PHONE, (made: Setup) => ({ id: made.teamGridId, ...TEAM_GRID })],
] as const) {
  test(`staff form a team with a leader found by search and a volunteer (${width})`, async ({ page, request }) => {
    const grid = gridOf(await ensureSetup(request));
    const mapGridId = grid.id;
    await page.setViewportSize(viewport);
    await signInAt(page, `/grids/${mapGridId}`);
    await page.getByRole('button', { name: '组建服务团队' }).click();
    await expect(page).toHaveURL(new RegExp(`/grids/${mapGridId}/teams/new$`));
    await expect(page.getByLabel('团队名称')).toHaveValue(`${grid.name}服务团队`);

    // The leader, found by searching their name.
    await page.getByRole('combobox', { name: '输入姓名搜索党员' }).click();
    await page.keyboard.type('网格测试');
    await page.locator('.ant-select-dropdown:visible').getByText(LEADER_NAME).click();
    const leaderRow = page.getByRole('row').filter({ hasText: LEADER_NAME });
    await expect(leaderRow).toContainText('网格长');

    // A volunteer who is not a Party member.
    await page.getByLabel('志愿者姓名').fill('王阿姨');
    await page.getByLabel('手机号（选填）').fill('13900001234');
    await page.getByRole('button', { name: '添加志愿者' }).click();
    await expect(page.getByRole('row').filter({ hasText: '王阿姨' })).toContainText('群众志愿者');

    // Without a leader, an active team is refused before anything is sent, in words.
    await page.getByLabel(`${LEADER_NAME}的角色`).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('党员', { exact: true }).click();
    await page.getByRole('button', { name: /创\s*建/ }).click();
    await expect(page.getByText('在岗的团队必须有一名网格长。')).toBeVisible();
    await screenshot(page, `${width}-team-editor-rule`);
    await page.getByLabel(`${LEADER_NAME}的角色`).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('网格长', { exact: true }).click();
    await expect(page.getByText('在岗的团队必须有一名网格长。')).toHaveCount(0);
    await screenshot(page, `${width}-team-editor`);

    await page.getByRole('button', { name: /创\s*建/ }).click();
    await expect(page).toHaveURL(new RegExp(`/grids/${mapGridId}$`));
    const teamRow = page.getByRole('row').filter({ hasText: `${grid.name}服务团队` });
    await expect(teamRow).toContainText(LEADER_NAME);
    await expect(teamRow).toContainText('2 人（党员 1 人）');
    await expect(page.getByText('已覆盖').first()).toBeVisible();
    await expectNoRawErrors(page);

    // The team reopens with its people; the volunteer's phone is masked.
    await teamRow.getByRole('link').click();
    await expect(page.getByRole('row').filter({ hasText: '王阿姨' })).toContainText('139****1234');
    await screenshot(page, `${width}-team-page`);
  });
}

test('a refused boundary is explained at its ring, in Chinese', async ({ page, request }) => {
  const { communityId } = await ensureSetup(request);
  await page.setViewportSize(DESKTOP);
  await signInAt(page, `/grids/new?organization=${communityId}`);
  await page.getByLabel('网格编号').fill('E2E-BAD-01');
  await page.getByLabel('名称', { exact: true }).fill('边界有误的网格');
  const open = { type: 'Polygon', coordinates: [[[119.6, 29.9], [119.61, 29.9], [119.61, 29.91], [119.6, 29.91]]] };
  await page.getByLabel('网格边界').fill(JSON.stringify(open));
  await page.getByRole('button', { name: /创\s*建/ }).click();
  await expect(page.getByText('边界不符合要求，请按下列位置修改：')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '外边界' })).toContainText('环没有闭合');
  await expectNoRawErrors(page);
  await screenshot(page, 'desktop-grid-boundary-refused');
});

for (const [width, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`coverage lists a grid without a team, and its link opens the grid (${width})`, async ({ page, request }) => {
    const { communityId, gapGridId } = await ensureSetup(request);
    await page.setViewportSize(viewport);
    await signInAt(page, `/grid-coverage?within=${communityId}`);
    await expect(page.getByRole('heading', { level: 1, name: '覆盖情况' })).toBeVisible();
    const gap = page.getByRole('link', { name: `${GAP_GRID.code} ${GAP_GRID.name}` });
    await expect(gap).toBeVisible();
    await expectNoRawErrors(page);
    await expectFits(page);
    await screenshot(page, `${width}-grid-coverage`);
    const all = page.getByRole('link', { name: /^查看全部 \(\d+\)$/ }).first();
    const shown = Number(/\((\d+)\)/.exec((await all.textContent()) ?? '')?.[1]);
    await gap.click();
    await expect(page).toHaveURL(new RegExp(`/grids/${gapGridId}$`));
    await expect(page.getByText('无服务团队').first()).toBeVisible();

    // “查看全部” opens the whole gap: the grid list filtered from the URL, the filter shown and as many rows.
    await page.goBack();
    await all.click();
    await expect(page).toHaveURL(new RegExp(`/grids\\?within=${communityId}&has_team=false$`));
    await expect(page.getByRole('combobox', { name: '服务团队' }).locator('xpath=ancestor::*[contains(@class,"ant-select")][1]')).toContainText('无在岗服务团队');
    await expect(page.getByText(`共 ${shown} 个网格`)).toBeVisible();
    await expect(page.getByRole('link', { name: GAP_GRID.code }).first()).toBeVisible();

    await page.goto('/units');
    await expect(page.getByRole('heading', { level: 1, name: '单位名录' })).toBeVisible();
    await expectFits(page);
    await screenshot(page, `${width}-units`);
    await page.goto('/dashboard');
    await expect(page.getByText('网格覆盖率').first()).toBeVisible();
    await screenshot(page, `${width}-dashboard-coverage`);
  });
}
