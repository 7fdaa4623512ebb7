import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Button, Flex } from 'antd';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useT } from '../lib/i18n';

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
  /** The list behind a slice or a bar: clicking it, or its row in the table, opens it. */
  linkOf?: (slice: Slice) => string;
  /**
   * The same figures as a table the reader can switch to (keyboard, screen reader, a reader who
   * cannot tell the colours apart). Off only where the page shows them in a list beside the chart.
   */
  dataTable?: boolean;
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

function formatted(count: number, decimals?: boolean): string {
  return decimals ? String(Math.round(count * 10) / 10) : String(count);
}

/** The chart's figures as a compact table, each row linking to its list when there is one. */
function ChartTable({ id, caption, slices, linkOf, decimals }: { id: string; caption: string } & Pick<ChartProps, 'slices' | 'linkOf' | 'decimals'>) {
  const t = useT();
  return (
    <table id={id} className="chart-table">
      <caption>{t('chart.tableCaption', { title: caption })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('chart.category')}</th>
          <th scope="col">{t('chart.value')}</th>
        </tr>
      </thead>
      <tbody>
        {slices.map((slice) => (
          <tr key={slice.value}>
            <th scope="row">{linkOf ? <Link to={linkOf(slice)}>{slice.label}</Link> : slice.label}</th>
            <td>{formatted(slice.count, decimals)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A chart of counts (or hours) over slices; clicking one opens its list. A canvas only a mouse
 * can use, so the same figures are one press away as a table, which also links to each list.
 */
export function Chart(props: ChartProps) {
  const { slices, linkOf, ariaLabel, dataTable = true, decimals } = props;
  const t = useT();
  const navigate = useNavigate();
  const tableId = useId();
  const [asTable, setAsTable] = useState(false);
  return (
    <div className="chart">
      {dataTable ? (
        <Flex justify="flex-end">
          <Button type="link" size="small" aria-expanded={asTable} aria-controls={tableId} onClick={() => setAsTable(!asTable)}>
            {asTable ? t('chart.showChart') : t('chart.showTable')}
          </Button>
        </Flex>
      ) : null}
      {asTable ? (
        <ChartTable id={tableId} caption={ariaLabel} slices={slices} linkOf={linkOf} decimals={decimals} />
      ) : (
        <div role="img" aria-label={ariaLabel}>
          <ReactEChartsCore
            echarts={echarts}
            option={optionOf(props)}
            notMerge
            style={{ height: 280, width: '100%', cursor: linkOf ? 'pointer' : undefined }}
            onEvents={{
              click: (params: { dataIndex: number }) => {
                const slice = slices[params.dataIndex];
                if (slice !== undefined && linkOf) void navigate(linkOf(slice));
              },
            }}
          />
        </div>
      )}
    </div>
  );
}
