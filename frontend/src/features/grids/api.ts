/** Queries and writes of grids, grid service teams, coverage and the units register. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import type {
  Grid,
  GridCreate,
  GridTeam,
  GridTeamCreate,
  GridTeamUpdate,
  GridUpdate,
  Unit,
  UnitCreate,
  UnitUpdate,
} from '../../api/types';
import type { GridFilters, TeamFilters, UnitFilters } from './filters';

export { coverageQuery } from '../../components/grids/queries';

/** Grids drawn on one map at most; a larger subtree is narrowed by its filters. */
export const MAP_GRID_LIMIT = 2000;
const MAP_PAGE = 200;

function gridQuery(filters: GridFilters) {
  return { within: filters.within, has_team: filters.hasTeam, q: filters.q || null };
}

export function fetchGridPage(filters: GridFilters, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/grids', {
      params: { query: { ...gridQuery(filters), limit, cursor, include_total: cursor === null } },
    }),
  );
}

/** Every grid matching the filters, for the map: page after page, up to `MAP_GRID_LIMIT`. */
export function allGridsQuery(filters: GridFilters) {
  return queryOptions({
    queryKey: keys.grids.listAll(filters),
    queryFn: async () => {
      const items: Grid[] = [];
      let cursor: string | null = null;
      do {
        const page = await fetchGridPage(filters, cursor, MAP_PAGE);
        items.push(...page.items);
        cursor = page.next_cursor ?? null;
      } while (cursor !== null && items.length < MAP_GRID_LIMIT);
      return { items, truncated: cursor !== null };
    },
  });
}

export function gridQueryById(id: string) {
  return queryOptions({
    queryKey: keys.grids.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/grids/{grid_id}', { params: { path: { grid_id: id } } })),
  });
}

/** Grids whose code or name holds the text, for pickers. */
export function gridSearchQuery(text: string, within: string | null) {
  return queryOptions({
    queryKey: keys.grids.search(text, within),
    queryFn: () => unwrap(api.GET('/api/v1/grids', { params: { query: { q: text || null, within, limit: 20 } } })),
    staleTime: 30_000,
  });
}

/** The teams of one grid (a grid has a handful; the first 200 by name). */
export function gridTeamsQuery(gridId: string) {
  return queryOptions({
    queryKey: keys.grids.teams(gridId),
    queryFn: () => unwrap(api.GET('/api/v1/grid-teams', { params: { query: { grid_id: gridId, limit: 200 } } })),
  });
}

export function fetchTeamPage(filters: TeamFilters, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/grid-teams', {
      params: {
        query: {
          within: filters.within,
          active: filters.active,
          has_leader: filters.hasLeader,
          has_party_members: filters.hasPartyMembers,
          limit,
          cursor,
          include_total: cursor === null,
        },
      },
    }),
  );
}

export function teamQuery(id: string) {
  return queryOptions({
    queryKey: keys.grids.team(id),
    queryFn: () => unwrap(api.GET('/api/v1/grid-teams/{team_id}', { params: { path: { team_id: id } } })),
  });
}

function unitQuery(filters: UnitFilters) {
  return { within: filters.within, kind: filters.kind, covered: filters.covered };
}

/** Verified hours served in one grid this year, by member (`GET /volunteer-stats?grid_id=`). */
export function gridServiceHoursQuery(gridId: string, range: { from: string; to: string }) {
  return queryOptions({
    queryKey: ['volunteer-stats', 'grid', gridId, range],
    queryFn: () =>
      unwrap(api.GET('/api/v1/volunteer-stats', { params: { query: { grid_id: gridId, group_by: 'member', from: range.from, to: range.to } } })),
    staleTime: 30_000,
  });
}

export function fetchUnitPage(filters: UnitFilters, cursor: string | null, limit: number) {
  return unwrap(
    api.GET('/api/v1/units', {
      params: { query: { ...unitQuery(filters), limit, cursor, include_total: cursor === null } },
    }),
  );
}

export function unitQueryById(id: string) {
  return queryOptions({
    queryKey: keys.grids.unit(id),
    queryFn: () => unwrap(api.GET('/api/v1/units/{unit_id}', { params: { path: { unit_id: id } } })),
  });
}

/** Grids, teams, coverage and units depend on each other: every write refreshes them all. */
function useInvalidateGrids() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.grids.all });
}

export function useCreateGrid() {
  const invalidate = useInvalidateGrids();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: GridCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/grids', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: invalidate,
  });
}

export function useUpdateGrid() {
  const invalidate = useInvalidateGrids();
  return useMutation({
    mutationFn: ({ grid, body }: { grid: Grid; body: GridUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/grids/{grid_id}', {
          params: { path: { grid_id: grid.id }, header: { 'If-Match': ifMatch(grid.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteGrid() {
  const invalidate = useInvalidateGrids();
  return useMutation({
    mutationFn: (grid: Grid) =>
      unwrap(
        api.DELETE('/api/v1/grids/{grid_id}', {
          params: { path: { grid_id: grid.id }, header: { 'If-Match': ifMatch(grid.version) } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCreateTeam() {
  const invalidate = useInvalidateGrids();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: GridTeamCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/grid-teams', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: invalidate,
  });
}

export function useUpdateTeam() {
  const invalidate = useInvalidateGrids();
  return useMutation({
    mutationFn: ({ team, body }: { team: GridTeam; body: GridTeamUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/grid-teams/{team_id}', {
          params: { path: { team_id: team.id }, header: { 'If-Match': ifMatch(team.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteTeam() {
  const invalidate = useInvalidateGrids();
  return useMutation({
    mutationFn: (team: GridTeam) =>
      unwrap(
        api.DELETE('/api/v1/grid-teams/{team_id}', {
          params: { path: { team_id: team.id }, header: { 'If-Match': ifMatch(team.version) } },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCreateUnit() {
  const invalidate = useInvalidateGrids();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: UnitCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/units', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: invalidate,
  });
}

export function useUpdateUnit() {
  const invalidate = useInvalidateGrids();
  return useMutation({
    mutationFn: ({ unit, body }: { unit: Unit; body: UnitUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/units/{unit_id}', {
          params: { path: { unit_id: unit.id }, header: { 'If-Match': ifMatch(unit.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteUnit() {
  const invalidate = useInvalidateGrids();
  return useMutation({
    mutationFn: (unit: Unit) =>
      unwrap(
        api.DELETE('/api/v1/units/{unit_id}', {
          params: { path: { unit_id: unit.id }, header: { 'If-Match': ifMatch(unit.version) } },
        }),
      ),
    onSuccess: invalidate,
  });
}
