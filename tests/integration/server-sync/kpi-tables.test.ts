import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerDb } from '../../../server/db/connect';
import { pushOps } from '../../../server/sync/push';
import { checksum, encodeSnapshot, joinParts, splitParts, type SnapshotRef } from '../../../shared/kpi/snapshot';
import type { KpiRow } from '../../../shared/kpi/types';
import { ORG_SCOPE } from '../../../shared/sync/roles';
import type { SyncOp } from '../../../shared/sync/wire';
import {
  closeSeeded,
  openSeeded,
  DIALECTS,
  find,
  hlcAt,
  NOW,
  pullAll,
  rowOps,
  type Fixture,
  type TestDatabase,
} from './databases';

/*
 * Issue 7's organisation-scope tables through the server, which stores rows generically: a
 * month closing whose snapshot is split into parts near the cell limit (Chinese text included)
 * arrives whole at every member and joins back to the same rows; only coordinators and admins
 * may write closings and targets.
 */

/** Enough projects for a snapshot of several parts (about 150 characters a row). */
function rows(n: number): KpiRow[] {
  return Array.from({ length: n }, (_, i) => ({
    projectId: `p-${String(i).padStart(4, '0')}`,
    code: `2026-SZD-${String(i).padStart(4, '0')}`,
    name: `哈尔滨新区第${i}号重点产业项目（二期）`,
    level: 'city_key_industrial',
    district: '松北区',
    groupId: 'ga',
    groupName: '第一服务组',
    industry: '先进装备制造',
    startKind: i % 2 === 0 ? 'new' : 'continuing',
    started: i % 3 !== 0,
    annualPlan: 100_000_000 + i,
    completed: 60_000_000 + i,
    funds: 70_000_000,
    figuresDate: '2026-02-27',
    reported: true,
    productionDue: false,
    producedOnTime: false,
    visitDue: true,
    visited: i % 4 !== 0,
    raised: i % 5,
    resolved: i % 3,
    resolveDays: (i % 3) * 11,
    overdue: i % 2,
  }));
}

describe.each(DIALECTS)('month closings and campaign targets on %s', (dialect) => {
  let tdb: TestDatabase;
  let sdb: ServerDb;
  let fx: Fixture;

  beforeAll(async () => {
    ({ tdb, sdb, fx } = await openSeeded(dialect));
  });
  afterAll(() => closeSeeded(tdb, sdb));

  const snapshotRows = rows(1500);
  const text = encodeSnapshot({ month: '2026-02', asOf: '2026-02-28', rows: snapshotRows });
  const parts = splitParts(text);
  const ref: SnapshotRef = {
    id: 'ms-1',
    parts: parts.length,
    chars: text.length,
    hash: checksum(text),
    asOf: '2026-02-28',
    projects: 1500,
  };

  function closingOps(node: string): SyncOp[] {
    return [
      ...parts.flatMap((data, part) =>
        rowOps(
          ORG_SCOPE,
          'month_closing_parts',
          `ms-1-${part}`,
          { closing_id: 'mc-2026-02', snapshot_id: 'ms-1', part, data, deleted: false },
          hlcAt(1000, node),
        ),
      ),
      ...rowOps(
        ORG_SCOPE,
        'month_closings',
        'mc-2026-02',
        {
          month: '2026-02',
          status: 'closed',
          snapshot: JSON.stringify(ref),
          closed_by: 'ucoord',
          closed_by_name: '调度员',
          closed_at: NOW,
          deleted: false,
        },
        hlcAt(1000, node),
      ),
    ];
  }

  it('a coordinator’s closing arrives whole at every member and joins back to its rows', async () => {
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...parts.map((p) => p.length))).toBeGreaterThan(80_000);
    const res = await pushOps(sdb, fx.coordinator, closingOps('dcoord'), NOW);
    expect(res.refused).toEqual([]);
    for (const reader of [fx.inspectorA, fx.inspectorB, fx.leaderA]) {
      const { rows: pulled } = await pullAll(sdb, reader);
      const header = find(pulled, 'month_closings', 'mc-2026-02');
      expect(header?.cells.status).toBe('closed');
      const got = new Map<number, string>();
      for (let i = 0; i < parts.length; i++) {
        const p = find(pulled, 'month_closing_parts', `ms-1-${i}`);
        got.set(Number(p?.cells.part), String(p?.cells.data));
      }
      const joined = joinParts(JSON.parse(String(header?.cells.snapshot)) as SnapshotRef, got);
      expect(joined?.rows).toEqual(snapshotRows);
    }
  });

  it('inspectors and group leaders may not close a month, reopen it or set a target', async () => {
    for (const actor of [fx.inspectorA, fx.leaderA]) {
      const reopen = await pushOps(
        sdb,
        actor,
        rowOps(ORG_SCOPE, 'month_closings', 'mc-2026-02', { status: 'reopened' }, hlcAt(2000, actor.deviceId)),
        NOW,
      );
      expect(reopen.refused.map((r) => r.reason)).toEqual(['forbidden']);
      const target = await pushOps(
        sdb,
        actor,
        rowOps(
          ORG_SCOPE,
          'campaign_targets',
          `t-${actor.deviceId}`,
          { campaign: '百日攻坚', rate: 'start', target_bp: 10_000, levels: '[]', deleted: false },
          hlcAt(2000, actor.deviceId),
        ),
        NOW,
      );
      expect(target.accepted).toEqual([]);
    }
    const admin = await pushOps(
      sdb,
      fx.coordinator,
      rowOps(
        ORG_SCOPE,
        'campaign_targets',
        't1',
        {
          campaign: '百日攻坚',
          rate: 'investment',
          target_bp: 6000,
          due_on: '2026-08-31',
          levels: '[]',
          deleted: false,
        },
        hlcAt(3000, 'dcoord'),
      ),
      NOW,
    );
    expect(admin.refused).toEqual([]);
    const { rows: pulled } = await pullAll(sdb, fx.inspectorB);
    expect(find(pulled, 'month_closings', 'mc-2026-02')?.cells.status).toBe('closed');
    expect(find(pulled, 'campaign_targets', 't1')?.cells.target_bp).toBe(6000);
    expect(find(pulled, 'campaign_targets', `t-${fx.inspectorA.deviceId}`)).toBeUndefined();
  });
});
