import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { RecordTable } from '../../../shared/records';
import { PullResponse, ROUTES, type Directory } from '../../../shared/sync/wire';
import { applyPulledRows, replayParked } from '../db/sync-apply';
import { receiveIntoClock } from '../db/sync-clock';
import { removeScope } from '../db/sync-scopes';
import { getCursors, getSyncState, saveCursors, saveDirectory, setNotice, userNames } from '../db/sync-state';
import { callServer, type ClientOptions } from './client';
import type { CorrectedClock } from './clock';

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
 */
export async function pullAll(deps: PullDeps): Promise<PullResult> {
  const { db, clock } = deps;
  const start = getCursors(db);
  // A scope this device has never pulled arrives as a snapshot: no change log for it.
  const isSnapshot = (scope: string): boolean => (start[scope] ?? 0) === 0;
  const result: PullResult = { rows: 0, tables: new Set(), lostScopes: [], directory: null };
  let first = true;
  for (;;) {
    const cursors = getCursors(db);
    const page = await callServer(deps.client, ROUTES.pull, PullPage, {
      cursors,
      limit: deps.pageSize,
      directoryVersion: getSyncState(db).directoryVersion,
    });
    clock.observe(page.serverTime);
    const visible = new Set(page.scopes);
    const lost = first ? Object.keys(cursors).filter((s) => !visible.has(s)) : [];
    first = false;
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
        result.directory = page.directory;
      }
      const opts = { isSnapshot, userNames: userNames(db), now: clock.now() };
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
