import { expect, test } from '@playwright/test';
import { ADMIN, call, DESKTOP, ensureMember, expectNoRawErrors, overflow, PHONE, screenshot, signInAs, tokenFor } from './support';

/**
 * The smaller things a newcomer meets: where a search result sits in the tree, full names in
 * lists, a person's name headed 姓名, an empty scope said plainly, an audit trail that fits,
 * a member form that reads the identity number, the menu on the import pages, and the import
 * of volunteer records from a file.
 */


const TOWNSHIP = '中共青山县青溪镇委员会';
const IMPORT_MEMBER = { name: '导入记录测试党员', idNumber: '330127198503150034' };
const RECORD_HEADERS = '党员姓名,公民身份号码,服务日期,服务时长（小时）,服务类型,服务对象人数,服务内容';

function recordsFile(rows: string[]): string {
  return `\uFEFF${RECORD_HEADERS}\r\n${rows.join('\r\n')}\r\n`;
}

test('search results say under which organization each one is, by full name', async ({ page }) => {
  await signInAs(page, ADMIN.username, ADMIN.password, '/organizations?q=城南');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '城南社区党总支', exact: true }) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('上级：');
  await expect(row.getByRole('link', { name: '中共青山县城关街道工作委员会' })).toBeVisible();
  await expectNoRawErrors(page);
  await page.setViewportSize(PHONE);
  await expect(row.getByRole('link', { name: '中共青山县城关街道工作委员会' })).toBeVisible();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'phone-organizations-search');
});

test('a person is listed under 姓名, and a scope with no members says so', async ({ page, request }) => {
  await ensureMember(request, '姓名列测试党员');
  const admin = await tokenFor(request, ADMIN.username, ADMIN.password);
  const township = (await call<{ items: { id: string; name: string }[] }>(request, admin, 'get', `/api/v1/organizations?q=${encodeURIComponent(TOWNSHIP)}`)).items.find(
    (item) => item.name === TOWNSHIP,
  );
  if (township === undefined) throw new Error(`no ${TOWNSHIP}`);
  await signInAs(page, ADMIN.username, ADMIN.password, '/members');
  await expect(page.getByRole('columnheader', { name: '姓名' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '名称' })).toHaveCount(0);

  await page.goto(`/hours?within=${township.id}`);
  const idle = page.locator('.ant-card').filter({ hasText: /无服务时长的党员（\d+ 人）/ });
  await expect(idle).toContainText('这个范围内还没有党员');
  await expect(idle).not.toContainText('每名党员都有服务时长');
  await screenshot(page, 'desktop-hours-no-members');
});

for (const [width, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`the audit trail fits its card at ${width} width (${viewport.width}px)`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await signInAs(page, ADMIN.username, ADMIN.password, '/audit');
    await expect(page.getByRole('row').nth(1)).toBeVisible();
    const table = page.locator('.ant-table-content, .ant-table-body').first();
    const sideways = await table.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(sideways, 'the audit table is wider than its card').toBeLessThanOrEqual(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `${width}-audit-fits`);
  });
}

test('the member form fills in gender and birth date from a valid identity number', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signInAs(page, ADMIN.username, ADMIN.password, '/members/new');
  await expect(page.getByLabel('姓名')).toBeVisible();
  await page.getByLabel('身份证号').fill('33012719900620004X');
  await expect(page.getByLabel('出生日期')).toHaveValue('1990-06-20');
  await expect(page.locator('.ant-form-item').filter({ hasText: '性别' }).locator('.ant-select-content, .ant-select-selection-item').first()).toHaveText('女');
  await screenshot(page, 'phone-member-form-from-id');
});

test('the menu marks the list an import page belongs to', async ({ page }) => {
  await signInAs(page, ADMIN.username, ADMIN.password, '/imports/members');
  await expect(page.getByRole('heading', { level: 1, name: '批量导入党员' })).toBeVisible();
  await expect(page.locator('nav a[aria-current="page"]')).toHaveText('党员管理');
  await page.goto('/imports/volunteer-records');
  await expect(page.getByRole('heading', { level: 1, name: '批量导入服务记录' })).toBeVisible();
  await expect(page.locator('nav a[aria-current="page"]')).toHaveText('服务记录审核');
});

test('staff import volunteer records: the dry run lists the problems by row, a clean file goes in', async ({ page, request }) => {
  const importer = await ensureMember(request, IMPORT_MEMBER.name, { id_number: IMPORT_MEMBER.idNumber, gender: 'male' });
  const day = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const good = `${IMPORT_MEMBER.name},${IMPORT_MEMBER.idNumber},${day},2,志愿服务,3,帮助老人打扫卫生`;
  await signInAs(page, ADMIN.username, ADMIN.password, '/volunteer-records');
  await page.getByRole('button', { name: '批量导入服务记录' }).click();
  await expect(page).toHaveURL(/\/imports\/volunteer-records$/);
  await expect(page.getByText('单个文件不超过 32 MB')).toBeVisible();

  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'records-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(recordsFile([good, `无此人,110105194912310021,${day},30,志愿服务,1,身份证号不对且时长超过一天`]), 'utf8') });
  await expect(page.getByText('records-bad.csv')).toBeVisible();
  await page.getByRole('button', { name: '检查文件' }).click();
  await expect(page.getByText('检查发现问题，暂不能导入')).toBeVisible();
  const problems = page.getByRole('table');
  await expect(problems.getByRole('row').filter({ hasText: '公民身份号码' }).first()).toContainText('3');
  await expect(page.getByRole('button', { name: /导入这/ })).toHaveCount(0);
  await expectNoRawErrors(page);
  await screenshot(page, 'desktop-import-records-problems');

  await page.getByRole('button', { name: '重新选择文件' }).click();
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'records-clean.csv', mimeType: 'text/csv', buffer: Buffer.from(recordsFile([good, `${IMPORT_MEMBER.name},${IMPORT_MEMBER.idNumber},${day},1.5,志愿服务,1,陪同就医`]), 'utf8') });
  await page.getByRole('button', { name: '检查文件' }).click();
  await expect(page.getByText('检查通过：全部 2 行都可以导入。')).toBeVisible();
  await page.getByRole('button', { name: '导入这 2 行' }).click();
  await expect(page.getByText('已导入 2 条服务记录')).toBeVisible();
  await screenshot(page, 'desktop-import-records-done');
  await page.getByRole('button', { name: '查看服务记录' }).click();
  await expect(page).toHaveURL(/\/volunteer-records/);
  // The demo county's own records fill the first pages: look at the imported member's.
  await page.goto(`/volunteer-records?member_id=${importer.id}`);
  await expect(page.getByRole('row').filter({ hasText: '陪同就医' })).toContainText('1.5 小时');
});
