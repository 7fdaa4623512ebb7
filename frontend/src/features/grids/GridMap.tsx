import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Empty, Flex, Typography } from 'antd';
import { useId, useMemo } from 'react';
import { useT } from '../../lib/i18n';
import { useIsDesktop } from '../../lib/useMediaQuery';
import { registerGridMap, STATUS_COLOURS, type GridStatus } from './geo';
import { escapeHtml, gridMapOption, type MapGrid } from './mapOption';

echarts.use([GeoComponent, ScatterChart, TooltipComponent, CanvasRenderer]);

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
  /** One colour for every grid instead of the status colours (a boundary's preview). */
  colour?: string;
}

let registrations = 0;

/**
 * Grid boundaries drawn from their GeoJSON, coloured by coverage, with pan and zoom (mouse
 * wheel, drag, pinch); no tile server. The page shows the same grids as a table beside it.
 */
export function GridMap<G extends MapGrid>({ grids, statusOf, onOpen, markers = [], ariaLabel, legend = true, colour }: GridMapProps<G>) {
  const t = useT();
  const isDesktop = useIsDesktop();
  const instance = useId();
  // Registered again only when the boundaries drawn change, not on every render.
  const signature = grids.map((grid) => `${grid.id}:${JSON.stringify(grid.boundary)}`).join('|');
  const drawn = useMemo(() => {
    const name = `grids${instance}${(registrations += 1)}`;
    return { name, count: registerGridMap(name, grids) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content, not identity
  }, [signature, instance]);
  const byId = useMemo(() => new Map(grids.map((grid) => [grid.id, grid])), [grids]);
  // The option changes only with what is drawn: a new option would reset the user's pan and zoom.
  const statuses = grids.map(statusOf).join();
  const markerKey = JSON.stringify(markers);
  const option = useMemo(
    () =>
      gridMapOption({
        mapName: drawn.name,
        grids,
        statusOf,
        colour,
        markers,
        tooltip: (grid) => {
          if (grid === undefined) return t('grid.boundaryProblem');
          const title = escapeHtml(`${grid.code} ${grid.name}`.trim());
          // A preview (one colour) has no coverage to tell.
          return colour ? title || t('grid.boundary') : `${title}<br/>${t(`grid.status.${statusOf(grid)}`)}`;
        },
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content, not identity
    [drawn.name, statuses, markerKey, colour, t],
  );
  if (drawn.count === 0) return <Empty description={t('grid.mapEmpty')} />;
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
