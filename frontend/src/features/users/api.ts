/** Users and their grants (admins only). */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { Role, UserCreate, UserUpdate } from '../../api/types';

export function fetchUserPage(q: string, cursor: string | null, limit: number) {
  return unwrap(api.GET('/api/v1/users', { params: { query: { q: q || null, cursor, limit } } }));
}

export function userQuery(id: string) {
  return queryOptions({
    queryKey: keys.users.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: id } } })),
  });
}

export function grantsQuery(userId: string) {
  return queryOptions({
    queryKey: keys.users.grants(userId),
    queryFn: () => unwrap(api.GET('/api/v1/users/{user_id}/grants', { params: { path: { user_id: userId } } })),
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.users.all }), queryClient.invalidateQueries({ queryKey: keys.me })]);
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: UserCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/users', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: UserUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/users/{user_id}', {
          params: { path: { user_id: id }, header: { 'If-Match': ifMatch(version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useAddGrant(userId: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ organizationId, role }: { organizationId: string; role: Role }) =>
      unwrap(
        api.POST('/api/v1/users/{user_id}/grants', {
          params: { path: { user_id: userId } },
          body: { organization_id: organizationId, role },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useRevokeGrant(userId: string) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (grantId: string) =>
      unwrap(api.DELETE('/api/v1/users/{user_id}/grants/{grant_id}', { params: { path: { user_id: userId, grant_id: grantId } } })),
    onSuccess: invalidate,
  });
}
