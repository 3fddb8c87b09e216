import { Kysely } from 'kysely';
import type { ServerDb } from './connect';
import type { ServerDatabase } from './schema';

/** Something queries run on: the database, or an open transaction (a Transaction is a Kysely). */
export type Executor = Kysely<ServerDatabase>;

/** Accepts either the opened database or a Kysely handle (e.g. a caller's transaction). */
export function executorOf(target: ServerDb | Executor): Executor {
  return target instanceof Kysely ? target : target.db;
}

/** Splits a list so one statement stays under the parameter limits of both databases. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
