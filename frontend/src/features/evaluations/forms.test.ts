import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { translator } from '../../lib/i18n';
import { weightsValid } from './api';
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
