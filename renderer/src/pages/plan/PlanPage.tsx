import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Segmented, Select, Tooltip } from 'antd';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { shanghaiMonth } from '../../../../shared/calendar';
import type { MonthPlanEntry } from '../../../../shared/domain/plan';
import { call, toApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import { useNow } from '../../hooks/useNow';
import type { Lang } from '../../i18n';
import { usePlanT } from '../../i18n/usePlanT';
import { usePlanStore } from '../../stores/plan';
import { useRole } from '../../stores/sync';
import { mayCoordinate } from './access';
import { CoveragePanel } from './CoveragePanel';
import {
  filterCounts,
  matchesFilter,
  monthKind,
  monthParts,
  moveSelection,
  PLAN_FILTERS,
  shiftMonth,
  type PlanFilter,
} from './planLogic';
import { PlanEmpty, PlanTable } from './PlanTable';
import './plan.css';
import { MonthlyReportButton } from '../../components/exports/MonthlyReportButton';

const TABLES = ['visits', 'visit_plans', 'projects', 'service_groups'] as const;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(el.tagName));
}

/** 本月走访: the inspector's home screen, and every group's coverage for coordinators. */
export function PlanPage() {
  const { t, i18n } = useTranslation();
  const tp = usePlanT();
  const lang = i18n.language as Lang;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const coordinator = mayCoordinate(useRole());
  // The current month follows the Asia/Shanghai clock (a page left open over midnight moves on).
  const currentMonth = shanghaiMonth(useNow(60_000));
  const month = usePlanStore((s) => s.month) ?? currentMonth;
  const setMonth = usePlanStore((s) => s.setMonth);
  const groupIds = usePlanStore((s) => s.groupIds);
  const setGroupIds = usePlanStore((s) => s.setGroupIds);
  const filter = usePlanStore((s) => s.filter);
  const setFilter = usePlanStore((s) => s.setFilter);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const focus = params.get('focus');

  const plan = useAsync(
    `plan:${month}:${groupIds.join(',')}`,
    () => call('plan.month', { month, ...(groupIds.length ? { groupIds } : {}) }),
    [...TABLES],
  );
  const data = plan.data && plan.data.month === month ? plan.data : undefined;
  const entries = useMemo(() => data?.entries ?? [], [data]);
  const visible = useMemo(() => entries.filter((e) => matchesFilter(e, filter)), [entries, filter]);
  const counts = filterCounts(entries);
  const kind = monthKind(month, currentMonth);
  const { year, month: m } = monthParts(month);
  const goMonth = (next: string) => setMonth(next === currentMonth ? null : next);

  // A reminder leads here with ?focus=<project>: show it selected, whatever the status filter.
  const focused = useRef<string | null>(null);
  useEffect(() => {
    if (!focus || focused.current === focus || !entries.some((e) => e.projectId === focus)) return;
    focused.current = focus;
    setSelectedId(focus);
    if (
      !matchesFilter(
        entries.find((e) => e.projectId === focus)!,
        filter,
      )
    )
      setFilter('all');
    requestAnimationFrame(() =>
      document.querySelector(`[data-project-id="${CSS.escape(focus)}"]`)?.scrollIntoView({ block: 'center' }),
    );
  }, [focus, entries, filter, setFilter]);

  const start = (e: MonthPlanEntry) =>
    void navigate(`/projects/${encodeURIComponent(e.projectId)}/visits/new?from=plan`);
  const openVisit = (e: MonthPlanEntry) =>
    e.visitIdThisMonth && void navigate(`/visits/${encodeURIComponent(e.visitIdThisMonth)}`);
  const openProject = (e: MonthPlanEntry) => void navigate(`/projects/${encodeURIComponent(e.projectId)}`);

  const schedule = async (e: MonthPlanEntry, d: string | null) => {
    try {
      await call(
        'plan.schedule',
        d ? { projectId: e.projectId, date: d } : { projectId: e.projectId, date: null, month },
      );
      void message.success(d ? tp('plan.planned', { date: date(d, lang) }) : tp('plan.planCleared'));
      plan.reload();
    } catch (err) {
      void message.error(t(`errors.${toApiError(err).code}`));
    }
  };

  // ↑↓ pick a row, Enter starts (or opens) its visit, [ and ] change the month.
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
    if (document.querySelector('.ant-modal-wrap, .ant-drawer-open')) return;
    const index = visible.findIndex((x) => x.projectId === selectedId);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = visible[moveSelection(index, e.key === 'ArrowDown' ? 1 : -1, visible.length)];
      if (next) {
        setSelectedId(next.projectId);
        document
          .querySelector(`[data-project-id="${CSS.escape(next.projectId)}"]`)
          ?.scrollIntoView({ block: 'nearest' });
      }
    } else if (e.key === 'Enter' && index >= 0) {
      const row = visible[index]!;
      e.preventDefault();
      if (row.status === 'visited') openVisit(row);
      else if (kind === 'current') start(row);
    } else if (e.key === '[' || e.key === ']') {
      e.preventDefault();
      goMonth(shiftMonth(month, e.key === '[' ? -1 : 1));
    }
  });
  useEffect(() => {
    const handler = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);

  const coverage = data?.coverage ?? [];
  const emptyReason = coverage.length === 0 ? 'noGroups' : entries.length === 0 ? 'noProjects' : ('filtered' as const);
  const toggleGroup = (id: string) =>
    setGroupIds(groupIds.includes(id) ? groupIds.filter((g) => g !== id) : [...groupIds, id]);

  return (
    <div className="plan-page" data-testid="plan-page" data-month={month}>
      <div className="page-head">
        <h1>{tp('plan.title')}</h1>
        <span className="page-sub">{coordinator ? tp('plan.subtitleAll') : tp('plan.subtitle')}</span>
        <MonthlyReportButton month={month} style={{ marginLeft: 'auto', alignSelf: 'center' }} />
      </div>
      <div className="panel plan-toolbar">
        <span className="plan-month">
          <Tooltip title={`${tp('plan.prevMonth')} ([)`}>
            <Button
              icon={<LeftOutlined />}
              aria-label={tp('plan.prevMonth')}
              data-testid="plan-prev-month"
              onClick={() => goMonth(shiftMonth(month, -1))}
            />
          </Tooltip>
          <span className="plan-month-label" data-testid="plan-month">
            {tp('plan.month', { year, month: m })}
          </span>
          <Tooltip title={`${tp('plan.nextMonth')} (])`}>
            <Button
              icon={<RightOutlined />}
              aria-label={tp('plan.nextMonth')}
              data-testid="plan-next-month"
              onClick={() => goMonth(shiftMonth(month, 1))}
            />
          </Tooltip>
          {kind !== 'current' && (
            <Button type="link" onClick={() => setMonth(null)} data-testid="plan-this-month">
              {tp('plan.thisMonth')}
            </Button>
          )}
        </span>
        {coverage.length > 1 && (
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            style={{ minWidth: 220 }}
            data-testid="plan-group-filter"
            placeholder={coordinator ? tp('plan.groupFilterAll') : tp('plan.groupFilter')}
            value={groupIds}
            onChange={setGroupIds}
            optionFilterProp="label"
            options={coverage.map((c) => ({ value: c.groupId, label: c.groupName }))}
          />
        )}
        <Segmented<PlanFilter>
          data-testid="plan-filter"
          value={filter}
          onChange={setFilter}
          options={PLAN_FILTERS.map((f) => ({ value: f, label: `${tp(`plan.filter.${f}`)} ${counts[f]}` }))}
        />
        {data && (
          <span className="plan-totals num" data-testid="plan-totals">
            {tp('plan.totals', data.totals)}
          </span>
        )}
      </div>
      {plan.error && <ErrorAlert error={plan.error} onRetry={plan.reload} />}
      {coordinator && coverage.length > 0 && (
        <CoveragePanel coverage={coverage} selected={groupIds} onToggle={toggleGroup} />
      )}
      {kind === 'current' && entries.length > 0 && counts.todo === 0 && (
        <Alert type="success" showIcon title={tp('plan.allVisited')} data-testid="plan-all-visited" />
      )}
      {kind === 'past' && <Alert type="info" showIcon title={tp('plan.pastMonth')} />}
      <div className="panel plan-table-panel">
        <PlanTable
          entries={visible}
          month={month}
          kind={kind}
          loading={plan.loading && !data}
          selectedId={selectedId}
          showGroup={(data?.groupIds.length ?? 0) > 1}
          onSelect={setSelectedId}
          onStart={start}
          onOpenVisit={openVisit}
          onOpenProject={openProject}
          onSchedule={(e, d) => void schedule(e, d)}
          empty={
            <PlanEmpty
              reason={emptyReason}
              onAction={() => (emptyReason === 'filtered' ? setFilter('all') : void navigate('/projects'))}
            />
          }
        />
        <div className="plan-hint kbd-hint">
          {data && groupIds.length === 0 && (
            <span style={{ marginInlineEnd: 16 }}>
              {/* The backend lists the user's groups, or every group for someone in none (a coordinator). */}
              {coordinator && data.groupIds.length === coverage.length ? tp('plan.allHint') : tp('plan.mineHint')}
            </span>
          )}
          {tp('plan.keyboardHint')}
        </div>
      </div>
    </div>
  );
}
