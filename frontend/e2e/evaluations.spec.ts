import { expect, test } from '@playwright/test';
import { ADMIN, call, DESKTOP, expectNoRawErrors, overflow, PHONE, screenshot, signInAt, tokenFor } from './support';

/**
 * The three-step evaluation against the real server. Through the API the admin plans a cycle
 * over one community, launches it, scores the self-assessment and opens public rating; then,
 * on a 375 px phone without an account, a resident opens the link the QR code encodes and rates
 * with an invitation code; at 1280 px the admin finalizes the cycle and reads its results.
 */

const COMMUNITY_CODE = '330127001201';

interface Evaluation {
  id: string;
  organization_id: string;
  organization_name: string;
  template_id: string;
  state: string;
  rating_link: string | null;
  version: number;
}

test('a resident rates on a phone with an invitation code, and the admin finalizes and reads the results', async ({
  page,
  request,
}) => {
  const token = await tokenFor(request, ADMIN.username, ADMIN.password);
  const found = await call<{ items: { id: string; code: string; name: string; parent_id: string; tier: string }[] }>(
    request,
    token,
    'get',
    `/api/v1/organizations?q=${COMMUNITY_CODE}`,
  );
  const community = found.items.find((item) => item.code === COMMUNITY_CODE);
  if (community === undefined) throw new Error(`the demo county has no ${COMMUNITY_CODE}`);

  const now = Date.now();
  const window = { opens_at: new Date(now - 3_600_000).toISOString(), closes_at: new Date(now + 30 * 86_400_000).toISOString() };
  const cycleName = `E2E 群众测评 ${now}`;
  // Run by the community's parent over the organizations of the community's tier below it.
  const cycle = await call<{ id: string }>(request, token, 'post', '/api/v1/evaluation-cycles', {
    organization_id: community.parent_id,
    target_tiers: [community.tier],
    name: cycleName,
    year: new Date().getFullYear(),
    windows: { self_assessment: window, public_rating: window, organizational_review: window },
    min_public_ratings: 1,
  });
  await call(request, token, 'post', `/api/v1/evaluation-cycles/${cycle.id}/launch`);
  const evaluations = await call<{ items: Evaluation[] }>(request, token, 'get', `/api/v1/evaluations?cycle_id=${cycle.id}&limit=200`);
  const evaluation = evaluations.items.find((e) => e.organization_id === community.id);
  if (evaluation === undefined) throw new Error('the launch made no evaluation of the community');

  // Self-assessment: every indicator scored (80% of its maximum), then on to public rating.
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
  const rating = await call<Evaluation>(request, token, 'post', `/api/v1/evaluations/${evaluation.id}/transitions`, {
    to: 'public_rating',
  });
  expect(rating.state).toBe('public_rating');
  expect(rating.rating_link).toMatch(/\/rate\/[A-Za-z0-9_-]{16,64}$/);
  const { codes } = await call<{ codes: string[] }>(request, token, 'post', `/api/v1/evaluations/${evaluation.id}/invitations`, {
    count: 1,
  });

  // The phone: the link the QR code encodes, no account.
  await page.setViewportSize(PHONE);
  console.info(`rating link: ${rating.rating_link}`);
  const ratingPath = new URL(rating.rating_link ?? '', 'http://127.0.0.1').pathname;
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(ratingPath);
  await expect(page.getByRole('heading', { name: evaluation.organization_name })).toBeVisible();
  expect(scripts.some((url) => /antd|charts/.test(url)), scripts.join('\n')).toBe(false);
  for (const group of await page.getByRole('radiogroup').all()) {
    const first = group.getByRole('radio').first();
    if ((await group.getAttribute('aria-labelledby'))?.startsWith('q-')) await first.check();
  }
  await page.getByRole('radio', { name: '群众或服务对象' }).check();
  await page.locator('textarea').fill('网格员上门很及时');
  await page.getByRole('textbox', { name: '邀请码' }).fill(codes[0] ?? '');
  const box = await page.getByRole('button', { name: '提交测评' }).boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'evaluations-rate-phone');
  await page.getByRole('button', { name: '提交测评' }).click();
  await expect(page.getByText('提交成功，感谢您的参与！')).toBeVisible();
  await screenshot(page, 'evaluations-rate-thanks');

  // The same code again: rated already.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('heading', { name: evaluation.organization_name })).toBeVisible();
  for (const group of await page.getByRole('radiogroup').all()) {
    if ((await group.getAttribute('aria-labelledby'))?.startsWith('q-')) await group.getByRole('radio').first().check();
  }
  await page.getByRole('radio', { name: '党员' }).check();
  await page.getByRole('textbox', { name: '邀请码' }).fill(codes[0] ?? '');
  await page.getByRole('button', { name: '提交测评' }).click();
  await expect(page.getByRole('alert')).toContainText('已经参加过本次测评');

  await call(request, token, 'post', `/api/v1/evaluations/${evaluation.id}/transitions`, { to: 'organizational_review' });

  // The desktop: the admin finalizes the cycle and reads its results.
  await page.setViewportSize(DESKTOP);
  await signInAt(page, '/evaluation-cycles');
  const row = page.getByRole('row').filter({ hasText: cycleName });
  await row.getByRole('button', { name: /定\s*级/ }).click();
  await expect(page.getByText(/已定级 \d+ 个考核/)).toBeVisible();
  await row.getByRole('link', { name: '考核结果' }).click();
  await expect(page).toHaveURL(new RegExp(`/evaluation-cycles/${cycle.id}/results`));
  const result = page.getByRole('row').filter({ hasText: evaluation.organization_name }).first();
  await expect(result).toBeVisible();
  await expect(page.getByRole('img', { name: '各领域等次分布' })).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: '各领域等次分布（表格）' })).toBeVisible();
  await expectNoRawErrors(page);
  await screenshot(page, 'evaluations-results-desktop');
});
