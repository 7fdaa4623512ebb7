import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import type { Coverage, Grid } from '../../api/types';
import { translator } from '../../lib/i18n';
import { boundaryProblems } from './boundaryErrors';
import {
  boundaryPlace,
  featureCollectionOf,
  gridStatus,
  incompleteGridIds,
  positionAt,
  readBoundary,
  registerGridMap,
  STATUS_COLOURS,
} from './geo';
import { escapeHtml, gridMapOption } from './mapOption';

echarts.use([GeoComponent, ScatterChart, TooltipComponent, SVGRenderer]);

function square(lng: number, lat: number, size = 0.01) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
      ],
    ],
  };
}

function grid(id: string, code: string, boundary: Record<string, unknown> | null, activeTeams = 0): Grid {
  return {
    id,
    organization_id: 'org',
    code,
    name: `网格${code}`,
    description: null,
    households: 0,
    population: 0,
    buildings: [],
    boundary,
    bbox: boundary ? [119.6, 29.9, 119.61, 29.91] : null,
    centroid: null,
    area_m2: null,
    team_count: activeTeams,
    active_team_count: activeTeams,
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

const gap = <T,>(items: T[]) => ({ count: items.length, items });

describe('grids as an ECharts map', () => {
  const grids = [
    grid('a', 'G01', square(119.6, 29.9), 1),
    grid('b', 'G02', square(119.61, 29.9), 1),
    grid('c', 'G03', square(119.62, 29.9), 0),
    grid('d', 'G04', null, 0),
  ];
  const coverage = {
    active_teams_without_leader: gap([{ id: 't', grid_id: 'b', name: 'x' }]),
    active_teams_without_party_members: gap([]),
  } as unknown as Coverage;

  it('makes one feature per grid with a boundary, named by id', () => {
    const collection = featureCollectionOf(grids);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((feature) => feature.properties.name)).toEqual(['a', 'b', 'c']);
    expect(collection.features[0]?.geometry).toEqual(square(119.6, 29.9));
  });

  it('colours covered, incomplete and uncovered grids', () => {
    const incomplete = incompleteGridIds(coverage);
    expect(grids.map((item) => gridStatus(item, incomplete))).toEqual(['covered', 'incomplete', 'uncovered', 'uncovered']);
  });

  it('registers the map and draws every grid in its colour with its code', () => {
    expect(registerGridMap('test-grids', grids)).toBe(3);
    expect(echarts.getMap('test-grids')).toBeTruthy();
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 400 });
    const incomplete = incompleteGridIds(coverage);
    chart.setOption(
      gridMapOption({
        mapName: 'test-grids',
        grids,
        statusOf: (item) => gridStatus(item, incomplete),
        markers: [[119.6, 29.9]],
        tooltip: () => '',
      }),
    );
    const svg = chart.renderToSVGString();
    chart.dispose();
    const fills = (colour: string) => svg.split(`fill="${colour}"`).length - 1;
    expect(fills(STATUS_COLOURS.covered)).toBe(1);
    expect(fills(STATUS_COLOURS.incomplete)).toBe(1);
    expect(fills(STATUS_COLOURS.uncovered)).toBe(1);
    for (const code of ['G01', 'G02', 'G03']) expect(svg).toContain(code);
    expect(svg).not.toContain('G04');
  });

  it('registers nothing when no grid has a boundary', () => {
    expect(registerGridMap('test-empty', [grid('d', 'G04', null)])).toBe(0);
    expect(echarts.getMap('test-empty')).toBeFalsy();
  });

  it('keeps names out of the tooltip markup', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&#60;img src=x onerror=alert(1)&#62;');
  });
});

describe('reading a boundary', () => {
  it('takes a geometry, a feature or a collection of one', () => {
    const polygon = square(1, 2);
    expect(readBoundary(JSON.stringify(polygon))).toEqual({ boundary: polygon });
    expect(readBoundary(JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon }))).toEqual({ boundary: polygon });
    expect(
      readBoundary(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: polygon }] })),
    ).toEqual({ boundary: polygon });
  });

  it('says why it cannot', () => {
    expect(readBoundary('{"type": ')).toEqual({ error: 'json_invalid' });
    expect(readBoundary('{"type": "Point", "coordinates": [1, 2]}')).toEqual({ error: 'not_polygon' });
    expect(readBoundary(JSON.stringify({ type: 'FeatureCollection', features: [{}, {}] }))).toEqual({ error: 'several_features' });
  });
});

describe('placing the server’s boundary errors', () => {
  const polygon = { type: 'Polygon' as const, coordinates: square(120, 30).coordinates };
  const multi = { type: 'MultiPolygon' as const, coordinates: [square(120, 30).coordinates, square(121, 30).coordinates] };

  it('reads polygon, ring and position from the field', () => {
    expect(boundaryPlace('Polygon', 'boundary.coordinates.0.3')).toEqual({ polygon: null, ring: 0, position: 3 });
    expect(boundaryPlace('MultiPolygon', 'boundary.coordinates.1.0.2')).toEqual({ polygon: 1, ring: 0, position: 2 });
    expect(boundaryPlace('MultiPolygon', 'boundary.coordinates.1')).toEqual({ polygon: 1, ring: null, position: null });
    expect(boundaryPlace('Polygon', 'boundary.coordinates')).toEqual({ polygon: null, ring: null, position: null });
    expect(boundaryPlace('Polygon', 'name')).toBeNull();
  });

  it('finds the position the error names', () => {
    expect(positionAt(polygon, { polygon: null, ring: 0, position: 2 })).toEqual([120.01, 30.01]);
    expect(positionAt(multi, { polygon: 1, ring: 0, position: 1 })).toEqual([121.01, 30]);
    expect(positionAt(multi, { polygon: 1, ring: null, position: null })).toBeNull();
  });

  it('explains each error in Chinese at its place', () => {
    const error = new ApiError({
      status: 422,
      code: 'grid_boundary_invalid',
      fieldErrors: [
        { field: 'boundary.coordinates.1.0.2', code: 'latitude_out_of_range', message: 'latitude 95 is not in -90..90' },
        { field: 'boundary.coordinates.0.1', code: 'ring_not_closed', message: 'the last position differs' },
        { field: 'name', code: 'missing', message: 'Field required' },
      ],
    });
    const problems = boundaryProblems(error, multi, translator('zh-CN'));
    expect(problems).toEqual([
      { where: '第 2 块区域 · 外边界 · 第 3 个点', message: '纬度超出 -90 至 90 的范围', point: [121.01, 30.01] },
      { where: '第 1 块区域 · 第 1 个内洞', message: '环没有闭合：最后一个点应与第一个点相同', point: null },
    ]);
  });
});
