/**
 * Photo bytes after the records ("text first", issue 5): each sync cycle that went through
 * kicks a photo cycle without waiting for it. A cycle looks at newly synced photos, asks the
 * server which blobs it has (have), sends what it lacks (a few at once, small files first),
 * fetches the thumbnails and report copies this device lacks, and evicts old originals the
 * server has. Failures back off per transfer; the status shows waiting, sent, speed and why.
 */
import type { Database } from 'better-sqlite3';
import type { EventName, EventPayload } from '../../../../shared/api';
import type { NetworkKind, PhotoSyncSettings, PhotoSyncStatus } from '../../../../shared/channels/photo-sync';
import { AppError } from '../../../../shared/errors';
import { HaveResponse, MAX_HAVE_ITEMS, PHOTO_HAVE_PATH } from '../../../../shared/photos/transfer';
import {
  applyHaveAnswer,
  dropQueuedOriginalUploads,
  dueTransfers,
  earliestNextAttempt,
  getPhotoSyncSettings,
  queueCounts,
  retryAllTransfers,
  savePhotoSyncSettings,
  transferFailures,
  uploadsToCheck,
  type Direction,
  type DueCursor,
  type TransferRow,
} from '../../db/photo-transfers';
import { getSession } from '../../db/sync-state';
import { callServer, SyncHttpError } from '../../sync/client';
import { photosDirOf } from '../layout';
import { evictOriginals } from './evict';
import { fetchOriginal } from './fetch-original';
import type { PhotoServer } from './net';
import { scanPhotos } from './scan';
import { runDownload, runUpload, type WorkerContext, type WorkResult } from './workers';
import { SpeedMeter } from './speed';

/** Uploads in flight at once: enough to fill a fast link, few enough for a weak one. */
export const UPLOADS_IN_FLIGHT = 4;
export const DOWNLOADS_IN_FLIGHT = 4;
const STATUS_EVERY_MS = 250;
const DATA_CHANGED_EVERY_MS = 1_000;
const DUE_BATCH = 64;
/** A 401 asks the sync engine to check the session at most this often. */
const AUTH_CHECK_EVERY_MS = 60_000;

export interface PhotoEngineOptions {
  db: Database;
  dataDir: string;
  wallNow: () => number;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** false: no timers; cycles run after sync.now and photoSync.retry (tests). */
  auto?: boolean;
  /** A photo route answered 401: let the sync engine handle the session as it does. */
  onAuthFailure: () => void;
}

const engines = new WeakMap<Database, PhotoSyncEngine>();

export function photoEngineFor(db: Database): PhotoSyncEngine {
  const engine = engines.get(db);
  if (!engine) throw new AppError('internal', 'photo sync is not running in this backend');
  return engine;
}

export class PhotoSyncEngine {
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private lastStatusAt = 0;
  private network: NetworkKind = 'unknown';
  private offline = false;
  private inFlight = { up: 0, down: 0 };
  private bytesSent = 0;
  private speed = new SpeedMeter();
  private lastAuthCheck = 0;
  private authFailed = false;
  private arrivedSinceEmit = false;
  private arrivedTimer: NodeJS.Timeout | null = null;
  private readonly photosDir: string;

  constructor(private readonly opts: PhotoEngineOptions) {
    this.photosDir = photosDirOf(opts.dataDir);
    engines.set(opts.db, this);
  }

  private get db(): Database {
    return this.opts.db;
  }

  private server(): PhotoServer | null {
    const session = getSession(this.db);
    if (!session || session.revokedAt !== null) return null;
    return { baseUrl: session.serverUrl, token: session.token };
  }

  private requireServer(): PhotoServer {
    const server = this.server();
    if (!server) throw new AppError('not_signed_in', 'sign in to a Sitebook server first');
    return server;
  }

  private waitingForUnmetered(): boolean {
    return getPhotoSyncSettings(this.db).unmeteredOnly && this.network === 'metered';
  }

  status(): PhotoSyncStatus {
    const counts = queueCounts(this.db);
    let state: PhotoSyncStatus['state'];
    if (!this.server()) state = 'signed_out';
    else if (this.inFlight.up > 0) state = 'uploading';
    else if (this.inFlight.down > 0) state = 'downloading';
    else if (this.waitingForUnmetered() && counts.uploadsWaiting + counts.downloadsWaiting > 0)
      state = 'waiting_unmetered';
    else if (this.offline) state = 'offline';
    else state = 'idle';
    return {
      state,
      ...counts,
      bytesSent: this.bytesSent,
      bytesPerSecond: this.speed.perSecond(this.opts.wallNow()),
      failures: transferFailures(this.db),
    };
  }

  /** At most a few status events a second; the last change always goes out. */
  private emitStatus(force = false): void {
    if (this.closed) return;
    const now = Date.now();
    if (force || now - this.lastStatusAt >= STATUS_EVERY_MS) {
      if (this.statusTimer) clearTimeout(this.statusTimer);
      this.statusTimer = null;
      this.lastStatusAt = now;
      this.opts.emit('photoSync.status', this.status());
      return;
    }
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => this.emitStatus(true), STATUS_EVERY_MS - (now - this.lastStatusAt));
    this.statusTimer.unref();
  }

  /** After a sync cycle pushed and pulled: run a photo cycle (or one more after the current). */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.authFailed = false;
    const run = this.cycle()
      .catch((err: unknown) => {
        // A cycle never takes the backend down; the next kick tries again.
        if (!this.closed) console.error('photo sync cycle failed', err);
      })
      .finally(() => {
        this.running = null;
        this.emitStatus(true);
        if (this.again && !this.closed && !this.authFailed) {
          this.again = false;
          this.kick();
        } else this.again = false;
      });
    this.running = run;
  }

  /**
   * Thumbnails and report copies came: lists refresh (placeholders fill in), at most once a
   * second during a long download run, and once at its end.
   */
  private photosArrived(flush = false): void {
    if (!flush) {
      this.arrivedSinceEmit = true;
      if (this.arrivedTimer) return;
      this.arrivedTimer = setTimeout(() => this.photosArrived(true), DATA_CHANGED_EVERY_MS);
      this.arrivedTimer.unref();
      return;
    }
    if (this.arrivedTimer) clearTimeout(this.arrivedTimer);
    this.arrivedTimer = null;
    if (!this.arrivedSinceEmit || this.closed) return;
    this.arrivedSinceEmit = false;
    this.opts.emit('data.changed', { tables: ['photos'] });
  }

  /** Resolves once no cycle is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private authFailure(): void {
    this.authFailed = true;
    const now = this.opts.wallNow();
    if (now - this.lastAuthCheck < AUTH_CHECK_EVERY_MS) return;
    this.lastAuthCheck = now;
    this.opts.onAuthFailure();
  }

  private async cycle(): Promise<void> {
    const server = this.server();
    if (!server) return;
    const now = this.opts.wallNow;
    this.bytesSent = 0;
    await scanPhotos(this.db, this.photosDir, now());
    if (!(await this.askHave(server))) return;
    this.offline = false;
    if (!this.waitingForUnmetered()) {
      this.emitStatus(true);
      const ctx: WorkerContext = {
        db: this.db,
        photosDir: this.photosDir,
        server,
        now,
        signal: this.abort.signal,
        onSent: (delta) => {
          this.bytesSent += delta;
          this.speed.add(now(), delta);
          this.emitStatus();
        },
        onChange: () => this.emitStatus(),
      };
      await Promise.all([
        this.pool(ctx, 'up', UPLOADS_IN_FLIGHT),
        this.pool(ctx, 'down', DOWNLOADS_IN_FLIGHT, () => this.photosArrived()),
      ]);
      this.photosArrived(true);
    }
    if (!this.closed && !this.authFailed) await evictOriginals(this.db, this.photosDir, now());
    this.scheduleNext();
  }

  /** have, in batches: what the server already stores leaves the queue. False: stop the cycle. */
  private async askHave(server: PhotoServer): Promise<boolean> {
    for (;;) {
      const refs = uploadsToCheck(this.db, MAX_HAVE_ITEMS);
      if (refs.length === 0) return true;
      try {
        const res = await callServer(
          { baseUrl: server.baseUrl, token: server.token, now: this.opts.wallNow, signal: this.abort.signal },
          `POST ${PHOTO_HAVE_PATH}`,
          HaveResponse,
          { blobs: refs },
        );
        applyHaveAnswer(this.db, refs, res.have, this.opts.wallNow());
      } catch (err) {
        if (this.closed) return false;
        const code = err instanceof SyncHttpError ? err.code : 'server_unreachable';
        if (code === 'token_revoked' || code === 'device_revoked') this.authFailure();
        else this.offline = code === 'server_unreachable';
        this.scheduleNext(true);
        return false;
      }
    }
  }

  /** Runs the due transfers of one direction, `width` at a time; each is tried once per cycle. */
  private async pool(ctx: WorkerContext, direction: Direction, width: number, onDone?: () => void): Promise<void> {
    // One walk through the due transfers in order: each is tried once per cycle.
    let buffer: TransferRow[] = [];
    let cursor: DueCursor | null = null;
    let exhausted = false;
    const next = (): TransferRow | null => {
      if (this.closed || this.authFailed || this.waitingForUnmetered()) return null;
      if (buffer.length === 0 && !exhausted) {
        const batch = dueTransfers(this.db, direction, this.opts.wallNow(), DUE_BATCH, cursor);
        exhausted = batch.length < DUE_BATCH;
        cursor = batch.at(-1)?.cursor ?? cursor;
        buffer = batch;
      }
      return buffer.shift() ?? null;
    };
    const lane = async (): Promise<void> => {
      for (let t = next(); t; t = next()) {
        // The state changes now (idle → uploading/downloading): shown at once, not throttled.
        if (this.inFlight[direction]++ === 0) this.emitStatus(true);
        let result: WorkResult;
        try {
          result = direction === 'up' ? await runUpload(ctx, t) : await runDownload(ctx, t);
        } finally {
          this.inFlight[direction]--;
        }
        if (result === 'auth') this.authFailure();
        if (result === 'done') onDone?.();
      }
    };
    await Promise.all(Array.from({ length: width }, lane));
  }

  /** Backoff: the next cycle when the earliest waiting transfer is due (auto mode only). */
  private scheduleNext(soon = false): void {
    if (this.closed || this.opts.auto === false) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const at = soon ? this.opts.wallNow() + 30_000 : earliestNextAttempt(this.db);
    if (at === null) return;
    this.timer = setTimeout(() => this.kick(), Math.max(1_000, at - this.opts.wallNow()));
    this.timer.unref();
  }

  settings(): PhotoSyncSettings {
    return getPhotoSyncSettings(this.db);
  }

  saveSettings(s: PhotoSyncSettings): PhotoSyncSettings {
    savePhotoSyncSettings(this.db, s);
    if (s.sendSize === 'reduced') dropQueuedOriginalUploads(this.db);
    this.kick();
    return this.settings();
  }

  setNetwork(kind: NetworkKind): { kind: NetworkKind } {
    const was = this.waitingForUnmetered();
    this.network = kind;
    if (was && !this.waitingForUnmetered()) this.kick();
    this.emitStatus(true);
    return { kind };
  }

  retry(): PhotoSyncStatus {
    retryAllTransfers(this.db);
    this.kick();
    return this.status();
  }

  fetchOriginal(id: string): Promise<{ id: string; present: boolean }> {
    return fetchOriginal(
      {
        db: this.db,
        photosDir: this.photosDir,
        server: () => this.requireServer(),
        now: this.opts.wallNow,
        signal: this.abort.signal,
        emit: this.opts.emit,
        onAuthFailure: () => this.authFailure(),
      },
      id,
    );
  }

  get busy(): boolean {
    return this.running !== null;
  }

  /** Stops timers and transfers (an upload resumes from its kept URL next time). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    if (this.arrivedTimer) clearTimeout(this.arrivedTimer);
    this.abort.abort();
    await this.idle().catch(() => undefined);
    engines.delete(this.db);
  }
}
