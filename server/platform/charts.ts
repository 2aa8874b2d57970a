/**
 * Charts for server-made files (.docx reports): ECharts renders the option to an SVG string on the server
 * (`ssr: true`, no DOM), resvg rasterises the SVG to a PNG that docx's ImageRun can embed (Word does not show
 * SVG without a PNG fallback).
 *
 * Chinese labels need a CJK font: resvg does not read fontconfig, so the font files are found here (the Noto CJK
 * or WenQuanYi files Debian installs, or `BELLWETHER_CHART_FONT`). Without one, resvg draws the chart with the
 * system fonts it finds and the CJK glyphs are left out; the chart is still produced.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { BarChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TitleComponent } from 'echarts/components';
import type { BarSeriesOption, RadarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, RadarComponentOption, TitleComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TitleComponent, SVGRenderer]);

export type ServerChartOption = ComposeOption<BarSeriesOption | RadarSeriesOption | GridComponentOption | LegendComponentOption | RadarComponentOption | TitleComponentOption>;

/** Font files tried in order (the first that exists wins); the family names must match the files. */
const CJK_FONT_CANDIDATES: { file: string; family: string }[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
  { file: '/System/Library/Fonts/PingFang.ttc', family: 'PingFang SC' },
  { file: 'C:\\Windows\\Fonts\\msyh.ttc', family: 'Microsoft YaHei' },
];

export interface ChartFont {
  /** The CJK font file used, or null when none was found (the chart then has no Chinese glyphs). */
  file: string | null;
  family: string;
}

let cachedFont: ChartFont | undefined;

/**
 * The CJK font for charts: `BELLWETHER_CHART_FONT` (`/path/file.ttc` or `/path/file.ttc#Family Name`) first;
 * `none` skips the CJK lookup (system fonts only).
 */
export function chartFont(): ChartFont {
  if (cachedFont) return cachedFont;
  const fromEnv = process.env.BELLWETHER_CHART_FONT;
  if (fromEnv === 'none') return (cachedFont = { file: null, family: 'sans-serif' });
  if (fromEnv) {
    const [file, family] = fromEnv.split('#');
    if (file && existsSync(file)) return (cachedFont = { file, family: family || 'Noto Sans CJK SC' });
  }
  const found = CJK_FONT_CANDIDATES.find((c) => existsSync(c.file));
  cachedFont = found ? { file: found.file, family: found.family } : { file: null, family: 'sans-serif' };
  return cachedFont;
}

/** For tests: forget the font found, so a changed `BELLWETHER_CHART_FONT` is read again. */
export function resetChartFontForTests(): void {
  cachedFont = undefined;
}

/** The option drawn as an SVG string (no animation; the font family set on every text). */
export function renderChartSvg(option: ServerChartOption, width: number, height: number): string {
  const font = chartFont();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: font.family }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** An SVG rasterised at `scale` × its own width: RGBA pixels and the PNG encoder (resvg's rendered image). */
export function rasteriseSvg(svg: string, width: number, scale = 2): { width: number; height: number; pixels: Buffer; asPng(): Buffer } {
  const font = chartFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * scale) },
    background: '#ffffff',
    font: font.file
      ? { fontFiles: [font.file], loadSystemFonts: false, defaultFontFamily: font.family, sansSerifFamily: font.family, serifFamily: font.family }
      : { loadSystemFonts: true },
  });
  return resvg.render();
}

/** An SVG rasterised to PNG at `scale` × its own size (2 gives a sharp picture in Word at the nominal size). */
export function svgToPng(svg: string, width: number, scale = 2): Buffer {
  return rasteriseSvg(svg, width, scale).asPng();
}

export interface ChartPng {
  png: Buffer;
  /** Nominal size in pixels (the PNG itself is `scale` times larger); use these for the ImageRun transformation. */
  width: number;
  height: number;
}

/** The option rendered to a PNG (ECharts SSR → SVG → resvg). */
export function renderChartPng(option: ServerChartOption, width: number, height: number, scale = 2): ChartPng {
  return { png: svgToPng(renderChartSvg(option, width, height), width, scale), width, height };
}

export interface RadarSeries {
  name: string;
  /** One value per indicator; null draws as 0 and is marked "样本不足" in the label when `nullLabel` is set. */
  values: (number | null)[];
}

/** A radar chart (e.g. the five dimensions 德能勤绩廉, 0–100) as a PNG. */
export function renderRadarPng(
  input: { title?: string; indicators: { name: string; max: number }[]; series: RadarSeries[]; nullLabel?: string },
  width = 560,
  height = 420,
): ChartPng {
  const palette = ['#c0392b', '#2c6fbb', '#27ae60', '#8e44ad'];
  const option: ServerChartOption = {
    color: palette,
    title: input.title ? { text: input.title, left: 'center', top: 8, textStyle: { fontSize: 16, fontWeight: 'bold' } } : undefined,
    legend: input.series.length > 1 ? { bottom: 8, data: input.series.map((s) => s.name) } : undefined,
    radar: {
      center: ['50%', input.title ? '55%' : '50%'],
      radius: '62%',
      indicator: input.indicators.map((ind, i) => {
        const first = input.series[0]?.values[i];
        const suffix = input.series.length === 1 ? (first === null || first === undefined ? (input.nullLabel ? `（${input.nullLabel}）` : '') : ` ${first.toFixed(1)}`) : '';
        return { name: `${ind.name}${suffix}`, max: ind.max };
      }),
      axisName: { color: '#333333', fontSize: 14 },
      splitArea: { areaStyle: { color: ['#fafafa', '#f0f0f0'] } },
    },
    series: [
      {
        type: 'radar',
        symbolSize: 5,
        areaStyle: { opacity: 0.18 },
        data: input.series.map((s) => ({ name: s.name, value: s.values.map((v) => v ?? 0) })),
      },
    ],
  };
  return renderChartPng(option, width, height);
}

/** A grouped bar chart (categories on the x axis, one bar per series) as a PNG. */
export function renderBarPng(
  input: { title?: string; categories: string[]; series: { name: string; values: number[] }[]; yName?: string },
  width = 620,
  height = 340,
): ChartPng {
  const option: ServerChartOption = {
    color: ['#2c6fbb', '#c0392b', '#27ae60', '#e67e22', '#8e44ad', '#7f8c8d'],
    title: input.title ? { text: input.title, left: 'center', top: 6, textStyle: { fontSize: 15, fontWeight: 'bold' } } : undefined,
    legend: input.series.length > 1 ? { top: input.title ? 32 : 6, data: input.series.map((s) => s.name) } : undefined,
    grid: { left: 48, right: 20, top: input.title ? 70 : 40, bottom: 56 },
    xAxis: { type: 'category', data: input.categories, axisLabel: { interval: 0, fontSize: 12, rotate: input.categories.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: input.yName, minInterval: 1 },
    series: input.series.map((s) => ({ type: 'bar', name: s.name, data: s.values, label: { show: true, position: 'top', fontSize: 11 } })),
  };
  return renderChartPng(option, width, height);
}
