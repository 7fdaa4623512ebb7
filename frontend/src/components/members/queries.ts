/** Reads of members that several features share (names, pickers). */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type { Position } from '../../api/types';

/** A member as the caller may see them (personal data masked). */
export function memberQuery(id: string) {
  return queryOptions({
    queryKey: keys.members.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/members/{member_id}', { params: { path: { member_id: id } } })),
    staleTime: 60_000,
  });
}

/** Members whose name contains the text, or who have exactly this identity number. */
export function searchMembersQuery(text: string, within: string | null = null) {
  return queryOptions({
    queryKey: keys.members.search(text, within),
    queryFn: () => unwrap(api.GET('/api/v1/members', { params: { query: { q: text || null, within, limit: 20 } } })),
    staleTime: 30_000,
  });
}

/** How many members a subtree holds (optionally: holding a position now); the first few of them. */
export function membersPreviewQuery(within: string, position: Position | null = null, limit = 1) {
  return queryOptions({
    queryKey: keys.members.preview({ within, position, limit }),
    queryFn: () => unwrap(api.GET('/api/v1/members', { params: { query: { within, position, limit, include_total: true } } })),
    staleTime: 30_000,
  });
}

/** The member list behind a figure, as the members page reads its filters from the address. */
export function membersLink(within: string, position: Position | null = null): string {
  const params = new URLSearchParams({ within });
  if (position) params.set('position', position);
  return `/members?${params.toString()}`;
}
