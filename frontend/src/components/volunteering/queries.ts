/** Reads of volunteer hours and records that several features share (dashboards, detail pages). */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { RecordStatus } from '../../api/types';

/** A subtree (or the whole scope) and a span of days, `YYYY-MM-DD`. */
export interface StatsRange {
  within: string | null;
  from: string;
  to: string;
}

/** Months, kinds and organizations read rollups; `member` also names the top and the idle. */
export type Grouping = 'month' | 'kind' | 'organization' | 'member';

/** Verified hours rolled up over a subtree and a span (`GET /api/v1/volunteer-stats`). */
export function volunteerStatsQuery(range: StatsRange, groupBy: Grouping) {
  return queryOptions({
    queryKey: keys.volunteerStats.rollup(range, groupBy),
    queryFn: () =>
      unwrap(api.GET('/api/v1/volunteer-stats', { params: { query: { within: range.within, from: range.from, to: range.to, group_by: groupBy } } })),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/** From the first of January to today. */
export function thisYear(within: string | null, today = dayjs()): StatsRange {
  return { within, from: today.startOf('year').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') };
}

export interface RecordsPreview {
  within?: string | null;
  memberId?: string | null;
  status?: RecordStatus | null;
  limit: number;
}

/** The newest records of a subtree or a member, with how many there are in all. */
export function recordsPreviewQuery({ within = null, memberId = null, status = null, limit }: RecordsPreview) {
  return queryOptions({
    queryKey: keys.volunteerRecords.preview({ within, memberId, status, limit }),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/volunteer-records', {
          params: { query: { within, member_id: memberId, status, limit, order: 'newest', include_total: true } },
        }),
      ),
    staleTime: 30_000,
  });
}

/** The record list behind a figure, as the records page reads its filters from the address. */
export function recordsLink(filters: { status: RecordStatus | 'all'; within?: string | null; memberId?: string | null; from?: string; to?: string }): string {
  const params = new URLSearchParams({ status: filters.status });
  if (filters.within) params.set('within', filters.within);
  if (filters.memberId) params.set('member_id', filters.memberId);
  if (filters.from) params.set('served_from', filters.from);
  if (filters.to) params.set('served_to', filters.to);
  return `/volunteer-records?${params.toString()}`;
}
