import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { translator } from '../../lib/i18n';
import { weightsValid } from './api';
import { cycleDefaults, reviewGroupsProblem, sharesValid, thresholdsValid, toCycleBody, type CycleValues } from './cycleForm';
import { scoreErrors } from './scoreErrors';

describe('weightsValid (the rule of evaluation_weights_invalid)', () => {
  it('accepts weights summing to 1 with the public weight not below either other', () => {
    expect(weightsValid({ self: 0.2, public: 0.4, review: 0.4 })).toBe(true);
    expect(weightsValid({ self: 0.1, public: 0.7, review: 0.2 })).toBe(true);
    expect(weightsValid({ self: 0.3333, public: 0.3334, review: 0.3333 })).toBe(true);
  });
  it('refuses a sum other than 1, or a public weight below another', () => {
    expect(weightsValid({ self: 0.3, public: 0.3, review: 0.3 })).toBe(false);
    expect(weightsValid({ self: 0.2, public: 0.3, review: 0.5 })).toBe(false);
    expect(weightsValid({ self: 0.45, public: 0.4, review: 0.15 })).toBe(false);
  });
});

describe('scoreErrors', () => {
  const t = translator('en-US');
  it('puts validation errors and the indicators a problem names at their fields', () => {
    const error = new ApiError({
      status: 422,
      code: 'evaluation_incomplete',
      fieldErrors: [{ field: 'evidence_links.0.url', message: 'Input should be a valid URL', code: 'url_parsing' }],
      body: { indicators: ['A1'], above_maximum: ['B2'], dimensions: ['C'] },
    });
    const { message, fields } = scoreErrors(error, t);
    expect(message).toBe('Some indicators are not scored');
    expect(fields['scores.A1']).toBe(message);
    expect(fields['scores.B2']).toBe('Above the maximum');
    expect(fields['narratives.C']).toBe(message);
    expect(fields['evidence_links.0.url']).toBeTruthy();
  });
});

describe('the cycle rules checked before sending', () => {
  it('refuse advanced and lagging shares above 100% together (evaluation_shares_invalid)', () => {
    expect(sharesValid(30, 10)).toBe(true);
    expect(sharesValid(70, 30)).toBe(true);
    expect(sharesValid(70.01, 30)).toBe(false);
  });
  it('refuse thresholds that increase from excellent to fair', () => {
    expect(thresholdsValid(90, 80, 60)).toBe(true);
    expect(thresholdsValid(80, 80, 80)).toBe(true);
    expect(thresholdsValid(80, 85, 60)).toBe(false);
    expect(thresholdsValid(90, 60, 70)).toBe(false);
  });
  it('refuse review groups the server would (evaluation_review_groups_invalid)', () => {
    const groups = [{ name: '条', weight: 0.6 }, { name: '块', weight: 0.4 }];
    expect(reviewGroupsProblem([], ['a'], {})).toBeNull();
    expect(reviewGroupsProblem(groups, ['a', 'b'], { a: '条', b: '块' })).toBeNull();
    expect(reviewGroupsProblem([...groups, { name: ' 条 ', weight: 0.1 }], [], {})).toBe('groupNameTwice');
    expect(reviewGroupsProblem([{ name: '条', weight: 0 }, { name: '块', weight: 0 }], [], {})).toBe('groupWeightsZero');
    expect(reviewGroupsProblem(groups, ['a', 'b'], { a: '条' })).toBe('reviewerWithoutGroup');
  });
});

describe('toCycleBody', () => {
  const values = {
    ...cycleDefaults(new Date('2026-03-01T00:00:00Z')),
    name: ' 2026 年度考核 ',
    organization_id: 'org',
    satisfaction_cap: 85,
    advanced_share: 33.33,
    lagging_share: 12.5,
    review_groups: [{ name: ' 条 ', weight: 0.6 }, { name: '块', weight: 0.4 }],
    reviewers: ['a', 'b'],
    groups: { a: '条', b: '块' },
  } as CycleValues;

  it('sends the shares as fractions and the groups with their weights', () => {
    const body = toCycleBody(values);
    expect(body.name).toBe('2026 年度考核');
    expect([body.satisfaction_cap, body.advanced_share, body.lagging_share]).toEqual([0.85, 0.3333, 0.125]);
    expect(body.review_groups).toEqual({ 条: 0.6, 块: 0.4 });
    expect(body.reviewers).toEqual([{ user_id: 'a', group: '条' }, { user_id: 'b', group: '块' }]);
    expect(body.thresholds).toEqual({ excellent: 90, good: 80, fair: 60 });
  });
  it('sends no reviewer groups when no groups are set', () => {
    const body = toCycleBody({ ...values, review_groups: [] });
    expect(body.review_groups).toEqual({});
    expect(body.reviewers?.every((r) => r.group === null)).toBe(true);
  });
});
