/**
 * One queued transfer carried out, and its outcome written back to the queue: done, waiting
 * for the next cycle, backing off, or failed until the user retries.
 */
import type { Database } from 'better-sqlite3';
import type { BlobRef } from '../../../../shared/photos/transfer';
import {
  completeTransfer,
  projectOfPhoto,
  recordTransferOutcome,
  saveProgress,
  saveUploadUrl,
  type Direction,
  type TransferRow,
} from '../../db/photo-transfers';
import { downloadBlob } from './download';
import { hashFile, localPath } from './files';
import { TransferError, type PhotoServer } from './net';
import { uploadFile } from './upload';

const BACKOFF_FIRST_MS = 2_000;
const BACKOFF_MAX_MS = 10 * 60_000;
/** Fresh uploads after the server refused the bytes (hash mismatch) before backing off. */
const FRESH_UPLOADS_AFTER_MISMATCH = 3;

export interface WorkerContext {
  db: Database;
  photosDir: string;
  server: PhotoServer;
  now: () => number;
  signal: AbortSignal;
  /** Bytes put on the wire (speed, bytes sent). */
  onSent: (delta: number) => void;
  /** Something changed that the status shows (progress, a transfer done). */
  onChange: () => void;
}

export type WorkResult = 'done' | 'waiting' | 'failed' | 'auth';

function backoffAt(now: number, attempts: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(attempts, 20));
  return now + Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Writes what a failure means for the transfer; 'auth' goes to the session's handling. */
function recordFailure(ctx: WorkerContext, t: TransferRow, direction: Direction, err: unknown): WorkResult {
  const ref: BlobRef = { sha256: t.sha256, variant: t.variant };
  const e =
    err instanceof TransferError
      ? err
      : new TransferError('refused', 'local_error', err instanceof Error ? err.message : String(err));
  if (e.code === 'aborted') return 'waiting';
  const base = { code: e.code, message: e.message };
  switch (e.kind) {
    case 'auth':
      recordTransferOutcome(ctx.db, ref, direction, {
        ...base,
        state: 'waiting',
        nextAttemptAt: null,
        countAttempt: false,
      });
      return 'auth';
    case 'not_on_server':
      if (direction === 'down') {
        // The record came before its bytes: quietly wait for the next cycle.
        recordTransferOutcome(ctx.db, ref, direction, {
          ...base,
          state: 'waiting',
          nextAttemptAt: null,
          countAttempt: false,
        });
        return 'waiting';
      }
      // An upload URL the server forgot: start afresh after a pause.
      recordTransferOutcome(ctx.db, ref, direction, {
        ...base,
        state: 'waiting',
        nextAttemptAt: backoffAt(ctx.now(), t.attempts),
        countAttempt: true,
        dropUploadUrl: true,
      });
      return 'waiting';
    case 'retry':
    case 'hash_mismatch':
      recordTransferOutcome(ctx.db, ref, direction, {
        ...base,
        state: 'waiting',
        nextAttemptAt: backoffAt(ctx.now(), t.attempts),
        countAttempt: true,
        dropUploadUrl: e.kind === 'hash_mismatch',
      });
      return 'waiting';
    case 'no_access':
    case 'refused':
      recordTransferOutcome(ctx.db, ref, direction, {
        ...base,
        state: 'failed',
        nextAttemptAt: null,
        countAttempt: true,
      });
      return 'failed';
  }
}

function localFailure(code: string, message: string): TransferError {
  return new TransferError('refused', code, message);
}

/**
 * The server refused the bytes as not hashing to the metadata. The local file decides: intact,
 * the bytes were damaged on the way and a fresh upload goes; damaged, nothing can be sent.
 */
async function checkLocalAfterMismatch(ctx: WorkerContext, t: TransferRow, path: string): Promise<string> {
  let actual: string;
  try {
    actual = await hashFile(path);
  } catch (err) {
    throw localFailure('local_file_missing', `the file of this photo cannot be read: ${(err as Error).message}`);
  }
  const expected = t.variant === 'original' ? t.sha256 : t.contentSha256;
  if (t.variant === 'original' && actual !== expected)
    throw localFailure('local_file_corrupt', `the original on this device no longer hashes to ${t.sha256}`);
  // A derivative made again locally has new bytes: its new hash goes with the next upload.
  return actual;
}

export async function runUpload(ctx: WorkerContext, t: TransferRow): Promise<WorkResult> {
  const ref: BlobRef = { sha256: t.sha256, variant: t.variant };
  const path = localPath(ctx.photosDir, ref);
  const projectId = t.projectId ?? projectOfPhoto(ctx.db, t.sha256);
  let contentSha256 = t.contentSha256 ?? t.sha256;
  let uploadUrl = t.uploadUrl;
  try {
    if (!projectId) throw localFailure('photo_deleted', 'no photo record holds these bytes any more');
    for (let fresh = 0; ; fresh++) {
      try {
        await uploadFile({
          server: ctx.server,
          ref,
          path,
          metadata: { sha256: t.sha256, variant: t.variant, contentSha256, projectId },
          uploadUrl,
          onUploadUrl: (url) => {
            if (url !== uploadUrl) saveUploadUrl(ctx.db, ref, url);
            uploadUrl = url;
          },
          onSent: ctx.onSent,
          onAcknowledged: (offset, total) => {
            saveProgress(ctx.db, ref, 'up', offset, total);
            ctx.onChange();
          },
          signal: ctx.signal,
        });
        break;
      } catch (err) {
        if ((err as { code?: unknown }).code === 'ENOENT')
          throw localFailure('local_file_missing', `the file of this photo is not on this device: ${path}`);
        if (!(err instanceof TransferError) || err.kind !== 'hash_mismatch') throw err;
        contentSha256 = await checkLocalAfterMismatch(ctx, t, path);
        saveUploadUrl(ctx.db, ref, null);
        uploadUrl = null;
        if (fresh + 1 >= FRESH_UPLOADS_AFTER_MISMATCH) throw err;
      }
    }
    completeTransfer(ctx.db, ref, 'up', ctx.now());
    return 'done';
  } catch (err) {
    return recordFailure(ctx, t, 'up', err);
  } finally {
    ctx.onChange();
  }
}

export async function runDownload(ctx: WorkerContext, t: TransferRow): Promise<WorkResult> {
  const ref: BlobRef = { sha256: t.sha256, variant: t.variant };
  try {
    const size = await downloadBlob({
      server: ctx.server,
      ref,
      dest: localPath(ctx.photosDir, ref),
      signal: ctx.signal,
    });
    saveProgress(ctx.db, ref, 'down', size, size);
    completeTransfer(ctx.db, ref, 'down', ctx.now());
    return 'done';
  } catch (err) {
    return recordFailure(ctx, t, 'down', err);
  } finally {
    ctx.onChange();
  }
}
