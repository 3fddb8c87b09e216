import type { Database } from 'better-sqlite3';
import { formatHlc, parseHlc, tick, zeroHlc, type Hlc } from '../../../shared/hlc';
import { stmt } from './cells';

function lastHlc(db: Database, node: string): Hlc {
  const row = stmt(db, 'SELECT hlc FROM clock WHERE id = 1').get() as { hlc: string } | undefined;
  if (!row) return zeroHlc(node);
  const last = parseHlc(row.hlc);
  // The node is this device; a renamed device keeps the clock's time, not its old node.
  return last.node === node ? last : { ...last, node };
}

/** Stamps one local event and persists the clock; call inside the write's transaction. */
export function tickClock(db: Database, node: string, nowMs: number): string {
  const next = formatHlc(tick(lastHlc(db, node), nowMs));
  stmt(db, 'INSERT INTO clock (id, hlc) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET hlc = excluded.hlc').run(next);
  return next;
}

export function readClock(db: Database): string | null {
  const row = stmt(db, 'SELECT hlc FROM clock WHERE id = 1').get() as { hlc: string } | undefined;
  return row?.hlc ?? null;
}
