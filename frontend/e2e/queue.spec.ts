import { expect, test } from '@playwright/test';
import { ADMIN, call, DESKTOP, ensureMember, expectInsideViewport, expectNoRawErrors, overflow, PHONE, screenshot, signInAs, tokenFor } from './support';

/**
 * The verification queue fits: columns within their card on a desk, cards on a phone, and the
 * buttons that decide a record always in view without scrolling sideways. A record shows a
 * photo button only when it has photos.
 */

test.describe.configure({ mode: 'serial' });

const NAME = '队列测试党员';
const LONG = '为社区独居老人上门送餐、打扫卫生、陪同就医并协助办理医保报销手续，前后持续一整天，老人家属表示感谢';
/** A 2×2 red PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==',
  'base64',
);

let seeded = false;
let memberId = '';

async function seed(request: Parameters<typeof tokenFor>[0]): Promise<void> {
  if (seeded) return;
  const member = await ensureMember(request, NAME, { gender: 'female' });
  memberId = member.id;
  const admin = await tokenFor(request, ADMIN.username, ADMIN.password);
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const make = (offset: number, hours: number, description: string) =>
    call<{ id: string }>(request, admin, 'post', '/api/v1/volunteer-records', {
      member_id: member.id,
      served_on: day(offset),
      hours,
      kind: 'volunteer_service',
      beneficiaries: 1,
      description,
    });
  const withPhoto = await make(1, 3, `带照片的记录：${LONG}`);
  await make(2, 2.5, `无图记录：${LONG}`);
  const rejected = await make(3, 1, '被退回的记录');
  const response = await request.post(`/api/v1/volunteer-records/${withPhoto.id}/photos`, {
    headers: { Authorization: `Bearer ${admin}` },
    multipart: { file: { name: 'photo.png', mimeType: 'image/png', buffer: PNG } },
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  await call(request, admin, 'post', `/api/v1/volunteer-records/${rejected.id}/reject`, {
    reason: '服务日期与活动签到记录不一致，请核对当天的签到表后重新提交，并补充服务对象的联系方式',
  });
  seeded = true;
}

for (const [width, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`the queue's decisions are in view at ${width} width (${viewport.width}px)`, async ({ page, request }) => {
    await seed(request);
    await page.setViewportSize(viewport);
    // The demo county's own pending records fill the first pages: the queue of this member.
    await signInAs(page, ADMIN.username, ADMIN.password, `/volunteer-records?status=pending&member_id=${memberId}`);
    await expect(page.getByRole('heading', { level: 1, name: '服务记录审核' })).toBeVisible();
    const withPhoto = (width === 'desktop' ? page.getByRole('row') : page.getByRole('listitem')).filter({ hasText: '带照片的记录', visible: true });
    const without = (width === 'desktop' ? page.getByRole('row') : page.getByRole('listitem')).filter({ hasText: '无图记录', visible: true });
    await expect(withPhoto).toHaveCount(1);
    for (const record of [withPhoto, without]) {
      await expectInsideViewport(record.getByRole('button', { name: /认\s*定/ }));
      await expectInsideViewport(record.getByRole('button', { name: /退\s*回/ }));
    }
    // Hours with their unit; a photo button only where there are photos.
    await expect(withPhoto).toContainText('3 小时');
    await expect(withPhoto.getByRole('button', { name: `查看 ${NAME} 的照片` })).toBeVisible();
    await expect(without.getByRole('button', { name: `查看 ${NAME} 的照片` })).toHaveCount(0);
    await withPhoto.getByRole('button', { name: `查看 ${NAME} 的照片` }).click();
    await expect(page.getByRole('img', { name: '现场照片 1' })).toBeVisible();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    if (width === 'desktop') {
      const table = page.locator('.ant-table-content, .ant-table-body').first();
      const sideways = await table.evaluate((element) => element.scrollWidth - element.clientWidth);
      expect(sideways, 'the table is wider than its card').toBeLessThanOrEqual(0);
    }
    await expectNoRawErrors(page);
    await screenshot(page, `${width}-records-queue`);

    // The reason a record was sent back is read whole.
    await page.goto(`/volunteer-records?status=rejected&member_id=${memberId}`);
    const reason = page.getByText(/退回原因：服务日期与活动签到记录不一致.*联系方式/);
    await expect(reason).toBeVisible();
    await expectInsideViewport(reason);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `${width}-records-rejected`);
  });
}
