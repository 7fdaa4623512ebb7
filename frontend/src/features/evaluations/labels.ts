/** Labels of the evaluation enumerations (not in /meta/enums): from the dictionaries. */
import type { MessageKey, Translate } from '../../lib/i18n';

export function evalLabel(t: Translate, kind: 'state' | 'grade' | 'classification' | 'flag', value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return t(`eval.${kind}.${value}` as MessageKey);
}

export function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}
