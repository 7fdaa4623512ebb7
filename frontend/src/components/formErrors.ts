/** Puts a server's refusal next to the form fields it names. */
import type { FormInstance } from 'antd';
import { ApiError } from '../api/problem';
import { describeError, describeField } from '../lib/errors';
import type { Translate } from '../lib/i18n';

/**
 * Marks each field the server named as invalid; `codeFields` maps a problem code to the field
 * it is about (e.g. `organization_code_taken` → `code`). Returns true when any field was marked.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  t: Translate,
  codeFields: Record<string, string> = {},
): boolean {
  if (!(error instanceof ApiError)) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as object));
  const marks = error.fieldErrors
    .map((fieldError) => ({ name: fieldError.field.split('.')[0] ?? '', code: fieldError.code, path: fieldError.field }))
    .filter(({ name }) => known.has(name))
    .map(({ name, code, path }) => ({ name, errors: [describeField(path, code, t)] }));
  const codeField = codeFields[error.code];
  if (codeField !== undefined) marks.push({ name: codeField, errors: [describeError(error, t).message] });
  form.setFields(marks);
  return marks.length > 0;
}
