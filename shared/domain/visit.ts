import { z } from 'zod';
import { CalendarDate, Id, Instant, LatLng, LongText, ShortText, Yuan } from './primitives';
import { ProjectStage } from './project';

/** 走访类型: 月度走访 / 专项督导 / 现场会办 */
export const VisitKind = z.enum(['monthly', 'special_supervision', 'onsite_coordination']);
export type VisitKind = z.infer<typeof VisitKind>;

export const VisitStatus = z.enum(['draft', 'submitted']);
export type VisitStatus = z.infer<typeof VisitStatus>;

/**
 * The progress figures observed on a visit, for the visit's month.
 * Invariant (checked by shared/figures.ts): completedThisYear ≤ cumulative ≤ project total,
 * each non-decreasing month to month unless the visit is marked as a correction.
 */
export const ProgressFigures = z.object({
  /** 本年完成投资 */
  completedInvestmentThisYear: Yuan.nullable(),
  /** 资金到位 */
  fundsInPlace: Yuan.nullable(),
  /** 累计完成投资 */
  cumulativeInvestment: Yuan.nullable(),
  stage: ProjectStage.nullable(),
  /** 在场施工人数 */
  workersOnSite: z.number().int().min(0).max(100_000).nullable(),
  /** 形象进度 */
  visibleProgress: LongText.nullable(),
});
export type ProgressFigures = z.infer<typeof ProgressFigures>;

/** 走访 */
export const Visit = z.object({
  id: Id,
  projectId: Id,
  groupId: Id.nullable(),
  date: CalendarDate,
  kind: VisitKind,
  participants: z.array(ShortText.min(1)).max(50),
  findings: LongText,
  status: VisitStatus,
  /** A figure that goes down is only accepted when the visit says it corrects earlier data. */
  isCorrection: z.boolean(),
  location: ShortText.nullable(),
  /** WGS-84, where the inspector's laptop or photos put the visit. */
  position: LatLng.nullable(),
  submittedAt: Instant.nullable(),
  figures: ProgressFigures,
});
export type Visit = z.infer<typeof Visit>;
