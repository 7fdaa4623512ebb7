/** The member list's filters, kept in the URL so that a link (from a dashboard) opens them. */
import type { MemberStatus, Position } from '../../api/types';

export interface MemberFilters {
  within: string | null;
  status: MemberStatus | null;
  position: Position | null;
  isMigrant: boolean | null;
  isInService: boolean | null;
  q: string;
  /** With `noHoursTo`: only members with no verified hours between these days (`YYYY-MM-DD`). */
  noHoursFrom: string | null;
  noHoursTo: string | null;
}

export const NO_MEMBER_FILTERS: MemberFilters = {
  within: null,
  status: null,
  position: null,
  isMigrant: null,
  isInService: null,
  q: '',
  noHoursFrom: null,
  noHoursTo: null,
};

function flag(value: string | null): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

export function filtersFromParams(params: URLSearchParams): MemberFilters {
  return {
    within: params.get('within'),
    status: params.get('status') as MemberStatus | null,
    position: params.get('position') as Position | null,
    isMigrant: flag(params.get('is_migrant')),
    isInService: flag(params.get('is_in_service')),
    q: params.get('q') ?? '',
    noHoursFrom: params.get('no_hours_from'),
    noHoursTo: params.get('no_hours_to'),
  };
}

export function paramsFromFilters(filters: MemberFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.within) params.set('within', filters.within);
  if (filters.status) params.set('status', filters.status);
  if (filters.position) params.set('position', filters.position);
  if (filters.isMigrant !== null) params.set('is_migrant', String(filters.isMigrant));
  if (filters.isInService !== null) params.set('is_in_service', String(filters.isInService));
  if (filters.q) params.set('q', filters.q);
  if (filters.noHoursFrom) params.set('no_hours_from', filters.noHoursFrom);
  if (filters.noHoursTo) params.set('no_hours_to', filters.noHoursTo);
  return params;
}

export function hasFilters(filters: MemberFilters): boolean {
  return JSON.stringify(filters) !== JSON.stringify(NO_MEMBER_FILTERS);
}
