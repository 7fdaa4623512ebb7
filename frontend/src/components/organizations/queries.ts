/** Reads of the organization tree that several features share (tree, pickers, roots). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { Organization } from '../../api/types';
import { useMe } from '../../lib/me';

/** Children are read this many at a time; a "more" node fetches the next page. */
export const CHILDREN_PAGE_SIZE = 200;

export function childrenQuery(parentId: string, cursor: string | null) {
  return queryOptions({
    queryKey: keys.organizations.children(parentId, cursor),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organizations/{organization_id}/children', {
          params: { path: { organization_id: parentId }, query: { limit: CHILDREN_PAGE_SIZE, cursor } },
        }),
      ),
    staleTime: 30_000,
  });
}

export function ancestorsQuery(organizationId: string) {
  return queryOptions({
    queryKey: keys.organizations.ancestors(organizationId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/organizations/{organization_id}/ancestors', {
            params: { path: { organization_id: organizationId } },
          }),
        )
      ).items,
    staleTime: 30_000,
  });
}

/** One organization by id, under the key the organization pages read it by. */
export function organizationByIdQuery(id: string) {
  return queryOptions({
    queryKey: keys.organizations.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/organizations/{organization_id}', { params: { path: { organization_id: id } } })),
    staleTime: 5 * 60_000,
  });
}

export function searchOrganizationsQuery(text: string) {
  return queryOptions({
    queryKey: keys.organizations.search(text),
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: { q: text || null, limit: 20 } } })),
    staleTime: 30_000,
  });
}

/** The tops of the caller's scope (for a superuser, the roots of the tree), by code. */
export async function fetchRoots(): Promise<Organization[]> {
  const page = await unwrap(api.GET('/api/v1/organizations', { params: { query: { root: true, limit: 200 } } }));
  return [...page.items].sort((a, b) => a.code.localeCompare(b.code));
}

/** The organizations the tree starts from for the signed-in user. */
export function useOrganizationRoots() {
  const me = useMe();
  return useQuery({
    queryKey: keys.organizations.roots(me.data?.id ?? ''),
    queryFn: fetchRoots,
    enabled: me.data !== undefined,
    staleTime: 60_000,
  });
}
