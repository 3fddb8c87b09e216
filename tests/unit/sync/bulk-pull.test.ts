import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulledRow, PullResponse } from '../../../shared/sync/wire';
import { openDatabase } from '../../../electron/backend/db/open';
import { deferIndexes, restoreIndexes } from '../../../electron/backend/db/sync-apply';
import { searchRecords } from '../../../electron/backend/db/search';
import { getCursors } from '../../../electron/backend/db/sync-state';
import { CorrectedClock } from '../../../electron/backend/sync/clock';
import { pullAll } from '../../../electron/backend/sync/pull';
import { T0, count, hlcAt, projectCells, pulled, visitCells } from './helpers';
import { startWireServer, type WireServer } from './wire-server';

/**
 * A large first sync: the record tables' secondary indexes are set aside while its pages
 * are written and rebuilt after it, also when it fails or the process died half-way.
 */
let db: Database;
let server: WireServer;

beforeEach(async () => {
  db = openDatabase(':memory:');
  server = await startWireServer();
});
afterEach(async () => {
  db.close();
  await server.close();
});

const deps = () => ({
  db,
  client: { baseUrl: server.url, token: 't', now: () => T0 },
  clock: new CorrectedClock(() => T0),
  deviceId: 'deva',
});

const indexes = (): { name: string; sql: string }[] =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as {
    name: string;
    sql: string;
  }[];
const hasTable = (name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

const PROBLEM = {
  project_id: 'p0',
  visit_id: null,
  category: 'land',
  description: '用地指标尚未落实',
  lead_unit: '自然资源局',
  handling_level: 'district',
  status: 'open',
  raised_on: '2026-03-30',
  deleted: false,
};

/** Project p0 with a problem and `visits` visits, as the server pages them (1,000 rows a page). */
function bulkPages(visits: number): PullResponse[] {
  const rows: PulledRow[] = [pulled('projects', 'p0', 'p0', hlcAt(T0), projectCells())];
  rows.push(pulled('problems', 'q0', 'p0', hlcAt(T0), PROBLEM));
  for (let i = 0; i < visits; i++) rows.push(pulled('visits', `v${i}`, 'p0', hlcAt(T0), visitCells('p0')));
  const pages: PullResponse[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    const more = i + 1000 < rows.length;
    pages.push({ serverTime: T0, rows: part, cursors: { p0: i + part.length }, scopes: ['org', 'p0'], more });
  }
  return pages;
}

describe('a large first sync', () => {
  it('writes its pages without the secondary indexes and rebuilds every one of them after', async () => {
    const before = indexes();
    expect(before.some((i) => i.name === 'idx_visits_project_date')).toBe(true);
    const pages = bulkPages(2500);
    server.on('POST /sync/pull', () => ({ body: pages.shift()! }));
    const seen: number[] = [];
    const res = await pullAll({
      ...deps(),
      beforeCommit: () => seen.push(indexes().filter((i) => i.name === 'idx_visits_project_date').length),
    });
    expect(res.rows).toBe(2502);
    expect(seen).toEqual([0, 0, 0]);
    expect(indexes()).toEqual(before);
    expect(hasTable('deferred_indexes')).toBe(false);
    expect(count(db, 'visits')).toBe(2500);
    expect(getCursors(db)).toEqual({ p0: 2502 });
    // Found by search like any project written by the app.
    expect(searchRecords(db, '松北', 5).map((h) => h.id)).toEqual(['p0']);
    expect(searchRecords(db, '用地', 5)).toMatchObject([{ kind: 'problem', id: 'q0', projectId: 'p0' }]);
    // Each request carried the cursors of the page before it.
    expect(server.calls.map((c) => (c.body as { cursors: Record<string, number> }).cursors)).toEqual([
      {},
      { p0: 1000 },
      { p0: 2000 },
    ]);
  });

  it('a small first sync keeps its indexes', async () => {
    server.on('POST /sync/pull', () => ({ body: bulkPages(10)[0]! }));
    const before = indexes();
    const res = await pullAll({
      ...deps(),
      beforeCommit: () => expect(indexes()).toEqual(before),
    });
    expect(res.rows).toBe(12);
  });

  it('a failure half-way rebuilds the indexes and keeps the pages already written', async () => {
    const before = indexes();
    const pages = bulkPages(2500);
    server.on('POST /sync/pull', () =>
      pages.length > 2
        ? { body: pages.shift()! }
        : { status: 503, body: { error: { code: 'unavailable', message: 'busy' } } },
    );
    await expect(pullAll(deps())).rejects.toMatchObject({ code: 'server_error' });
    expect(indexes()).toEqual(before);
    expect(hasTable('deferred_indexes')).toBe(false);
    expect(getCursors(db)).toEqual({ p0: 1000 });
  });

  it('indexes set aside by a process that died are rebuilt by the next pull', async () => {
    const before = indexes();
    expect(deferIndexes(db)).toBeGreaterThan(20);
    expect(indexes().length).toBeLessThan(before.length);
    server.on('POST /sync/pull', () => ({ body: bulkPages(1)[0]! }));
    await pullAll(deps());
    expect(indexes()).toEqual(before);
    expect(restoreIndexes(db)).toBe(0);
  });
});
