import type { Database } from 'better-sqlite3';
import { formatHlc, HlcError, parseHlc, receive, zeroHlc } from '../../../shared/hlc';
import { stmt } from './cells';

/**
 * Merges a pulled HLC into this device's clock so later local writes sort after
 * everything this device has seen. A stamp too far ahead (or malformed) is left out:
 * the server already refuses those, and one bad stamp must not stop a pull.
 */
export function receiveIntoClock(db: Database, node: string, remoteHlc: string, nowMs: number): void {
  const row = stmt(db, 'SELECT hlc FROM clock WHERE id = 1').get() as { hlc: string } | undefined;
  const last = row ? { ...parseHlc(row.hlc), node } : zeroHlc(node);
  let next;
  try {
    const remote = parseHlc(remoteHlc);
    // Our own node's stamps come back from the server; they are already in the clock's past.
    if (remote.node === node) return;
    next = receive(last, remote, nowMs);
  } catch (err) {
    if (err instanceof HlcError) return;
    throw err;
  }
  stmt(db, 'INSERT INTO clock (id, hlc) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET hlc = excluded.hlc').run(
    formatHlc(next),
  );
}
