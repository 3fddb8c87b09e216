/**
 * A closed month keeps the figures of its snapshot; what arrived later for it (a late visit, a
 * corrected figure, a problem resolved on a date in the month) is shown beside them as an
 * amendment — the figures that moved and the projects behind the change — never folded in.
 */
import { computeFigures, sliceRows } from './figures';
import type { KpiContext } from './rows';
import type { FigureKey, KpiFigures, KpiRow, KpiSlice } from './types';

/** The parts of a row a figure depends on. */
export const AMEND_FIELDS = [
  'startKind',
  'started',
  'annualPlan',
  'completed',
  'funds',
  'reported',
  'productionDue',
  'producedOnTime',
  'visitDue',
  'visited',
  'raised',
  'resolved',
  'resolveDays',
  'overdue',
] as const satisfies readonly (keyof KpiRow)[];
export type AmendField = (typeof AMEND_FIELDS)[number];

export interface FieldChange {
  field: AmendField;
  before: string | number | boolean | null;
  after: string | number | boolean | null;
}

export interface ProjectAmendment {
  projectId: string;
  code: string;
  name: string;
  /** `added`: a project the snapshot did not have; `removed`: one no longer here. */
  kind: 'changed' | 'added' | 'removed';
  changes: FieldChange[];
}

export interface FigureAmendment {
  figure: FigureKey;
  /** The figure as closed, and as the data stands now (rate value, count or average days). */
  before: number | null;
  after: number | null;
  /** For a rate: numerator and denominator on each side. */
  beforeParts: [number, number] | null;
  afterParts: [number, number] | null;
}

export interface Amendment {
  figures: FigureAmendment[];
  projects: ProjectAmendment[];
}

function figureValues(f: KpiFigures): Record<FigureKey, { value: number | null; parts: [number, number] | null }> {
  const ratio = (r: KpiFigures['start']) => ({
    value: r.value,
    parts: [r.numerator, r.denominator] as [number, number],
  });
  return {
    start: ratio(f.start),
    investment: ratio(f.investment),
    funding: ratio(f.funding),
    production: ratio(f.production),
    coverage: ratio(f.coverage),
    raised: { value: f.raised.value, parts: null },
    resolved: { value: f.resolved.value, parts: null },
    overdue: { value: f.overdue.value, parts: null },
    resolveDays: { value: f.resolveDays.value, parts: [f.resolveDays.totalDays, f.resolveDays.count] },
  };
}

/** A row that counts in some figure; one that does not (a reserve project) is no amendment. */
function contributes(r: KpiRow): boolean {
  return (
    r.startKind !== null ||
    r.annualPlan > 0 ||
    r.completed > 0 ||
    r.funds > 0 ||
    r.productionDue ||
    r.visitDue ||
    r.raised + r.resolved + r.overdue > 0
  );
}

const sameParts = (a: [number, number] | null, b: [number, number] | null): boolean =>
  a === b || (a !== null && b !== null && a[0] === b[0] && a[1] === b[1]);

/** How the slice's figures and rows moved from the snapshot to the data as it stands now. */
export function amendmentOf(
  closed: readonly KpiRow[],
  live: readonly KpiRow[],
  ctx: Pick<KpiContext, 'period' | 'asOf'>,
  slice: KpiSlice = {},
): Amendment {
  const before = figureValues(computeFigures(closed, ctx, slice));
  const after = figureValues(computeFigures(live, ctx, slice));
  const figures: FigureAmendment[] = [];
  for (const figure of Object.keys(before) as FigureKey[]) {
    const b = before[figure];
    const a = after[figure];
    if (b.value === a.value && sameParts(b.parts, a.parts)) continue;
    figures.push({ figure, before: b.value, after: a.value, beforeParts: b.parts, afterParts: a.parts });
  }

  const closedById = new Map(sliceRows(closed, slice).map((r) => [r.projectId, r]));
  const liveById = new Map(sliceRows(live, slice).map((r) => [r.projectId, r]));
  const projects: ProjectAmendment[] = [];
  for (const [id, b] of closedById) {
    const a = liveById.get(id);
    if (!a) {
      if (contributes(b)) projects.push({ projectId: id, code: b.code, name: b.name, kind: 'removed', changes: [] });
      continue;
    }
    const changes = AMEND_FIELDS.filter((f) => a[f] !== b[f]).map((f) => ({ field: f, before: b[f], after: a[f] }));
    if (changes.length > 0) projects.push({ projectId: id, code: a.code, name: a.name, kind: 'changed', changes });
  }
  for (const [id, a] of liveById) {
    if (!closedById.has(id) && contributes(a))
      projects.push({ projectId: id, code: a.code, name: a.name, kind: 'added', changes: [] });
  }
  projects.sort((x, y) => x.code.localeCompare(y.code) || x.projectId.localeCompare(y.projectId));
  return { figures, projects };
}
