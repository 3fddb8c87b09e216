import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_SCOPE } from '../../../shared/sync/roles';
import type { SyncOp } from '../../../shared/sync/wire';
import type { ServerDb } from '../../../server/db/connect';
import { bumpDirectoryVersion } from '../../../server/db/meta';
import type { SyncActor } from '../../../server/sync/access';
import { pullChanges } from '../../../server/sync/pull';
import { pushOps } from '../../../server/sync/push';
import {
  closeSeeded,
  openSeeded,
  find,
  NOW,
  pullAll,
  DIALECTS,
  hlcAt,
  op,
  rowOps,
  type Fixture,
  type TestDatabase,
} from './databases';

describe.each(DIALECTS)('server sync on %s', (dialect) => {
  let tdb: TestDatabase;
  let sdb: ServerDb;
  let fx: Fixture;

  beforeAll(async () => {
    ({ tdb, sdb, fx } = await openSeeded(dialect, { twoProjects: true }));
  });
  afterAll(() => closeSeeded(tdb, sdb));

  it('round-trips a push to a pull, with cursors at the scope seq and the directory', async () => {
    const visit = rowOps(
      'pa',
      'visits',
      'v1',
      { project_id: 'pa', date: '2026-03-01', findings: '土建施工中', workers_on_site: 120, participants: '["张三"]' },
      hlcAt(1000, 'dinspa'),
    );
    const res = await pushOps(sdb, fx.inspectorA, visit, NOW);
    expect(res.accepted).toEqual(visit.map((o) => o.opId));
    expect(res.serverTime).toBe(NOW);

    const first = await pullChanges(sdb, fx.inspectorA, { cursors: {}, directoryVersion: 0 }, NOW);
    expect(first.more).toBe(false);
    expect(first.scopes).toEqual([ORG_SCOPE, 'pa']);
    const v1 = find(first.rows, 'visits', 'v1')!;
    expect(v1.cells).toEqual({
      project_id: 'pa',
      date: '2026-03-01',
      findings: '土建施工中',
      workers_on_site: 120,
      participants: '["张三"]',
    });
    expect(v1.hlc).toBe(hlcAt(1000, 'dinspa'));
    expect(v1.versions).toBeUndefined();
    expect(v1.authors?.findings).toBe('uinspa');
    expect(find(first.rows, 'projects', 'pa')?.cells.name).toBe('项目 pa');
    expect(find(first.rows, 'projects', 'pb')).toBeUndefined();
    const seq = await sdb.db.selectFrom('scopes').select('seq').where('scope', '=', 'pa').executeTakeFirstOrThrow();
    expect(first.cursors.pa).toBe(Number(seq.seq));
    expect(first.directory?.groups.find((g) => g.id === 'ga')?.projectIds).toEqual(['pa']);
    expect(first.directory?.users.map((u) => u.id).sort()).toEqual(['ucoord', 'uinspa', 'uinspb', 'uleada']);

    // Nothing new: nothing sent; an edit: only that row, with the edited cell's own version.
    const again = await pullChanges(
      sdb,
      fx.inspectorA,
      { cursors: first.cursors, directoryVersion: first.directory!.version },
      NOW,
    );
    expect(again.rows).toEqual([]);
    expect(again.directory).toBeUndefined();
    const edit = op({
      scope: 'pa',
      table: 'visits',
      rowId: 'v1',
      column: 'findings',
      value: '主体封顶',
      hlc: hlcAt(2000, 'dinspa'),
      baseHlc: hlcAt(1000, 'dinspa'),
    });
    await pushOps(sdb, fx.inspectorA, [edit], NOW);
    const third = await pullChanges(
      sdb,
      fx.inspectorA,
      { cursors: first.cursors, directoryVersion: first.directory!.version },
      NOW,
    );
    expect(third.rows.map((r) => r.id)).toEqual(['v1']);
    expect(third.rows[0]!.versions).toEqual({ findings: hlcAt(2000, 'dinspa') });
    expect(third.rows[0]!.cells.findings).toBe('主体封顶');
    expect(third.cursors.pa).toBeGreaterThan(first.cursors.pa!);

    await bumpDirectoryVersion(sdb);
    const fourth = await pullChanges(
      sdb,
      fx.inspectorA,
      { cursors: third.cursors, directoryVersion: first.directory!.version },
      NOW,
    );
    expect(fourth.directory?.version).toBe(first.directory!.version + 1);
  });

  it('accepts a retried op again without storing it twice', async () => {
    const ops = rowOps(
      'pa',
      'problems',
      'pr1',
      { project_id: 'pa', category: '用地', status: 'open' },
      hlcAt(3000, 'dinspa'),
    );
    const first = await pushOps(sdb, fx.inspectorA, ops, NOW);
    const seqAfterFirst = await sdb.db
      .selectFrom('scopes')
      .select('seq')
      .where('scope', '=', 'pa')
      .executeTakeFirstOrThrow();
    const second = await pushOps(sdb, fx.inspectorA, [...ops, ops[0]!], NOW + 1000);
    expect(second.accepted).toEqual(first.accepted);
    expect(second.refused).toEqual([]);
    const count = await sdb.db
      .selectFrom('ops')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('row_id', '=', 'pr1')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
    const seqAfterRetry = await sdb.db
      .selectFrom('scopes')
      .select('seq')
      .where('scope', '=', 'pa')
      .executeTakeFirstOrThrow();
    expect(Number(seqAfterRetry.seq)).toBe(Number(seqAfterFirst.seq));

    // The same op id for another change is not taken for a retry.
    const reused = await pushOps(sdb, fx.inspectorA, [{ ...ops[0]!, column: 'category', value: '资金' }], NOW);
    expect(reused.refused.map((r) => r.reason)).toEqual(['invalid']);
  });

  it('refuses each kind of bad op with its reason and stores none of them', async () => {
    const h = hlcAt(4000, 'dinspa');
    const cases: [SyncActor, SyncOp, string][] = [
      [
        fx.inspectorA,
        op({ scope: 'pa', table: 'visits', rowId: 'v9', column: 'colour', value: 'red', hlc: h }),
        'invalid',
      ],
      [
        fx.inspectorA,
        op({ scope: 'pa', table: 'visits', rowId: 'v9', column: 'workers_on_site', value: 1.5, hlc: h }),
        'invalid',
      ],
      [
        fx.inspectorA,
        op({ scope: 'pa', table: 'visits', rowId: 'v9', column: 'workers_on_site', value: '12', hlc: h }),
        'invalid',
      ],
      [
        fx.inspectorA,
        op({ scope: 'pa', table: 'visits', rowId: 'v9', column: 'deleted', value: 1, hlc: h }),
        'invalid',
      ],
      [
        fx.inspectorA,
        op({ scope: 'pa', table: 'visits', rowId: 'v9', column: 'participants', value: '[oops', hlc: h }),
        'invalid',
      ],
      [
        fx.inspectorA,
        op({ scope: 'pa', table: 'visits', rowId: 'v9', column: 'project_id', value: 'pb', hlc: h }),
        'invalid',
      ],
      [
        fx.coordinator,
        op({ scope: 'pb', table: 'visits', rowId: 'v1', column: 'findings', value: 'moved', hlc: h }),
        'invalid',
      ],
      [
        fx.coordinator,
        op({ scope: 'pa', table: 'projects', rowId: 'pb', column: 'name', value: 'x', hlc: h }),
        'invalid',
      ],
      [fx.coordinator, op({ scope: 'pa', table: 'units', rowId: 'u1', column: 'name', value: 'x', hlc: h }), 'invalid'],
      [
        fx.inspectorA,
        op({ scope: 'pa', table: 'visits', rowId: 'v9', column: 'findings', value: 'x', hlc: hlcAt(4000, 'server') }),
        'invalid',
      ],
      [
        fx.inspectorA,
        op({ scope: 'pa', table: 'conflicts', rowId: 'c0', column: 'resolution', value: 'kept', hlc: h }),
        'invalid',
      ],
      [
        fx.inspectorA,
        op({ scope: 'pb', table: 'visits', rowId: 'v9', column: 'findings', value: 'x', hlc: h }),
        'no_access',
      ],
      [
        fx.inspectorA,
        op({ scope: ORG_SCOPE, table: 'units', rowId: 'u1', column: 'name', value: '发改委', hlc: h }),
        'forbidden',
      ],
      [
        fx.inspectorA,
        op({ scope: 'pa', table: 'projects', rowId: 'pa', column: 'name', value: 'x', hlc: h }),
        'forbidden',
      ],
      [
        fx.coordinator,
        op({ scope: 'pa', table: 'projects', rowId: 'pa', column: 'group_id', value: 'gb', hlc: h }),
        'forbidden',
      ],
      [
        fx.inspectorA,
        op({
          scope: 'pa',
          table: 'visits',
          rowId: 'v9',
          column: 'findings',
          value: 'x',
          hlc: hlcAt(60_000 + 6 * 60_000, 'dinspa'),
        }),
        'clock_ahead',
      ],
    ];
    const before = await sdb.db
      .selectFrom('ops')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    for (const [actor, bad, reason] of cases) {
      const res = await pushOps(sdb, actor, [bad], NOW);
      expect({ column: bad.column, reason: res.refused[0]?.reason }).toEqual({ column: bad.column, reason });
      expect(res.accepted).toEqual([]);
      expect(res.refused[0]!.message.length).toBeGreaterThan(0);
    }
    const after = await sdb.db
      .selectFrom('ops')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const v9 = await sdb.db.selectFrom('records').select('row_id').where('row_id', '=', 'v9').execute();
    expect(v9).toEqual([]);
    // A push with nothing acceptable takes no lock and leaves no trace of its scope.
    const stranger = op({ scope: 'pzz', table: 'visits', rowId: 'vz', column: 'findings', value: 'x', hlc: h });
    expect((await pushOps(sdb, fx.inspectorA, [stranger], NOW)).refused[0]?.reason).toBe('no_access');
    expect(await sdb.db.selectFrom('scopes').select('scope').where('scope', '=', 'pzz').execute()).toEqual([]);
  });

  it('records field, status and edit-deleted collisions as conflict rows that sync down', async () => {
    const created = hlcAt(10_000, 'dinspa');
    await pushOps(
      sdb,
      fx.inspectorA,
      rowOps(
        'pa',
        'problems',
        'pr2',
        { project_id: 'pa', description: '缺电', status: 'open', deleted: false },
        created,
      ),
      NOW,
    );
    const { cursors } = await pullAll(sdb, fx.leaderA);

    // Two people edit the same field offline, both from the created version.
    const a = op({
      scope: 'pa',
      table: 'problems',
      rowId: 'pr2',
      column: 'description',
      value: '缺电 10kV',
      hlc: hlcAt(11_000, 'dinspa'),
      baseHlc: created,
    });
    const b = op({
      scope: 'pa',
      table: 'problems',
      rowId: 'pr2',
      column: 'description',
      value: '缺水',
      hlc: hlcAt(12_000, 'dleada'),
      baseHlc: created,
    });
    const s1 = op({
      scope: 'pa',
      table: 'problems',
      rowId: 'pr2',
      column: 'status',
      value: 'in_progress',
      hlc: hlcAt(11_500, 'dinspa'),
      baseHlc: created,
    });
    const s2 = op({
      scope: 'pa',
      table: 'problems',
      rowId: 'pr2',
      column: 'status',
      value: 'resolved',
      hlc: hlcAt(11_600, 'dleada'),
      baseHlc: created,
    });
    expect((await pushOps(sdb, fx.inspectorA, [a, s1], NOW)).refused).toEqual([]);
    expect((await pushOps(sdb, fx.leaderA, [b, s2, b], NOW)).refused).toEqual([]);
    // A retry of the whole push finds the same collisions and writes nothing twice.
    await pushOps(sdb, fx.leaderA, [b, s2], NOW);

    // One deletes visit v1 having seen all of it; the other edits it offline from an older version.
    const del = op({
      scope: 'pa',
      table: 'visits',
      rowId: 'v1',
      column: 'deleted',
      value: true,
      hlc: hlcAt(20_000, 'dleada'),
      baseHlc: hlcAt(2000, 'dinspa'),
    });
    const late = op({
      scope: 'pa',
      table: 'visits',
      rowId: 'v1',
      column: 'workers_on_site',
      value: 80,
      hlc: hlcAt(19_000, 'dinspa'),
      baseHlc: hlcAt(1000, 'dinspa'),
    });
    await pushOps(sdb, fx.leaderA, [del], NOW);
    await pushOps(sdb, fx.inspectorA, [late], NOW);

    const { rows } = await pullAll(sdb, fx.inspectorA, cursors, 2);
    const conflicts = rows.filter((r) => r.table === 'conflicts');
    expect(conflicts.map((c) => c.cells.kind).sort()).toEqual(['edit_deleted', 'field', 'status']);
    expect(new Set(conflicts.map((c) => c.id)).size).toBe(3);
    const field = conflicts.find((c) => c.cells.kind === 'field')!;
    expect(field.scope).toBe('pa');
    expect(field.cells).toMatchObject({
      scope: 'pa',
      tbl: 'problems',
      row_id: 'pr2',
      col: 'description',
      kept_value: JSON.stringify('缺水'),
      kept_by: 'uleada',
      kept_device: 'dleada',
      other_value: JSON.stringify('缺电 10kV'),
      other_by: 'uinspa',
      other_hlc: hlcAt(11_000, 'dinspa'),
      resolution: null,
      deleted: false,
    });
    expect(field.hlc.endsWith('-server')).toBe(true);
    const deleted = conflicts.find((c) => c.cells.kind === 'edit_deleted')!;
    expect(deleted.cells).toMatchObject({
      tbl: 'visits',
      row_id: 'v1',
      col: 'workers_on_site',
      kept_value: 'true',
      other_value: '80',
    });

    // The row shows the later value, and stays deleted.
    expect(find(rows, 'problems', 'pr2')?.cells.description).toBe('缺水');
    expect(find(rows, 'problems', 'pr2')?.cells.status).toBe('resolved');
    expect(find(rows, 'visits', 'v1')?.cells).toMatchObject({ deleted: true, workers_on_site: 80 });

    // A member resolves it; the resolution syncs like any cell, and seeing the edit is no collision.
    const resolve = op({
      scope: 'pa',
      table: 'conflicts',
      rowId: field.id,
      column: 'resolution',
      value: 'kept',
      hlc: hlcAt(30_000, 'dinspa'),
      baseHlc: field.hlc,
    });
    expect((await pushOps(sdb, fx.inspectorA, [resolve], NOW)).accepted).toEqual([resolve.opId]);
    const total = await sdb.db.selectFrom('records').select('row_id').where('tbl', '=', 'conflicts').execute();
    expect(total).toHaveLength(3);
  });
});
