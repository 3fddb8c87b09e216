import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulledRow } from '../../../shared/sync/wire';
import type { ServerDb } from '../../../server/db/connect';
import type { SyncActor } from '../../../server/sync/access';
import { pullChanges } from '../../../server/sync/pull';
import { pushOps } from '../../../server/sync/push';
import { createTestDatabase, DIALECTS, hlcAt, rowOps, T0, type TestDatabase } from './databases';

const NOW = T0 + 3_600_000;
const PUSHERS = 8;
const PUSHES_EACH = 25;

describe.each(DIALECTS)('concurrent pushes and pulls on %s', (dialect) => {
  let tdb: TestDatabase;
  let sdb: ServerDb;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    sdb = await tdb.open();
  });
  afterAll(async () => {
    await sdb.close();
    await tdb.drop();
  });

  it('a reader following its cursors gets every committed row once, in order, with no seq skipped', async () => {
    const reader: SyncActor = { userId: 'ureader', deviceId: 'dreader', role: 'coordinator' };
    let pushing = true;
    // Each push creates one new row, so the scope's rows must carry seq 1..N exactly once.
    const pusher = async (n: number) => {
      const actor: SyncActor = { userId: `u${n}`, deviceId: `d${n}`, role: 'coordinator' };
      for (let i = 0; i < PUSHES_EACH; i++) {
        const ops = rowOps(
          'p1',
          'visits',
          `v${n}x${i}`,
          { project_id: 'p1', findings: `${n}/${i}`, workers_on_site: i, status: 'draft' },
          hlcAt(i * 10 + n, `d${n}`),
        );
        const res = await pushOps(sdb, actor, ops, NOW);
        expect(res.refused).toEqual([]);
      }
    };
    const seen: PulledRow[] = [];
    let cursor = 0;
    let pulls = 0;
    const read = async () => {
      const res = await pullChanges(sdb, reader, { cursors: { p1: cursor }, limit: 7 }, NOW);
      pulls += 1;
      for (const row of res.rows) {
        // Never backwards, never a gap: the next row is exactly the next number.
        expect(row.seq).toBe(cursor + 1 + seen.filter((r) => r.seq > cursor).length);
        seen.push(row);
      }
      const next = res.cursors.p1 ?? cursor;
      expect(next).toBeGreaterThanOrEqual(cursor);
      cursor = next;
      return res.more;
    };
    const readerLoop = async () => {
      while (pushing) await read();
      while (await read());
    };
    const readerDone = readerLoop();
    try {
      await Promise.all(Array.from({ length: PUSHERS }, (_, n) => pusher(n)));
    } finally {
      pushing = false;
      await readerDone;
    }

    const total = PUSHERS * PUSHES_EACH;
    expect(pulls).toBeGreaterThan(1);
    expect(seen.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(seen.map((r) => r.id)).size).toBe(total);
    expect(cursor).toBe(total);
    const rows = await sdb.db.selectFrom('records').select('row_id').where('scope', '=', 'p1').execute();
    expect(rows).toHaveLength(total);
  });
});
