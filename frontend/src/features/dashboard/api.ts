import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';

export function statsQuery(organizationId: string) {
  return queryOptions({
    queryKey: keys.organizations.stats(organizationId),
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
