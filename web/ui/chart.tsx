import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';

// tree-shaken ECharts: register only what the app's charts use
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** The only ECharts entry point of the web app (lazy-loaded by the pages that draw charts). */
export function Chart({ option, height = 240, label }: { option: ChartOption; height?: number; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore echarts={echarts} option={{ animation: false, ...option }} style={{ height, width: '100%' }} notMerge opts={{ renderer: 'canvas' }} />
    </div>
  );
}

export default Chart;
