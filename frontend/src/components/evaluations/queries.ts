/** Reads of evaluations that pages outside the evaluations feature show (a secretary's duty reviews). */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';

/** Every evaluation of one member as a secretary (述职评议), oldest first. */
export function memberDutyReviewsQuery(memberId: string) {
  return queryOptions({
    queryKey: ['evaluations', 'list', { memberId }],
    queryFn: () => unwrap(api.GET('/api/v1/evaluations', { params: { query: { member_id: memberId, limit: 200 } } })),
  });
}

/** The cycles in the caller's scope, for their names and years. */
export function cycleNamesQuery() {
  return queryOptions({
    queryKey: keys.evaluationCycles.list,
    queryFn: () => unwrap(api.GET('/api/v1/evaluation-cycles', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
}
