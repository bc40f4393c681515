// A chart drawn by ECharts into a div, redrawn when its option changes and resized with
// its box. Charts are images to assistive technology (role="img" with a label); every page
// that draws one also offers its figures as a table.
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'preact/hooks';

type ECharts = { setOption(o: EChartsCoreOption, notMerge?: boolean): void; resize(): void; dispose(): void };

export function Chart(props: { option: EChartsCoreOption; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const option = useRef(props.option);
  option.current = props.option;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts-setup.ts').then(({ echarts }) => {
      if (disposed || !box.current) return;
      const c = echarts.init(box.current, undefined, { renderer: 'svg' });
      chart.current = c;
      c.setOption(option.current, true);
      observer = new ResizeObserver(() => c.resize());
      observer.observe(box.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, true);
  }, [props.option]);

  return <div ref={box} class="chart" role="img" aria-label={props.label} style={{ height: `${props.height ?? 280}px` }} />;
}

export type LineSeries = { name: string; values: Array<number | null>; dashed?: boolean; color?: string };

/** A line chart's option: one x label per bucket, a line per series; `format` writes values on the axis and in tooltips. */
export function lineOption(opts: { labels: string[]; series: LineSeries[]; format: (v: number | null) => string; extra?: Record<string, unknown> }): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 36, bottom: 40 },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => opts.format(typeof v === 'number' ? v : null) },
    xAxis: { type: 'category', data: opts.labels, boundaryGap: false },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => opts.format(v) } },
    series: opts.series.map((s) => ({
      name: s.name,
      type: 'line',
      data: s.values,
      connectNulls: false,
      showSymbol: s.values.length < 40,
      lineStyle: s.dashed ? { type: 'dashed', width: 1.5 } : { width: 2 },
      ...(s.color ? { color: s.color } : {}),
      ...(s.dashed ? { z: 1 } : { z: 2 }),
    })),
    ...opts.extra,
  };
}
