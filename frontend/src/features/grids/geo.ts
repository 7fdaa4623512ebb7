/**
 * Grid boundaries (GeoJSON, WGS 84 [lng, lat]) as ECharts maps, coverage colours, reading a
 * pasted or uploaded boundary, and placing the server's boundary errors on a ring and position.
 */
import * as echarts from 'echarts/core';
import type { Boundary, Coverage, Grid } from '../../api/types';

export type GridStatus = 'covered' | 'incomplete' | 'uncovered';

/** Colours with at least 3:1 contrast against white, told apart by the legend's words too. */
export const STATUS_COLOURS: Record<GridStatus, string> = {
  covered: '#389e0d',
  incomplete: '#d46b08',
  uncovered: '#c8161d',
};

/** Active teams of a coverage answer that lack a leader or Party members, by grid. */
export function incompleteGridIds(coverage: Coverage | undefined): Set<string> {
  const ids = new Set<string>();
  if (coverage === undefined) return ids;
  for (const team of coverage.active_teams_without_leader.items) ids.add(team.grid_id);
  for (const team of coverage.active_teams_without_party_members.items) ids.add(team.grid_id);
  return ids;
}

/**
 * Covered: an active team, each with a grid leader and Party members; incomplete: an active
 * team lacks one of them; uncovered: no active team at all.
 */
export function gridStatus(grid: Pick<Grid, 'id' | 'active_team_count'>, incomplete: Set<string>): GridStatus {
  if (grid.active_team_count === 0) return 'uncovered';
  return incomplete.has(grid.id) ? 'incomplete' : 'covered';
}

export interface GridFeature {
  type: 'Feature';
  /** ECharts names a region by `properties.name`: the grid's id, unique where codes are not. */
  properties: { name: string; code: string; label: string };
  geometry: Boundary;
}

export interface GridFeatureCollection {
  type: 'FeatureCollection';
  features: GridFeature[];
}

/** The grids that have a boundary, as one FeatureCollection. */
export function featureCollectionOf(grids: readonly Pick<Grid, 'id' | 'code' | 'name' | 'boundary'>[]): GridFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: grids
      .filter((grid) => grid.boundary !== null && grid.boundary !== undefined)
      .map((grid) => ({
        type: 'Feature',
        properties: { name: grid.id, code: grid.code, label: grid.name },
        geometry: grid.boundary as unknown as Boundary,
      })),
  };
}

/**
 * Registers the grids as the ECharts map `name` (a later call replaces it) and says how many
 * were drawable; a map with no feature is not registered, as ECharts cannot frame it.
 */
export function registerGridMap(name: string, grids: readonly Pick<Grid, 'id' | 'code' | 'name' | 'boundary'>[]): number {
  const collection = featureCollectionOf(grids);
  if (collection.features.length > 0) {
    echarts.registerMap(name, collection as unknown as Parameters<typeof echarts.registerMap>[1]);
  }
  return collection.features.length;
}

export type BoundaryReadError = 'json_invalid' | 'not_polygon' | 'several_features';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function geometryOf(value: unknown): Boundary | BoundaryReadError {
  if (!isRecord(value)) return 'not_polygon';
  if (value.type === 'Polygon' || value.type === 'MultiPolygon') {
    return { type: value.type, coordinates: Array.isArray(value.coordinates) ? value.coordinates : [] };
  }
  if (value.type === 'Feature') return geometryOf(value.geometry);
  if (value.type === 'FeatureCollection' && Array.isArray(value.features)) {
    if (value.features.length !== 1) return 'several_features';
    return geometryOf(value.features[0]);
  }
  return 'not_polygon';
}

/**
 * A boundary from GeoJSON text: a Polygon or MultiPolygon, alone, in a Feature, or in a
 * FeatureCollection of exactly one. Whether its rings are valid is the server's to say.
 */
export function readBoundary(text: string): { boundary: Boundary } | { error: BoundaryReadError } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'json_invalid' };
  }
  const found = geometryOf(parsed);
  return typeof found === 'string' ? { error: found } : { boundary: found };
}

/** Where in a boundary a server error points; indices from 0, absent when the error is wider. */
export interface BoundaryPlace {
  polygon: number | null;
  ring: number | null;
  position: number | null;
}

const BOUNDARY_FIELD = 'boundary.coordinates';

/**
 * Reads `boundary.coordinates.<polygon>.<ring>.<position>` (a Polygon has no polygon index);
 * null for a field that is not about the coordinates.
 */
export function boundaryPlace(type: Boundary['type'], field: string): BoundaryPlace | null {
  if (field !== BOUNDARY_FIELD && !field.startsWith(`${BOUNDARY_FIELD}.`)) return null;
  const indices = field
    .slice(BOUNDARY_FIELD.length)
    .split('.')
    .filter((part) => part !== '')
    .map(Number);
  if (indices.some((index) => !Number.isInteger(index))) return null;
  const [polygon, ring, position] = type === 'MultiPolygon' ? indices : [null, ...indices];
  return { polygon: polygon ?? null, ring: ring ?? null, position: position ?? null };
}

/** The [lng, lat] a place names, when it names a position that parses as one. */
export function positionAt(boundary: Boundary, place: BoundaryPlace): [number, number] | null {
  if (place.ring === null || place.position === null) return null;
  const polygons: unknown[] = boundary.type === 'MultiPolygon' ? boundary.coordinates : [boundary.coordinates];
  const polygon = polygons[place.polygon ?? 0];
  const ring = Array.isArray(polygon) ? (polygon[place.ring] as unknown) : undefined;
  const position = Array.isArray(ring) ? (ring[place.position] as unknown) : undefined;
  if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'number') return null;
  return [position[0], position[1]];
}
