import type { ProblemCategory, HandlingLevel, ProblemStatus } from '../../../shared/domain/problem';
import type { ProcedureKind, ProcedureStatus, ProjectLevel, ProjectStage } from '../../../shared/domain/project';
import type { VisitKind } from '../../../shared/domain/visit';

/*
 * Display order of the domain enums. Written as exhaustive records (type-only imports) so the
 * renderer bundle does not pull zod in, and a new enum member fails the typecheck here.
 */
function order<T extends string>(rec: Record<T, number>): T[] {
  return (Object.keys(rec) as T[]).sort((a, b) => rec[a] - rec[b]);
}

export const LEVELS = order<ProjectLevel>({
  provincial_top100: 0,
  city_key_industrial: 1,
  district_key: 2,
  government_funded: 3,
});
export const STAGES = order<ProjectStage>({
  reserve: 0,
  preliminary: 1,
  new_start: 2,
  continuing: 3,
  completed: 4,
  in_production: 5,
});
export const PROCEDURE_KINDS = order<ProcedureKind>({
  approval_filing: 0,
  land: 1,
  planning_permit: 2,
  environmental: 3,
  energy: 4,
  construction_permit: 5,
});
export const PROCEDURE_STATUSES = order<ProcedureStatus>({ not_started: 0, in_progress: 1, done: 2, not_required: 3 });
export const VISIT_KINDS = order<VisitKind>({ monthly: 0, special_supervision: 1, onsite_coordination: 2 });
export const PROBLEM_CATEGORIES = order<ProblemCategory>({
  land: 0,
  approval: 1,
  funding: 2,
  utilities: 3,
  infrastructure: 4,
  expropriation: 5,
  policy: 6,
  other: 7,
});
export const HANDLING_LEVELS = order<HandlingLevel>({
  onsite: 0,
  district: 1,
  city_department: 2,
  city_joint_meeting: 3,
  province: 4,
});
export const PROBLEM_STATUSES = order<ProblemStatus>({ open: 0, in_progress: 1, resolved: 2, closed: 3 });

export const LEVEL_COLORS: Record<ProjectLevel, string> = {
  provincial_top100: 'red',
  city_key_industrial: 'blue',
  district_key: 'cyan',
  government_funded: 'gold',
};
export const STAGE_COLORS: Record<ProjectStage, string> = {
  reserve: 'default',
  preliminary: 'gold',
  new_start: 'blue',
  continuing: 'geekblue',
  completed: 'green',
  in_production: 'purple',
};
export const PROCEDURE_STATUS_COLORS: Record<ProcedureStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  not_required: 'default',
};
export const PROBLEM_STATUS_COLORS: Record<ProblemStatus, string> = {
  open: 'error',
  in_progress: 'processing',
  resolved: 'success',
  closed: 'default',
};
