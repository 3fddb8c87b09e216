/**
 * The channels of issue 6 (merged into shared/api.ts): the month's plan, groups as users see
 * them, escalation, the joint meeting, deadlines, reminders and the weekly problem report.
 *
 * "Start visit" from the plan uses the existing `visits.prefill` {projectId} (project, group,
 * participants from the group, today's date, last figures) and `visits.saveDraft`.
 */
import { z } from 'zod';
import { CalendarDate, Id, LongText, Month, ShortText } from '../domain/primitives';
import { HandlingLevel, type Problem } from '../domain/problem';
import {
  DeadlineGroupBy,
  MeetingStatus,
  type DeadlineSummary,
  type Escalation,
  type GroupView,
  type Meeting,
  type MeetingAgenda,
  type MeetingDecision,
  type MonthPlan,
  type ReminderList,
  type VisitPlan,
  type WeeklyProblemSummary,
} from '../domain/plan';
import { channel, NoInput } from './define';

export const PlanMonthQuery = z
  .object({
    /** Defaults to the current Asia/Shanghai month. */
    month: Month.optional(),
    /**
     * The groups whose projects `entries` lists. Default: the user's groups (leader or member by
     * name); when the user is in none (a coordinator, a local user), every group.
     */
    groupIds: z.array(Id).max(200).optional(),
  })
  .strict();
export type PlanMonthQuery = z.input<typeof PlanMonthQuery>;

/** Plan a visit for a date (its month is the date's), or clear the plan of `month` with date null. */
export const PlanScheduleInput = z
  .object({
    projectId: Id,
    date: CalendarDate.nullable(),
    /** Only with date null: the month whose plan is cleared (default: the current month). */
    month: Month.optional(),
  })
  .strict();
export type PlanScheduleInput = z.input<typeof PlanScheduleInput>;

/** Escalate (up one or more levels) or send back (down; coordinators and admins only). Reason required. */
export const EscalateInput = z
  .object({
    id: Id,
    to: HandlingLevel,
    reason: LongText.trim().min(1),
  })
  .strict();
export type EscalateInput = z.input<typeof EscalateInput>;

export const MeetingSaveInput = z
  .object({
    /** No id creates a meeting. */
    id: Id.optional(),
    date: CalendarDate,
    title: ShortText.min(1),
    status: MeetingStatus.default('planned'),
  })
  .strict();
export type MeetingSaveInput = z.input<typeof MeetingSaveInput>;

export const MeetingDecideInput = z
  .object({
    meetingId: Id,
    problemId: Id,
    responsibleUnit: ShortText.nullable().default(null),
    newDeadline: CalendarDate.nullable().default(null),
    remarks: LongText.default(''),
  })
  .strict();
export type MeetingDecideInput = z.input<typeof MeetingDecideInput>;

export const DeadlineQuery = z.object({ by: DeadlineGroupBy.default('group') }).strict();
export type DeadlineQuery = z.input<typeof DeadlineQuery>;

export const WeeklyQuery = z
  .object({
    /** Any date in the week (Monday to Sunday); default today (Asia/Shanghai). */
    weekOf: CalendarDate.optional(),
  })
  .strict();
export type WeeklyQuery = z.input<typeof WeeklyQuery>;

const IdInput = z.object({ id: Id }).strict();
const MeetingIdInput = z.object({ meetingId: Id }).strict();

export const planChannels = {
  /** 本月走访: due / planned / visited / overdue for the user's groups, and every group's coverage. */
  'plan.month': channel<typeof PlanMonthQuery, MonthPlan>(PlanMonthQuery),
  /** Returns the plan row (plannedDate null after clearing). Members of the project's group, coordinators. */
  'plan.schedule': channel<typeof PlanScheduleInput, VisitPlan>(PlanScheduleInput),
  /** 包保服务组: every group with leader, members, projects and each project's 包保领导 / 首席服务员. */
  'groups.overview': channel<typeof NoInput, GroupView[]>(NoInput),
  /** Up one or more levels; refused (`escalation_not_upward`) when `to` is not above the current level. */
  'problems.escalate': channel<typeof EscalateInput, Problem>(EscalateInput),
  /** Down one or more levels: coordinators and admins only (`forbidden`), reason required. */
  'problems.sendBack': channel<typeof EscalateInput, Problem>(EscalateInput),
  /** The problem's level history, oldest first. */
  'problems.escalations': channel<typeof IdInput, Escalation[]>(IdInput),
  /** The decisions joint meetings took on the problem, oldest meeting first. */
  'problems.decisions': channel<typeof IdInput, MeetingDecision[]>(IdInput),
  /** Meetings, newest date first. */
  'meetings.list': channel<typeof NoInput, Meeting[]>(NoInput),
  /** Coordinators and admins only. */
  'meetings.save': channel<typeof MeetingSaveInput, Meeting>(MeetingSaveInput),
  /** Problems at 市级会办 not closed, plus any problem this meeting decided on, with this meeting's decisions. */
  'meetings.agenda': channel<typeof MeetingIdInput, MeetingAgenda>(MeetingIdInput),
  /** Coordinators and admins only; also sets the problem's lead unit and deadline when given. */
  'meetings.decide': channel<typeof MeetingDecideInput, MeetingDecision>(MeetingDecideInput),
  /** Problems due within 7 days and overdue, by group, lead unit or district. */
  'deadlines.summary': channel<typeof DeadlineQuery, DeadlineSummary>(DeadlineQuery),
  /** What is due for the user: visits this month, problems overdue or due soon. Local data only. */
  'reminders.list': channel<typeof NoInput, ReminderList>(NoInput),
  /** 每周问题报告: new, resolved, overdue and escalated problems of a Monday–Sunday week. */
  'reports.weeklyProblems': channel<typeof WeeklyQuery, WeeklyProblemSummary>(WeeklyQuery),
} as const;
