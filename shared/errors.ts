import { z } from 'zod';

/**
 * Error codes that cross the IPC / HTTP border. The renderer shows each in the
 * user's language (renderer i18n key `errors.<code>`); `message` is the English
 * fallback and `details` carries field issues for forms.
 */
export const ErrorCode = z.enum([
  'invalid_input',
  'not_found',
  'unknown_channel',
  'forbidden',
  'conflict',
  'database_newer_than_app',
  'database_corrupt',
  'disk_full',
  'internal',
  /** A photo file that is not an image we can read (corrupt, truncated, another kind of file). */
  'invalid_photo',
  // The problem status flow (shared/problem-flow.ts)
  'problem_transition_not_allowed',
  'problem_verifying_visit_required',
  'problem_after_photo_required',
  'problem_reason_required',
  // Escalation of handling levels (shared/escalation.ts)
  'escalation_not_upward',
  'escalation_not_downward',
  'escalation_reason_required',
  'escalation_problem_done',
  // Sync and accounts (shared/sync)
  'server_unreachable',
  /** The server's TLS certificate cannot be verified (unknown CA, expired, wrong name). */
  'tls_untrusted',
  'bad_credentials',
  'rate_limited',
  'not_signed_in',
  'token_revoked',
  /** An administrator revoked this device; it pushes what it can, then wipes its local data. */
  'device_revoked',
  /** Shown after the wipe: this device's local data was deleted on an administrator's order. */
  'device_wiped',
  'server_error',
  'sync_in_progress',
  // Encryption at rest (electron/db-key/, electron/backend/db/encrypt.ts)
  /** The key does not open this database file (the file is left exactly as it was). */
  'database_key_wrong',
  /** The database key cannot be read: db-key.json missing for an encrypted file, or the OS key store refused it. */
  'database_key_unavailable',
  /** The passphrase that protects the database key is not the right one. */
  'passphrase_wrong',
  /** The database is still locked by its passphrase: only the unlock channels answer. */
  'database_locked',
  /** Photo bytes not on this device yet: the record synced, its file is still on the way (issue 5). */
  'photo_pending',
  // The idle lock (shared/channels/lock.ts)
  /** The app is locked: only the lock channels answer until the PIN or password is entered. */
  'app_locked',
  'lock_wrong_secret',
  /** Too many wrong tries: the next one is accepted after a delay. */
  'lock_throttled',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.array(FieldIssue).optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
