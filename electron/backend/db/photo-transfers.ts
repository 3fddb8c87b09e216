/**
 * The local bookkeeping of photo bytes (migration 011, never synced): the transfer queue,
 * what this device knows of each photo's files, and the photo sync settings.
 */
import type { Database } from 'better-sqlite3';
import type { PhotoSyncSettings, PhotoTransferFailure } from '../../../shared/channels/photo-sync';
import { BlobVariant, type BlobRef } from '../../../shared/photos/transfer';
import { bool, num, numOrNull, str, strOrNull, stmt, type Row } from './cells';

export type Direction = 'up' | 'down';

export interface TransferRow extends BlobRef {
  direction: Direction;
  state: 'waiting' | 'failed';
  projectId: string | null;
  contentSha256: string | null;
  uploadUrl: string | null;
  bytesDone: number;
  bytesTotal: number;
  attempts: number;
  errorCode: string | null;
  nextAttemptAt: number | null;
}

/** The photo_files column that records the server confirmed a variant (fixed names, never input). */
const SERVER_COLUMN: { readonly [V in BlobVariant]: string } = {
  original: 'server_original_at',
  report: 'server_report_at',
  thumb: 'server_thumb_at',
};

function rowToTransfer(r: Row): TransferRow {
  return {
    sha256: str(r['sha256']),
    variant: BlobVariant.parse(r['variant']),
    direction: str(r['direction']) as Direction,
    state: str(r['state']) as TransferRow['state'],
    projectId: strOrNull(r['project_id']),
    contentSha256: strOrNull(r['content_sha256']),
    uploadUrl: strOrNull(r['upload_url']),
    bytesDone: num(r['bytes_done']),
    bytesTotal: num(r['bytes_total']),
    attempts: num(r['attempts']),
    errorCode: strOrNull(r['error_code']),
    nextAttemptAt: numOrNull(r['next_attempt_at']),
  };
}

// ---- Settings ----

export function getPhotoSyncSettings(db: Database): PhotoSyncSettings {
  const r = stmt(db, 'SELECT * FROM photo_sync_settings WHERE id = 1').get() as Row;
  return {
    unmeteredOnly: bool(r['unmetered_only']),
    sendSize: str(r['send_size']) === 'reduced' ? 'reduced' : 'original',
    evictAfterDays: numOrNull(r['evict_after_days']),
  };
}

export function savePhotoSyncSettings(db: Database, s: PhotoSyncSettings): void {
  stmt(db, 'UPDATE photo_sync_settings SET unmetered_only = ?, send_size = ?, evict_after_days = ? WHERE id = 1').run(
    s.unmeteredOnly ? 1 : 0,
    s.sendSize,
    s.evictAfterDays,
  );
}

// ---- Photos not looked at yet ----

export interface UnscannedPhoto {
  sha256: string;
  projectId: string;
  /** When its row was first written here (the import, or the pull). */
  firstSeenAt: number | null;
}

/**
 * Photos whose row the server has (no creation cell waiting in the outbox or set aside) and
 * whose files this device has not looked at yet. The first project wins for the upload metadata.
 */
export function unscannedPhotos(db: Database, limit: number): UnscannedPhoto[] {
  const rows = stmt(
    db,
    `SELECT ph.sha256, min(ph.project_id) AS project_id,
        (SELECT min(c.at) FROM change_log c WHERE c.tbl = 'photos' AND c.row_id = min(ph.id)) AS first_seen
     FROM photos ph
     WHERE ph.deleted = 0
       AND NOT EXISTS (SELECT 1 FROM photo_files pf WHERE pf.sha256 = ph.sha256)
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.tbl = 'photos' AND o.row_id = ph.id AND o.col = 'sha256')
       AND NOT EXISTS (SELECT 1 FROM set_aside s WHERE s.tbl = 'photos' AND s.row_id = ph.id AND s.col = 'sha256')
     GROUP BY ph.sha256 LIMIT ?`,
  ).all(limit) as Row[];
  return rows.map((r) => ({
    sha256: str(r['sha256']),
    projectId: str(r['project_id']),
    firstSeenAt: numOrNull(r['first_seen']),
  }));
}

export function insertPhotoFile(
  db: Database,
  f: { sha256: string; origin: 'local' | 'remote'; originalPresent: boolean; importedAt: number },
): void {
  stmt(
    db,
    `INSERT INTO photo_files (sha256, origin, original_present, imported_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (sha256) DO NOTHING`,
  ).run(f.sha256, f.origin, f.originalPresent ? 1 : 0, f.importedAt);
}

export interface PhotoFileState {
  sha256: string;
  origin: 'local' | 'remote';
  originalPresent: boolean;
  importedAt: number;
  evictedAt: number | null;
  serverOriginalAt: number | null;
}

export function getPhotoFile(db: Database, sha256: string): PhotoFileState | null {
  const r = stmt(db, 'SELECT * FROM photo_files WHERE sha256 = ?').get(sha256) as Row | undefined;
  if (!r) return null;
  return {
    sha256: str(r['sha256']),
    origin: str(r['origin']) === 'local' ? 'local' : 'remote',
    originalPresent: bool(r['original_present']),
    importedAt: num(r['imported_at']),
    evictedAt: numOrNull(r['evicted_at']),
    serverOriginalAt: numOrNull(r['server_original_at']),
  };
}

/** A project holding the photo, for an upload's metadata. */
export function projectOfPhoto(db: Database, sha256: string): string | null {
  const r = stmt(db, 'SELECT min(project_id) AS p FROM photos WHERE sha256 = ? AND deleted = 0').get(sha256) as Row;
  return strOrNull(r['p']);
}

/** Local originals the server lacks and no upload is queued for (sendSize switched back to 'original'). */
export function localOriginalsNotQueued(db: Database): string[] {
  const rows = stmt(
    db,
    `SELECT pf.sha256 FROM photo_files pf
     WHERE pf.origin = 'local' AND pf.original_present = 1 AND pf.server_original_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM photo_transfers t
         WHERE t.sha256 = pf.sha256 AND t.variant = 'original' AND t.direction = 'up')`,
  ).all() as Row[];
  return rows.map((r) => str(r['sha256']));
}

// ---- The queue ----

export interface NewTransfer extends BlobRef {
  direction: Direction;
  projectId: string | null;
  contentSha256: string | null;
  bytesTotal: number;
}

export function enqueueTransfer(db: Database, t: NewTransfer, now: number): void {
  stmt(
    db,
    `INSERT INTO photo_transfers (sha256, variant, direction, project_id, content_sha256, bytes_total, queued_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(t.sha256, t.variant, t.direction, t.projectId, t.contentSha256, t.bytesTotal, now);
}

/** Queued uploads the server was not asked about yet (have), oldest first. */
export function uploadsToCheck(db: Database, limit: number): BlobRef[] {
  const rows = stmt(
    db,
    `SELECT sha256, variant FROM photo_transfers WHERE direction = 'up' AND state = 'waiting' AND have_checked = 0
     ORDER BY queued_at LIMIT ?`,
  ).all(limit) as Row[];
  return rows.map((r) => ({ sha256: str(r['sha256']), variant: BlobVariant.parse(r['variant']) }));
}

export function markServerHas(db: Database, ref: BlobRef, now: number): void {
  stmt(db, `UPDATE photo_files SET ${SERVER_COLUMN[ref.variant]} = ? WHERE sha256 = ?`).run(now, ref.sha256);
}

/** The answer of have: what the server stores leaves the queue; the rest is cleared to go. */
export function applyHaveAnswer(db: Database, asked: readonly BlobRef[], have: readonly BlobRef[], now: number): void {
  const stored = new Set(have.map((h) => `${h.sha256}/${h.variant}`));
  db.transaction(() => {
    for (const ref of asked) {
      if (stored.has(`${ref.sha256}/${ref.variant}`)) completeTransfer(db, ref, 'up', now);
      else
        stmt(
          db,
          `UPDATE photo_transfers SET have_checked = 1 WHERE sha256 = ? AND variant = ? AND direction = 'up'`,
        ).run(ref.sha256, ref.variant);
    }
  })();
}

const PRIORITY = `CASE variant WHEN 'thumb' THEN 0 WHEN 'report' THEN 1 ELSE 2 END`;

/** Where a walk through the due transfers got to (keyset order of dueTransfers). */
export interface DueCursor {
  priority: number;
  queuedAt: number;
  sha256: string;
  variant: string;
}

/**
 * Transfers due now: thumbnails first, then report copies, then originals (small ones reach others
 * sooner). `after` continues a walk, so a cycle tries each once however many stay waiting.
 */
export function dueTransfers(
  db: Database,
  direction: Direction,
  now: number,
  limit: number,
  after: DueCursor | null = null,
): (TransferRow & { cursor: DueCursor })[] {
  const c = after ?? { priority: -1, queuedAt: 0, sha256: '', variant: '' };
  const rows = stmt(
    db,
    `SELECT *, ${PRIORITY} AS priority FROM photo_transfers
     WHERE direction = ? AND state = 'waiting' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
       AND (direction = 'down' OR have_checked = 1)
       AND (${PRIORITY}, queued_at, sha256, variant) > (?, ?, ?, ?)
     ORDER BY ${PRIORITY}, queued_at, sha256, variant
     LIMIT ?`,
  ).all(direction, now, c.priority, c.queuedAt, c.sha256, c.variant, limit) as Row[];
  return rows.map((r) => ({
    ...rowToTransfer(r),
    cursor: {
      priority: num(r['priority']),
      queuedAt: num(r['queued_at']),
      sha256: str(r['sha256']),
      variant: str(r['variant']),
    },
  }));
}

export function getTransfer(db: Database, ref: BlobRef, direction: Direction): TransferRow | null {
  const r = stmt(db, 'SELECT * FROM photo_transfers WHERE sha256 = ? AND variant = ? AND direction = ?').get(
    ref.sha256,
    ref.variant,
    direction,
  ) as Row | undefined;
  return r ? rowToTransfer(r) : null;
}

/** Kept as soon as the server made it, so a restart resumes the same upload. */
export function saveUploadUrl(db: Database, ref: BlobRef, url: string | null): void {
  stmt(db, `UPDATE photo_transfers SET upload_url = ? WHERE sha256 = ? AND variant = ? AND direction = 'up'`).run(
    url,
    ref.sha256,
    ref.variant,
  );
}

export function saveProgress(db: Database, ref: BlobRef, direction: Direction, done: number, total: number): void {
  stmt(
    db,
    'UPDATE photo_transfers SET bytes_done = ?, bytes_total = ? WHERE sha256 = ? AND variant = ? AND direction = ?',
  ).run(done, total, ref.sha256, ref.variant, direction);
}

/** Done: out of the queue, and the server is known to have the blob. */
export function completeTransfer(db: Database, ref: BlobRef, direction: Direction, now: number): void {
  db.transaction(() => {
    stmt(db, 'DELETE FROM photo_transfers WHERE sha256 = ? AND variant = ? AND direction = ?').run(
      ref.sha256,
      ref.variant,
      direction,
    );
    markServerHas(db, ref, now);
  })();
}

export interface TransferOutcome {
  code: string;
  message: string;
  /** null with state 'failed': waits for the user (photoSync.retry). */
  nextAttemptAt: number | null;
  state: 'waiting' | 'failed';
  /** Counts as an attempt (a 404 download waiting for the bytes does not). */
  countAttempt: boolean;
  /** The server discarded the upload (hash mismatch): the next attempt starts afresh. */
  dropUploadUrl?: boolean;
}

export function recordTransferOutcome(db: Database, ref: BlobRef, direction: Direction, o: TransferOutcome): void {
  stmt(
    db,
    `UPDATE photo_transfers SET state = ?, error_code = ?, error_message = ?, next_attempt_at = ?,
       attempts = attempts + ?, upload_url = CASE WHEN ? THEN NULL ELSE upload_url END,
       bytes_done = CASE WHEN ? THEN 0 ELSE bytes_done END
     WHERE sha256 = ? AND variant = ? AND direction = ?`,
  ).run(
    o.state,
    o.code,
    o.message.slice(0, 500),
    o.nextAttemptAt,
    o.countAttempt ? 1 : 0,
    o.dropUploadUrl ? 1 : 0,
    o.dropUploadUrl ? 1 : 0,
    ref.sha256,
    ref.variant,
    direction,
  );
}

/** photoSync.retry: every failed or backed-off transfer goes again now (and asks have again). */
export function retryAllTransfers(db: Database): number {
  return stmt(
    db,
    `UPDATE photo_transfers SET state = 'waiting', next_attempt_at = NULL, have_checked = 0,
       error_code = NULL, error_message = NULL
     WHERE state = 'failed' OR next_attempt_at IS NOT NULL OR error_code IS NOT NULL`,
  ).run().changes;
}

/**
 * Only reduced copies are sent now: queued originals leave the queue (the scan queues them again
 * if the setting goes back to 'original'). A started upload's URL goes with them.
 */
export function dropQueuedOriginalUploads(db: Database): number {
  return stmt(db, `DELETE FROM photo_transfers WHERE direction = 'up' AND variant = 'original'`).run().changes;
}

export function earliestNextAttempt(db: Database): number | null {
  const r = stmt(db, `SELECT min(next_attempt_at) AS t FROM photo_transfers WHERE state = 'waiting'`).get() as Row;
  return numOrNull(r['t']);
}

export interface QueueCounts {
  uploadsWaiting: number;
  bytesWaiting: number;
  downloadsWaiting: number;
}

export function queueCounts(db: Database): QueueCounts {
  const r = stmt(
    db,
    `SELECT
       coalesce(sum(direction = 'up'), 0) AS up,
       coalesce(sum(CASE WHEN direction = 'up' THEN max(bytes_total - bytes_done, 0) ELSE 0 END), 0) AS bytes,
       coalesce(sum(direction = 'down' AND variant <> 'original'), 0) AS down
     FROM photo_transfers`,
  ).get() as Row;
  return { uploadsWaiting: num(r['up']), bytesWaiting: num(r['bytes']), downloadsWaiting: num(r['down']) };
}

/** Transfers that failed (or are backing off after a failure), with the photo's name. A 404 wait is not one. */
export function transferFailures(db: Database, limit = 50): PhotoTransferFailure[] {
  const rows = stmt(
    db,
    `SELECT t.*, (SELECT original_name FROM photos p WHERE p.sha256 = t.sha256 ORDER BY p.deleted LIMIT 1) AS name
     FROM photo_transfers t
     WHERE t.error_code IS NOT NULL AND t.error_code <> 'not_on_server'
     ORDER BY t.queued_at LIMIT ?`,
  ).all(limit) as Row[];
  return rows.map((r) => {
    const t = rowToTransfer(r);
    return {
      sha256: t.sha256,
      variant: t.variant,
      direction: t.direction,
      name: str(r['name'] ?? ''),
      code: t.errorCode ?? 'unknown',
      message: str(r['error_message']),
      attempts: t.attempts,
      nextAttemptAt: t.nextAttemptAt,
    };
  });
}

// ---- Eviction and fetching originals back ----

/**
 * Originals the server confirmed, taken in (or last fetched back) before `cutoff`. A photo of
 * another device never counts: its original was never here to evict.
 */
export function evictableOriginals(db: Database, cutoff: number, limit: number): string[] {
  const rows = stmt(
    db,
    `SELECT sha256 FROM photo_files
     WHERE original_present = 1 AND server_original_at IS NOT NULL AND coalesce(fetched_at, imported_at) < ?
     LIMIT ?`,
  ).all(cutoff, limit) as Row[];
  return rows.map((r) => str(r['sha256']));
}

export function markEvicted(db: Database, sha256: string, now: number): void {
  stmt(db, 'UPDATE photo_files SET original_present = 0, evicted_at = ? WHERE sha256 = ?').run(now, sha256);
}

/** The original came back from the server: it is here, and the server has it. */
export function markOriginalFetched(db: Database, sha256: string, now: number): void {
  stmt(
    db,
    `INSERT INTO photo_files (sha256, origin, original_present, imported_at, fetched_at, server_original_at)
     VALUES (?, 'remote', 1, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET original_present = 1, fetched_at = excluded.fetched_at,
       evicted_at = NULL, server_original_at = coalesce(server_original_at, excluded.server_original_at)`,
  ).run(sha256, now, now, now);
}

/** Another server: what this device knew of the old one's blobs no longer holds. */
export function forgetServerPhotoState(db: Database): void {
  stmt(db, 'DELETE FROM photo_transfers').run();
  // Evicted originals stay recorded as such; the rest is looked at again against the new server.
  stmt(db, 'DELETE FROM photo_files WHERE evicted_at IS NULL').run();
}
