import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export function statsQuery(organizationId: string) {
  return queryOptions({
    queryKey: ['organizations', organizationId, 'stats'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organizations/{organization_id}/stats', {
          params: { path: { organization_id: organizationId } },
        }),
      ),
    staleTime: 30_000,
  });
}

/** The organization list filtered to one slice of the subtree, as the organizations page reads it. */
export function listLink(organizationId: string, filter: Record<string, string> = {}): string {
  const params = new URLSearchParams({ within: organizationId, ...filter });
  return `/organizations?${params.toString()}`;
}
