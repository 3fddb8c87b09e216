import { Card, Empty, Skeleton } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthFigures, MonthlyFigures } from '../../../../shared/api';
import { YUAN_PER_WAN } from '../../../../shared/money';
import { call } from '../../api/client';
import type { EChartOption } from '../../components/chart/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, todayShanghai, wan } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import type { Lang } from '../../i18n';
import { BRAND } from '../../theme';

// echarts is the largest dependency of the page: fetched with the first chart, not with the app.
const EChart = lazy(() => import('../../components/chart/EChart').then((m) => ({ default: m.EChart })));

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PLAN_COLOR = '#d4380d';

function completedOf(m: MonthFigures | undefined): number | null {
  return m?.figures?.completedInvestmentThisYear ?? null;
}

/** The tooltip of one month: figures, completion rate, and where the figures come from. */
function tooltipHtml(
  m: MonthFigures | undefined,
  label: string,
  plan: number,
  lang: Lang,
  t: ReturnType<typeof useTranslation>['t'],
): string {
  const completed = completedOf(m);
  const rate = completed !== null && plan > 0 ? `${((completed / plan) * 100).toFixed(1)}%` : '—';
  const source = !m?.visitDate
    ? t('figures.noData')
    : m.reported
      ? t('figures.reportedNote', { date: date(m.visitDate, lang) })
      : t('figures.notReportedNote', { date: date(m.visitDate, lang) });
  const unit = t('figures.unitWan');
  const lines = [
    `<b>${label}</b>${m && !m.reported ? ` <span style="color:#d48806">· ${t('figures.notReported')}</span>` : ''}`,
    `${t('figures.completed')}: ${wan(completed, lang)} ${unit} (${rate})`,
    `${t('figures.plan')}: ${wan(plan, lang)} ${unit}`,
    `${t('figures.cumulative')}: ${wan(m?.figures?.cumulativeInvestment, lang)} ${unit}`,
    `<span style="color:#8a94a6">${source}</span>`,
  ];
  // Every interpolated value is a number, a date or one of our messages: nothing a user typed.
  return lines.join('<br/>');
}

export function buildFiguresOption(data: MonthlyFigures, lang: Lang, t: ReturnType<typeof useTranslation>['t']) {
  const labels = Array.from({ length: 12 }, (_, i) => (lang === 'zh-CN' ? `${i + 1}月` : EN_MONTHS[i]!));
  const plan = data.annualPlannedInvestment;
  const toWan = (yuan: number) => yuan / YUAN_PER_WAN;
  const completed = labels.map((_, i) => {
    const m = data.months[i];
    const v = completedOf(m);
    if (v === null) return { value: null };
    // Filled point: reported that month; hollow point: carried forward (未报送).
    return m!.reported
      ? { value: toWan(v), symbol: 'circle', symbolSize: 8 }
      : { value: toWan(v), symbol: 'emptyCircle', symbolSize: 10 };
  });
  const option: EChartOption = {
    animation: false,
    grid: { left: 12, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, right: 8, data: [t('figures.completed'), t('figures.plan')] },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const i = first?.dataIndex ?? 0;
        return tooltipHtml(data.months[i], labels[i]!, plan, lang, t);
      },
    },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: {
      type: 'value',
      name: t('figures.unitWan'),
      nameTextStyle: { align: 'right' },
      axisLabel: { formatter: (v: number) => v.toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en-US') },
    },
    series: [
      {
        name: t('figures.completed'),
        type: 'line',
        data: completed,
        color: BRAND.primary,
        lineStyle: { width: 2 },
        areaStyle: { opacity: 0.08 },
        connectNulls: false,
      },
      {
        name: t('figures.plan'),
        type: 'line',
        data: labels.map(() => toWan(plan)),
        color: PLAN_COLOR,
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 1.5 },
      },
    ],
  };
  return option;
}

/** 本年完成投资 month by month against the annual plan (DOMAIN.md's month rule, from the backend). */
export function FiguresChart({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const year = Number(todayShanghai().slice(0, 4));
  const res = useAsync(`figures:${projectId}:${year}`, () => call('projects.monthlyFigures', { projectId, year }), [
    'visits',
    'projects',
  ]);
  const data = res.data && res.data.projectId === projectId ? res.data : undefined;
  const option = useMemo(() => (data ? buildFiguresOption(data, lang, t) : null), [data, lang, t]);
  const hasPoints = !!data?.months.some((m) => completedOf(m) !== null);

  return (
    <Card
      size="small"
      title={t('figures.title', { year })}
      extra={<span className="muted">{t('figures.legendHint')}</span>}
    >
      {res.error && <ErrorAlert error={res.error} onRetry={res.reload} />}
      {!data ? (
        !res.error && <Skeleton active paragraph={{ rows: 4 }} />
      ) : option && (hasPoints || data.annualPlannedInvestment > 0) ? (
        <Suspense fallback={<div style={{ height: 260 }} />}>
          <EChart option={option} height={260} data-testid="figures-chart" ariaLabel={t('figures.title', { year })} />
        </Suspense>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('figures.empty')} data-testid="figures-chart" />
      )}
    </Card>
  );
}
