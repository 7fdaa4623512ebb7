/**
 * Chinese telephone numbers, checked as the server checks them (backend/grassroots/core/phone.py):
 * a mobile number, 1 then 3-9 then nine digits, optionally after +86; or a landline, a trunk 0
 * and area code (010 and 02x have three digits, the rest four), a local number of seven or
 * eight digits, and an optional extension after "-", "转", "ext" or "x". Spaces and brackets
 * are ignored.
 */
import type { Translate } from './i18n';

const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
const LANDLINE = /^(0(?:10|2\d|[3-9]\d{2}))-?([1-9]\d{6,7})(?:(?:-|转|ext\.?|x)(\d{1,6}))?$/i;

/** The number written the house way (13812345678, 0571-87654321-808), or null when it is none. */
export function normalizePhone(value: string): string | null {
  const compact = value.replace(/[\s()（）]/g, '');
  const mobile = MOBILE.exec(compact);
  if (mobile?.[1]) return mobile[1];
  const landline = LANDLINE.exec(compact);
  if (landline?.[1] && landline[2]) return `${landline[1]}-${landline[2]}${landline[3] ? `-${landline[3]}` : ''}`;
  return null;
}

export function isPhone(value: string): boolean {
  return normalizePhone(value) !== null;
}

/**
 * A form rule: empty, or a Chinese phone number. `onFile` is a value kept from before the
 * numbers were checked, which a form may send back unchanged.
 */
export function phoneRule(t: Translate, onFile?: string | null) {
  return {
    validator: (_: unknown, value: string | null | undefined) => {
      const text = value?.trim() ?? '';
      if (text === '' || text === onFile || isPhone(text)) return Promise.resolve();
      return Promise.reject(new Error(t('error.field.phone_invalid')));
    },
  };
}
