/**
 * Server-side charts: ECharts SSR draws an SVG, resvg makes a PNG; Chinese labels are drawn with the CJK font
 * found on the machine, and without one a chart is still produced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { chartFont, rasteriseSvg, renderBarPng, renderChartSvg, renderRadarPng, resetChartFontForTests } from './charts.ts';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** Pixels darker than mid-grey in an RGBA buffer. */
function darkPixels(pixels: Buffer): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 384) n++;
  return n;
}

const FIVE = ['德', '能', '勤', '绩', '廉'].map((name) => ({ name, max: 100 }));

describe('server charts', () => {
  const saved = process.env.BELLWETHER_CHART_FONT;
  afterEach(() => {
    if (saved === undefined) delete process.env.BELLWETHER_CHART_FONT;
    else process.env.BELLWETHER_CHART_FONT = saved;
    resetChartFontForTests();
  });

  it('draws the five-dimension radar as SVG with the labels and scores', () => {
    const svg = renderChartSvg(
      { radar: { indicator: FIVE }, series: [{ type: 'radar', data: [{ name: '张三', value: [88, 76, 90, 91, 85] }] }] },
      400,
      300,
    );
    expect(svg.startsWith('<svg')).toBe(true);
    for (const d of ['德', '能', '勤', '绩', '廉']) expect(svg).toContain(`>${d}<`);
    expect(svg).toContain('<path');
  });

  it('rasterises the radar to a PNG twice its nominal size', () => {
    const chart = renderRadarPng({ title: '五维测评', indicators: FIVE, series: [{ name: '张三', values: [88.2, 76.5, null, 91, 85] }], nullLabel: '样本不足' }, 500, 400);
    expect(chart.png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(pngSize(chart.png)).toEqual({ width: 1000, height: 800 });
    expect({ width: chart.width, height: chart.height }).toEqual({ width: 500, height: 400 });
    expect(chart.png.length).toBeGreaterThan(10_000);
  });

  it('draws Chinese text with the CJK font found on this machine (not the same missing-glyph box for every character)', ({ skip }) => {
    if (!chartFont().file) skip('no CJK font installed here (fonts-noto-cjk)');
    const glyph = (ch: string) => rasteriseSvg(`<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60"><text x="5" y="48" font-family="sans-serif" font-size="48">${ch}</text></svg>`, 60, 1).pixels;
    const de = glyph('德');
    const lian = glyph('廉');
    expect(darkPixels(de)).toBeGreaterThan(200);
    expect(darkPixels(lian)).toBeGreaterThan(200);
    expect(de.equals(lian)).toBe(false);
  });

  it('still produces a chart when no CJK font is configured (system fonts only)', () => {
    process.env.BELLWETHER_CHART_FONT = 'none';
    resetChartFontForTests();
    expect(chartFont().file).toBeNull();
    const chart = renderBarPng({ title: '年龄结构', categories: ['35岁以下', '36-45岁'], series: [{ name: '调整前', values: [1, 4] }] }, 300, 200);
    expect(chart.png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(pngSize(chart.png)).toEqual({ width: 600, height: 400 });
  });

  it('takes the font file from BELLWETHER_CHART_FONT and ignores a path that does not exist', () => {
    process.env.BELLWETHER_CHART_FONT = '/nonexistent/font.ttc#Nope';
    resetChartFontForTests();
    expect(chartFont().file).not.toBe('/nonexistent/font.ttc');
  });
});
