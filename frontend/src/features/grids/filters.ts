/** The filters of the grid list and the units register, kept in the URL so that links open them. */
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

/** Links other pages (coverage gaps, the dashboard) use to open these lists. */
export function gridsLink(filters: Partial<GridFilters>, view: GridView = 'list'): string {
  const query = paramsFromGridFilters({ ...NO_GRID_FILTERS, ...filters }, view).toString();
  return query ? `/grids?${query}` : '/grids';
}

export function unitsLink(filters: Partial<UnitFilters>): string {
  const query = paramsFromUnitFilters({ ...NO_UNIT_FILTERS, ...filters }).toString();
  return query ? `/units?${query}` : '/units';
}
