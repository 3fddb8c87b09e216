import { Progress, Tooltip } from 'antd';
import type { GroupCoverage } from '../../../../shared/domain/plan';
import { usePlanT } from '../../i18n/usePlanT';
import { coveragePercent } from './planLogic';

interface Props {
  coverage: GroupCoverage[];
  /** Groups the list is narrowed to (empty: none chosen). */
  selected: string[];
  onToggle: (groupId: string) => void;
}

/** Coordinators' view: each group's visited / due this month as a bar; a click filters the list to it. */
export function CoveragePanel({ coverage, selected, onToggle }: Props) {
  const tp = usePlanT();
  return (
    <div className="panel plan-coverage" data-testid="plan-coverage">
      <div className="plan-coverage-title">{tp('plan.coverageTitle')}</div>
      <div className="plan-coverage-grid">
        {coverage.map((c) => {
          const percent = coveragePercent(c);
          const active = selected.includes(c.groupId);
          return (
            <button
              type="button"
              key={c.groupId}
              className={active ? 'plan-coverage-item plan-coverage-active' : 'plan-coverage-item'}
              data-testid="coverage-group"
              data-group-id={c.groupId}
              aria-pressed={active}
              onClick={() => onToggle(c.groupId)}
            >
              <div className="plan-coverage-head">
                <span className="plan-coverage-name">{c.groupName}</span>
                {c.overdue > 0 && (
                  <span className="plan-coverage-overdue">{tp('plan.coverageOverdue', { count: c.overdue })}</span>
                )}
              </div>
              {percent === null ? (
                <div className="muted plan-coverage-none">{tp('plan.coverageNoProjects')}</div>
              ) : (
                <Tooltip title={`${tp('plan.coverageRate')} ${percent}%`}>
                  <Progress
                    percent={percent}
                    size="small"
                    status={percent === 100 ? 'success' : 'normal'}
                    data-testid="coverage-progress"
                  />
                </Tooltip>
              )}
              <div className="muted plan-coverage-counts num" data-testid="coverage-counts">
                {tp('plan.coverageCounts', { visited: c.visited, due: c.due })}
              </div>
            </button>
          );
        })}
      </div>
    </div>
  );
}
