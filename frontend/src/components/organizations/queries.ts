/** Reads of the organization tree that several features share (tree, pickers, roots). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Me, Organization } from '../../api/types';
import { useMe } from '../../lib/me';

/** Children are read this many at a time; a "more" node fetches the next page. */
export const CHILDREN_PAGE_SIZE = 200;

export function childrenQuery(parentId: string, cursor: string | null) {
  return queryOptions({
    queryKey: ['organizations', parentId, 'children', { cursor }],
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
    queryKey: ['organizations', organizationId, 'ancestors'],
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

export function searchOrganizationsQuery(text: string) {
  return queryOptions({
    queryKey: ['organizations', 'search', text],
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: { q: text || null, limit: 20 } } })),
    staleTime: 30_000,
  });
}

async function getOrganization(id: string): Promise<Organization> {
  return unwrap(api.GET('/api/v1/organizations/{organization_id}', { params: { path: { organization_id: id } } }));
}

async function getAncestors(id: string): Promise<Organization[]> {
  const page = await unwrap(
    api.GET('/api/v1/organizations/{organization_id}/ancestors', { params: { path: { organization_id: id } } }),
  );
  return page.items;
}

/** The organizations of the caller's grants, leaving out those inside another granted one. */
async function grantRoots(me: Me): Promise<Organization[]> {
  const ids = [...new Set(me.grants.map((grant) => grant.organization_id))];
  const entries = await Promise.all(
    ids.map(async (id) => ({ organization: await getOrganization(id), ancestors: await getAncestors(id) })),
  );
  return entries
    .filter(({ ancestors }) => !ancestors.some((ancestor) => ids.includes(ancestor.id)))
    .map(({ organization }) => organization)
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The tops of the trees a superuser sees: the roots on the first page of the list (ordered by
 * code) and the root above its first organization, found in two requests however big the tree.
 */
async function visibleRoots(): Promise<Organization[]> {
  const page = await unwrap(api.GET('/api/v1/organizations', { params: { query: { limit: 50 } } }));
  const roots = new Map(page.items.filter((item) => item.parent_id === null).map((item) => [item.id, item]));
  const first = page.items[0];
  if (first !== undefined && first.parent_id !== null) {
    const top = (await getAncestors(first.id))[0];
    if (top !== undefined) roots.set(top.id, top);
  }
  return [...roots.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The organizations the tree starts from for the signed-in user. */
export function useOrganizationRoots() {
  const me = useMe();
  const scoped = me.data !== undefined && !me.data.is_superuser;
  return useQuery({
    queryKey: ['organizations', 'roots', scoped ? me.data?.id : 'all'],
    queryFn: () => (scoped && me.data ? grantRoots(me.data) : visibleRoots()),
    enabled: !me.isLoading,
    staleTime: 60_000,
  });
}
