import { expect, test, type APIRequestContext } from '@playwright/test';
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

/** A launched cycle over the tier of the demo community, run by its parent; the community's evaluation. */
async function launchedCycle(request: APIRequestContext, token: string, label: string) {
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
  const cycle = await call<{ id: string }>(request, token, 'post', '/api/v1/evaluation-cycles', {
    organization_id: community.parent_id,
    target_tiers: [community.tier],
    name: `E2E ${label} ${now}`,
    year: new Date().getFullYear(),
    windows: { self_assessment: window, public_rating: window, organizational_review: window },
  });
  await call(request, token, 'post', `/api/v1/evaluation-cycles/${cycle.id}/launch`);
  const evaluations = await call<{ items: Evaluation[] }>(request, token, 'get', `/api/v1/evaluations?cycle_id=${cycle.id}&limit=200`);
  const evaluation = evaluations.items.find((e) => e.organization_id === community.id);
  if (evaluation === undefined) throw new Error('the launch made no evaluation of the community');
  return { community, evaluation };
}

test('the self-assessment form: facts beside the indicators, errors per field, read-only once submitted', async ({ page, request }) => {
  const token = await tokenFor(request, ADMIN.username, ADMIN.password);
  const { evaluation } = await launchedCycle(request, token, '自评表');

  await page.setViewportSize(PHONE);
  await signInAt(page, `/evaluations/${evaluation.id}`);
  const form = page.getByTestId('self-assessment');
  await expect(form.getByRole('heading', { name: '基层自评' })).toBeVisible();
  // The platform's fact beside the indicator it evidences (A1: the secretary in place).
  await expect(form.getByTestId('fact-A1')).toContainText('平台数据');
  const first = form.getByRole('spinbutton', { name: /书记配备到位得分/ });
  const box = first.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-input-number ")][1]');
  expect((await box.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(44);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'evaluations-self-assessment-phone');

  await page.setViewportSize(DESKTOP);
  // A bad evidence link: the server's refusal is shown at that field.
  await form.getByRole('button', { name: '添加链接' }).click();
  await form.getByRole('textbox', { name: '第 1 条佐证的标题' }).fill('党员活动台账');
  await form.getByRole('textbox', { name: '第 1 条佐证的链接' }).fill('不是链接');
  await form.getByRole('button', { name: '保存自评' }).click();
  await expect(form.getByRole('alert').first()).toBeVisible();
  await expect(form.locator('.ant-form-item-has-error')).toHaveCount(1);

  await form.getByRole('textbox', { name: '第 1 条佐证的链接' }).fill('https://example.org/taizhang');
  for (const input of await form.getByRole('spinbutton').all()) {
    const label = (await input.getAttribute('aria-label')) ?? '';
    const max = /满分 ([\d.]+)/.exec(label)?.[1] ?? '0';
    await input.fill(String(Math.floor(Number(max) * 0.9)));
  }
  await form.getByRole('textbox', { name: /有坚强有力的领导班子/ }).fill('班子分工明确，按月召开支委会。');
  await form.getByRole('button', { name: '保存自评' }).click();
  await expect(page.getByText('自评已保存')).toBeVisible();
  await expect(form.locator('.ant-form-item-has-error')).toHaveCount(0);
  await screenshot(page, 'evaluations-self-assessment-desktop');

  // Submitting moves it to public rating; the form is then read-only.
  await page.getByRole('button', { name: '转到“群众测评”' }).click();
  await expect(page.getByText('自评已提交，只能查看；退回后才能修改。')).toBeVisible();
  await expect(form.getByRole('spinbutton')).toHaveCount(0);
  await expect(form.getByRole('button', { name: '保存自评' })).toHaveCount(0);
  await expect(form.getByRole('link', { name: '党员活动台账' })).toBeVisible();
  await expectNoRawErrors(page);
});

test('the cycle wizard checks weights, thresholds, shares and reviewer groups, previews the targets and launches', async ({ page, request }) => {
  const token = await tokenFor(request, ADMIN.username, ADMIN.password);
  const found = await call<{ items: { id: string; code: string; name: string; parent_id: string }[] }>(
    request,
    token,
    'get',
    `/api/v1/organizations?q=${COMMUNITY_CODE}`,
  );
  const community = found.items.find((item) => item.code === COMMUNITY_CODE);
  if (community === undefined) throw new Error(`the demo county has no ${COMMUNITY_CODE}`);
  const parent = await call<{ code: string; name: string }>(request, token, 'get', `/api/v1/organizations/${community.parent_id}`);
  const name = `E2E 向导 ${Date.now()}`;

  await page.setViewportSize(PHONE);
  await signInAt(page, '/evaluation-cycles');
  await page.getByRole('button', { name: '新建考核周期' }).click();
  await expect(page.getByRole('heading', { name: '新建考核周期' })).toBeVisible();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await page.setViewportSize(DESKTOP);

  await page.getByRole('textbox', { name: '名称' }).fill(name);
  const organization = page.locator('#cycle-organization');
  await organization.click();
  await organization.fill(parent.code);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: parent.name }).first().click();
  await page.getByRole('button', { name: '下一步' }).click();

  await page.getByRole('combobox', { name: '层级（不选为全部）' }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('社区', { exact: true }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '下一步' }).click(); // the built-in templates

  // The weight rule, checked before anything is sent.
  const publicWeight = page.getByRole('spinbutton', { name: '群众测评权重' });
  await publicWeight.fill('0.3');
  await expect(page.getByTestId('weights-rule')).toContainText('权重不合要求');
  await expect(page.getByRole('button', { name: '下一步' })).toBeDisabled();
  await publicWeight.fill('0.4');
  await expect(page.getByTestId('weights-rule')).not.toContainText('权重不合要求');
  // The grading rules: thresholds that rise, and shares above 100% together, are refused here too.
  await page.getByRole('spinbutton', { name: '“较好”的最低分' }).fill('95');
  await expect(page.getByTestId('thresholds-rule')).toContainText('分数线须依次不升高');
  await expect(page.getByRole('button', { name: '下一步' })).toBeDisabled();
  await page.getByRole('spinbutton', { name: '“较好”的最低分' }).fill('85');
  await expect(page.getByTestId('thresholds-rule')).toHaveCount(0);
  await page.getByRole('spinbutton', { name: '先进比例（%）' }).fill('25');
  await page.getByRole('spinbutton', { name: '后进比例（%）' }).fill('80');
  await expect(page.getByTestId('shares-rule')).toContainText('之和不得超过 100%');
  await expect(page.getByRole('button', { name: '下一步' })).toBeDisabled();
  await page.getByRole('spinbutton', { name: '后进比例（%）' }).fill('15');
  await expect(page.getByTestId('shares-rule')).not.toContainText('不得超过');
  await page.getByRole('spinbutton', { name: '满意率低于此值时最高定为“一般”（%）' }).fill('85');
  await page.getByRole('button', { name: '下一步' }).click();

  // Reviewers in two groups with weights (条块结合): each reviewer must be in one.
  await page.getByRole('button', { name: '添加分组' }).click();
  await page.getByRole('button', { name: '添加分组' }).click();
  await page.getByRole('textbox', { name: '第 1 组名称' }).fill('系统');
  await page.getByRole('spinbutton', { name: '第 1 组权重' }).fill('0.6');
  await page.getByRole('textbox', { name: '第 2 组名称' }).fill('属地');
  await page.getByRole('spinbutton', { name: '第 2 组权重' }).fill('0');
  await page.getByRole('spinbutton', { name: '第 1 组权重' }).fill('0');
  await expect(page.getByTestId('groups-rule')).toContainText('分组权重不能全为 0');
  await page.getByRole('spinbutton', { name: '第 1 组权重' }).fill('0.6');
  await page.getByRole('spinbutton', { name: '第 2 组权重' }).fill('0.4');
  const reviewers = page.getByRole('combobox', { name: '考评人', exact: true });
  for (const username of ['demo-reviewer', 'demo-staff']) {
    await reviewers.click();
    await reviewers.fill(username);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: username }).first().click();
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('groups-rule')).toContainText('每位考评人都须归入其中一组');
  await expect(page.getByRole('button', { name: '创建周期' })).toBeDisabled();
  for (const [n, group] of [[1, '系统'], [2, '属地']] as const) {
    await page.getByRole('combobox', { name: `第 ${n} 位考评人的分组` }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: group }).first().click();
    // The list closes with an animation; the next one must not be confused with it.
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  }
  await expect(page.getByTestId('groups-rule')).toHaveCount(0);
  await screenshot(page, 'evaluations-wizard-reviewers');
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/evaluation-cycles'));
  await page.getByRole('button', { name: '创建周期' }).click();
  const { id } = (await (await created).json()) as { id: string };

  await expect(page.getByTestId('preview-count')).toContainText(/将考核 [1-9]\d* 个对象/);
  await expect(page.getByTestId('cycle-preview')).toContainText(community.name);
  await screenshot(page, 'evaluations-wizard-preview');
  await page.getByRole('button', { name: '启 动' }).or(page.getByRole('button', { name: '启动' })).click();
  await expect(page).toHaveURL(/\/evaluation-cycles$/);
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('已启动');
  await expectNoRawErrors(page);

  // What the wizard set is what the server stored.
  const stored = await call<{
    thresholds: Record<string, string>;
    satisfaction_cap: string;
    advanced_share: string;
    lagging_share: string;
    review_groups: Record<string, string>;
    reviewers: { user_id: string; group: string | null }[];
  }>(request, token, 'get', `/api/v1/evaluation-cycles/${id}`);
  expect(Object.values(stored.thresholds).map(Number)).toEqual([90, 85, 60]);
  expect([stored.satisfaction_cap, stored.advanced_share, stored.lagging_share].map(Number)).toEqual([0.85, 0.25, 0.15]);
  expect(Object.fromEntries(Object.entries(stored.review_groups).map(([k, v]) => [k, Number(v)]))).toEqual({ 系统: 0.6, 属地: 0.4 });
  expect(stored.reviewers.map((r) => r.group)).toEqual(['系统', '属地']);
});
