import { Skeleton } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import type { KpiDashboard, KpiTrendPoint } from '../../../../shared/channels/kpi';
import { formatRate } from '../../../../shared/kpi/format';
import type { KpiSlice, RatioKey } from '../../../../shared/kpi/types';
import { call } from '../../api/client';
import type { EChartOption } from '../../components/chart/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../hooks/useAsync';
import type { Lang } from '../../i18n';
import { CARD_RATES, monthParts, TREND_SERIES as SERIES, trendPointFigure } from './dashboardLogic';
import { useDashboardT, type DashboardT } from './useDashboardT';

// echarts is fetched with the first chart, not with the app (as on the project page).
const EChart = lazy(() => import('../../components/chart/EChart').then((m) => ({ default: m.EChart })));

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const COLORS: Record<RatioKey, string> = {
  start: '#1f5fae',
  investment: '#d4380d',
  funding: '#389e0d',
  production: '#722ed1',
  coverage: '#8a94a6',
};

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function trendOption(
  trend: readonly KpiTrendPoint[],
  applied: KpiDashboard['applied'],
  lang: Lang,
  td: DashboardT,
): EChartOption {
  const labels = trend.map((p) => {
    const m = monthParts(p.month).month;
    return lang === 'zh-CN' ? `${m}月` : EN_MONTHS[m - 1]!;
  });
  const lines = SERIES.map((key) => ({
    name: td(`rate.${key}`),
    type: 'line' as const,
    data: trend.map((p) => pct(p[key].value)),
    connectNulls: false,
    symbolSize: 6,
    lineStyle: { width: key === 'coverage' ? 1.5 : 2.5, color: COLORS[key] },
    itemStyle: { color: COLORS[key] },
  }));
  // A target is a dashed level line in its rate's colour (targets have no month of their own).
  const targets = CARD_RATES.flatMap((key) => {
    const t = applied[key];
    if (!t) return [];
    return [
      {
        name: td('trend.target', { rate: td(`rate.${key}`) }),
        type: 'line' as const,
        data: trend.map(() => t.targetBp / 100),
        symbol: 'none',
        lineStyle: { type: 'dashed' as const, width: 1, color: COLORS[key] },
        itemStyle: { color: COLORS[key] },
        tooltip: { show: false },
      },
    ];
  });
  return {
    animation: false,
    grid: { left: 12, right: 24, top: 48, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, type: 'scroll', data: [...lines, ...targets].map((s) => s.name) },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const i = list[0]?.dataIndex ?? 0;
        const point = trend[i];
        if (!point) return '';
        const head = `<b>${labels[i]}</b>${point.closed ? ` · ${td('trend.closed')}` : ''}`;
        // Every value is a number we computed; names are our own messages.
        return [head, ...SERIES.map((k) => `${td(`rate.${k}`)}: ${formatRate(point[k].value)}`)].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' }, min: 0 },
    series: [...lines, ...targets],
  };
}

const TABLES = [
  'projects',
  'visits',
  'resumptions',
  'service_groups',
  'month_closings',
  'month_closing_parts',
] as const;

/** The four rates (and coverage) month by month, with their targets as dashed lines; fetched beside the figures. */
export function TrendChart({
  data,
  slice,
  lang,
  onOpen,
}: {
  data: KpiDashboard;
  slice: KpiSlice;
  lang: Lang;
  /** A month's point of a rate was clicked: list the projects behind it for that month. */
  onOpen: (figure: RatioKey, month: string) => void;
}) {
  const td = useDashboardT();
  const key = `kpi-trend:${data.month}:${JSON.stringify(slice)}`;
  const trend = useAsync(key, () => call('kpi.trend', { month: data.month, slice }), [...TABLES]);
  const points = trend.data;
  const option = useMemo(
    () => (points ? trendOption(points, data.applied, lang, td) : null),
    [points, data.applied, lang, td],
  );
  return (
    <div className="panel kpi-panel" data-testid="kpi-trend">
      <div className="kpi-panel-head">
        <span className="kpi-panel-title">{td('trend.title')}</span>
      </div>
      {trend.error && <ErrorAlert error={trend.error} onRetry={trend.reload} />}
      {option ? (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
          <EChart
            option={option}
            height={340}
            data-testid="trend-chart"
            ariaLabel={td('trend.title')}
            onPointClick={({ seriesIndex, dataIndex }) => {
              const hit = trendPointFigure(points ?? [], seriesIndex, dataIndex);
              if (hit) onOpen(hit.figure, hit.month);
            }}
          />
        </Suspense>
      ) : (
        <Skeleton active paragraph={{ rows: 6 }} />
      )}
    </div>
  );
}
