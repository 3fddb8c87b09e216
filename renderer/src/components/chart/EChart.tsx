import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { useEffect, useRef } from 'react';

// Only the parts the app draws are registered, which keeps echarts' share of the bundle small.
echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type EChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

interface Props {
  option: EChartOption;
  height: number;
  'data-testid'?: string;
  ariaLabel?: string;
  /** A click on a data point: which series and which point of it. */
  onPointClick?: (point: { seriesIndex: number; dataIndex: number }) => void;
}

/** A chart that follows its container's size (ResizeObserver) and is disposed on unmount. */
export function EChart({ option, height, 'data-testid': testId, ariaLabel, onPointClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  // The latest handler, read at click time, so a new handler needs no re-registration.
  const clickRef = useRef(onPointClick);
  useEffect(() => {
    clickRef.current = onPointClick;
  }, [onPointClick]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    // SVG: crisp at any zoom and text stays selectable; the charts here have a few dozen points.
    const c = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (params) => {
      if (typeof params.seriesIndex === 'number' && typeof params.dataIndex === 'number')
        clickRef.current?.({ seriesIndex: params.seriesIndex, dataIndex: params.dataIndex });
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={ref}
      style={{ width: '100%', height, cursor: onPointClick ? 'pointer' : undefined }}
      data-testid={testId}
      role="img"
      aria-label={ariaLabel}
    />
  );
}
