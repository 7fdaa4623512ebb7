/** The filters of the grid list, the team list and the units register, kept in the URL so that links open them. */
import type { UnitKind } from '../../api/types';

export type GridView = 'list' | 'map';

export interface GridFilters {
  within: string | null;
  hasTeam: boolean | null;
  q: string;
}

export const NO_GRID_FILTERS: GridFilters = { within: null, hasTeam: null, q: '' };

export interface UnitFilters {
  within: string | null;
  kind: UnitKind | null;
  covered: boolean | null;
}

export const NO_UNIT_FILTERS: UnitFilters = { within: null, kind: null, covered: null };

/** The team list's filters: coverage's team gaps are `active` with `hasLeader` or `hasPartyMembers` false. */
export interface TeamFilters {
  within: string | null;
  active: boolean | null;
  hasLeader: boolean | null;
  hasPartyMembers: boolean | null;
}

export const NO_TEAM_FILTERS: TeamFilters = { within: null, active: null, hasLeader: null, hasPartyMembers: null };

function flag(value: string | null): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

export function gridFiltersFromParams(params: URLSearchParams): GridFilters {
  return { within: params.get('within'), hasTeam: flag(params.get('has_team')), q: params.get('q') ?? '' };
}

export function gridViewFromParams(params: URLSearchParams): GridView {
  return params.get('view') === 'map' ? 'map' : 'list';
}

export function paramsFromGridFilters(filters: GridFilters, view: GridView = 'list'): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.within) params.set('within', filters.within);
  if (filters.hasTeam !== null) params.set('has_team', String(filters.hasTeam));
  if (filters.q) params.set('q', filters.q);
  if (view === 'map') params.set('view', 'map');
  return params;
}

export function unitFiltersFromParams(params: URLSearchParams): UnitFilters {
  return {
    within: params.get('within'),
    kind: params.get('kind') as UnitKind | null,
    covered: flag(params.get('covered')),
  };
}

export function paramsFromUnitFilters(filters: UnitFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.within) params.set('within', filters.within);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.covered !== null) params.set('covered', String(filters.covered));
  return params;
}

export function teamFiltersFromParams(params: URLSearchParams): TeamFilters {
  return {
    within: params.get('within'),
    active: flag(params.get('active')),
    hasLeader: flag(params.get('has_leader')),
    hasPartyMembers: flag(params.get('has_party_members')),
  };
}

export function paramsFromTeamFilters(filters: TeamFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.within) params.set('within', filters.within);
  if (filters.active !== null) params.set('active', String(filters.active));
  if (filters.hasLeader !== null) params.set('has_leader', String(filters.hasLeader));
  if (filters.hasPartyMembers !== null) params.set('has_party_members', String(filters.hasPartyMembers));
  return params;
}

/** Links other pages (coverage gaps, the dashboard) use to open these lists. */
export function gridsLink(filters: Partial<GridFilters>, view: GridView = 'list'): string {
  const query = paramsFromGridFilters({ ...NO_GRID_FILTERS, ...filters }, view).toString();
  return query ? `/grids?${query}` : '/grids';
}

export function unitsLink(filters: Partial<UnitFilters>): string {
  const query = paramsFromUnitFilters({ ...NO_UNIT_FILTERS, ...filters }).toString();
  return query ? `/units?${query}` : '/units';
}

export function teamsLink(filters: Partial<TeamFilters>): string {
  const query = paramsFromTeamFilters({ ...NO_TEAM_FILTERS, ...filters }).toString();
  return query ? `/grid-teams?${query}` : '/grid-teams';
}

/** The organization list narrowed to villages and communities with or without a grid (its `has_grid` filter). */
export function organizationsLink({ within, hasGrid }: { within: string | null; hasGrid: boolean }): string {
  const params = new URLSearchParams();
  if (within) params.set('within', within);
  params.set('has_grid', String(hasGrid));
  return `/organizations?${params.toString()}`;
}
