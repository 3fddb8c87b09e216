import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { RecordTable } from '../../../shared/records';
import { PullResponse, ROUTES, type Directory } from '../../../shared/sync/wire';
import { applyPulledRows, deferIndexes, replayParked, restoreIndexes } from '../db/sync-apply';
import { receiveIntoClock } from '../db/sync-clock';
import { removeScope } from '../db/sync-scopes';
import { getCursors, getSyncState, saveCursors, saveDirectory, setNotice, userNames } from '../db/sync-state';
import { callServer, type ClientOptions } from './client';
import type { CorrectedClock } from './clock';

/** A first sync whose first page is at least this full is a bulk load: indexes are built after it. */
const BULK_FIRST_PAGE_ROWS = 1000;

/** Rows are checked one by one, so a table this version does not know is parked, not fatal. */
const PullPage = PullResponse.extend({ rows: z.array(z.unknown()) });
type PullPage = z.infer<typeof PullPage>;

export interface PullDeps {
  db: Database;
  client: ClientOptions;
  clock: CorrectedClock;
  deviceId: string;
  pageSize?: number;
  onProgress?: (done: number) => void;
  /** Tests: runs inside each page's transaction, after everything was applied. */
  beforeCommit?: (page: PullPage) => void;
}

export interface PullResult {
  rows: number;
  tables: Set<RecordTable>;
  lostScopes: string[];
  directory: Directory | null;
}

/**
 * Pages until the server has nothing more. Each page, its cursors, the directory and
 * any lost scope are one transaction: a crash leaves either all of a page or none.
 * The next page is asked for as soon as a page arrives (its cursors are known then), so
 * the server reads it while this one is written; at most two pages are held at once.
 * A large first sync sets the record tables' secondary indexes aside and builds them at the end.
 */
export async function pullAll(deps: PullDeps): Promise<PullResult> {
  const { db } = deps;
  // Indexes a crashed first sync set aside come back before anything else.
  restoreIndexes(db);
  const state = { deferred: false };
  let result: PullResult;
  try {
    result = await pullPages(deps, state);
  } catch (err) {
    if (state.deferred) {
      try {
        restoreIndexes(db);
      } catch {
        // The pull's own error is the one to report; the next pull restores them.
      }
    }
    throw err;
  }
  if (state.deferred) {
    restoreIndexes(db);
    // A bulk load outgrows the planner's statistics, as after importSnapshot.
    db.pragma('optimize');
  }
  return result;
}

async function pullPages(deps: PullDeps, state: { deferred: boolean }): Promise<PullResult> {
  const { db, clock } = deps;
  const start = getCursors(db);
  const firstSync = Object.keys(start).length === 0;
  // A scope this device has never pulled arrives as a snapshot: no change log for it.
  const isSnapshot = (scope: string): boolean => (start[scope] ?? 0) === 0;
  const result: PullResult = { rows: 0, tables: new Set(), lostScopes: [], directory: null };
  let cursors = start;
  let directoryVersion = getSyncState(db).directoryVersion;
  const request = (): Promise<PullPage> =>
    callServer(deps.client, ROUTES.pull, PullPage, { cursors, limit: deps.pageSize, directoryVersion });
  let next = request();
  let first = true;
  // Read once, not per page: parsing the directory of a province costs a millisecond each time.
  let names = userNames(db);
  for (;;) {
    const page = await next;
    clock.observe(page.serverTime);
    const visible = new Set(page.scopes);
    const lost = first ? Object.keys(cursors).filter((s) => !visible.has(s)) : [];
    if (first && firstSync && page.more && page.rows.length >= BULK_FIRST_PAGE_ROWS) {
      state.deferred = deferIndexes(db) > 0;
    }
    first = false;
    if (page.more) {
      cursors = { ...cursors, ...page.cursors };
      if (lost.length > 0) cursors = Object.fromEntries(Object.entries(cursors).filter(([s]) => !lost.includes(s)));
      if (page.directory) directoryVersion = page.directory.version;
      next = request();
      // Awaited on the next turn; if this page fails first, its error is the one reported.
      next.catch(() => undefined);
    }
    db.transaction(() => {
      if (lost.length > 0) {
        const removed = lost.map((s) => removeScope(db, s, clock.now()));
        result.lostScopes.push(...lost);
        const names = removed.map((r) => r.name).join(', ');
        const kept = removed.reduce((n, r) => n + r.setAside, 0);
        setNotice(db, {
          code: 'no_access',
          message: `access was removed: ${names}` + (kept > 0 ? `; ${kept} unsynced changes were set aside` : ''),
        });
      }
      if (page.directory) {
        saveDirectory(db, page.directory);
        names = new Map(page.directory.users.map((u) => [u.id, u.name]));
        result.directory = page.directory;
      }
      const opts = { isSnapshot, userNames: names, now: clock.now() };
      const applied = applyPulledRows(db, page.rows, opts);
      const replayed = replayParked(db, opts, false);
      saveCursors(db, page.cursors);
      for (const t of [...applied.tables, ...replayed.tables]) result.tables.add(t);
      const newest = [applied.maxHlc, replayed.maxHlc]
        .filter((h): h is string => h !== null)
        .sort()
        .pop();
      if (newest) receiveIntoClock(db, deps.deviceId, newest, clock.now());
      deps.beforeCommit?.(page);
    })();
    result.rows += page.rows.length;
    deps.onProgress?.(result.rows);
    if (!page.more) return result;
  }
}
