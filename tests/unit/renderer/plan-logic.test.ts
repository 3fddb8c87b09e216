import { describe, expect, it } from 'vitest';
import type { GroupView, Meeting, MeetingDecision } from '../../../shared/domain/plan';
import type { VisitPrefill } from '../../../shared/channels/visits';
import { NO_PREVIOUS_FIGURES } from '../../../shared/figures';
import { filterGroups } from '../../../renderer/src/pages/groups/groupFilter';
import { decidedCount, pickDefaultMeeting } from '../../../renderer/src/pages/meetings/meetingLogic';
import {
  coveragePercent,
  filterCounts,
  matchesFilter,
  monthBounds,
  monthKind,
  moveSelection,
  shiftMonth,
} from '../../../renderer/src/pages/plan/planLogic';
import { initFromPrefill } from '../../../renderer/src/pages/visit/visitForm';

describe('plan page months', () => {
  it('steps across year boundaries both ways', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 1)).toBe('2026-01');
    expect(shiftMonth('2026-03', -15)).toBe('2024-12');
    expect(shiftMonth('2026-03', 0)).toBe('2026-03');
  });

  it('knows each month’s last day, leap Februaries included', () => {
    expect(monthBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(monthBounds('2026-02').last).toBe('2026-02-28');
    expect(monthBounds('2026-12').last).toBe('2026-12-31');
    expect(monthBounds('2026-04').last).toBe('2026-04-30');
  });

  it('tells past, current and future months apart', () => {
    expect(monthKind('2025-12', '2026-01')).toBe('past');
    expect(monthKind('2026-01', '2026-01')).toBe('current');
    expect(monthKind('2026-02', '2026-01')).toBe('future');
  });
});

describe('plan page filters', () => {
  const entries = (['due', 'visited', 'overdue', 'planned', 'overdue'] as const).map((status) => ({ status }));

  it('"not visited" is everything but visited', () => {
    expect(entries.filter((e) => matchesFilter(e, 'todo')).map((e) => e.status)).toEqual([
      'due',
      'overdue',
      'planned',
      'overdue',
    ]);
  });

  it('counts each filter', () => {
    expect(filterCounts(entries)).toEqual({ all: 5, todo: 4, overdue: 2, planned: 1, visited: 1 });
    expect(filterCounts([])).toEqual({ all: 0, todo: 0, overdue: 0, planned: 0, visited: 0 });
  });

  it('coverage is a whole percentage, none for a group with nothing due', () => {
    expect(coveragePercent({ visited: 1, due: 3 })).toBe(33);
    expect(coveragePercent({ visited: 3, due: 3 })).toBe(100);
    expect(coveragePercent({ visited: 0, due: 0 })).toBeNull();
    // Two visits to a project count once toward coverage, never above 100 %.
    expect(coveragePercent({ visited: 4, due: 3 })).toBe(100);
  });

  it('moves the row selection inside the list', () => {
    expect(moveSelection(-1, 1, 3)).toBe(0);
    expect(moveSelection(-1, -1, 3)).toBe(2);
    expect(moveSelection(2, 1, 3)).toBe(2);
    expect(moveSelection(0, -1, 3)).toBe(0);
    expect(moveSelection(1, 1, 0)).toBe(-1);
  });
});

describe('joint meeting', () => {
  const m = (id: string, date: string): Meeting => ({ id, date, title: id, status: 'planned' });

  it('opens on the next meeting, else the latest one', () => {
    const meetings = [m('jan', '2026-01-20'), m('mar', '2026-03-18'), m('feb', '2026-02-17')];
    expect(pickDefaultMeeting(meetings, '2026-02-01')?.id).toBe('feb');
    expect(pickDefaultMeeting(meetings, '2026-02-17')?.id).toBe('feb');
    expect(pickDefaultMeeting(meetings, '2026-04-01')?.id).toBe('mar');
    expect(pickDefaultMeeting([], '2026-04-01')).toBeNull();
  });

  const decision = (): MeetingDecision => ({
    id: 'd1',
    meetingId: 'mar',
    problemId: 'q1',
    projectId: 'p1',
    responsibleUnit: '市发改委',
    newDeadline: '2026-04-30',
    remarks: '',
    decidedBy: 'u1',
    decidedByName: '王调度',
    at: 0,
  });

  it('counts decided agenda items', () => {
    expect(decidedCount([{ decision: null }, { decision: decision() }, { decision: null }])).toBe(1);
  });
});

describe('groups page search', () => {
  const view = (id: string, mine: boolean, extra: Partial<GroupView> = {}): GroupView => ({
    group: { id, name: `${id}组`, leader: null, chiefOfficer: null, chiefOfficerPhone: null, members: [] },
    leader: null,
    members: [],
    projects: [],
    mine,
    ...extra,
  });
  const groups = [
    view('一', false, { members: [{ name: '王强', role: '组员', unit: '市发改委', phone: null }] }),
    view('二', true, {
      projects: [
        {
          projectId: 'p1',
          projectCode: 'HRB-001',
          projectName: '绿地国博城',
          district: '道里区',
          leaderInCharge: '李副市长',
          chiefOfficer: '张伟',
          chiefOfficerPhone: '13800000000',
        },
      ],
    }),
  ];

  it('finds a group by member, unit, project or its people, the user’s own first', () => {
    expect(filterGroups(groups, '', false).map((g) => g.group.id)).toEqual(['二', '一']);
    expect(filterGroups(groups, '发改委', false).map((g) => g.group.id)).toEqual(['一']);
    expect(filterGroups(groups, '国博', false).map((g) => g.group.id)).toEqual(['二']);
    expect(filterGroups(groups, 'hrb-001', false).map((g) => g.group.id)).toEqual(['二']);
    expect(filterGroups(groups, '李副市长', false).map((g) => g.group.id)).toEqual(['二']);
    expect(filterGroups(groups, '', true).map((g) => g.group.id)).toEqual(['二']);
    expect(filterGroups(groups, '没有这个', false)).toEqual([]);
  });
});

describe('start visit from the plan', () => {
  const prefill = (lastVisitDate: string | null): VisitPrefill => ({
    project: {
      id: 'p1',
      code: 'HRB-001',
      name: '绿地国博城',
      district: '道里区',
      stage: 'continuing',
      groupId: 'g1',
      location: null,
      totalInvestment: 5_000_000_000,
      annualPlannedInvestment: 1_000_000_000,
    },
    group: { id: 'g1', name: '第一服务组', leader: '赵巡查', chiefOfficer: null, chiefOfficerPhone: null, members: [] },
    participants: ['赵巡查'],
    date: '2026-03-05',
    previous: NO_PREVIOUS_FIGURES,
    lastFigures: lastVisitDate
      ? {
          completedInvestmentThisYear: 120_000_000,
          fundsInPlace: 100_000_000,
          cumulativeInvestment: 2_400_000_000,
          stage: 'continuing',
          workersOnSite: 300,
          visibleProgress: '主体结构施工',
        }
      : null,
    lastVisitDate,
  });

  it('fills in last month’s figures to update, with the group and participants', () => {
    const init = initFromPrefill(prefill('2026-02-20'), { fromPlan: true });
    expect(init.fromPlan).toEqual({ lastVisitDate: '2026-02-20' });
    expect(init.defaults).toMatchObject({
      groupId: 'g1',
      participants: ['赵巡查'],
      completedInvestmentThisYear: 12_000,
      fundsInPlace: 10_000,
      cumulativeInvestment: 240_000,
      stage: 'continuing',
      findings: '',
    });
  });

  it('restarts this year’s figures in January, keeps the cumulative one', () => {
    const init = initFromPrefill({ ...prefill('2025-12-18'), date: '2026-01-08' }, { fromPlan: true });
    expect(init.defaults).toMatchObject({
      completedInvestmentThisYear: 0,
      fundsInPlace: 0,
      cumulativeInvestment: 240_000,
    });
  });

  it('leaves the figures empty from the ledger, and on a first visit', () => {
    expect(initFromPrefill(prefill('2026-02-20')).defaults.cumulativeInvestment).toBeNull();
    expect(initFromPrefill(prefill('2026-02-20')).fromPlan).toBeUndefined();
    const first = initFromPrefill(prefill(null), { fromPlan: true });
    expect(first.fromPlan).toEqual({ lastVisitDate: null });
    expect(first.defaults.cumulativeInvestment).toBeNull();
  });
});
