/** A member's own service: their records, the activities they may log for, logging. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { VolunteerRecordCreate } from '../../api/types';

/** The member's records served in `year`, newest first. */
export function fetchMyRecords(memberId: string, year: number, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/volunteer-records', {
      params: {
        query: {
          member_id: memberId,
          served_from: `${year}-01-01`,
          served_to: `${year}-12-31`,
          order: 'newest',
          cursor,
          limit,
          include_total: cursor === null,
        },
      },
    }),
  );
}

/** What the member has logged on one day: the 24-hour rule counts it. */
export function dayRecordsQuery(memberId: string, day: string) {
  return queryOptions({
    queryKey: keys.volunteerRecords.day(memberId, day),
    queryFn: () =>
      unwrap(api.GET('/api/v1/volunteer-records', { params: { query: { member_id: memberId, served_from: day, served_to: day, limit: 200 } } })),
  });
}

/** Activities that started in the last 90 days: the ones a member logs service for. */
export const recentActivitiesQuery = queryOptions({
  queryKey: keys.activities.recent,
  queryFn: async () => {
    const page = await unwrap(
      api.GET('/api/v1/volunteer-activities', {
        params: { query: { starts_from: dayjs().subtract(90, 'day').startOf('day').toISOString(), limit: 200 } },
      }),
    );
    const now = Date.now();
    return page.items.filter((activity) => new Date(activity.starts_at).getTime() <= now).reverse();
  },
  staleTime: 60_000,
});

export function useLogRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: VolunteerRecordCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/volunteer-records', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.volunteerRecords.all }),
  });
}
