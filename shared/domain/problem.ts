import { z } from 'zod';
import { CalendarDate, Id, Instant, LongText, ShortText } from './primitives';

/** 问题类别 */
export const ProblemCategory = z.enum([
  'land', // 用地
  'approval', // 审批
  'funding', // 资金
  'utilities', // 要素保障 (水电气热)
  'infrastructure', // 基础设施配套
  'expropriation', // 征收拆迁
  'policy', // 政策落实
  'other', // 其他
]);
export type ProblemCategory = z.infer<typeof ProblemCategory>;

/** 办理层级: 现场解决 → 区县 → 市直部门 → 市级会办 → 省级 (in this order). */
export const HandlingLevel = z.enum(['onsite', 'district', 'city_department', 'city_joint_meeting', 'province']);
export type HandlingLevel = z.infer<typeof HandlingLevel>;

/** 待办 → 办理中 → 已解决 → 已销号 */
export const ProblemStatus = z.enum(['open', 'in_progress', 'resolved', 'closed']);
export type ProblemStatus = z.infer<typeof ProblemStatus>;

/** 问题 (an item of the 问题清单) */
export const Problem = z.object({
  id: Id,
  projectId: Id,
  /** The visit that raised it, or null when raised from the project page. */
  visitId: Id.nullable(),
  category: ProblemCategory,
  description: LongText.min(1),
  leadUnit: ShortText.nullable(),
  cooperatingUnits: z.array(ShortText.min(1)).max(30),
  deadline: CalendarDate.nullable(),
  handlingLevel: HandlingLevel,
  status: ProblemStatus,
  raisedOn: CalendarDate,
  resolvedOn: CalendarDate.nullable(),
  closedOn: CalendarDate.nullable(),
  /** The later visit that verified the resolution (销号). */
  closingVisitId: Id.nullable(),
  resolution: LongText.nullable(),
});
export type Problem = z.infer<typeof Problem>;

/** 办理进展: append-only notes on a problem, each a row of its own. */
export const ProgressNote = z.object({
  id: Id,
  problemId: Id,
  projectId: Id,
  text: LongText.min(1),
  authorId: Id,
  authorName: ShortText,
  at: Instant,
});
export type ProgressNote = z.infer<typeof ProgressNote>;
