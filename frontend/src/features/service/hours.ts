/**
 * The rules of logging hours, checked before sending as a convenience (the server checks
 * again): more than nothing, at most two decimals, and at most 24 hours in one member's day.
 */

export const HOURS_PER_DAY = 24;

export type HoursProblem =
  | { code: 'required' }
  | { code: 'notPositive' }
  | { code: 'tooPrecise' }
  | { code: 'overDay'; logged: number; left: number };

interface Logged {
  hours: number;
  status: string;
}

/** Hours a day already holds: every record but the rejected ones counts toward the 24. */
export function loggedHours(records: Logged[]): number {
  const minutes = records.filter((record) => record.status !== 'rejected').reduce((sum, record) => sum + Math.round(record.hours * 60), 0);
  return minutes / 60;
}

/** What is wrong with `hours` on a day that already holds `alreadyLogged`, or null. */
export function hoursProblem(hours: number | null | undefined, alreadyLogged = 0): HoursProblem | null {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return { code: 'required' };
  if (hours <= 0) return { code: 'notPositive' };
  if (Math.abs(hours * 100 - Math.round(hours * 100)) > 1e-6) return { code: 'tooPrecise' };
  const left = Math.max(HOURS_PER_DAY - alreadyLogged, 0);
  if (hours > left + 1e-9) return { code: 'overDay', logged: alreadyLogged, left };
  return null;
}
