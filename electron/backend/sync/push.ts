import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import {
  MAX_BODY_BYTES,
  MAX_CELL_CHARS,
  MAX_OPS_PER_PUSH,
  PushResponse,
  ROUTES,
  type SyncOp,
} from '../../../shared/sync/wire';
import { mayWrite } from '../../../shared/sync/roles';
import { markAccepted, pendingCount, pendingOps, restampOutbox, setAside } from '../db/sync-outbox';
import { callServer, type ClientOptions } from './client';
import type { CorrectedClock } from './clock';

/** Keeps a batch well under the server's body limit (cells can be long text). */
const BATCH_BYTES = Math.floor(MAX_BODY_BYTES / 2);
/** Re-stamping fixes a wrong clock at once; if the server keeps refusing, something else is wrong. */
const MAX_RESTAMPS = 3;

export interface PushDeps {
  db: Database;
  client: ClientOptions;
  clock: CorrectedClock;
  /** This device's id: the node of its HLCs. */
  deviceId: string;
  onProgress?: (done: number, total: number) => void;
}

export interface PushResult {
  accepted: number;
  setAside: number;
  restamped: number;
}

/** Cells no role may write (projects.group_id, service groups): the server owns their values. */
function serverOwned(op: SyncOp): boolean {
  return !mayWrite('admin', { scope: op.scope, table: op.table, column: op.column });
}

function batchOf(ops: SyncOp[]): { batch: SyncOp[]; tooLong: SyncOp[]; owned: SyncOp[] } {
  const batch: SyncOp[] = [];
  const tooLong: SyncOp[] = [];
  const owned: SyncOp[] = [];
  let bytes = 0;
  for (const op of ops) {
    if (serverOwned(op)) {
      owned.push(op);
      continue;
    }
    if (typeof op.value === 'string' && op.value.length > MAX_CELL_CHARS) {
      tooLong.push(op);
      continue;
    }
    const size = Buffer.byteLength(JSON.stringify(op));
    if (batch.length > 0 && bytes + size > BATCH_BYTES) break;
    batch.push(op);
    bytes += size;
  }
  return { batch, tooLong, owned };
}

/**
 * Sends the outbox in batches. Accepted ops leave it by op id only; ops refused for
 * good are set aside; ops refused as clock_ahead are re-stamped from the corrected
 * clock and sent again. Safe to retry at any point: the server dedupes by op id.
 */
export async function pushOutbox(deps: PushDeps): Promise<PushResult> {
  const { db, clock } = deps;
  const result: PushResult = { accepted: 0, setAside: 0, restamped: 0 };
  const total = pendingCount(db);
  let restamps = 0;
  for (;;) {
    const { batch, tooLong, owned } = batchOf(pendingOps(db, MAX_OPS_PER_PUSH));
    // A form echoes the server's empty default (a new project's group): nothing to send or keep.
    markAccepted(
      db,
      owned.filter((op) => op.value === null).map((op) => op.opId),
    );
    const ownedValues = owned.filter((op) => op.value !== null);
    if (ownedValues.length > 0) {
      const message = 'this is kept by the server (accounts, groups, assignments); change it on the admin page';
      setAside(
        db,
        ownedValues.map((op) => ({ opId: op.opId, reason: 'forbidden' as const, message })),
        clock.now(),
      );
      result.setAside += ownedValues.length;
    }
    if (tooLong.length > 0) {
      const message = `the text is longer than ${MAX_CELL_CHARS} characters`;
      setAside(
        db,
        tooLong.map((op) => ({ opId: op.opId, reason: 'invalid' as const, message })),
        clock.now(),
      );
      result.setAside += tooLong.length;
    }
    if (batch.length === 0) {
      if (owned.length > 0 || tooLong.length > 0) continue;
      return result;
    }
    const res = await callServer(deps.client, ROUTES.push, PushResponse, { ops: batch });
    clock.observe(res.serverTime);
    markAccepted(db, res.accepted);
    const final = res.refused.filter((r) => r.reason !== 'clock_ahead');
    setAside(db, final, clock.now());
    result.accepted += res.accepted.length;
    result.setAside += final.length;
    deps.onProgress?.(Math.min(total, result.accepted + result.setAside), total);
    if (final.length < res.refused.length) {
      restamps++;
      if (restamps > MAX_RESTAMPS) {
        throw new AppError('server_error', 'the server keeps refusing this device’s clock');
      }
      // The server said our stamps are ahead of its clock: learn its time, then stamp again.
      clock.observe(res.serverTime);
      result.restamped += restampOutbox(db, deps.deviceId, clock.now());
    } else if (res.accepted.length === 0 && final.length === 0) {
      throw new AppError('server_error', 'the server neither accepted nor refused the changes');
    }
  }
}
