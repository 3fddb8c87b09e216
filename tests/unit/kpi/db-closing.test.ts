import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPulledRows } from '../../../electron/backend/db/sync-apply';
import type { PulledRow } from '../../../shared/sync/wire';
import type { CellValue, RecordTable } from '../../../shared/records';
import { mayWrite, ORG_SCOPE, Role } from '../../../shared/sync/roles';
import { TABLE_SCOPE } from '../../../shared/sync/tables';
import { applyOpts } from '../sync/helpers';
import { addGroup, addProject, assign, at, openWorld, type World } from '../plan/setup';
import { addFiguresVisit as addVisit, W } from './db-fixtures';

const APRIL = { from: '2020-04', to: '2020-04' };

let w: World;
beforeEach(() => {
  w = openWorld(at('2020-01-05 09:00'));
  addGroup(w.db, 'g1', '第一服务组', w.now());
  addProject(w.db, 'P1', w.now(), { isNew: true, plannedStart: '2020-04-01', annualPlannedInvestment: 100 * W });
  addProject(w.db, 'P2', w.now(), { isNew: true, plannedStart: '2020-04-01', annualPlannedInvestment: 100 * W });
  for (const p of ['P1', 'P2']) assign(w.db, p, 'g1', w.now());
  w.setNow(at('2020-04-20 10:00'));
  addVisit(w, 'v1', 'P1', '2020-04-18', 40 * W);
});
afterEach(() => w.close());

describe('closing a month (月度关账)', () => {
  it('from its last day on (Asia/Shanghai), by coordinators and admins only, not twice', async () => {
    w.setNow(at('2020-04-29 23:59'));
    expect((await w.refusal('kpi.close', { month: '2020-04' })).code).toBe('invalid_input');
    // 30 April 00:10 in Shanghai is still 29 April in UTC.
    w.setNow(at('2020-04-30 00:10'));
    w.actAs('inspector', '孙联络');
    expect((await w.refusal('kpi.close', { month: '2020-04' })).code).toBe('forbidden');
    expect((await w.invoke('kpi.dashboard', { month: '2020-04' })).mayManage).toBe(false);
    w.actAs('coordinator', '调度员');
    const dash = await w.invoke('kpi.dashboard', { month: '2020-04' });
    expect([dash.mayManage, dash.mayClose]).toEqual([true, true]);
    const info = await w.invoke('kpi.close', { month: '2020-04', note: '4月调度会前关账' });
    expect(info).toMatchObject({ month: '2020-04', status: 'closed', asOf: '2020-04-30', projects: 2 });
    expect(info).toMatchObject({ closedByName: '调度员', snapshotReady: true, note: '4月调度会前关账' });
    expect((await w.refusal('kpi.close', { month: '2020-04' })).code).toBe('conflict');
    expect((await w.invoke('kpi.dashboard', { month: '2020-04' })).mayClose).toBe(false);
    expect(w.events).toContainEqual(['month_closings', 'month_closing_parts']);
    // Organisation-scope writes: they sync to every member.
    const scopes = w.db.prepare("SELECT DISTINCT scope FROM outbox WHERE tbl LIKE 'month_closing%'").all();
    expect(scopes).toEqual([{ scope: ORG_SCOPE }]);
  });

  it('a closed month keeps its figures; later data shows as an amendment; reopening lets it in', async () => {
    w.setNow(at('2020-05-02 09:00'));
    await w.invoke('kpi.close', { month: '2020-04' });
    // A visit dated in April submitted in May, and a correction of April's figure.
    addVisit(w, 'v2', 'P2', '2020-04-29', 30 * W);
    addVisit(w, 'v1', 'P1', '2020-04-18', 50 * W);

    const closed = await w.invoke('kpi.figures', { period: APRIL });
    expect(closed.source).toBe('snapshot');
    expect(closed.figures.investment).toMatchObject({ numerator: 40 * W, denominator: 200 * W });
    expect(closed.figures.coverage).toMatchObject({ numerator: 1, denominator: 2 });
    const inv = closed.amendment?.figures.find((f) => f.figure === 'investment');
    expect(inv).toMatchObject({ beforeParts: [40 * W, 200 * W], afterParts: [80 * W, 200 * W] });
    expect(closed.amendment?.projects.map((p) => [p.projectId, p.changes.map((c) => c.field)])).toEqual([
      ['P1', ['completed', 'funds']],
      ['P2', ['completed', 'funds', 'reported', 'visited']],
    ]);
    const dash = await w.invoke('kpi.dashboard', { month: '2020-04' });
    expect([dash.source, dash.figures.investment.numerator, dash.amendment?.projects.length]).toEqual([
      'snapshot',
      40 * W,
      2,
    ]);
    // May is live; its trend shows April closed.
    const may = await w.invoke('kpi.trend', { month: '2020-05' });
    expect(may.map((t) => [t.month, t.closed])).toEqual([
      ['2020-01', false],
      ['2020-02', false],
      ['2020-03', false],
      ['2020-04', true],
      ['2020-05', false],
    ]);
    expect(may[3]!.investment.numerator).toBe(40 * W);
    // May is live: the late April visit counts there.
    expect(may[4]!.investment.numerator).toBe(80 * W);
    // The projects behind a closed figure come from the snapshot.
    const behind = await w.invoke('kpi.projects', { period: APRIL, figure: 'coverage' });
    expect([behind.source, behind.numeratorIds]).toEqual(['snapshot', ['P1']]);

    expect((await w.refusal('kpi.reopen', { month: '2020-04', reason: '  ' })).code).toBe('invalid_input');
    const reopened = await w.invoke('kpi.reopen', { month: '2020-04', reason: '补录4月走访' });
    expect(reopened).toMatchObject({ status: 'reopened', reopenReason: '补录4月走访', snapshotReady: false });
    const live = await w.invoke('kpi.figures', { period: APRIL });
    expect([live.source, live.figures.investment.numerator, live.amendment]).toEqual(['live', 80 * W, null]);

    const again = await w.invoke('kpi.close', { month: '2020-04' });
    expect(again.status).toBe('closed');
    const parts = w.db.prepare('SELECT snapshot_id, deleted FROM month_closing_parts ORDER BY deleted').all() as {
      snapshot_id: string;
      deleted: number;
    }[];
    // The first snapshot's parts are deleted, the new one's live.
    expect(new Set(parts.filter((p) => p.deleted === 0).map((p) => p.snapshot_id)).size).toBe(1);
    expect(parts.some((p) => p.deleted === 1)).toBe(true);
    const after = await w.invoke('kpi.figures', { period: APRIL });
    expect([after.source, after.figures.investment.numerator, after.amendment?.projects]).toEqual([
      'snapshot',
      80 * W,
      [],
    ]);
    expect((await w.invoke('kpi.closings', {})).map((c) => [c.month, c.status])).toEqual([['2020-04', 'closed']]);
  });

  it('another device uses a closing only once all of its snapshot has arrived', async () => {
    w.setNow(at('2020-05-02 09:00'));
    await w.invoke('kpi.close', { month: '2020-04' });
    const out = w.db
      .prepare("SELECT tbl, row_id, col, scope, value, hlc FROM outbox WHERE tbl LIKE 'month_closing%' ORDER BY tbl")
      .all() as { tbl: RecordTable; row_id: string; col: string; scope: string; value: string; hlc: string }[];
    const rows = new Map<string, PulledRow>();
    let seq = 0;
    for (const o of out) {
      const key = `${o.tbl}|${o.row_id}`;
      const r = rows.get(key) ?? { scope: o.scope, table: o.tbl, id: o.row_id, seq: ++seq, hlc: o.hlc, cells: {} };
      r.cells[o.col] = JSON.parse(o.value) as CellValue;
      rows.set(key, r);
    }
    const pulledRows = [...rows.values()];
    const header = pulledRows.filter((r) => r.table === 'month_closings');
    const parts = pulledRows.filter((r) => r.table === 'month_closing_parts');
    expect(header.length).toBe(1);
    expect(parts.length).toBeGreaterThanOrEqual(1);

    const other = openWorld(at('2020-05-02 09:00'));
    try {
      addProject(other.db, 'P1', other.now(), { isNew: true, plannedStart: '2020-04-01' });
      applyPulledRows(other.db, header, applyOpts({ now: other.now() }));
      const waiting = await other.invoke('kpi.figures', { period: APRIL });
      expect([waiting.source, waiting.closing?.status, waiting.closing?.snapshotReady]).toEqual([
        'live',
        'closed',
        false,
      ]);
      applyPulledRows(other.db, parts, applyOpts({ now: other.now() }));
      const ready = await other.invoke('kpi.figures', { period: APRIL });
      // The frozen figures of the closing device, though this one holds less.
      expect([ready.source, ready.figures.projects, ready.figures.investment.numerator]).toEqual([
        'snapshot',
        2,
        40 * W,
      ]);
    } finally {
      other.close();
    }
  });
});

describe('campaign targets', () => {
  it('coordinators set, change and delete them; the dashboard measures against the next one', async () => {
    w.actAs('inspector', '孙联络');
    expect((await w.refusal('kpi.saveTarget', { rate: 'start', targetBp: 10_000 })).code).toBe('forbidden');
    w.actAs('admin', '管理员');
    const t = await w.invoke('kpi.saveTarget', {
      campaign: '百日攻坚',
      rate: 'investment',
      targetBp: 6000,
      dueOn: '2020-08-31',
    });
    expect(t).toMatchObject({ campaign: '百日攻坚', targetBp: 6000, levels: [], setByName: '管理员' });
    await w.invoke('kpi.saveTarget', { id: t.id, campaign: '百日攻坚', rate: 'investment', targetBp: 6500 });
    const dash = await w.invoke('kpi.dashboard', { month: '2020-04' });
    expect(dash.applied.investment).toMatchObject({ id: t.id, targetBp: 6500, dueOn: null });
    expect(dash.applied.start).toBeNull();
    expect((await w.refusal('kpi.saveTarget', { rate: 'start', targetBp: 30_000 })).code).toBe('invalid_input');
    await w.invoke('kpi.deleteTarget', { id: t.id });
    expect(await w.invoke('kpi.targets', {})).toEqual([]);
    expect((await w.refusal('kpi.deleteTarget', { id: t.id })).code).toBe('not_found');
  });
});

describe('the organisation scope of the figures', () => {
  it('targets and closings sync to every member; coordinators and admins write them, the server checks', () => {
    for (const table of ['campaign_targets', 'month_closings', 'month_closing_parts'] as const) {
      expect(TABLE_SCOPE[table]).toBe('org');
      const writers = Role.options.filter((role) => mayWrite(role, { scope: ORG_SCOPE, table, column: 'deleted' }));
      expect(writers, table).toEqual(['coordinator', 'admin']);
    }
  });
});
