import type { Kysely } from 'kysely';
import { formatHlc, parseHlc, tick, type Hlc } from '../../shared/hlc';
import type { Executor } from '../db/executor';
import { readServerHlc } from '../db/meta';
import type { ServerDatabase } from '../db/schema';
import { SERVER_NODE } from '../../shared/sync/wire';

/**
 * The server's own HLC, for cells it writes (conflict records, assignments).
 * Held in memory per open database and persisted in `meta` after each use; it
 * is always merged with the HLCs it must sort after (the ops in hand, the stored
 * cells it replaces), so a second server process or a clock set back cannot
 * stamp a server write older than what it replaces.
 */
const clocks = new WeakMap<Kysely<ServerDatabase>, Hlc>();

export async function loadServerClock(db: Kysely<ServerDatabase>, ex: Executor): Promise<void> {
  if (clocks.has(db)) return;
  const text = await readServerHlc(ex);
  const persisted = text ? parseHlc(text) : null;
  clocks.set(db, { millis: persisted?.millis ?? 0, counter: persisted?.counter ?? 0, node: SERVER_NODE });
}

/** A new server HLC, after every HLC in `after` and not before the wall clock. */
export function stampServerHlc(db: Kysely<ServerDatabase>, nowMs: number, after: Iterable<string>): string {
  let last = clocks.get(db) ?? { millis: 0, counter: 0, node: SERVER_NODE };
  let lastText = formatHlc(last);
  for (const text of after) {
    if (text <= lastText) continue;
    const seen = parseHlc(text);
    last = { millis: seen.millis, counter: seen.counter, node: SERVER_NODE };
    lastText = formatHlc(last);
  }
  const next = tick(last, nowMs);
  clocks.set(db, next);
  return formatHlc(next);
}
