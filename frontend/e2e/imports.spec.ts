import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, DESKTOP, expectNoRawErrors, PHONE, screenshot } from './support';

/**
 * Tables in and out, and photos: staff import members through the wizard (a dry run finds a
 * refused row, a clean file goes in), export the list with its Chinese headers, and a member's
 * photo of a pending record reaches the staff who verify it.
 */

test.describe.configure({ mode: 'serial' });

const COMMUNITY_CODE = '330127001201';
const HEADERS = '姓名,性别,所在党组织编码,党员类别';
const GOOD_ROW = '导入测试党员甲,女,330127001201,正式党员';
const BAD_FILE = `\uFEFF${HEADERS}\r\n${GOOD_ROW}\r\n导入测试党员乙,男,999999999999,正式党员\r\n`;
const CLEAN_FILE = `\uFEFF${HEADERS}\r\n${GOOD_ROW}\r\n导入测试党员乙,男,${COMMUNITY_CODE},预备党员\r\n`;
const PHOTO_MEMBER = { username: 'e2e-photo-member', password: 'Chengnan-photo-2024', name: '拍照测试党员' };
/** A 2×2 red PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
  'base64',
);

async function signInAs(page: Page, username: string, password: string, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

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

async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await expect(page.getByText(name)).toBeVisible();
}

test('staff import members: the dry run refuses a row with its reason, a clean file goes in', async ({ page }) => {
  await signInAs(page, ADMIN.username, ADMIN.password, '/members');
  await page.getByRole('button', { name: '批量导入党员' }).click();
  await expect(page).toHaveURL(/\/imports\/members$/);
  await expect(page.getByRole('heading', { level: 1, name: '批量导入党员' })).toBeVisible();

  // The templates the server makes: a UTF-8 CSV with the Chinese headers and an example row,
  // and an Excel workbook with notes on every column.
  const templateDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载导入模板' }).click();
  await page.getByRole('menuitem', { name: 'CSV 模板（含一行示例）' }).click();
  const template = await templateDownload;
  expect(template.suggestedFilename()).toBe('党员导入模板.csv');
  const templateText = await readFile(await template.path(), 'utf8');
  expect(templateText.charCodeAt(0)).toBe(0xfeff);
  const [headerRow, exampleRow] = templateText.slice(1).split(/\r?\n/);
  expect(headerRow).toContain('姓名,性别,出生日期');
  expect(exampleRow).toBeTruthy();
  const workbookDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载导入模板' }).click();
  await page.getByRole('menuitem', { name: 'Excel 模板（.xlsx，含示例和填写说明）' }).click();
  const workbook = await workbookDownload;
  expect(workbook.suggestedFilename()).toBe('党员导入模板.xlsx');
  expect((await readFile(await workbook.path())).subarray(0, 2).toString('latin1')).toBe('PK');

  // A dry run: one row names an organization that does not exist.
  await chooseFile(page, 'members-bad.csv', BAD_FILE);
  await page.getByRole('button', { name: '检查文件' }).click();
  await expect(page.getByText('检查发现问题，暂不能导入')).toBeVisible();
  const problems = page.getByRole('table');
  const refused = problems.getByRole('row').filter({ hasText: '所在党组织编码' });
  await expect(refused).toContainText('3');
  await expect(refused).toContainText('没有这个党组织编码，或它不在您的管理范围内');
  // What the cell holds, and what it should hold.
  await expect(refused).toContainText('999999999999');
  await expect(refused).toContainText('您管理范围内党组织的编码');
  // One problem, said once: the header row and the refused row.
  await expect(problems.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('button', { name: /导入这/ })).toHaveCount(0);
  await expectNoRawErrors(page);
  await screenshot(page, 'desktop-import-problems');

  // The corrected file passes, and goes in.
  await page.getByRole('button', { name: '重新选择文件' }).click();
  await chooseFile(page, 'members-clean.csv', CLEAN_FILE);
  await page.getByRole('button', { name: '检查文件' }).click();
  await expect(page.getByText('检查通过：全部 2 行都可以导入。')).toBeVisible();
  await page.getByRole('button', { name: '导入这 2 行' }).click();
  await expect(page.getByText('已导入 2 名党员')).toBeVisible();
  await screenshot(page, 'desktop-import-done');
  await page.getByRole('button', { name: '查看党员列表' }).click();
  await expect(page).toHaveURL(/\/members$/);
  await page.getByLabel('按姓名或完整身份证号搜索').fill('导入测试党员乙');
  await page.getByLabel('按姓名或完整身份证号搜索').press('Enter');
  await expect(page.getByText('共 1 名党员')).toBeVisible();
  await expect(page.getByRole('link', { name: '导入测试党员乙' })).toBeVisible();
});

test('the members export is a file whose first line holds the Chinese headers', async ({ page }) => {
  await signInAs(page, ADMIN.username, ADMIN.password, '/members?q=导入测试党员');
  await expect(page.getByText('共 2 名党员')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出' }).click();
  await page.getByRole('menuitem', { name: '导出 CSV 表格' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const text = (await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter(Boolean);
  expect(lines[0]).toContain('姓名');
  expect(lines[0]).toContain('公民身份号码');
  expect(lines[0]).toContain('所在党组织编码');
  // The current filter went with it: the two imported members, no one else.
  expect(lines).toHaveLength(3);

  await page.goto('/volunteer-records?status=all');
  const records = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出' }).click();
  await page.getByRole('menuitem', { name: '导出 Excel 表格' }).click();
  expect((await records).suggestedFilename()).toMatch(/\.xlsx$/);
  await expectNoRawErrors(page);
});

test('a member adds a photo to a pending record on a phone, and staff see it before verifying', async ({ page, request }) => {
  const admin = await tokenFor(request, ADMIN.username, ADMIN.password);
  const found = await call<{ items: { id: string; code: string }[] }>(request, admin, 'get', `/api/v1/organizations?q=${COMMUNITY_CODE}`);
  const community = found.items.find((item) => item.code === COMMUNITY_CODE);
  if (community === undefined) throw new Error('the demo county has no 城南 community');
  const member = await call<{ id: string }>(request, admin, 'post', '/api/v1/members', {
    name: PHOTO_MEMBER.name,
    organization_id: community.id,
    gender: 'male',
    status: 'full',
  });
  const user = await call<{ id: string }>(request, admin, 'post', '/api/v1/users', {
    username: PHOTO_MEMBER.username,
    display_name: PHOTO_MEMBER.name,
    password: PHOTO_MEMBER.password,
    organization_id: community.id,
    member_id: member.id,
  });
  await call(request, admin, 'post', `/api/v1/users/${user.id}/grants`, { organization_id: community.id, role: 'member' });
  const own = await tokenFor(request, PHOTO_MEMBER.username, PHOTO_MEMBER.password);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  await call(request, own, 'post', '/api/v1/volunteer-records', {
    served_on: today,
    hours: 2,
    kind: 'volunteer_service',
    description: '清理楼道杂物',
  });

  await page.setViewportSize(PHONE);
  await signInAs(page, PHOTO_MEMBER.username, PHOTO_MEMBER.password, '/my-service');
  const item = page.getByRole('listitem').filter({ hasText: '清理楼道杂物' });
  await expect(item.getByRole('button', { name: '拍照或上传照片' })).toBeVisible();
  await item.getByLabel('拍照或上传照片').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByText('照片已上传')).toBeVisible();
  await expect(item.getByRole('img', { name: '现场照片 1' })).toBeVisible();
  await expect(item).toContainText('1 / 6 张');
  await expectNoRawErrors(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'phone-my-service-photos');

  await page.evaluate(() => localStorage.removeItem('grassroots.session'));
  await page.setViewportSize(DESKTOP);
  // The member's records in the queue (the demo county's pending ones fill its first pages).
  await signInAs(page, ADMIN.username, ADMIN.password, `/volunteer-records?member_id=${member.id}`);
  await page.getByRole('button', { name: `查看 ${PHOTO_MEMBER.name} 的照片` }).click();
  const photo = page.getByRole('img', { name: '现场照片 1' });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(2);
  await expectNoRawErrors(page);
  await screenshot(page, 'desktop-records-photos');
});

for (const [width, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`import pages at ${width} width (${viewport.width}px)`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signInAs(page, ADMIN.username, ADMIN.password, '/imports/members');
    for (const { name, path, title } of [
      { name: 'import-members', path: '/imports/members', title: '批量导入党员' },
      { name: 'import-records', path: '/imports/volunteer-records', title: '批量导入服务记录' },
    ]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expectNoRawErrors(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
      await screenshot(page, `${width}-${name}`);
    }
  });
}
