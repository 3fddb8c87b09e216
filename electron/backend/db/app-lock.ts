/**
 * The idle lock's one row (migration 012): the secret's hash, the idle time and the wrong tries.
 * Device-local, outside the sync tables.
 */
import type { Database } from 'better-sqlite3';
import { DEFAULT_IDLE_MINUTES, IdleMinutes, SecretKind } from '../../../shared/channels/lock';

export interface AppLockRow {
  secretKind: SecretKind | null;
  secretHash: string | null;
  idleMinutes: IdleMinutes;
  failedAttempts: number;
  /** Epoch ms before which a try is refused; null: no delay. */
  retryAt: number | null;
}

interface RawRow {
  secret_kind: string | null;
  secret_hash: string | null;
  idle_minutes: number;
  failed_attempts: number;
  retry_at: number | null;
}

export function readAppLock(db: Database): AppLockRow {
  const row = db
    .prepare('SELECT secret_kind, secret_hash, idle_minutes, failed_attempts, retry_at FROM app_lock WHERE id = 1')
    .get() as RawRow | undefined;
  if (!row)
    return { secretKind: null, secretHash: null, idleMinutes: DEFAULT_IDLE_MINUTES, failedAttempts: 0, retryAt: null };
  const kind = SecretKind.safeParse(row.secret_kind);
  const idle = IdleMinutes.safeParse(row.idle_minutes);
  return {
    secretKind: kind.success && row.secret_hash ? kind.data : null,
    secretHash: kind.success ? row.secret_hash : null,
    idleMinutes: idle.success ? idle.data : DEFAULT_IDLE_MINUTES,
    failedAttempts: row.failed_attempts,
    retryAt: row.retry_at,
  };
}

/** Writes the whole row (the row always exists after migration 012; a wiped database starts over). */
export function writeAppLock(db: Database, row: AppLockRow, at: number): void {
  db.prepare(
    `INSERT INTO app_lock (id, secret_kind, secret_hash, idle_minutes, failed_attempts, retry_at, updated_at)
     VALUES (1, @kind, @hash, @idle, @failed, @retryAt, @at)
     ON CONFLICT (id) DO UPDATE SET secret_kind = excluded.secret_kind, secret_hash = excluded.secret_hash,
       idle_minutes = excluded.idle_minutes, failed_attempts = excluded.failed_attempts,
       retry_at = excluded.retry_at, updated_at = excluded.updated_at`,
  ).run({
    kind: row.secretKind,
    hash: row.secretKind ? row.secretHash : null,
    idle: row.idleMinutes,
    failed: row.failedAttempts,
    retryAt: row.retryAt,
    at,
  });
}
