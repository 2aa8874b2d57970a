import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, RadarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, RadarComponentOption, TooltipComponentOption } from 'echarts/components';

// tree-shaken ECharts: register only what the app's charts use
// RadarChart/RadarComponent/LegendComponent: the five-dimension radar (M5/M6); LineChart: the O2O monthly trend (M2)
echarts.use([BarChart, LineChart, RadarChart, GridComponent, RadarComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | RadarSeriesOption | GridComponentOption | RadarComponentOption | LegendComponentOption | TooltipComponentOption>;

/** The only ECharts entry point of the web app (lazy-loaded by the pages that draw charts). */
export function Chart({ option, height = 240, label }: { option: ChartOption; height?: number; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore echarts={echarts} option={{ animation: false, ...option }} style={{ height, width: '100%' }} notMerge opts={{ renderer: 'canvas' }} />
    </div>
  );
}

export default Chart;
