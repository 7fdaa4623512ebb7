/** The hours dashboard's period: whole months, kept in the URL. */
import dayjs, { type Dayjs } from 'dayjs';

export interface HoursQuery {
  within: string | null;
  /** First and last month, `YYYY-MM`. */
  from: string;
  to: string;
}

const MONTH = /^\d{4}-\d{2}$/;

export function queryFromParams(params: URLSearchParams, today: Dayjs = dayjs()): HoursQuery {
  const from = params.get('from');
  const to = params.get('to');
  return {
    within: params.get('within'),
    from: from && MONTH.test(from) ? from : today.startOf('year').format('YYYY-MM'),
    to: to && MONTH.test(to) ? to : today.format('YYYY-MM'),
  };
}

export function paramsFromQuery(query: HoursQuery): URLSearchParams {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.within) params.set('within', query.within);
  return params;
}

/** Every month from `from` to `to`, so that a month without hours shows as zero. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let month = dayjs(`${from}-01`);
  const last = dayjs(`${to}-01`);
  while (!month.isAfter(last) && months.length < 120) {
    months.push(month.format('YYYY-MM'));
    month = month.add(1, 'month');
  }
  return months;
}

/** The first and last day of a month, or of the period. */
export function firstDay(month: string): string {
  return `${month}-01`;
}

export function lastDay(month: string): string {
  return dayjs(`${month}-01`).endOf('month').format('YYYY-MM-DD');
}

/** The members in scope who served no verified hours in the period, as the member list reads its filters. */
export function membersWithoutHoursLink(query: HoursQuery): string {
  const params = new URLSearchParams({ no_hours_from: firstDay(query.from), no_hours_to: lastDay(query.to) });
  if (query.within) params.set('within', query.within);
  return `/members?${params.toString()}`;
}

/** The verified records behind a figure, as the records page reads its filters. */
export function recordsLink(query: HoursQuery, extra: { from?: string; to?: string; memberId?: string; kind?: string } = {}): string {
  const params = new URLSearchParams({
    status: 'verified',
    served_from: firstDay(extra.from ?? query.from),
    served_to: lastDay(extra.to ?? query.to),
  });
  if (query.within) params.set('within', query.within);
  if (extra.memberId) params.set('member_id', extra.memberId);
  if (extra.kind) params.set('kind', extra.kind);
  return `/volunteer-records?${params.toString()}`;
}
