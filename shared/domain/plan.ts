import { z } from 'zod';
import { GroupMember, ServiceGroup } from './directory';
import { CalendarDate, Id, Instant, LongText, Month, Phone, ShortText } from './primitives';
import { HandlingLevel, ProblemCategory, ProblemStatus } from './problem';

/*
 * Issue 6: the month's visit plan (本月走访), escalation of problems (办理层级), the joint
 * meeting (联审会办会) and its decisions, deadlines, in-app reminders and the weekly problem
 * report. Months, weeks and days are Asia/Shanghai calendar dates (shared/calendar.ts).
 */

/**
 * A project's place in a month's plan:
 * - `visited`: a submitted visit is dated in the month;
 * - `overdue`: not visited this month, and one or more earlier months since it was assigned
 *   (and since its last visit) passed without a visit — see `overdueMonths`;
 * - `planned`: not visited, not overdue, a visit is planned for a date in the month;
 * - `due`: not visited, nothing planned, nothing missed earlier.
 * An overdue project may also carry a `plannedDate`.
 */
export const PlanStatus = z.enum(['due', 'visited', 'overdue', 'planned']);
export type PlanStatus = z.infer<typeof PlanStatus>;

export const MonthPlanEntry = z.object({
  projectId: Id,
  projectCode: ShortText,
  projectName: ShortText,
  district: ShortText,
  groupId: Id,
  groupName: ShortText,
  status: PlanStatus,
  /** The date a visit is planned for in this month (计划走访日期), or null. */
  plannedDate: CalendarDate.nullable(),
  /** The latest submitted visit up to the end of the month, any month. */
  lastVisitDate: CalendarDate.nullable(),
  /** This month's visits (submitted) — the latest one's id, to open it. */
  visitIdThisMonth: Id.nullable(),
  /** Whole months missed before this one, since the later of the assignment month and the last visit; 0 when visited. */
  overdueMonths: z.number().int().min(0),
  /** The first month the project is due in its group (the month it was assigned). */
  dueSince: Month,
});
export type MonthPlanEntry = z.infer<typeof MonthPlanEntry>;

/** Visit coverage of one group for a month (走访覆盖率 = visited ÷ due). */
export const GroupCoverage = z.object({
  groupId: Id,
  groupName: ShortText,
  due: z.number().int().min(0),
  visited: z.number().int().min(0),
  planned: z.number().int().min(0),
  overdue: z.number().int().min(0),
  /** visited ÷ due, 0..1; null for a group with no projects. */
  rate: z.number().min(0).max(1).nullable(),
});
export type GroupCoverage = z.infer<typeof GroupCoverage>;

export const MonthPlan = z.object({
  month: Month,
  /** Today in Asia/Shanghai. */
  today: CalendarDate,
  /** The groups `entries` cover (the user's groups unless the query named others). */
  groupIds: z.array(Id),
  /** Sorted: overdue (most months first), due, planned (by date), visited. */
  entries: z.array(MonthPlanEntry),
  /** Every group this device knows, in name order — coordinators see all coverage. */
  coverage: z.array(GroupCoverage),
  /** Totals over `entries`. */
  totals: z.object({
    due: z.number().int(),
    visited: z.number().int(),
    planned: z.number().int(),
    overdue: z.number().int(),
  }),
});
export type MonthPlan = z.infer<typeof MonthPlan>;

/** 计划走访: a visit planned for a date; one per project per month. */
export const VisitPlan = z.object({
  id: Id,
  projectId: Id,
  month: Month,
  plannedDate: CalendarDate.nullable(),
  plannedBy: ShortText,
  at: Instant,
});
export type VisitPlan = z.infer<typeof VisitPlan>;

/** A project as its group serves it: who leads the service and whom to call. */
export const GroupProject = z.object({
  projectId: Id,
  projectCode: ShortText,
  projectName: ShortText,
  district: ShortText,
  /** 包保领导 */
  leaderInCharge: ShortText.nullable(),
  /** 首席服务员 */
  chiefOfficer: ShortText.nullable(),
  chiefOfficerPhone: Phone.nullable(),
});
export type GroupProject = z.infer<typeof GroupProject>;

/** A service group (包保服务组) as users see it. */
export const GroupView = z.object({
  group: ServiceGroup,
  leader: ShortText.nullable(),
  members: z.array(GroupMember),
  /** Projects assigned to the group (projects.group_id), by code. */
  projects: z.array(GroupProject),
  /** The signed-in user leads or belongs to the group (by name). */
  mine: z.boolean(),
});
export type GroupView = z.infer<typeof GroupView>;

/** 升级 (up the handling levels) or 退回 (sent back down by a coordinator). */
export const EscalationKind = z.enum(['escalate', 'send_back']);
export type EscalationKind = z.infer<typeof EscalationKind>;

/** One change of a problem's handling level: append-only, the problem's level history. */
export const Escalation = z.object({
  id: Id,
  problemId: Id,
  projectId: Id,
  from: HandlingLevel,
  to: HandlingLevel,
  kind: EscalationKind,
  reason: LongText,
  by: Id,
  byName: ShortText,
  at: Instant,
});
export type Escalation = z.infer<typeof Escalation>;

/** 联审会办会: planned, then held (its decisions recorded). */
export const MeetingStatus = z.enum(['planned', 'held']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const Meeting = z.object({
  id: Id,
  date: CalendarDate,
  title: ShortText.min(1),
  status: MeetingStatus,
});
export type Meeting = z.infer<typeof Meeting>;

/** What the meeting decided on a problem (会办意见). One per meeting and problem; re-deciding replaces it. */
export const MeetingDecision = z.object({
  id: Id,
  meetingId: Id,
  problemId: Id,
  projectId: Id,
  /** 责任单位 — also becomes the problem's lead unit. */
  responsibleUnit: ShortText.nullable(),
  /** 新办结时限 — also becomes the problem's deadline. */
  newDeadline: CalendarDate.nullable(),
  remarks: LongText,
  decidedBy: Id,
  decidedByName: ShortText,
  at: Instant,
});
export type MeetingDecision = z.infer<typeof MeetingDecision>;

/** A problem with the context lists, agendas, deadlines and reports show. */
export const ProblemRef = z.object({
  problemId: Id,
  projectId: Id,
  projectCode: ShortText,
  projectName: ShortText,
  district: ShortText,
  groupId: Id.nullable(),
  groupName: ShortText.nullable(),
  category: ProblemCategory,
  description: LongText,
  leadUnit: ShortText.nullable(),
  handlingLevel: HandlingLevel,
  status: ProblemStatus,
  raisedOn: CalendarDate,
  deadline: CalendarDate.nullable(),
  resolvedOn: CalendarDate.nullable(),
});
export type ProblemRef = z.infer<typeof ProblemRef>;

/** A problem on a meeting's agenda (会办议题) with this meeting's decision, if taken. */
export const AgendaItem = ProblemRef.extend({
  decision: MeetingDecision.nullable(),
  /** When the problem reached 市级会办 (its latest escalation there), or null if raised at that level. */
  escalatedAt: Instant.nullable(),
  escalationReason: LongText.nullable(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const MeetingAgenda = z.object({
  meeting: Meeting,
  /** By district, then project code, then raised date. */
  items: z.array(AgendaItem),
});
export type MeetingAgenda = z.infer<typeof MeetingAgenda>;

/** A problem with a deadline: negative `daysLeft` is days overdue. */
export const DeadlineItem = ProblemRef.extend({
  daysLeft: z.number().int(),
});
export type DeadlineItem = z.infer<typeof DeadlineItem>;

export const DeadlineGroupBy = z.enum(['group', 'unit', 'district']);
export type DeadlineGroupBy = z.infer<typeof DeadlineGroupBy>;

/** Days ahead that count as "due soon" (7 days, issue 6). */
export const DUE_SOON_DAYS = 7;

export const DeadlineRow = z.object({
  /** Group id, lead unit or district; null for "none" (未分组 / 未指定牵头单位). */
  key: z.string().nullable(),
  label: z.string(),
  /** Open or in progress, deadline within the next 7 days (today included). */
  dueSoon: z.number().int().min(0),
  /** Open or in progress, deadline before today. */
  overdue: z.number().int().min(0),
  /** The first 20 of those problems, most overdue first (the counts cover all; problems.list lists the rest). */
  items: z.array(DeadlineItem),
});
export type DeadlineRow = z.infer<typeof DeadlineRow>;

export const DeadlineSummary = z.object({
  by: DeadlineGroupBy,
  today: CalendarDate,
  /** Rows with the most overdue first. */
  rows: z.array(DeadlineRow),
  totals: z.object({ dueSoon: z.number().int(), overdue: z.number().int() }),
});
export type DeadlineSummary = z.infer<typeof DeadlineSummary>;

export const ReminderKind = z.enum(['visit_due', 'problem_overdue', 'problem_due_soon']);
export type ReminderKind = z.infer<typeof ReminderKind>;

/** Something due, for the badge and the list (提醒). */
export const Reminder = z.object({
  kind: ReminderKind,
  /** Stable: `${kind}:${projectId or problemId}`. */
  id: z.string(),
  projectId: Id,
  projectName: ShortText,
  problemId: Id.nullable(),
  /** Problem description or null for a visit. */
  text: LongText.nullable(),
  /** Visit: planned date or null; problem: its deadline. */
  date: CalendarDate.nullable(),
  /** Problem: days to its deadline (negative = overdue); visit: days to the planned date, else to the month's end. */
  daysLeft: z.number().int(),
  /** Visit: months missed before this one (the plan's `overdueMonths`); 0 for problems. */
  overdueMonths: z.number().int().min(0).optional(),
});
export type Reminder = z.infer<typeof Reminder>;

export const ReminderList = z.object({
  today: CalendarDate,
  month: Month,
  /** All reminders, even beyond the `items` cap. */
  count: z.number().int().min(0),
  counts: z.object({
    visit_due: z.number().int(),
    problem_overdue: z.number().int(),
    problem_due_soon: z.number().int(),
  }),
  /** Overdue problems first, then due-soon problems, then visits; at most 200. */
  items: z.array(Reminder),
});
export type ReminderList = z.infer<typeof ReminderList>;

export const WeeklyEscalatedItem = ProblemRef.extend({
  from: HandlingLevel,
  to: HandlingLevel,
  at: Instant,
  reason: LongText,
});
export type WeeklyEscalatedItem = z.infer<typeof WeeklyEscalatedItem>;

/** 每周问题报告: Monday to Sunday in Asia/Shanghai. */
export const WeeklyProblemSummary = z.object({
  weekStart: CalendarDate,
  weekEnd: CalendarDate,
  /** Overdue is judged at this date: the week's end, or today for the current week. */
  asOf: CalendarDate,
  /** Raised (raised_on) in the week. */
  new: z.array(ProblemRef),
  /** Resolved (resolved_on) in the week. */
  resolved: z.array(ProblemRef),
  /** Deadline before `asOf` and not resolved by then. */
  overdue: z.array(DeadlineItem),
  /** Escalated up a level in the week (send-backs not counted); one entry per escalation. */
  escalated: z.array(WeeklyEscalatedItem),
  counts: z.object({
    new: z.number().int(),
    resolved: z.number().int(),
    overdue: z.number().int(),
    escalated: z.number().int(),
  }),
});
export type WeeklyProblemSummary = z.infer<typeof WeeklyProblemSummary>;
