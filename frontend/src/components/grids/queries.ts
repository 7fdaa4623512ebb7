/** Reads of grid coverage that several features share (the dashboard's headline, the coverage page). */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';

/** Coverage figures and gaps of the caller's scope, or of the `within` subtree. */
export function coverageQuery(within: string | null) {
  return queryOptions({
    queryKey: keys.grids.coverage(within),
    queryFn: () => unwrap(api.GET('/api/v1/grid-coverage', { params: { query: { within } } })),
    staleTime: 30_000,
  });
}

/** The coverage page for a subtree, as it reads its URL. */
export function coverageLink(within: string | null): string {
  return within ? `/grid-coverage?${new URLSearchParams({ within }).toString()}` : '/grid-coverage';
}
