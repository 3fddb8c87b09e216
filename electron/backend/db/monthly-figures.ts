import type { Database } from 'better-sqlite3';
import type { MonthFigures, MonthlyFigures } from '../../../shared/api';
import { shanghaiMonth } from '../../../shared/calendar';
import type { ProgressFigures, Visit } from '../../../shared/domain/visit';
import { AppError } from '../../../shared/errors';
import { YEAR_SCOPED } from '../../../shared/figures';
import { stmt, type Row } from './cells';
import { getProject } from './projects';
import { rowToVisit } from './visits';

// "Latest" within a month: the later visit date, then the later submission, then the id (stable).
const IN_YEAR_SQL = `SELECT * FROM visits WHERE project_id = ? AND date >= ? AND date < ?
  AND status = 'submitted' AND deleted = 0 ORDER BY date, submitted_at, id`;
const BEFORE_YEAR_SQL = `SELECT * FROM visits WHERE project_id = ? AND date < ?
  AND status = 'submitted' AND deleted = 0 ORDER BY date DESC, submitted_at DESC, id DESC LIMIT 1`;

export const MONTHLY_FIGURES_SQL = { inYear: IN_YEAR_SQL, beforeYear: BEFORE_YEAR_SQL } as const;

/** Last year's figures as they stand on 1 January: the year-scoped ones have restarted, so none is known. */
function intoNewYear(f: ProgressFigures): ProgressFigures {
  const out = { ...f };
  for (const field of YEAR_SCOPED) out[field] = null;
  return out;
}

/**
 * DOMAIN.md's rule for one year: a month's figures are those of its latest submitted visit;
 * a month without one carries the last known figures forward, marked not reported.
 * `visits` are the year's submitted visits in (date, submittedAt, id) order; `carryIn` is the
 * latest submitted visit before the year. Year-scoped figures (completed this year, funds in
 * place) are not carried across New Year: they restart, so a January without a visit has none.
 */
export function monthlyFiguresOf(
  year: number,
  throughMonth: number,
  visits: readonly Visit[],
  carryIn: Visit | null,
): MonthFigures[] {
  const latestByMonth = new Map<string, Visit>();
  for (const v of visits) latestByMonth.set(v.date.slice(0, 7), v);
  let last: MonthFigures | null = carryIn
    ? {
        month: '',
        reported: false,
        visitId: carryIn.id,
        visitDate: carryIn.date,
        figures: intoNewYear(carryIn.figures),
      }
    : null;
  const out: MonthFigures[] = [];
  for (let m = 1; m <= throughMonth; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    const v = latestByMonth.get(month);
    const entry: MonthFigures = v
      ? { month, reported: true, visitId: v.id, visitDate: v.date, figures: v.figures }
      : last
        ? { ...last, month, reported: false }
        : { month, reported: false, visitId: null, visitDate: null, figures: null };
    out.push(entry);
    if (entry.figures) last = entry;
  }
  return out;
}

/** A project's figures month by month for `year`, through the current month (Asia/Shanghai) of `now`. */
export function monthlyFigures(db: Database, projectId: string, year: number, now: number): MonthlyFigures {
  const project = getProject(db, projectId);
  if (!project) throw new AppError('not_found', `no project ${projectId}`);
  const current = shanghaiMonth(now);
  const currentYear = Number(current.slice(0, 4));
  const throughMonth = year < currentYear ? 12 : year > currentYear ? 0 : Number(current.slice(5, 7));
  const start = `${year}-01-01`;
  const visits = (stmt(db, IN_YEAR_SQL).all(projectId, start, `${year + 1}-01-01`) as Row[]).map(rowToVisit);
  const before = stmt(db, BEFORE_YEAR_SQL).get(projectId, start) as Row | undefined;
  return {
    projectId,
    year,
    annualPlannedInvestment: project.annualPlannedInvestment,
    months: monthlyFiguresOf(year, throughMonth, visits, before ? rowToVisit(before) : null),
  };
}
