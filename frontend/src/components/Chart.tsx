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
  kind: 'pie' | 'bar';
  slices: Slice[];
  onPick: (slice: Slice) => void;
  ariaLabel: string;
  color?: string;
}

const PALETTE = ['#c8161d', '#e8684a', '#f6bd16', '#5b8ff9', '#5ad8a6', '#6dc8ec', '#9270ca', '#ff9d4d'];

/** A pie or a bar chart of counts; clicking a slice or a bar opens the matching list. */
export function Chart({ kind, slices, onPick, ariaLabel, color }: ChartProps) {
  const option =
    kind === 'pie'
      ? {
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
        }
      : {
          color: [color ?? PALETTE[0]],
          tooltip: { trigger: 'axis' },
          grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', inverse: true, data: slices.map((slice) => slice.label) },
          series: [{ type: 'bar', barMaxWidth: 24, data: slices.map((slice) => slice.count), label: { show: true, position: 'right' } }],
        };
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: 280, width: '100%' }}
        onEvents={{
          click: (params: { dataIndex: number }) => {
            const slice = slices[params.dataIndex];
            if (slice !== undefined) onPick(slice);
          },
        }}
      />
    </div>
  );
}
