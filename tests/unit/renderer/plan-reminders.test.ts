import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SitebookApi } from '../../../shared/api';
import type { Reminder, ReminderList } from '../../../shared/domain/plan';
import type { Result } from '../../../shared/errors';
import {
  dueWords,
  groupReminders,
  isLate,
  reminderLink,
  reminderWords,
  touchesReminders,
} from '../../../renderer/src/components/reminders/reminderLogic';
import { startReminders, useRemindersStore } from '../../../renderer/src/stores/reminders';

// The renderer's global (renderer/src/env.d.ts), which the tests' program does not include.
declare global {
  interface Window {
    api: SitebookApi;
  }
}

const reminder = (kind: Reminder['kind'], over: Partial<Reminder> = {}): Reminder => ({
  kind,
  id: `${kind}:x`,
  projectId: 'p 1',
  projectName: '绿地国博城',
  problemId: kind === 'visit_due' ? null : 'q/1',
  text: kind === 'visit_due' ? null : '电源接入滞后',
  date: null,
  daysLeft: 0,
  ...over,
});

describe('reminder wording and links', () => {
  it('groups overdue problems first, then due soon, then visits, dropping empty sections', () => {
    const items = [reminder('visit_due'), reminder('problem_due_soon'), reminder('problem_overdue')];
    expect(groupReminders(items).map((s) => s.kind)).toEqual(['problem_overdue', 'problem_due_soon', 'visit_due']);
    expect(groupReminders([reminder('visit_due')]).map((s) => s.kind)).toEqual(['visit_due']);
  });

  it('leads a problem to the problem list, a visit to this month’s plan, ids escaped', () => {
    expect(reminderLink(reminder('problem_overdue'))).toBe('/problems?open=q%2F1');
    expect(reminderLink(reminder('visit_due'))).toBe('/plan?focus=p%201');
  });

  it('says days overdue, due today or days left', () => {
    expect(dueWords(-3, 'reminders')).toEqual({ key: 'reminders.overdueDays', params: { days: 3 } });
    expect(dueWords(0, 'deadlines')).toEqual({ key: 'deadlines.dueToday', params: {} });
    expect(dueWords(5, 'deadlines')).toEqual({ key: 'deadlines.daysLeft', params: { days: 5 } });
  });

  it('says how long a visit has been missed, else when it is planned, else that it is due', () => {
    expect(reminderWords(reminder('visit_due', { overdueMonths: 2, daysLeft: 10 }), '')).toEqual({
      key: 'reminders.visitOverdue',
      params: { count: 2 },
    });
    expect(reminderWords(reminder('visit_due', { date: '2026-03-12', daysLeft: 4 }), '3月12日').key).toBe(
      'reminders.visitPlanned',
    );
    expect(reminderWords(reminder('visit_due', { daysLeft: 20 }), '').key).toBe('reminders.visitDue');
    expect(reminderWords(reminder('problem_overdue', { daysLeft: -2 }), '').params).toEqual({ days: 2 });
  });

  it('marks as late an overdue problem or a visit missed earlier, not a visit due this month', () => {
    expect(isLate(reminder('problem_overdue', { daysLeft: -1 }))).toBe(true);
    expect(isLate(reminder('problem_due_soon', { daysLeft: 3 }))).toBe(false);
    expect(isLate(reminder('visit_due', { daysLeft: 12 }))).toBe(false);
    expect(isLate(reminder('visit_due', { daysLeft: 12, overdueMonths: 1 }))).toBe(true);
  });

  it('refreshes after writes that can change what is due, not after others', () => {
    expect(touchesReminders(['visits'])).toBe(true);
    expect(touchesReminders(['meeting_decisions'])).toBe(true);
    expect(touchesReminders(['photos', 'progress_notes'])).toBe(false);
  });
});

describe('reminders refresh', () => {
  // A stand-in for the preload bridge: counts reminders.list calls and lets the test push events.
  let calls = 0;
  let listener: ((p: { tables: string[] }) => void) | null = null;
  const list = (count: number): ReminderList => ({
    today: '2026-03-01',
    month: '2026-03',
    count,
    counts: { visit_due: count, problem_overdue: 0, problem_due_soon: 0 },
    items: [],
  });

  beforeEach(() => {
    vi.useFakeTimers();
    calls = 0;
    const api = {
      invoke: (channel: string): Promise<Result<unknown>> => {
        if (channel === 'reminders.list') calls += 1;
        return Promise.resolve({ ok: true, value: list(calls) });
      },
      on: (_event: string, l: (p: { tables: string[] }) => void) => {
        listener = l;
        return () => (listener = null);
      },
    };
    vi.stubGlobal('window', { api });
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reads on start, after a burst of relevant writes once, and when the Shanghai date turns', async () => {
    // 2026-03-01 15:58 UTC = 23:58 in Shanghai.
    let now = Date.UTC(2026, 2, 1, 15, 58);
    const stop = startReminders(() => now);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    expect(useRemindersStore.getState().list?.count).toBe(1);

    listener?.({ tables: ['visits'] });
    listener?.({ tables: ['problems'] });
    listener?.({ tables: ['photos'] });
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toBe(2);

    // Still the same Shanghai day a minute later; the next minute is past midnight there (16:00 UTC).
    now += 60_000;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(2);
    now += 60_000;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(3);
    expect(useRemindersStore.getState().list?.count).toBe(3);

    stop();
    listener?.({ tables: ['visits'] });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls).toBe(3);
  });
});
