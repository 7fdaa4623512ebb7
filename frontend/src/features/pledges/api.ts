/** Pledges (承诺践诺): a member makes and reports them; staff review whether they were kept. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { Pledge, PledgeCreate, PledgeStatus, PledgeUpdate } from '../../api/types';

export interface PledgeFilters {
  within: string | null;
  year: number | null;
  status: PledgeStatus | null;
  memberId: string | null;
  /** Newest first (a member's own history); the API's default is oldest first. */
  newestFirst?: boolean;
}

export function fetchPledgePage(filters: PledgeFilters, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/pledges', {
      params: {
        query: {
          within: filters.within,
          year: filters.year,
          status: filters.status,
          member_id: filters.memberId,
          order: filters.newestFirst ? 'newest' : undefined,
          cursor,
          limit,
          include_total: cursor === null,
        },
      },
    }),
  );
}

function useInvalidatePledges() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.pledges.all });
}

export function useCreatePledge() {
  const invalidate = useInvalidatePledges();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PledgeCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/pledges', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: invalidate,
  });
}

export function useUpdatePledge() {
  const invalidate = useInvalidatePledges();
  return useMutation({
    mutationFn: ({ pledge, body }: { pledge: Pledge; body: PledgeUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/pledges/{pledge_id}', {
          params: { path: { pledge_id: pledge.id }, header: { 'If-Match': ifMatch(pledge.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}
