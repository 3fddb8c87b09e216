import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HLC_MAX_DRIFT_MS, parseHlc } from '../../../shared/hlc';
import type { PullResponse, PushRequest, PushResponse } from '../../../shared/sync/wire';
import { openDatabase } from '../../../electron/backend/db/open';
import { getCursors } from '../../../electron/backend/db/sync-state';
import { listSetAside } from '../../../electron/backend/db/sync-outbox';
import { writeRecord } from '../../../electron/backend/db/writer';
import { readClock } from '../../../electron/backend/db/clock';
import { CorrectedClock } from '../../../electron/backend/sync/clock';
import { pushOutbox } from '../../../electron/backend/sync/push';
import { pullAll } from '../../../electron/backend/sync/pull';
import type { ClientOptions } from '../../../electron/backend/sync/client';
import { T0, count, hlcAt, outboxOf, projectCells, pulled, visitCells } from './helpers';
import { startWireServer, type WireServer } from './wire-server';

const DEVICE = 'deva';
const me = { userId: 'u-me', userName: '张三', deviceId: DEVICE };

let db: Database;
let server: WireServer;
let wall: number;
let clock: CorrectedClock;
let client: ClientOptions;

beforeEach(async () => {
  db = openDatabase(':memory:');
  server = await startWireServer();
  wall = T0;
  clock = new CorrectedClock(() => wall);
  client = { baseUrl: server.url, token: 't', now: () => wall };
});
afterEach(async () => {
  db.close();
  await server.close();
});

const deps = () => ({ db, client, clock, deviceId: DEVICE });
const ops = (body: unknown) => (body as PushRequest).ops;

function createProject(id: string, at: number, name = '本机项目'): void {
  writeRecord(db, me, at, { table: 'projects', rowId: id, cells: projectCells({ name }) });
}

describe('push', () => {
  it('accepted ops leave the outbox, refused ones are set aside with their reason', async () => {
    createProject('p1', T0);
    server.on('POST /sync/push', (body) => {
      const all = ops(body);
      const res: PushResponse = {
        serverTime: T0,
        accepted: all.filter((o) => o.column !== 'name').map((o) => o.opId),
        refused: all
          .filter((o) => o.column === 'name')
          .map((o) => ({ opId: o.opId, reason: 'forbidden' as const, message: 'inspectors do not edit projects' })),
      };
      return { body: res };
    });
    const result = await pushOutbox(deps());
    expect(result).toMatchObject({ setAside: 1, restamped: 0 });
    expect(result.accepted).toBe(Object.keys(projectCells()).length - 1);
    expect(count(db, 'outbox')).toBe(0);
    const aside = listSetAside(db);
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatchObject({
      column: 'name',
      value: '本机项目',
      reason: 'forbidden',
      message: 'inspectors do not edit projects',
      label: '本机项目',
    });
    // Values travel decoded, with the base the writer saw.
    const sent = ops(server.calls[0]!.body);
    expect(sent.find((o) => o.column === 'is_new')).toMatchObject({ value: false, baseHlc: null, scope: 'p1' });
  });

  it('an op replaced by a newer local write while on the wire stays and goes next', async () => {
    createProject('p1', T0);
    let first = true;
    server.on('POST /sync/push', (body) => {
      if (first) {
        first = false;
        // The user types while the push is on the wire: same cell, new op id.
        writeRecord(db, me, T0 + 500, { table: 'projects', rowId: 'p1', cells: { name: '打字中' } });
      }
      return { body: { serverTime: T0, accepted: ops(body).map((o) => o.opId), refused: [] } };
    });
    await pushOutbox(deps());
    expect(server.calls).toHaveLength(2);
    const second = ops(server.calls[1]!.body);
    expect(second.map((o) => [o.column, o.value])).toEqual([['name', '打字中']]);
    expect(count(db, 'outbox')).toBe(0);
  });

  it('a retried push after a lost response is harmless: the same op ids go again', async () => {
    createProject('p1', T0);
    let n = 0;
    server.on('POST /sync/push', (body) => {
      n++;
      if (n === 1) return { status: 503, body: { error: { code: 'unavailable', message: 'restarting' } } };
      return { body: { serverTime: T0, accepted: ops(body).map((o) => o.opId), refused: [] } };
    });
    await expect(pushOutbox(deps())).rejects.toMatchObject({ code: 'server_error' });
    expect(count(db, 'outbox')).toBe(Object.keys(projectCells()).length);
    await pushOutbox(deps());
    const [a, b] = [ops(server.calls[0]!.body), ops(server.calls[1]!.body)];
    expect(b.map((o) => o.opId)).toEqual(a.map((o) => o.opId));
    expect(count(db, 'outbox')).toBe(0);
  });

  it('clock_ahead: the offset is learned, the clock reset, every pending op re-stamped and pushed again', async () => {
    const dayAhead = T0 + 24 * 3600_000;
    wall = dayAhead;
    createProject('p1', dayAhead);
    writeRecord(db, me, dayAhead + 10, { table: 'projects', rowId: 'p1', cells: { deleted: true } });
    const before = outboxOf(db);
    const stamps = new Set(before.map((o) => o.hlc));
    expect(stamps.size).toBe(2);
    server.on('POST /sync/push', (body) => {
      const all = ops(body);
      const ahead = all.filter((o) => parseHlc(o.hlc).millis - T0 > HLC_MAX_DRIFT_MS);
      return {
        serverTime: T0,
        body: {
          serverTime: T0,
          accepted: all.filter((o) => !ahead.includes(o)).map((o) => o.opId),
          refused: ahead.map((o) => ({ opId: o.opId, reason: 'clock_ahead', message: 'clock ahead' })),
        },
      };
    });
    const result = await pushOutbox(deps());
    expect(result.restamped).toBe(before.length);
    expect(result.accepted).toBe(before.length);
    expect(clock.offset).toBe(T0 - dayAhead);
    expect(count(db, 'outbox')).toBe(0);
    const resent = ops(server.calls[1]!.body);
    expect(resent.every((o) => parseHlc(o.hlc).millis === T0)).toBe(true);
    // Cells written together still share a stamp, in the old order; the deletion's base follows.
    const byCol = new Map(resent.map((o) => [o.column, o]));
    expect(byCol.get('name')!.hlc < byCol.get('deleted')!.hlc).toBe(true);
    expect(byCol.get('deleted')!.baseHlc).toBe(byCol.get('name')!.hlc);
    expect(db.prepare("SELECT hlc FROM cell_versions WHERE col = 'name'").get()).toEqual({
      hlc: byCol.get('name')!.hlc,
    });
    expect(db.prepare('SELECT row_hlc FROM projects').get()).toEqual({ row_hlc: byCol.get('name')!.hlc });
    expect(parseHlc(readClock(db)!).millis).toBe(T0);
  });
});

function page(over: Partial<PullResponse>): { body: PullResponse } {
  return { body: { serverTime: T0, rows: [], cursors: {}, scopes: ['org', 'p1'], more: false, ...over } };
}

describe('pull', () => {
  it('pages until done; each page and its cursors commit together', async () => {
    const pages = [
      page({ rows: [pulled('projects', 'p1', 'p1', hlcAt(T0), projectCells())], cursors: { p1: 1 }, more: true }),
      page({ rows: [pulled('visits', 'v1', 'p1', hlcAt(T0 + 1), visitCells('p1'))], cursors: { p1: 2 } }),
    ];
    server.on('POST /sync/pull', () => pages.shift()!);
    const res = await pullAll(deps());
    expect(res.rows).toBe(2);
    expect(getCursors(db)).toEqual({ p1: 2 });
    expect(count(db, 'visits')).toBe(1);
    expect((server.calls[1]!.body as { cursors: Record<string, number> }).cursors).toEqual({ p1: 1 });
    // Pulled stamps go into the clock: the next local write sorts after them.
    expect(readClock(db)! >= hlcAt(T0 + 1)).toBe(true);
  });

  it('a crash after applying a page leaves neither its rows nor its cursor', async () => {
    server.on('POST /sync/pull', () =>
      page({ rows: [pulled('projects', 'p1', 'p1', hlcAt(T0), projectCells())], cursors: { p1: 1 } }),
    );
    await expect(
      pullAll({
        ...deps(),
        beforeCommit: () => {
          throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    expect(count(db, 'projects')).toBe(0);
    expect(getCursors(db)).toEqual({});
    await pullAll(deps());
    expect(count(db, 'projects')).toBe(1);
    expect(getCursors(db)).toEqual({ p1: 1 });
  });

  it('a scope no longer visible: its pending changes are set aside, its rows leave the device', async () => {
    server.on('POST /sync/pull', () =>
      page({
        rows: [
          pulled('projects', 'p1', 'p1', hlcAt(T0), projectCells({ name: '失去的项目' })),
          pulled('projects', 'p2', 'p2', hlcAt(T0), projectCells({ name: '留下的项目' })),
        ],
        cursors: { p1: 1, p2: 1 },
        scopes: ['p1', 'p2'],
      }),
    );
    await pullAll(deps());
    writeRecord(db, me, T0 + 100, { table: 'visits', rowId: 'v9', cells: visitCells('p1') });
    server.on('POST /sync/pull', () => page({ scopes: ['p2'] }));
    const res = await pullAll(deps());
    expect(res.lostScopes).toEqual(['p1']);
    expect(db.prepare('SELECT id FROM projects').all()).toEqual([{ id: 'p2' }]);
    expect(count(db, 'visits')).toBe(0);
    expect(count(db, 'outbox')).toBe(0);
    expect(listSetAside(db).every((c) => c.reason === 'no_access' && c.scope === 'p1')).toBe(true);
    expect(listSetAside(db).length).toBe(Object.keys(visitCells('p1')).length);
    // Named although the project's rows have left the device.
    expect(new Set(listSetAside(db).map((c) => c.projectName))).toEqual(new Set(['失去的项目']));
    expect(listSetAside(db).every((c) => c.label !== null)).toBe(true);
    expect(getCursors(db)).toEqual({ p2: 1 });
  });
});
