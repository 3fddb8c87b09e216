import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Skeleton } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shanghaiMonth } from '../../../../shared/calendar';
import type { ProjectLevel } from '../../../../shared/domain/project';
import type { FigureKey, KpiSlice } from '../../../../shared/kpi/types';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import { useNow } from '../../hooks/useNow';
import type { Lang } from '../../i18n';
import { useKpiStore } from '../../stores/kpi';
import { ProblemDrawer } from '../problems/ProblemDrawer';
import { BreakdownTable } from './BreakdownTable';
import { AmendmentPanel, ClosingBar } from './ClosingBar';
import { monthParts, shiftMonth, sliceIsEmpty } from './dashboardLogic';
import { FigureDrawer, type FigureRequest } from './FigureDrawer';
import { OverduePanel } from './OverduePanel';
import { RateCards } from './RateCards';
import { TargetsPanel } from './TargetsPanel';
import { TrendChart } from './TrendChart';
import { useDashboardT } from './useDashboardT';
import './dashboard.css';

const LEVELS: readonly ProjectLevel[] = [
  'provincial_top100',
  'city_key_industrial',
  'district_key',
  'government_funded',
];

// Any of these changing can move a figure.
const TABLES = [
  'projects',
  'visits',
  'problems',
  'resumptions',
  'service_groups',
  'month_closings',
  'month_closing_parts',
  'campaign_targets',
] as const;

/** 调度看板: the four rates against their targets, where they stand and how they got there. */
export default function DashboardPage() {
  const td = useDashboardT();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const currentMonth = shanghaiMonth(useNow(60_000));
  const store = useKpiStore();
  const month = store.month ?? currentMonth;
  const slice: KpiSlice = useMemo(
    () => ({ levels: store.levels, districts: store.districts, groupIds: store.groupIds }),
    [store.levels, store.districts, store.groupIds],
  );
  const [request, setRequest] = useState<FigureRequest | null>(null);
  const [problemId, setProblemId] = useState<string | null>(null);

  const dash = useAsync(`kpi:${month}:${JSON.stringify(slice)}`, () => call('kpi.dashboard', { month, slice }), [
    ...TABLES,
  ]);
  const facets = useAsync('facets', () => call('projects.facets', {}), ['projects', 'service_groups']);
  const data = dash.data && dash.data.month === month ? dash.data : undefined;
  const { year, month: m } = monthParts(month);
  const goMonth = (next: string) => store.setMonth(next === currentMonth ? null : next);
  const openFigure = (figure: FigureKey) => setRequest({ figure, slice, scope: null });

  return (
    <div className="kpi-page" data-testid="dashboard-page">
      <div className="page-head">
        <h1>{td('title')}</h1>
        {data && <span className="page-sub">{td('subtitle', { date: date(data.asOf, lang) })}</span>}
      </div>
      <div className="panel kpi-toolbar">
        <span className="kpi-month">
          <Button
            size="small"
            type="text"
            icon={<LeftOutlined />}
            aria-label={td('prevMonth')}
            onClick={() => goMonth(shiftMonth(month, -1))}
            data-testid="month-prev"
          />
          <span className="kpi-month-label" data-testid="dashboard-month">
            {td('month', { year, month: m })}
          </span>
          <Button
            size="small"
            type="text"
            icon={<RightOutlined />}
            aria-label={td('nextMonth')}
            disabled={month >= currentMonth}
            onClick={() => goMonth(shiftMonth(month, 1))}
            data-testid="month-next"
          />
          {month !== currentMonth && (
            <Button size="small" type="link" onClick={() => store.setMonth(null)}>
              {td('thisMonth')}
            </Button>
          )}
        </span>
        <Select<ProjectLevel[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          className="kpi-filter"
          placeholder={td('filter.level')}
          value={store.levels}
          onChange={store.setLevels}
          options={LEVELS.map((l) => ({ value: l, label: t(`labels.level.${l}`) }))}
          data-testid="filter-level"
        />
        <Select<string[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          className="kpi-filter"
          placeholder={td('filter.district')}
          value={store.districts}
          onChange={store.setDistricts}
          options={(facets.data?.districts ?? []).map((d) => ({ value: d, label: d }))}
          data-testid="filter-district"
        />
        <Select<string[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          className="kpi-filter"
          placeholder={td('filter.group')}
          value={store.groupIds}
          onChange={store.setGroupIds}
          optionFilterProp="label"
          options={(facets.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))}
          data-testid="filter-group"
        />
        {!sliceIsEmpty(slice) && (
          <Button size="small" type="link" onClick={store.resetSlice}>
            {td('filter.reset')}
          </Button>
        )}
        {data && <ClosingBar data={data} lang={lang} />}
      </div>
      {dash.error && <ErrorAlert error={dash.error} onRetry={dash.reload} />}
      {!data ? (
        <div className="panel kpi-loading">
          <Skeleton active paragraph={{ rows: 8 }} />
        </div>
      ) : (
        <>
          {data.figures.projects === 0 && <Alert type="info" showIcon title={td('empty')} />}
          <AmendmentPanel data={data} lang={lang} />
          <RateCards data={data} lang={lang} onOpen={openFigure} />
          {data.figures.notReported > 0 && (
            <button
              type="button"
              className="kpi-note"
              onClick={() => openFigure('investment')}
              data-testid="not-reported"
            >
              {td('notReported', { count: data.figures.notReported })}
            </button>
          )}
          <div className="kpi-two-col">
            <TrendChart
              data={data}
              slice={slice}
              lang={lang}
              onOpen={(figure, pointMonth) => setRequest({ figure, slice, scope: null, month: pointMonth })}
            />
            <OverduePanel data={data} lang={lang} onOpenProblem={setProblemId} />
          </div>
          <BreakdownTable data={data} slice={slice} onOpen={setRequest} />
          <TargetsPanel data={data} lang={lang} />
        </>
      )}
      <FigureDrawer month={month} request={request} onClose={() => setRequest(null)} />
      <ProblemDrawer problemId={problemId} onClose={() => setProblemId(null)} />
    </div>
  );
}
