/** Where a refused save of scores points: per indicator, per dimension, per evidence link. */
import { ApiError } from '../../api/problem';
import { describeError } from '../../lib/errors';
import { hasMessage, type Translate } from '../../lib/i18n';

export interface ScoreErrors {
  /** The whole refusal in words. */
  message: string;
  /** Field key (`scores.A1`, `narratives.A`, `evidence_links.0.url`, `comment`) -> its message. */
  fields: Record<string, string>;
}

const NAMED_LISTS = ['indicators', 'unknown', 'above_maximum', 'missing'];

/** The refusal of a self-assessment or review save, with the fields it names. */
export function scoreErrors(error: unknown, t: Translate): ScoreErrors {
  const { message } = describeError(error, t);
  const fields: Record<string, string> = {};
  if (!(error instanceof ApiError)) return { message, fields };
  for (const fieldError of error.fieldErrors) {
    const key = `error.field.${fieldError.code}`;
    fields[fieldError.field] = hasMessage(key) ? t(key) : t('error.field.invalid');
  }
  for (const list of NAMED_LISTS) {
    const codes = error.body[list];
    if (!Array.isArray(codes)) continue;
    for (const code of codes) {
      if (typeof code !== 'string') continue;
      fields[`scores.${code}`] = list === 'above_maximum' ? t('eval.self.overMax') : message;
    }
  }
  const dimensions = error.body.dimensions;
  if (Array.isArray(dimensions)) {
    for (const code of dimensions) if (typeof code === 'string') fields[`narratives.${code}`] = message;
  }
  return { message, fields };
}
