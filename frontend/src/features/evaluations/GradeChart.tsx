/** Grades by domain as stacked bars (ECharts), loaded only with the results page. */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#c8161d', '#f6bd16', '#5b8ff9', '#8c8c8c'];

export function GradeChart({
  domains,
  grades,
  counts,
  ariaLabel,
}: {
  domains: { value: string; label: string }[];
  grades: { value: string; label: string }[];
  counts: (domain: string, grade: string) => number;
  ariaLabel: string;
}) {
  const option = {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
    xAxis: { type: 'category', data: domains.map((d) => d.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: grades.map((g) => ({
      type: 'bar',
      stack: 'grades',
      name: g.label,
      data: domains.map((d) => counts(d.value, g.value)),
    })),
  };
  return (
    <div role="img" aria-label={ariaLabel}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 280 }} notMerge />
    </div>
  );
}
