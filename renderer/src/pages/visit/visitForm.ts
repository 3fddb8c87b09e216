import { z } from 'zod';
import type { VisitDraftInput, VisitPrefill, VisitView } from '../../../../shared/channels/visits';
import type { LatLng } from '../../../../shared/domain/primitives';
import { ProgressFigures, Visit, type VisitKind } from '../../../../shared/domain/visit';
import { MONEY_FIGURES, type MoneyFigure, type PreviousFigures } from '../../../../shared/figures';
import { wanToYuan, YUAN_PER_WAN } from '../../../../shared/money';
import { visitRuleIssues } from '../../../../shared/visit-rules';

/** Money is typed in 万元 (up to 4 decimals: exact to the yuan) and stored as integer yuan. */
const Wan = z
  .number()
  .min(0)
  .max(Math.floor(Number.MAX_SAFE_INTEGER / YUAN_PER_WAN))
  .nullable();

const FormShape = Visit.pick({
  groupId: true,
  date: true,
  kind: true,
  participants: true,
  findings: true,
  isCorrection: true,
}).extend({
  completedInvestmentThisYear: Wan,
  fundsInPlace: Wan,
  cumulativeInvestment: Wan,
  stage: ProgressFigures.shape.stage,
  workersOnSite: ProgressFigures.shape.workersOnSite,
  // The form holds '' for "not written"; saved as null.
  visibleProgress: z.string().max(20_000),
});
export type VisitFormValues = z.infer<typeof FormShape>;

/** The form's schema: the shared Visit shapes, plus the submit rules of shared/visit-rules.ts. */
export function visitFormSchema(today: string) {
  return FormShape.superRefine((values, ctx) => {
    for (const issue of visitRuleIssues(toRuleInput(values), today)) {
      // ['figures', x] in the Visit shape is the flat field x in the form.
      ctx.addIssue({ code: 'custom', path: [issue.path[issue.path.length - 1]!], message: issue.code });
    }
  });
}

export function moneyInYuan(values: Pick<VisitFormValues, MoneyFigure>): { [K in MoneyFigure]: number | null } {
  const out = { completedInvestmentThisYear: null, fundsInPlace: null, cumulativeInvestment: null } as {
    [K in MoneyFigure]: number | null;
  };
  for (const f of MONEY_FIGURES) {
    const v = values[f];
    out[f] = v === null || v === undefined || Number.isNaN(v) ? null : wanToYuan(v);
  }
  return out;
}

const toWan = (yuan: number | null | undefined): number | null =>
  yuan === null || yuan === undefined ? null : yuan / YUAN_PER_WAN;

function toRuleInput(v: VisitFormValues) {
  return {
    date: v.date,
    kind: v.kind,
    participants: v.participants,
    findings: v.findings,
    figures: {
      ...moneyInYuan(v),
      stage: v.stage,
      workersOnSite: v.workersOnSite,
      visibleProgress: v.visibleProgress || null,
    },
  };
}

/** What the form is opened with: a stored visit, or a new one from the prefill. */
export interface EditorInit {
  visitId: string | null;
  status: 'draft' | 'submitted';
  submittedAt: number | null;
  project: VisitView['project'];
  previous: PreviousFigures;
  correctionReason: string | null;
  lastSavedAt: number | null;
  /** Fields that are not on the form but belong to the visit (kept as they are). */
  base: { location: string | null; position: LatLng | null };
  defaults: VisitFormValues;
  /** The latest submitted figures, for "copy last figures" on a new visit. */
  lastFigures: Partial<VisitFormValues> | null;
  /**
   * Started from this month's plan (本月走访): the form opens with the last visit's figures to
   * update, and says so; this is that visit's date (null: the project's first visit).
   */
  fromPlan?: { lastVisitDate: string | null };
}

export function initFromView(view: VisitView): EditorInit {
  const v = view.visit;
  return {
    visitId: v.id,
    status: v.status,
    submittedAt: v.submittedAt,
    project: view.project,
    previous: view.previous,
    correctionReason: view.correctionReason,
    lastSavedAt: view.lastSavedAt,
    base: { location: v.location, position: v.position },
    defaults: {
      groupId: v.groupId,
      date: v.date,
      kind: v.kind,
      participants: v.participants,
      findings: v.findings,
      isCorrection: v.isCorrection,
      completedInvestmentThisYear: toWan(v.figures.completedInvestmentThisYear),
      fundsInPlace: toWan(v.figures.fundsInPlace),
      cumulativeInvestment: toWan(v.figures.cumulativeInvestment),
      stage: v.figures.stage,
      workersOnSite: v.figures.workersOnSite,
      visibleProgress: v.figures.visibleProgress ?? '',
    },
    lastFigures: null,
  };
}

/**
 * A new visit from the prefill. `fromPlan`: started from this month's plan, so the last figures
 * are filled in to be updated (the ledger's "start visit" leaves them empty, with a copy button).
 */
export function initFromPrefill(pre: VisitPrefill, opts: { fromPlan?: boolean } = {}): EditorInit {
  const kind: VisitKind = 'monthly';
  const last = pre.lastFigures;
  // Year-scoped figures restart in January: last year's are no starting point.
  const sameYear = pre.lastVisitDate?.slice(0, 4) === pre.date.slice(0, 4);
  const lastFigures = last
    ? {
        completedInvestmentThisYear: sameYear ? toWan(last.completedInvestmentThisYear) : 0,
        fundsInPlace: sameYear ? toWan(last.fundsInPlace) : 0,
        cumulativeInvestment: toWan(last.cumulativeInvestment),
        stage: last.stage,
      }
    : null;
  const defaults: VisitFormValues = {
    groupId: pre.group?.id ?? pre.project.groupId,
    date: pre.date,
    kind,
    participants: pre.participants,
    findings: '',
    isCorrection: false,
    completedInvestmentThisYear: null,
    fundsInPlace: null,
    cumulativeInvestment: null,
    stage: last?.stage ?? pre.project.stage,
    workersOnSite: null,
    visibleProgress: '',
  };
  return {
    ...(opts.fromPlan ? { fromPlan: { lastVisitDate: pre.lastVisitDate } } : {}),
    visitId: null,
    status: 'draft',
    submittedAt: null,
    project: pre.project,
    previous: pre.previous,
    correctionReason: null,
    lastSavedAt: null,
    base: { location: pre.project.location, position: null },
    defaults: opts.fromPlan && lastFigures ? { ...defaults, ...lastFigures } : defaults,
    lastFigures,
  };
}

/** The draft to autosave from the form's current values. */
export function toDraftInput(
  values: VisitFormValues,
  ids: { visitId: string | null; projectId: string },
  base: EditorInit['base'],
): VisitDraftInput {
  const { completedInvestmentThisYear: _a, fundsInPlace: _b, cumulativeInvestment: _c, ...rest } = values;
  const input: VisitDraftInput = {
    projectId: ids.projectId,
    groupId: rest.groupId ?? null,
    date: rest.date,
    kind: rest.kind,
    participants: rest.participants.map((p) => p.trim()).filter((p) => p !== ''),
    findings: rest.findings,
    isCorrection: rest.isCorrection,
    location: base.location,
    position: base.position,
    figures: {
      ...moneyInYuan(values),
      stage: rest.stage ?? null,
      workersOnSite: rest.workersOnSite ?? null,
      visibleProgress: rest.visibleProgress.trim() === '' ? null : rest.visibleProgress,
    },
  };
  return ids.visitId ? { ...input, id: ids.visitId } : input;
}
