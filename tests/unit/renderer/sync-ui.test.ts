import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConflictView, SyncStatus } from '../../../shared/channels/sync';
import { en } from '../../../renderer/src/i18n/en';
import { zhCN } from '../../../renderer/src/i18n/zh-CN';
import { assignmentDiff } from '../../../renderer/src/pages/admin/assignmentDiff';
import { cellText, columnLabel, describeCell, tableLabel, type Translate } from '../../../renderer/src/sync/cells';
import { groupConflicts } from '../../../renderer/src/sync/conflictGroups';
import { mayAdminister, mayEditProjects } from '../../../renderer/src/sync/roles';
import { relativeFuture, relativePast, syncErrorCode, syncIndicator } from '../../../renderer/src/sync/status';

const base: SyncStatus = {
  state: 'idle',
  serverUrl: 'http://127.0.0.1:8787',
  user: { id: 'u1', login: 'li', name: '李明', role: 'inspector' },
  lastSyncAt: 0,
  pending: 0,
  setAside: 0,
  conflicts: 0,
  progress: null,
  lastError: null,
  nextAttemptAt: null,
};

describe('sync indicator words', () => {
  it('names each state with its tone', () => {
    expect(syncIndicator({ ...base, state: 'signed_out', user: null })).toMatchObject({
      state: 'signedOut',
      tone: 'default',
    });
    expect(syncIndicator({ ...base, state: 'offline' })).toMatchObject({ state: 'offline', tone: 'warning' });
    expect(syncIndicator({ ...base, state: 'error' })).toMatchObject({ state: 'error', tone: 'error' });
    expect(syncIndicator(base)).toMatchObject({ state: 'synced', tone: 'success' });
  });

  it('says "waiting" rather than "synced" while changes are not uploaded', () => {
    expect(syncIndicator({ ...base, pending: 3 })).toMatchObject({ state: 'pendingOnly', tone: 'processing' });
  });

  it('gives a percentage only when the total is known', () => {
    const syncing = { ...base, state: 'syncing' as const };
    expect(syncIndicator({ ...syncing, progress: { phase: 'push', done: 250, total: 1000 } }).percent).toBe(25);
    expect(syncIndicator({ ...syncing, progress: { phase: 'pull', done: 10, total: null } }).percent).toBeNull();
    expect(syncIndicator({ ...syncing, progress: { phase: 'pull', done: 0, total: 0 } }).percent).toBeNull();
    expect(syncIndicator({ ...syncing, progress: { phase: 'push', done: 12, total: 10 } }).percent).toBe(100);
  });

  it('reads the time since the last sync in the largest whole unit', () => {
    const now = 10 * 86_400_000;
    expect(relativePast(null, now)).toEqual({ key: 'never' });
    expect(relativePast(now - 59_000, now)).toEqual({ key: 'justNow' });
    // A server clock slightly ahead of this device still reads as "just now".
    expect(relativePast(now + 5_000, now)).toEqual({ key: 'justNow' });
    expect(relativePast(now - 5 * 60_000, now)).toEqual({ key: 'minutesAgo', count: 5 });
    expect(relativePast(now - 3 * 3_600_000 - 1, now)).toEqual({ key: 'hoursAgo', count: 3 });
    expect(relativePast(now - 2 * 86_400_000, now)).toEqual({ key: 'daysAgo', count: 2 });
    expect(relativeFuture(now + 40_500, now)).toEqual({ key: 'inSeconds', count: 41 });
    expect(relativeFuture(now + 90_000, now)).toEqual({ key: 'inMinutes', count: 2 });
    expect(relativeFuture(now - 1, now)).toEqual({ key: 'inSeconds', count: 0 });
  });

  it('maps unknown engine error codes to a server error, keeps the known ones', () => {
    expect(syncErrorCode('server_unreachable')).toBe('server_unreachable');
    expect(syncErrorCode('token_revoked')).toBe('token_revoked');
    expect(syncErrorCode('payload_too_large')).toBe('server_error');
    for (const code of ['server_unreachable', 'bad_credentials', 'rate_limited', 'token_revoked', 'payload_x']) {
      expect(zhCN.errors).toHaveProperty(syncErrorCode(code));
    }
  });
});

describe('synced cell values in words', () => {
  const instance = i18next.createInstance();
  let zh: Translate;
  let english: Translate;
  const fmt = {
    money: (yuan: number) => (yuan / 10_000).toFixed(2),
    date: (d: string) => `D(${d})`,
    instant: (ms: number) => `T(${ms})`,
    listSeparator: '、',
  };

  beforeAll(async () => {
    await instance.init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
    zh = (key, options) => instance.getFixedT('zh-CN')(key, options ?? {}) as string;
    english = (key, options) => instance.getFixedT('en')(key, options ?? {}) as string;
  });

  const text = (table: string, column: string, value: string | number | boolean | null, tr = zh) =>
    cellText(describeCell(table, column, value), tr, fmt);

  it('translates problem statuses, project stages and other enum columns', () => {
    expect(text('problems', 'status', 'in_progress')).toBe('办理中');
    expect(text('problems', 'status', 'closed', english)).toBe('Closed');
    expect(text('projects', 'stage', 'new_start')).toBe('新开工');
    expect(text('visits', 'kind', 'monthly')).toBe('月度走访');
    expect(text('procedures', 'kind', 'land')).toBe('用地');
  });

  it('shows an enum value this version does not know as stored', () => {
    expect(text('problems', 'status', 'escalated')).toBe('escalated');
  });

  it('formats money in 万元, business dates, instants, booleans and name lists', () => {
    expect(text('projects', 'total_investment', 1_234_500_000)).toBe('123450.00 万元');
    expect(text('visits', 'date', '2020-04-01')).toBe('D(2020-04-01)');
    expect(text('visits', 'submitted_at', 1_700_000_000_000)).toBe('T(1700000000000)');
    expect(text('projects', 'is_new', true)).toBe('是');
    expect(text('visits', 'participants', '["张伟","王芳"]')).toBe('张伟、王芳');
    expect(text('visits', 'participants', '[]')).toBe('（空）');
    // A count is a count, not money.
    expect(text('visits', 'workers_on_site', 120)).toBe('120');
  });

  it('says empty, deleted and not deleted in words', () => {
    expect(text('problems', 'description', null)).toBe('（空）');
    expect(text('problems', 'description', '')).toBe('（空）');
    expect(text('problems', 'deleted', true)).toBe('已删除');
    expect(text('problems', 'deleted', false, english)).toBe('Not deleted');
    expect(text('problems', 'description', '供电线路未接入')).toBe('供电线路未接入');
  });

  it('names columns per table where one column means different things, and tables', () => {
    expect(columnLabel('procedures', 'kind', zh)).toBe('手续');
    expect(columnLabel('visits', 'kind', zh)).toBe('走访类型');
    expect(columnLabel('problems', 'kind', zh)).toBe('类型');
    expect(columnLabel('problems', 'deadline', english)).toBe('Deadline');
    expect(columnLabel('problems', 'brand_new_column', zh)).toBe('brand_new_column');
    expect(tableLabel('progress_notes', zh)).toBe('办理进展');
    expect(tableLabel('unknown_table', zh)).toBe('unknown_table');
  });
});

function conflict(over: Partial<ConflictView> & { id: string; scope: string }): ConflictView {
  return {
    projectName: null,
    table: 'problems',
    rowId: 'r1',
    label: null,
    column: 'status',
    kind: 'status',
    kept: { value: 'resolved', hlc: 'a', byName: 'A', deviceId: 'd1', at: 1000 },
    other: { value: 'closed', hlc: 'b', byName: 'B', deviceId: 'd2', at: 2000 },
    current: 'resolved',
    resolution: null,
    resolvedByName: null,
    resolvedAt: null,
    ...over,
  };
}

describe('conflicts grouped by project', () => {
  it('puts projects with open conflicts first, by name, the organisation last; open before resolved', () => {
    const groups = groupConflicts([
      conflict({ id: '1', scope: 'org' }),
      conflict({ id: '2', scope: 'p-b', projectName: '哈尔滨新区产业园' }),
      conflict({ id: '3', scope: 'p-a', projectName: '阿城经济开发区项目', resolution: 'keep' }),
      conflict({ id: '4', scope: 'p-b', projectName: '哈尔滨新区产业园', resolution: 'other' }),
      conflict({
        id: '5',
        scope: 'p-b',
        projectName: '哈尔滨新区产业园',
        kept: { value: 1, hlc: 'c', byName: null, deviceId: null, at: 9000 },
      }),
      conflict({ id: '6', scope: 'p-c', projectName: '宾县光伏项目' }),
    ]);
    expect(groups.map((g) => g.scope)).toEqual(['p-c', 'p-b', 'p-a', 'org']);
    expect(groups.find((g) => g.scope === 'p-b')?.conflicts.map((c) => c.id)).toEqual(['5', '2', '4']);
    expect(groups.map((g) => g.open)).toEqual([1, 2, 0, 1]);
    expect(groups.at(-1)?.isOrg).toBe(true);
  });

  it('is empty for no conflicts', () => {
    expect(groupConflicts([])).toEqual([]);
  });
});

describe('roles in the UI', () => {
  it('lets coordinators, admins and a local user edit projects, not inspectors or group leaders', () => {
    expect(mayEditProjects(null)).toBe(true);
    expect(mayEditProjects('coordinator')).toBe(true);
    expect(mayEditProjects('admin')).toBe(true);
    expect(mayEditProjects('inspector')).toBe(false);
    expect(mayEditProjects('group_leader')).toBe(false);
  });

  it('shows the admin page to coordinators and admins only (a local user has no server to administer)', () => {
    expect(mayAdminister(null)).toBe(false);
    expect(mayAdminister('group_leader')).toBe(false);
    expect(mayAdminister('coordinator')).toBe(true);
    expect(mayAdminister('admin')).toBe(true);
  });

  it('matches the server rule for project cells (shared/sync/roles.ts)', async () => {
    const { mayWrite } = await import('../../../shared/sync/roles');
    for (const role of ['inspector', 'group_leader', 'coordinator', 'admin'] as const) {
      expect(mayEditProjects(role)).toBe(mayWrite(role, { scope: 'p1', table: 'projects', column: 'name' }));
    }
  });
});

describe('assignment changes', () => {
  it('adds and removes only what changed', () => {
    expect(assignmentDiff(['g1', 'g2'], ['g2', 'g3'])).toEqual([
      { groupId: 'g3', assigned: true },
      { groupId: 'g1', assigned: false },
    ]);
    expect(assignmentDiff(['g1'], ['g1'])).toEqual([]);
  });
});
