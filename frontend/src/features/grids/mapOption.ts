/** The ECharts option that draws registered grids, coloured by coverage, with pan and zoom. */
import type { Grid } from '../../api/types';
import { STATUS_COLOURS, type GridStatus } from './geo';

export type MapGrid = Pick<Grid, 'id' | 'code' | 'name' | 'boundary' | 'bbox'>;

/** Degrees of longitude are shorter than degrees of latitude by cos(latitude). */
export function aspectOf(grids: readonly MapGrid[]): number {
  const lats = grids.flatMap((grid) => (grid.bbox && grid.bbox.length === 4 ? [(grid.bbox[1]! + grid.bbox[3]!) / 2] : []));
  if (lats.length === 0) return 0.75;
  const mean = lats.reduce((sum, lat) => sum + lat, 0) / lats.length;
  return Math.max(0.1, Math.cos((mean * Math.PI) / 180));
}

/** Text for the tooltip, which ECharts renders as HTML: names are the users', never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Labels (grid codes) are drawn while they can still be read. */
export const MAX_LABELLED = 60;

export function gridMapOption<G extends MapGrid>({
  mapName,
  grids,
  statusOf,
  colour,
  markers = [],
  tooltip,
}: {
  mapName: string;
  grids: readonly G[];
  statusOf: (grid: G) => GridStatus;
  /** One colour for every grid instead of the status colours (a boundary's preview). */
  colour?: string;
  markers?: [number, number][];
  /** The tooltip of a grid (its code, name and status in words). */
  tooltip: (grid: G | undefined) => string;
}) {
  const byId = new Map(grids.map((grid) => [grid.id, grid]));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params: { componentType: string; name: string }) =>
        tooltip(params.componentType === 'geo' ? byId.get(params.name) : undefined),
    },
    geo: {
      map: mapName,
      roam: true,
      aspectScale: aspectOf(grids),
      scaleLimit: { min: 0.5, max: 60 },
      selectedMode: false,
      label: {
        show: grids.length <= MAX_LABELLED,
        formatter: (params: { name: string }) => byId.get(params.name)?.code ?? '',
        color: '#fff',
        textBorderColor: 'rgba(0,0,0,0.55)',
        textBorderWidth: 2,
      },
      itemStyle: { borderColor: '#fff', borderWidth: 1.5 },
      emphasis: { itemStyle: { areaColor: '#1f6feb' }, label: { color: '#fff' } },
      regions: grids.map((grid) => ({ name: grid.id, itemStyle: { areaColor: colour ?? STATUS_COLOURS[statusOf(grid)] } })),
    },
    series: markers.length
      ? [
          {
            type: 'scatter',
            coordinateSystem: 'geo',
            symbol: 'pin',
            symbolSize: 28,
            itemStyle: { color: '#1f1f1f' },
            data: markers,
            z: 10,
          },
        ]
      : [],
  };
}
