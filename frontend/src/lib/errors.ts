/** Explains any error of a call in the user's language: by its `code`, else by its HTTP status. */
import { ApiError, NetworkError } from '../api/problem';
import { hasMessage, type MessageKey, type Translate } from './i18n';

export interface ErrorDescription {
  message: string;
  /** One line per invalid field, for validation errors. */
  fields: string[];
}

function statusKey(status: number): MessageKey {
  const exact = `error.status.${status}`;
  if (hasMessage(exact)) return exact;
  return status >= 500 ? 'error.status.5xx' : 'error.status.4xx';
}

/** The last meaningful part of a field path such as `query.limit` or `flags.2`. */
function fieldName(path: string): string {
  const parts = path.split('.').filter((part) => !/^\d+$/.test(part) && part !== 'query' && part !== 'path' && part !== 'header');
  return parts[parts.length - 1] ?? path;
}

export function describeField(path: string, code: string, t: Translate): string {
  const labelKey = `field.${fieldName(path)}`;
  const label = hasMessage(labelKey) ? t(labelKey) : t('field.unknown');
  const messageKey = `error.field.${code}`;
  const message = hasMessage(messageKey) ? t(messageKey) : t('error.field.invalid');
  return t('error.field.line', { field: label, message });
}

export function describeError(error: unknown, t: Translate): ErrorDescription {
  if (error instanceof NetworkError) return { message: t('error.network'), fields: [] };
  if (!(error instanceof ApiError)) return { message: t('error.unexpected'), fields: [] };
  const codeKey = `error.code.${error.code}`;
  let message = error.code !== '' && hasMessage(codeKey) ? t(codeKey) : t(statusKey(error.status));
  if (error.retryAfter !== null && (error.status === 429 || error.status === 503)) {
    const wait =
      error.retryAfter > 60
        ? t('error.retryAfterMinutes', { minutes: Math.ceil(error.retryAfter / 60) })
        : t('error.retryAfter', { seconds: error.retryAfter });
    message = `${message} ${wait}`;
  }
  const fields = error.fieldErrors.map((field) => describeField(field.field, field.code, t));
  return { message, fields };
}

/** The whole explanation on one line, for toasts. */
export function errorText(error: unknown, t: Translate): string {
  const { message, fields } = describeError(error, t);
  return fields.length ? `${message} ${fields.join('；')}` : message;
}
