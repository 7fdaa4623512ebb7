/** The signed-in user (`GET /api/v1/me`) and what the menu may offer them. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import type { Me, Role } from '../api/types';

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => unwrap(api.GET('/api/v1/me')),
  staleTime: 5 * 60_000,
  retry: false,
});

export function useMe() {
  return useQuery(meQuery);
}

/** True for a superuser, or when any grant carries one of `roles`. */
export function hasRole(me: Me | undefined, ...roles: Role[]): boolean {
  if (me === undefined) return false;
  return me.is_superuser || me.grants.some((grant) => roles.includes(grant.role));
}

/** Superusers, and holders of an `admin` grant, manage users, API keys and the audit trail. */
export function isAdmin(me: Me | undefined): boolean {
  return hasRole(me, 'admin');
}

/** Who may read members' files (masked): administrators, reviewers and party-affairs staff. */
export function canReadMembers(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'reviewer', 'org_staff');
}

/** Who may add, change and transfer members. */
export function canWriteMembers(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'org_staff');
}

/** Who verifies or rejects volunteer records, organizes activities and reviews pledges. */
export function canManageVolunteering(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'org_staff');
}

/** Who reads the hours of a whole scope (records, rollups). */
export function canReadVolunteering(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'reviewer', 'org_staff');
}

/** The member record linked to this account, if any: its owner logs service and pledges. */
export function linkedMemberId(me: Me | undefined): string | null {
  return me?.member_id ?? null;
}

/** Grids, teams, coverage and units (`grids:read`): every role, members included. */
export function canReadGrids(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'reviewer', 'org_staff', 'member');
}

/** Who divides grids, forms their teams and keeps the units register (`grids:write`). */
export function canWriteGrids(me: Me | undefined): boolean {
  return hasRole(me, 'admin', 'org_staff');
}

/** Who may put a member from outside a grid's subtree on its team (`grids:enlist`). */
export function canEnlistInGrids(me: Me | undefined): boolean {
  return hasRole(me, 'admin');
}
