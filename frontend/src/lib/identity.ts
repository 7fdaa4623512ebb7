/**
 * Resident identity numbers (GB 11643-1999), checked in the browser as a convenience: the
 * server checks again and is the authority.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CODES = '10X98765432';

/** The check character for the first 17 digits. */
export function checkDigit(firstSeventeen: string): string {
  let total = 0;
  for (let index = 0; index < 17; index += 1) total += Number(firstSeventeen[index]) * (WEIGHTS[index] ?? 0);
  return CHECK_CODES[total % 11] ?? '';
}

/** The birth date inside a number, `YYYY-MM-DD`, or null when that day does not exist. */
export function birthDateOf(number: string): string | null {
  const year = Number(number.slice(6, 10));
  const month = Number(number.slice(10, 12));
  const day = Number(number.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
}

/** The gender a number records: its seventeenth digit is odd for a man, even for a woman. */
export function genderOf(number: string): 'male' | 'female' | null {
  const digit = Number(number.trim()[16]);
  if (Number.isNaN(digit)) return null;
  return digit % 2 === 1 ? 'male' : 'female';
}

export type IdNumberProblem = 'format' | 'checkDigit' | 'birthDate';

/** What is wrong with a number (upper-cased and trimmed first), or null when it is valid. */
export function idNumberProblem(value: string): IdNumberProblem | null {
  const number = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return 'format';
  if (checkDigit(number.slice(0, 17)) !== number[17]) return 'checkDigit';
  if (birthDateOf(number) === null) return 'birthDate';
  return null;
}

/** A number as the server stores it: trimmed, with an upper-case X. */
export function normalizeIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** True when the text looks like a whole identity number (a search by number, not by name). */
export function looksLikeIdNumber(value: string): boolean {
  return /^\d{17}[\dXx]$/.test(value.trim());
}
