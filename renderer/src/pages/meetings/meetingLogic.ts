import type { AgendaItem, Meeting } from '../../../../shared/domain/plan';

/**
 * The meeting to show when none is chosen: the next one (today or later, the earliest), else the
 * latest held or planned before today. Unit-tested in tests/unit/renderer/plan-logic.test.ts.
 */
export function pickDefaultMeeting(meetings: readonly Meeting[], today: string): Meeting | null {
  let next: Meeting | null = null;
  let last: Meeting | null = null;
  for (const m of meetings) {
    if (m.date >= today) {
      if (!next || m.date < next.date) next = m;
    } else if (!last || m.date > last.date) last = m;
  }
  return next ?? last;
}

/** How many agenda items have a decision from this meeting. */
export function decidedCount(items: readonly Pick<AgendaItem, 'decision'>[]): number {
  return items.filter((i) => i.decision !== null).length;
}
