/** Queries and writes of the organizations feature; writes invalidate every organization read. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, newIdempotencyKey, unwrap } from '../../api/client';
import { organizationByIdQuery } from '../../components/organizations/queries';
import { keys } from '../../api/keys';
import type { Organization, OrganizationCreate, OrganizationUpdate } from '../../api/types';
import type { OrganizationFilters } from './filters';

/** One organization, as the shared pickers and names read it, but checked again whenever a page here opens. */
export function organizationQuery(id: string) {
  return queryOptions({ ...organizationByIdQuery(id), staleTime: 0 });
}

/** Reads the organization as the server holds it now, bypassing any cached copy. */
export function fetchCurrentOrganization(id: string): Promise<Organization> {
  return unwrap(
    api.GET('/api/v1/organizations/{organization_id}', {
      params: { path: { organization_id: id } },
      cache: 'no-store',
    }),
  );
}

export function fetchOrganizationPage(filters: OrganizationFilters, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/organizations', {
      params: {
        query: {
          within: filters.within,
          domain: filters.domain,
          kind: filters.kind,
          tier: filters.tier,
          flag: filters.flags.length ? filters.flags : null,
          q: filters.q || null,
          secretary_vacant: filters.secretaryVacant ? true : null,
          has_grid: filters.hasGrid,
          limit,
          cursor,
          include_total: cursor === null,
        },
      },
    }),
  );
}

export function fetchChildrenPage(parentId: string, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/organizations/{organization_id}/children', {
      params: { path: { organization_id: parentId }, query: { limit, cursor, include_total: cursor === null } },
    }),
  );
}

function useInvalidateOrganizations() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.organizations.all });
}

export function useCreateOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: OrganizationCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/organizations', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: invalidate,
  });
}

export function updateOrganization(id: string, version: number, body: OrganizationUpdate): Promise<Organization> {
  return unwrap(
    api.PATCH('/api/v1/organizations/{organization_id}', {
      params: { path: { organization_id: id }, header: { 'If-Match': ifMatch(version) } },
      body,
    }),
  );
}

export function useUpdateOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: OrganizationUpdate }) =>
      updateOrganization(id, version, body),
    onSuccess: invalidate,
  });
}

export function useMoveOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: ({ organization, parentId }: { organization: Organization; parentId: string | null }) =>
      unwrap(
        api.POST('/api/v1/organizations/{organization_id}/move', {
          params: {
            path: { organization_id: organization.id },
            header: { 'If-Match': ifMatch(organization.version), 'Idempotency-Key': newIdempotencyKey() },
          },
          body: { parent_id: parentId },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteOrganization() {
  const invalidate = useInvalidateOrganizations();
  return useMutation({
    mutationFn: (organization: Organization) =>
      unwrap(
        api.DELETE('/api/v1/organizations/{organization_id}', {
          params: { path: { organization_id: organization.id }, header: { 'If-Match': ifMatch(organization.version) } },
        }),
      ),
    onSuccess: invalidate,
  });
}
