import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';

export interface AuditFilters {
  within: string | null;
  actorId: string | null;
  entityType: string | null;
  entityId: string;
  since: string | null;
  until: string | null;
}

export const NO_FILTERS: AuditFilters = { within: null, actorId: null, entityType: null, entityId: '', since: null, until: null };

/** Kinds of record the audit trail names, in the order the filter offers them. */
export const ENTITY_TYPES = [
  'organization',
  'user',
  'grant',
  'api_key',
  'credentials',
  'permission',
  'member',
  'member_position',
  'member_transfer',
  'volunteer_activity',
  'volunteer_record',
  'pledge',
] as const;

export function fetchAuditPage(filters: AuditFilters, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/audit-events', {
      params: {
        query: {
          within: filters.within,
          actor_id: filters.actorId,
          entity_type: filters.entityType,
          entity_id: filters.entityId.trim() || null,
          since: filters.since,
          until: filters.until,
          cursor,
          limit,
        },
      },
    }),
  );
}

export function searchUsers(q: string) {
  return unwrap(api.GET('/api/v1/users', { params: { query: { q: q || null, limit: 20 } } }));
}

/** Users whose name holds the text, for the actor picker. */
export function userSearchQuery(text: string) {
  return queryOptions({ queryKey: keys.users.search(text), queryFn: () => searchUsers(text), staleTime: 30_000 });
}
