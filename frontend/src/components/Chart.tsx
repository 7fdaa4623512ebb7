import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface Slice {
  value: string;
  label: string;
  count: number;
}

interface ChartProps {
  /** A pie, horizontal bars (long labels) or columns (a time axis). */
  kind: 'pie' | 'bar' | 'column';
  slices: Slice[];
  /** Clicking a slice or a bar opens the matching list; without it the chart only shows. */
  onPick?: (slice: Slice) => void;
  ariaLabel: string;
  color?: string;
  /** Counts are whole numbers unless told (hours have decimals). */
  decimals?: boolean;
}

const PALETTE = ['#c8161d', '#e8684a', '#f6bd16', '#5b8ff9', '#5ad8a6', '#6dc8ec', '#9270ca', '#ff9d4d'];

function optionOf({ kind, slices, color, decimals }: ChartProps) {
  if (kind === 'pie') {
    return {
      color: PALETTE,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['50%', '45%'],
          label: { show: false },
          data: slices.map((slice) => ({ name: slice.label, value: slice.count })),
        },
      ],
    };
  }
  const labels = slices.map((slice) => slice.label);
  const valueAxis = { type: 'value', minInterval: decimals ? 0 : 1 };
  const series = [
    {
      type: 'bar',
      barMaxWidth: 24,
      data: slices.map((slice) => slice.count),
      label: { show: kind === 'bar', position: 'right' },
    },
  ];
  const common = {
    color: [color ?? PALETTE[0]],
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    series,
  };
  return kind === 'bar'
    ? { ...common, xAxis: valueAxis, yAxis: { type: 'category', inverse: true, data: labels } }
    : { ...common, xAxis: { type: 'category', data: labels }, yAxis: valueAxis };
}

/** A chart of counts (or hours) over slices; clicking one hands it to `onPick`. */
export function Chart(props: ChartProps) {
  const { slices, onPick, ariaLabel } = props;
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore
        echarts={echarts}
        option={optionOf(props)}
        notMerge
        style={{ height: 280, width: '100%', cursor: onPick ? 'pointer' : undefined }}
        onEvents={{
          click: (params: { dataIndex: number }) => {
            const slice = slices[params.dataIndex];
            if (slice !== undefined) onPick?.(slice);
          },
        }}
      />
    </div>
  );
}
