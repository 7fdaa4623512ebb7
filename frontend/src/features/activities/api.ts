/** Volunteer activities: the list, organizing (staff), and places taken and given back. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { VolunteerActivity, VolunteerActivityCreate, VolunteerActivityFields } from '../../api/types';

export interface ActivityFilters {
  within: string | null;
  /** Only those not started yet (from now), or every one. */
  upcoming: boolean;
}

export function fetchActivityPage(filters: ActivityFilters, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/volunteer-activities', {
      params: {
        query: {
          within: filters.within,
          starts_from: filters.upcoming ? new Date(new Date().setHours(0, 0, 0, 0)).toISOString() : null,
          cursor,
          limit,
          include_total: cursor === null,
        },
      },
    }),
  );
}

export function activityQuery(id: string) {
  return queryOptions({
    queryKey: keys.activities.detail(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/volunteer-activities/{activity_id}', { params: { path: { activity_id: id } } })),
  });
}

export function fetchSignupPage(activityId: string, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/volunteer-activities/{activity_id}/signups', {
      params: { path: { activity_id: activityId }, query: { cursor, limit, include_total: cursor === null } },
    }),
  );
}

function useInvalidateActivities() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.activities.all });
}

export function useCreateActivity() {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: VolunteerActivityCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/volunteer-activities', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: invalidate,
  });
}

export function useReplaceActivity() {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: ({ activity, body }: { activity: VolunteerActivity; body: VolunteerActivityFields }) =>
      unwrap(
        api.PUT('/api/v1/volunteer-activities/{activity_id}', {
          params: { path: { activity_id: activity.id }, header: { 'If-Match': ifMatch(activity.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteActivity() {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: (activity: VolunteerActivity) =>
      unwrap(
        api.DELETE('/api/v1/volunteer-activities/{activity_id}', {
          params: { path: { activity_id: activity.id }, header: { 'If-Match': ifMatch(activity.version) } },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Takes a place: for the caller's own member (no `memberId`), or staff for a member. */
export function useSignUp(activityId: string) {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: (memberId: string | null) =>
      unwrap(
        api.POST('/api/v1/volunteer-activities/{activity_id}/signups', {
          params: { path: { activity_id: activityId } },
          body: memberId ? { member_id: memberId } : {},
        }),
      ),
    onSettled: invalidate,
  });
}

export function useCancelSignup(activityId: string) {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: (memberId: string) =>
      unwrap(
        api.DELETE('/api/v1/volunteer-activities/{activity_id}/signups/{member_id}', {
          params: { path: { activity_id: activityId, member_id: memberId } },
        }),
      ),
    onSettled: invalidate,
  });
}
