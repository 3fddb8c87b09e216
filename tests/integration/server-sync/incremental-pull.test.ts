import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncOp } from '../../../shared/sync/wire';
import type { ServerDb } from '../../../server/db/connect';
import { pushOps } from '../../../server/sync/push';
import {
  closeSeeded,
  openSeeded,
  DIALECTS,
  hlcAt,
  NOW,
  op,
  pullAll,
  rowOps,
  type Fixture,
  type TestDatabase,
} from './databases';

const PROJECTS = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, '0')}`);

/**
 * A device in sync pulls what changed in many scopes: scopes that surely fit the page are
 * read together, one that may not is read alone and cut. Whatever the limit, every changed
 * row comes once, at its latest value, and the cursors end at the scopes' sequence numbers.
 */
describe.each(DIALECTS)('incremental pulls over many scopes on %s', (dialect) => {
  let tdb: TestDatabase;
  let sdb: ServerDb;
  let fx: Fixture;

  beforeAll(async () => {
    ({ tdb, sdb, fx } = await openSeeded(dialect));
  });
  afterAll(() => closeSeeded(tdb, sdb));

  it('brings every row changed past the cursors once, at its latest value, for any page size', async () => {
    let t = 0;
    const created: SyncOp[] = [];
    for (const p of PROJECTS) {
      created.push(...rowOps(p, 'projects', p, { name: `项目 ${p}`, deleted: false }, hlcAt(++t, 'dcoord')));
      for (let v = 0; v < 3; v++) {
        created.push(...rowOps(p, 'visits', `${p}v${v}`, { project_id: p, findings: 'A' }, hlcAt(++t, 'dcoord')));
      }
    }
    expect((await pushOps(sdb, fx.coordinator, created, NOW)).refused).toEqual([]);
    const start = await pullAll(sdb, fx.coordinator, {}, 5000);

    // Scope k: visit 0 edited k times (its seq jumps, one row), and a new visit in every other scope.
    const changes: SyncOp[] = [];
    PROJECTS.forEach((p, k) => {
      for (let e = 0; e < k; e++) {
        changes.push(
          op({
            scope: p,
            table: 'visits',
            rowId: `${p}v0`,
            column: 'findings',
            value: `B${e}`,
            hlc: hlcAt(1000 + t++, 'dcoord'),
          }),
        );
      }
      if (k % 2 === 0) {
        changes.push(...rowOps(p, 'visits', `${p}new`, { project_id: p, findings: 'N' }, hlcAt(1000 + t++, 'dcoord')));
      }
    });
    for (const c of changes) expect((await pushOps(sdb, fx.coordinator, [c], NOW)).refused).toEqual([]);

    const changed = new Set(
      PROJECTS.flatMap((p, k) => [...(k > 0 ? [`visits/${p}v0`] : []), ...(k % 2 === 0 ? [`visits/${p}new`] : [])]),
    );
    const seqs = new Map(
      (await sdb.db.selectFrom('scopes').select(['scope', 'seq']).execute()).map((s) => [s.scope, Number(s.seq)]),
    );
    for (const limit of [1, 2, 5, 9, 5000]) {
      const got = await pullAll(sdb, fx.coordinator, start.cursors, limit);
      const keys = got.rows.map((r) => `${r.table}/${r.id}`);
      expect(keys.length, `limit ${limit}`).toBe(new Set(keys).size);
      expect(new Set(keys)).toEqual(changed);
      for (const [scope, seq] of seqs) expect(got.cursors[scope], `${scope} at limit ${limit}`).toBe(seq);
      PROJECTS.forEach((p, k) => {
        if (k > 0) expect(got.rows.find((r) => r.id === `${p}v0`)?.cells.findings).toBe(`B${k - 1}`);
      });
      if (limit === 5000) expect(got.last.more).toBe(false);
    }
  });
});
