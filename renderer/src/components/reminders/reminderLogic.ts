import type { Reminder, ReminderKind } from '../../../../shared/domain/plan';
import type { RecordTable } from '../../../../shared/records';
import type { PlanKey } from '../../i18n/usePlanT';

/*
 * The reminders' pure parts (unit-tested in tests/unit/renderer/plan-reminders.test.ts): which
 * writes refresh them, how they are grouped and worded, and where each one leads.
 */

/** Writes to these tables can change what is due (a visit, a plan, a problem's deadline or status …). */
export const REMINDER_TABLES: readonly RecordTable[] = [
  'visits',
  'problems',
  'visit_plans',
  'projects',
  'service_groups',
  'meeting_decisions',
  'escalations',
];

export function touchesReminders(tables: readonly string[]): boolean {
  return tables.some((t) => (REMINDER_TABLES as readonly string[]).includes(t));
}

/** The list's order: what is already late first. */
export const REMINDER_SECTIONS: readonly ReminderKind[] = ['problem_overdue', 'problem_due_soon', 'visit_due'];

export function groupReminders(items: readonly Reminder[]): { kind: ReminderKind; items: Reminder[] }[] {
  return REMINDER_SECTIONS.map((kind) => ({ kind, items: items.filter((r) => r.kind === kind) })).filter(
    (s) => s.items.length > 0,
  );
}

/** Where a reminder leads: a problem opens in the problem list, a visit due on this month's plan. */
export function reminderLink(r: Pick<Reminder, 'kind' | 'projectId' | 'problemId'>): string {
  if (r.kind !== 'visit_due' && r.problemId) return `/problems?open=${encodeURIComponent(r.problemId)}`;
  return `/plan?focus=${encodeURIComponent(r.projectId)}`;
}

export interface Wording {
  key: PlanKey;
  params: Record<string, string | number>;
}

/** Days left to a deadline in words: overdue, today, or days left. */
export function dueWords(daysLeft: number, ns: 'reminders' | 'deadlines'): Wording {
  if (daysLeft < 0) return { key: `${ns}.overdueDays`, params: { days: -daysLeft } };
  if (daysLeft === 0) return { key: `${ns}.dueToday`, params: {} };
  return { key: `${ns}.daysLeft`, params: { days: daysLeft } };
}

/**
 * The short status beside a reminder; `date` is its planned date or deadline, formatted. A visit
 * says how many months it has been missed, else when it is planned, else that it is due this month.
 */
export function reminderWords(
  r: Pick<Reminder, 'kind' | 'daysLeft' | 'date' | 'overdueMonths'>,
  date: string,
): Wording {
  if (r.kind !== 'visit_due') return dueWords(r.daysLeft, 'reminders');
  if ((r.overdueMonths ?? 0) > 0) return { key: 'reminders.visitOverdue', params: { count: r.overdueMonths ?? 0 } };
  if (r.date) return { key: 'reminders.visitPlanned', params: { date } };
  return { key: 'reminders.visitDue', params: {} };
}

/** Shown in red: a problem past its deadline, or a visit missed in earlier months. */
export function isLate(r: Pick<Reminder, 'kind' | 'daysLeft' | 'overdueMonths'>): boolean {
  return r.kind === 'visit_due' ? (r.overdueMonths ?? 0) > 0 : r.daysLeft < 0;
}
