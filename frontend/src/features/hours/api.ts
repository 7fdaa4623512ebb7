/** Verified hours rolled up over a subtree and a period (`GET /api/v1/volunteer-stats`). */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { firstDay, lastDay, type HoursQuery } from './period';

/** Months, kinds and organizations read rollups; `member` also names the top and the idle. */
export type Grouping = 'month' | 'kind' | 'organization' | 'member';

export function volunteerStatsQuery(query: HoursQuery, groupBy: Grouping) {
  return queryOptions({
    queryKey: ['volunteer-stats', query, groupBy],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/volunteer-stats', {
          params: { query: { within: query.within, from: firstDay(query.from), to: lastDay(query.to), group_by: groupBy } },
        }),
      ),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
