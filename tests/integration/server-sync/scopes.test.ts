import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_SCOPE } from '../../../shared/sync/roles';
import type { SyncOp } from '../../../shared/sync/wire';
import type { ServerDb } from '../../../server/db/connect';
import { bumpDirectoryVersion } from '../../../server/db/meta';
import { pullChanges } from '../../../server/sync/pull';
import { pushOps, seedRecords, writeServerCells } from '../../../server/sync/push';
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

describe.each(DIALECTS)('scopes, server cells and paging on %s', (dialect) => {
  let tdb: TestDatabase;
  let sdb: ServerDb;
  let fx: Fixture;

  beforeAll(async () => {
    ({ tdb, sdb, fx } = await openSeeded(dialect, { twoProjects: true }));
  });
  afterAll(() => closeSeeded(tdb, sdb));

  it('writes server-owned cells as server ops that sync down, and skips unchanged ones', async () => {
    const hlc = await writeServerCells(sdb, null, 'pa', 'projects', 'pa', { group_id: 'ga' }, NOW);
    expect(hlc?.endsWith('-server')).toBe(true);
    expect(await writeServerCells(sdb, null, 'pa', 'projects', 'pa', { group_id: 'ga' }, NOW)).toBeNull();
    // The server clock is persisted, so a restarted server stamps after it even if its wall clock went back.
    const persisted = await sdb.db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'server_hlc')
      .executeTakeFirst();
    expect(persisted?.value).toBe(hlc);
    const reassigned = await writeServerCells(sdb, null, 'pa', 'projects', 'pa', { group_id: 'gb' }, NOW - 3_600_000);
    expect(reassigned! > hlc!).toBe(true);
    await writeServerCells(sdb, null, 'pa', 'projects', 'pa', { group_id: 'ga' }, NOW);
    await sdb.db.transaction().execute(async (tx) => {
      await writeServerCells(
        sdb,
        tx,
        ORG_SCOPE,
        'service_groups',
        'ga',
        { name: 'Group A', members: '["uinspa"]', deleted: false },
        NOW,
      );
      await bumpDirectoryVersion(tx);
    });
    const { rows } = await pullAll(sdb, fx.inspectorA);
    expect(find(rows, 'projects', 'pa')?.cells.group_id).toBe('ga');
    expect(find(rows, 'projects', 'pa')?.authors?.group_id).toBe('server');
    expect(find(rows, 'service_groups', 'ga')?.cells.name).toBe('Group A');
    const ops = await sdb.db.selectFrom('ops').selectAll().where('user_id', '=', 'server').execute();
    expect(ops.map((o) => o.col).sort()).toEqual(['deleted', 'group_id', 'group_id', 'group_id', 'members', 'name']);
    expect(ops.every((o) => o.device_id === 'server')).toBe(true);
  });

  it('keeps an inspector to their own group: no reads or writes of another project, no org writes', async () => {
    await pushOps(
      sdb,
      fx.inspectorB,
      rowOps('pb', 'visits', 'vb1', { project_id: 'pb', findings: 'B' }, hlcAt(5000, 'dinspb')),
      NOW,
    );
    const a = await pullAll(sdb, fx.inspectorA);
    expect(a.last.scopes).toEqual([ORG_SCOPE, 'pa']);
    expect(a.rows.filter((r) => r.scope === 'pb')).toEqual([]);
    expect(a.cursors.pb).toBeUndefined();
    // Even naming pb's cursor gets nothing.
    const named = await pullChanges(sdb, fx.inspectorA, { cursors: { pb: 0 }, directoryVersion: 0 }, NOW);
    expect(named.rows.filter((r) => r.scope === 'pb')).toEqual([]);
    const write = await pushOps(
      sdb,
      fx.inspectorA,
      [op({ scope: 'pb', table: 'visits', rowId: 'vb1', column: 'findings', value: 'A', hlc: hlcAt(6000, 'dinspa') })],
      NOW,
    );
    expect(write.refused[0]?.reason).toBe('no_access');
    const org = await pushOps(
      sdb,
      fx.inspectorA,
      [
        op({
          scope: ORG_SCOPE,
          table: 'units',
          rowId: 'un1',
          column: 'name',
          value: '市发改委',
          hlc: hlcAt(6000, 'dinspa'),
        }),
      ],
      NOW,
    );
    expect(org.refused[0]?.reason).toBe('forbidden');

    // A coordinator sees and writes both, and the organisation.
    const c = await pullAll(sdb, fx.coordinator);
    expect(c.last.scopes).toEqual(expect.arrayContaining([ORG_SCOPE, 'pa', 'pb']));
    expect(find(c.rows, 'visits', 'vb1')?.cells.findings).toBe('B');
    const coordWrite = await pushOps(
      sdb,
      fx.coordinator,
      [
        op({ scope: 'pb', table: 'visits', rowId: 'vb1', column: 'findings', value: 'C', hlc: hlcAt(7000, 'dcoord') }),
        op({
          scope: ORG_SCOPE,
          table: 'units',
          rowId: 'un1',
          column: 'name',
          value: '市发改委',
          hlc: hlcAt(7000, 'dcoord'),
        }),
      ],
      NOW,
    );
    expect(coordWrite.refused).toEqual([]);
    const orgRows = await pullAll(sdb, fx.inspectorA, a.cursors);
    expect(find(orgRows.rows, 'units', 'un1')?.cells.name).toBe('市发改委');

    // Assigned pb, group A's inspector gets all of it from the start; unassigned, pb leaves the scopes.
    await sdb.db.insertInto('assignments').values({ group_id: 'ga', project_id: 'pb' }).execute();
    const gained = await pullAll(sdb, fx.inspectorA, orgRows.cursors);
    expect(gained.last.scopes).toEqual([ORG_SCOPE, 'pa', 'pb']);
    expect(find(gained.rows, 'visits', 'vb1')?.cells.findings).toBe('C');
    expect(find(gained.rows, 'projects', 'pb')?.cells.name).toBe('项目 pb');
    await sdb.db.deleteFrom('assignments').where('group_id', '=', 'ga').where('project_id', '=', 'pb').execute();
    const lost = await pullChanges(sdb, fx.inspectorA, { cursors: gained.cursors, directoryVersion: 0 }, NOW);
    expect(lost.scopes).toEqual([ORG_SCOPE, 'pa']);
  });

  it('pages with small limits without skipping or repeating a row, cursors ending at the scope seq', async () => {
    const rows: SyncOp[] = [];
    for (let i = 0; i < 25; i++)
      rows.push(
        ...rowOps('pb', 'photos', `ph${i}`, { project_id: 'pb', caption: `照片 ${i}` }, hlcAt(40_000 + i, 'dcoord')),
      );
    for (let i = 0; i < 10; i++)
      rows.push(
        op({
          scope: 'pb',
          table: 'photos',
          rowId: `ph${i * 2}`,
          column: 'caption',
          value: `改 ${i}`,
          hlc: hlcAt(50_000 + i, 'dcoord'),
        }),
      );
    await pushOps(sdb, fx.coordinator, rows, NOW);
    await seedRecords(
      sdb,
      Array.from({ length: 30 }, (_, i) => ({
        table: 'units' as const,
        rowId: `seed${i}`,
        scope: ORG_SCOPE,
        cells: { name: `单位 ${i}`, deleted: false },
      })),
      hlcAt(0, 'server'),
    );

    const whole = await pullAll(sdb, fx.coordinator, {}, 5000);
    for (const limit of [1, 3, 7]) {
      const paged = await pullAll(sdb, fx.coordinator, {}, limit);
      const keys = paged.rows.map((r) => `${r.table}/${r.id}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.sort()).toEqual(whole.rows.map((r) => `${r.table}/${r.id}`).sort());
      const seqs = await sdb.db.selectFrom('scopes').select(['scope', 'seq']).execute();
      for (const s of seqs) expect(paged.cursors[s.scope]).toBe(Number(s.seq));
    }
    expect(find(whole.rows, 'photos', 'ph4')?.cells.caption).toBe('改 2');
    expect(find(whole.rows, 'units', 'seed29')?.cells.name).toBe('单位 29');
  });
});
