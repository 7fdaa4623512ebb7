/** Reads of members that several features share (names, pickers). */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** A member as the caller may see them (personal data masked). */
export function memberQuery(id: string) {
  return queryOptions({
    queryKey: ['members', id, 'detail'],
    queryFn: () => unwrap(api.GET('/api/v1/members/{member_id}', { params: { path: { member_id: id } } })),
    staleTime: 60_000,
  });
}

/** Members whose name contains the text, or who have exactly this identity number. */
export function searchMembersQuery(text: string, within: string | null = null) {
  return queryOptions({
    queryKey: ['members', 'search', text, within],
    queryFn: () => unwrap(api.GET('/api/v1/members', { params: { query: { q: text || null, within, limit: 20 } } })),
    staleTime: 30_000,
  });
}
