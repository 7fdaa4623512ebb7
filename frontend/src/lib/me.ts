/** The signed-in user (`GET /api/v1/me`), what their grants let them do, and what the menu may offer them. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, unwrap } from '../api/client';
import { keys } from '../api/keys';
import { onSessionChange, readSession } from '../api/session';
import type { Me, Permission } from '../api/types';

export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: () => unwrap(api.GET('/api/v1/me')),
  staleTime: 5 * 60_000,
  retry: false,
});

/** Whether a session is held in this browser, following sign-ins and sign-outs in any tab. */
export function useSignedIn(): boolean {
  return useSyncExternalStore(onSessionChange, () => readSession() !== null);
}

/** The signed-in user; not asked for while nobody is signed in (the login page). */
export function useMe() {
  const signedIn = useSignedIn();
  return useQuery({ ...meQuery, enabled: signedIn });
}

/** An action on data within a scope, as the server names it (backend/grassroots/core/security.py). */
export type { Permission };

/**
 * Whether the caller holds `permission`, as `GET /api/v1/me` says. Without `within`, anywhere at all;
 * with it, on the organization whose own id and ancestors' ids are given (a grant covers its whole
 * subtree). The server decides every request; this only keeps the app from offering what it would refuse.
 */
export function can(me: Me | undefined, permission: Permission, within?: readonly string[]): boolean {
  if (me === undefined) return false;
  if (me.is_superuser) return true;
  if (within === undefined) return me.permissions.includes(permission);
  return me.grants.some((grant) => grant.permissions.includes(permission) && within.includes(grant.organization_id));
}

/** Superusers, and holders of an `admin` grant, manage users, API keys and the audit trail. */
export function isAdmin(me: Me | undefined): boolean {
  return can(me, 'users:manage');
}

/** Who may read members' files (masked): administrators, reviewers and party-affairs staff. */
export function canReadMembers(me: Me | undefined): boolean {
  return can(me, 'members:read');
}

/** Who may add, change and transfer members. */
export function canWriteMembers(me: Me | undefined): boolean {
  return can(me, 'members:write');
}

/** Who verifies or rejects volunteer records, organizes activities and reviews pledges. */
export function canManageVolunteering(me: Me | undefined): boolean {
  return can(me, 'volunteer:manage');
}

/** Who reads the hours of a whole scope (records, rollups). */
export function canReadVolunteering(me: Me | undefined): boolean {
  return can(me, 'volunteer:read');
}

/** Who may create, change, move and delete organizations (somewhere in their scope). */
export function canWriteOrganizations(me: Me | undefined): boolean {
  return can(me, 'organizations:write');
}

/** The member record linked to this account, if any: its owner logs service and pledges. */
export function linkedMemberId(me: Me | undefined): string | null {
  return me?.member_id ?? null;
}

/** Grids, teams, coverage and units (`grids:read`). */
export function canReadGrids(me: Me | undefined): boolean {
  return can(me, 'grids:read');
}

/** Who divides grids, forms their teams and keeps the units register (`grids:write`). */
export function canWriteGrids(me: Me | undefined): boolean {
  return can(me, 'grids:write');
}

/** Who may put a member from outside a grid's subtree on its team (`grids:enlist`). */
export function canEnlistInGrids(me: Me | undefined): boolean {
  return can(me, 'grids:enlist');
}

/** Evaluations: their organization's (`evaluations:read`), assigned ones (`evaluations:review`). */
export function canSeeEvaluations(me: Me | undefined): boolean {
  return can(me, 'evaluations:read') || can(me, 'evaluations:review');
}

/** Who plans cycles, launches them, finalizes and confirms grades (`evaluations:manage`). */
export function canManageEvaluations(me: Me | undefined): boolean {
  return can(me, 'evaluations:manage');
}
