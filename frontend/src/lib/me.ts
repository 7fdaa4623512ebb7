/** The signed-in user (`GET /api/v1/me`) and what the menu may offer them. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Me } from '../api/types';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => unwrap(api.GET('/api/v1/me')),
  staleTime: 5 * 60_000,
  retry: false,
});

export function useMe() {
  return useQuery(meQuery);
}

/** Superusers, and holders of an `admin` grant, manage users, API keys and the audit trail. */
export function isAdmin(me: Me | undefined): boolean {
  if (me === undefined) return false;
  return me.is_superuser || me.grants.some((grant) => grant.role === 'admin');
}
