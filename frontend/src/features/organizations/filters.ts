/** The organization list's filters, kept in the URL so that a link (from the dashboard) opens them. */
import type { Domain, Flag, Kind, Tier } from '../../api/types';

export interface OrganizationFilters {
  within: string | null;
  domain: Domain | null;
  kind: Kind | null;
  tier: Tier | null;
  flags: Flag[];
  q: string;
  /** Only organizations without a secretary in office (书记空缺). */
  secretaryVacant: boolean;
  /** Only villages and communities with (true) or without (false) a grid in their subtree. */
  hasGrid: boolean | null;
}

function flag(value: string | null): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

export function filtersFromParams(params: URLSearchParams): OrganizationFilters {
  return {
    within: params.get('within'),
    domain: params.get('domain') as Domain | null,
    kind: params.get('kind') as Kind | null,
    tier: params.get('tier') as Tier | null,
    flags: params.getAll('flag') as Flag[],
    q: params.get('q') ?? '',
    secretaryVacant: params.get('secretary_vacant') === 'true',
    hasGrid: flag(params.get('has_grid')),
  };
}

export function paramsFromFilters(filters: OrganizationFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.within) params.set('within', filters.within);
  if (filters.domain) params.set('domain', filters.domain);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.tier) params.set('tier', filters.tier);
  filters.flags.forEach((flag) => params.append('flag', flag));
  if (filters.q) params.set('q', filters.q);
  if (filters.secretaryVacant) params.set('secretary_vacant', 'true');
  if (filters.hasGrid !== null) params.set('has_grid', String(filters.hasGrid));
  return params;
}

export const NO_FILTERS: OrganizationFilters = {
  within: null,
  domain: null,
  kind: null,
  tier: null,
  flags: [],
  q: '',
  secretaryVacant: false,
  hasGrid: null,
};

export function hasFilters(filters: OrganizationFilters): boolean {
  return Boolean(
    filters.within || filters.domain || filters.kind || filters.tier || filters.flags.length || filters.q || filters.secretaryVacant || filters.hasGrid !== null,
  );
}
