/** Dates and numbers as the user's locale writes them. */
import type { Language } from './i18n';

export function formatDateTime(value: string | null | undefined, language: Language): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(year, month - 1, day));
}

export function formatNumber(value: number | null | undefined, language: Language, digits = 2): string {
  if (value === null || value === undefined) return '';
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}
