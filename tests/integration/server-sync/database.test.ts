import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ORG_SCOPE } from '../../../shared/sync/roles';
import { openServerDatabase } from '../../../server/db/connect';
import { bumpDirectoryVersion, directoryVersion } from '../../../server/db/meta';
import { SERVER_SCHEMA_VERSION, SchemaTooNewError } from '../../../server/db/migrations/index';
import { pullChanges } from '../../../server/sync/pull';
import { seedRecords, type SeedRow } from '../../../server/sync/push';
import { createTestDatabase, DIALECTS, hlcAt, tempDir, T0 } from './databases';

describe('the SQLite server database', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('creates its folder, migrates once, keeps data across opens, and refuses a newer schema', async () => {
    const file = join(tmp.dir, 'nested', 'server.db');
    const first = await openServerDatabase({ sqliteFile: file });
    await first.db.insertInto('meta').values({ key: 'probe', value: 'kept' }).execute();
    await first.close();

    const second = await openServerDatabase({ sqliteFile: file });
    const probe = await second.db.selectFrom('meta').select('value').where('key', '=', 'probe').executeTakeFirst();
    expect(probe?.value).toBe('kept');
    await second.close();

    const raw = new BetterSqlite3(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT version FROM schema_version').get()).toEqual({ version: SERVER_SCHEMA_VERSION });
    raw.prepare('UPDATE schema_version SET version = ?').run(SERVER_SCHEMA_VERSION + 1);
    raw.close();
    await expect(openServerDatabase({ sqliteFile: file })).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(openServerDatabase({ sqliteFile: file })).rejects.toThrow(/newer than this server knows/);
  });
});

describe.each(DIALECTS)('server storage on %s', (dialect) => {
  it('creates the tables and keys of schema.ts, bumps the directory version, and seeds quickly', async () => {
    const tdb = await createTestDatabase(dialect);
    const sdb = await tdb.open();
    try {
      // Keys hold: a duplicate login or token hash is refused by the database itself.
      await sdb.db
        .insertInto('users')
        .values({
          id: 'u1',
          login: 'li',
          name: '李',
          role: 'inspector',
          password_hash: 'h',
          disabled: 0,
          created_at: T0,
        })
        .execute();
      await expect(
        sdb.db
          .insertInto('users')
          .values({
            id: 'u2',
            login: 'li',
            name: '李',
            role: 'inspector',
            password_hash: 'h',
            disabled: 0,
            created_at: T0,
          })
          .execute(),
      ).rejects.toThrow();
      const device = {
        user_id: 'u1',
        device_id: 'd1',
        device_name: 'laptop',
        token_hash: 't',
        created_at: T0,
        last_seen_at: null,
        revoked_at: null,
      };
      await sdb.db
        .insertInto('devices')
        .values({ id: 'dv1', ...device })
        .execute();
      await expect(
        sdb.db
          .insertInto('devices')
          .values({ id: 'dv2', ...device })
          .execute(),
      ).rejects.toThrow();
      const big = await sdb.db.selectFrom('devices').select('created_at').executeTakeFirstOrThrow();
      expect(big.created_at).toBe(T0);

      const v0 = await directoryVersion(sdb);
      expect(v0).toBeGreaterThan(0);
      expect(await sdb.db.transaction().execute((tx) => bumpDirectoryVersion(tx))).toBe(v0 + 1);
      expect(await directoryVersion(sdb)).toBe(v0 + 1);

      // A city-sized slice: 300 projects with 100 rows each.
      const rows: SeedRow[] = [];
      for (let p = 0; p < 300; p++) {
        rows.push({
          table: 'projects',
          rowId: `p${p}`,
          scope: `p${p}`,
          cells: { name: `项目 ${p}`, total_investment: 10_000 * p, deleted: false },
        });
        for (let i = 0; i < 99; i++) {
          rows.push({
            table: 'photos',
            rowId: `p${p}f${i}`,
            scope: `p${p}`,
            cells: { project_id: `p${p}`, caption: '现场', taken_at: T0, deleted: false },
          });
        }
      }
      rows.push({ table: 'units', rowId: 'un1', scope: ORG_SCOPE, cells: { name: '市发改委' } });
      const t0 = performance.now();
      await seedRecords(sdb, rows, hlcAt(0, 'server'));
      const seedMs = performance.now() - t0;
      console.log(`${dialect}: seeded ${rows.length} rows in ${Math.round(seedMs)} ms`);
      expect(seedMs).toBeLessThan(15_000);
      // Seeding twice changes nothing.
      await seedRecords(sdb, rows.slice(0, 10), hlcAt(5, 'server'));

      const scopes = await sdb.db.selectFrom('scopes').select(['scope', 'seq']).where('scope', '=', 'p7').execute();
      expect(scopes).toEqual([{ scope: 'p7', seq: 100 }]);
      const all: Record<string, number> = {};
      let count = 0;
      for (;;) {
        const page = await pullChanges(
          sdb,
          { userId: 'u0', deviceId: 'd0', role: 'admin' },
          { cursors: all, limit: 5000 },
          T0,
        );
        count += page.rows.length;
        Object.assign(all, page.cursors);
        if (!page.more) break;
      }
      expect(count).toBe(rows.length);
      expect(all.p299).toBe(100);
      expect(all[ORG_SCOPE]).toBe(1);

      // Opening again migrates nothing; a schema from a newer server is refused.
      const again = await tdb.open();
      await again.close();
      await sdb.db
        .withTables<{ schema_version: { id: number; version: number } }>()
        .updateTable('schema_version')
        .set({ version: SERVER_SCHEMA_VERSION + 1 })
        .execute();
      await expect(tdb.open()).rejects.toBeInstanceOf(SchemaTooNewError);
    } finally {
      await sdb.close();
      await tdb.drop();
    }
  });
});
