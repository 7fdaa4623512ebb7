import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Empty, Flex, Typography } from 'antd';
import { useId, useMemo } from 'react';
import type { Grid } from '../../api/types';
import { useT } from '../../lib/i18n';
import { useIsDesktop } from '../../lib/useMediaQuery';
import { registerGridMap, STATUS_COLOURS, type GridStatus } from './geo';

echarts.use([GeoComponent, ScatterChart, TooltipComponent, CanvasRenderer]);

type MapGrid = Pick<Grid, 'id' | 'code' | 'name' | 'boundary' | 'bbox'>;

interface GridMapProps<G extends MapGrid> {
  grids: G[];
  statusOf: (grid: G) => GridStatus;
  /** Clicking a grid opens it; without it the map only shows. */
  onOpen?: (gridId: string) => void;
  /** Points to mark (e.g. where the server found a boundary wrong), [lng, lat]. */
  markers?: [number, number][];
  ariaLabel: string;
  /** Show the statuses' legend under the map. */
  legend?: boolean;
}

/** Degrees of longitude are shorter than degrees of latitude by cos(latitude). */
function aspectOf(grids: MapGrid[]): number {
  const lats = grids.flatMap((grid) => (grid.bbox ? [(grid.bbox[1]! + grid.bbox[3]!) / 2] : []));
  if (lats.length === 0) return 0.75;
  const mean = lats.reduce((sum, lat) => sum + lat, 0) / lats.length;
  return Math.max(0.1, Math.cos((mean * Math.PI) / 180));
}

let registrations = 0;

/**
 * Grid boundaries drawn from their GeoJSON, coloured by coverage, with pan and zoom (mouse
 * wheel, drag, pinch); no tile server. The page shows the same grids as a table beside it.
 */
export function GridMap<G extends MapGrid>({ grids, statusOf, onOpen, markers = [], ariaLabel, legend = true }: GridMapProps<G>) {
  const t = useT();
  const isDesktop = useIsDesktop();
  const instance = useId();
  const drawn = useMemo(() => {
    const name = `grids${instance}${(registrations += 1)}`;
    return { name, count: registerGridMap(name, grids) };
  }, [grids, instance]);
  const byId = useMemo(() => new Map(grids.map((grid) => [grid.id, grid])), [grids]);
  if (drawn.count === 0) return <Empty description={t('grid.mapEmpty')} />;
  const colour = (grid: G) => STATUS_COLOURS[statusOf(grid)];
  const option = {
    tooltip: {
      trigger: 'item',
      formatter: (params: { componentType: string; name: string }) => {
        const grid = byId.get(params.name);
        if (params.componentType !== 'geo' || grid === undefined) return t('grid.boundaryProblem');
        return `${grid.code} ${grid.name}<br/>${t(`grid.status.${statusOf(grid)}`)}`;
      },
    },
    geo: {
      map: drawn.name,
      roam: true,
      aspectScale: aspectOf(grids),
      scaleLimit: { min: 0.5, max: 60 },
      selectedMode: false,
      label: {
        show: drawn.count <= 60,
        formatter: (params: { name: string }) => byId.get(params.name)?.code ?? '',
        color: '#fff',
        textBorderColor: 'rgba(0,0,0,0.55)',
        textBorderWidth: 2,
      },
      itemStyle: { borderColor: '#fff', borderWidth: 1.5 },
      emphasis: { itemStyle: { areaColor: '#1f6feb' }, label: { color: '#fff' } },
      regions: grids.map((grid) => ({ name: grid.id, itemStyle: { areaColor: colour(grid) } })),
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
  return (
    <Flex vertical gap={8}>
      <div role="img" aria-label={ariaLabel}>
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          notMerge
          style={{ height: isDesktop ? 440 : 320, width: '100%', cursor: onOpen ? 'pointer' : undefined }}
          onEvents={{
            click: (params: { componentType: string; name: string }) => {
              if (params.componentType === 'geo' && byId.has(params.name)) onOpen?.(params.name);
            },
          }}
        />
      </div>
      {legend ? (
        <Flex gap={16} wrap aria-label={t('grid.legend')}>
          {(Object.keys(STATUS_COLOURS) as GridStatus[]).map((status) => (
            <Flex key={status} gap={6} align="center">
              <span
                aria-hidden
                style={{ width: 14, height: 14, borderRadius: 3, background: STATUS_COLOURS[status], display: 'inline-block' }}
              />
              <Typography.Text>{t(`grid.status.${status}`)}</Typography.Text>
            </Flex>
          ))}
          <Typography.Text type="secondary">{t('grid.mapHint')}</Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}
