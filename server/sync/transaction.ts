import type { ServerDb } from '../db/connect';
import type { Executor } from '../db/executor';
import { persistServerHlc } from '../db/meta';

/** PostgreSQL's deadlock and serialization failures: the transaction is safe to run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 4;

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/**
 * Runs `work` in the caller's transaction, or in a new one (retried on deadlock).
 * A server HLC it stamped is persisted after the commit when the transaction is
 * ours, so the meta row is never held while a scope lock is wanted.
 */
export async function inTransaction<T extends { stampedHlc: string | null }>(
  sdb: ServerDb,
  tx: Executor | null,
  work: (ex: Executor) => Promise<T>,
): Promise<T> {
  if (tx) {
    const result = await work(tx);
    if (result.stampedHlc) await persistServerHlc(tx, result.stampedHlc);
    return result;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await sdb.db.transaction().execute(work);
      if (result.stampedHlc) await persistServerHlc(sdb.db, result.stampedHlc);
      return result;
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(err)) throw err;
    }
  }
}
