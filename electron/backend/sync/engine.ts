import type { Database } from 'better-sqlite3';
import type { SignInInput, SyncStatus } from '../../../shared/channels/sync';
import type { EventName, EventPayload } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { z } from 'zod';
import { ensureLocalUser } from '../db/identity';
import { countOpenConflicts } from '../db/conflicts';
import { parkedCount, replayParked } from '../db/sync-apply';
import { pendingCount, setAsideCount } from '../db/sync-outbox';
import {
  getSession,
  getSyncState,
  markSessionRevoked,
  recordSyncError,
  recordSyncSuccess,
  saveClockOffset,
  userNames,
} from '../db/sync-state';
import type { ClientOptions } from './client';
import { CorrectedClock } from './clock';
import { pullAll } from './pull';
import { pushOutbox } from './push';
import { requireSession, signIn, signOut } from './session';

export const SYNC_INTERVAL_MS = 60_000;
export const WRITE_DEBOUNCE_MS = 3_000;
const BACKOFF_FIRST_MS = 1_000;
const BACKOFF_MAX_MS = 5 * 60_000;

export interface SyncEngineOptions {
  db: Database;
  /** The device's own clock; HLCs and timestamps use `clock.now()`, the corrected one. */
  wallNow: () => number;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** false: no timers, only sync.now (tests). */
  auto?: boolean;
  intervalMs?: number;
  debounceMs?: number;
  pageSize?: number;
  /**
   * An administrator revoked this device (device_revoked): the backend closes this engine and
   * the database, deletes the local data and answers the status of the fresh, empty one.
   */
  onWipe?: () => Promise<SyncStatus>;
  /** After records went up and came down: photo bytes follow (issue 5), without being waited for. */
  afterSync?: () => void;
}

type Phase = NonNullable<SyncStatus['progress']>;

/**
 * Tests only (tests/support/device-process.ts): SITEBOOK_TEST_CRASH_AT=after-pull-apply kills
 * the process once a pulled page is applied, before its transaction (with the cursors) commits.
 * Unset, it is nothing.
 */
function testCrashPoint(): (() => void) | undefined {
  if (process.env.SITEBOOK_TEST_CRASH_AT !== 'after-pull-apply') return undefined;
  return () => process.kill(process.pid, 'SIGKILL');
}

const engines = new WeakMap<Database, SyncEngine>();

/** The engine of a backend, found by its database (handlers get the database in their context). */
export function engineFor(db: Database): SyncEngine {
  const engine = engines.get(db);
  if (!engine) throw new AppError('internal', 'sync is not running in this backend');
  return engine;
}

/**
 * Runs sync by itself while signed in: on start, a few seconds after local writes,
 * every minute, and on "sync now"; one run at a time; backoff with jitter after failures.
 */
export class SyncEngine {
  readonly clock: CorrectedClock;
  private timer: NodeJS.Timeout | null = null;
  private dueAt: number | null = null;
  private running: Promise<void> | null = null;
  private progress: Phase | null = null;
  private failures = 0;
  private offline = false;
  private closed = false;
  private abort = new AbortController();
  private wipeDue = false;
  private afterWipe: SyncStatus | null = null;

  constructor(private readonly opts: SyncEngineOptions) {
    const { db } = opts;
    this.clock = new CorrectedClock(opts.wallNow, getSyncState(db).clockOffset, (o) => saveClockOffset(db, o));
    engines.set(db, this);
  }

  get wallNow(): () => number {
    return this.opts.wallNow;
  }

  private get db(): Database {
    return this.opts.db;
  }

  /** After an upgrade, rows parked for an unknown table or column may apply now. */
  start(): void {
    if (parkedCount(this.db) > 0) {
      const opts = { isSnapshot: () => false, userNames: userNames(this.db), now: this.clock.now() };
      const replayed = this.db.transaction(() => {
        const all = replayParked(this.db, opts, true);
        const more = replayParked(this.db, opts, false);
        return new Set([...all.tables, ...more.tables]);
      })();
      if (replayed.size > 0) this.opts.emit('data.changed', { tables: [...replayed] });
    }
    if (this.canSync()) this.schedule(0);
  }

  status(): SyncStatus {
    const session = getSession(this.db);
    const state = getSyncState(this.db);
    let phase: SyncStatus['state'];
    if (!session) phase = 'signed_out';
    else if (session.revokedAt !== null) phase = 'error';
    else if (this.running) phase = 'syncing';
    else if (this.offline) phase = 'offline';
    else if (state.lastError) phase = 'error';
    else phase = 'idle';
    return {
      state: phase,
      serverUrl: session?.serverUrl ?? state.serverUrl,
      user: session ? { id: session.userId, login: session.login, name: session.name, role: session.role } : null,
      lastSyncAt: state.lastSyncAt,
      pending: pendingCount(this.db),
      setAside: setAsideCount(this.db),
      conflicts: countOpenConflicts(this.db),
      progress: this.progress,
      lastError: state.lastError ?? state.notice,
      nextAttemptAt: this.dueAt,
    };
  }

  private emitStatus(): void {
    if (!this.closed) this.opts.emit('sync.status', this.status());
  }

  /** A local write: sync a few seconds later, once typing has paused. */
  notifyLocalWrite(): void {
    if (!this.canSync() || this.opts.auto === false) return;
    this.schedule(this.opts.debounceMs ?? WRITE_DEBOUNCE_MS, true);
  }

  private canSync(): boolean {
    const session = getSession(this.db);
    return !this.closed && session !== null && session.revokedAt === null;
  }

  private schedule(delayMs: number, debounce = false): void {
    if (this.closed || this.opts.auto === false) return;
    const due = this.opts.wallNow() + delayMs;
    // An earlier run already planned covers this one, unless typing pushes it back.
    if (this.timer && !debounce && this.dueAt !== null && this.dueAt <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dueAt = null;
      if (this.running) {
        this.schedule(this.opts.debounceMs ?? WRITE_DEBOUNCE_MS);
        return;
      }
      void this.run();
    }, delayMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = null;
  }

  /** Sync now; refused while a run is on (the status shows its progress). */
  async syncNow(): Promise<SyncStatus> {
    requireSession(this.db);
    if (this.running) throw new AppError('sync_in_progress', 'a sync is already running');
    await this.run();
    return this.afterWipe ?? this.status();
  }

  private run(): Promise<void> {
    this.stopTimer();
    const run = this.runOnce().finally(() => {
      this.running = null;
      this.progress = null;
      this.emitStatus();
    });
    this.running = run;
    // The wipe closes this engine, so it runs once `running` is cleared (close() waits for it).
    return run.then(async () => {
      if (this.wipeDue && this.opts.onWipe) this.afterWipe = await this.opts.onWipe();
    });
  }

  private client(token: string, baseUrl: string): ClientOptions {
    return {
      baseUrl,
      token,
      now: this.opts.wallNow,
      signal: this.abort.signal,
      onServerTime: (t, local) => this.clock.observe(t, local),
    };
  }

  private setProgress(progress: Phase | null): void {
    this.progress = progress;
    this.emitStatus();
  }

  private async runOnce(): Promise<void> {
    const session = getSession(this.db);
    if (!session || session.revokedAt !== null || this.closed) return;
    const user = ensureLocalUser(this.db, this.clock.now());
    const client = this.client(session.token, session.serverUrl);
    const deps = { db: this.db, client, clock: this.clock, deviceId: user.deviceId };
    this.setProgress({ phase: 'push', done: 0, total: pendingCount(this.db) });
    try {
      await pushOutbox({ ...deps, onProgress: (done, total) => this.setProgress({ phase: 'push', done, total }) });
      this.setProgress({ phase: 'pull', done: 0, total: null });
      const pulled = await pullAll({
        ...deps,
        pageSize: this.opts.pageSize,
        onProgress: (done) => this.setProgress({ phase: 'pull', done, total: null }),
        beforeCommit: testCrashPoint(),
      });
      // Changes made while pulling go out now rather than a minute later.
      if (pendingCount(this.db) > 0) await pushOutbox(deps);
      if (pulled.tables.size > 0) this.opts.emit('data.changed', { tables: [...pulled.tables] });
      recordSyncSuccess(this.db, this.clock.now());
      this.opts.afterSync?.();
      this.failures = 0;
      this.offline = false;
      this.schedule(this.opts.intervalMs ?? SYNC_INTERVAL_MS);
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    if (this.closed) return;
    const error =
      err instanceof AppError ? err : new AppError('internal', err instanceof Error ? err.message : String(err));
    recordSyncError(this.db, { code: error.code, message: error.message });
    this.offline = error.code === 'server_unreachable';
    if (error.code === 'device_revoked') {
      // Pushed before this refusal (push comes first and the server still took it): wipe now.
      markSessionRevoked(this.db, this.clock.now());
      this.stopTimer();
      this.wipeDue = true;
      return;
    }
    if (error.code === 'token_revoked') {
      markSessionRevoked(this.db, this.clock.now());
      this.stopTimer();
      return;
    }
    this.failures++;
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (this.failures - 1));
    this.schedule(Math.round(ceiling / 2 + (Math.random() * ceiling) / 2));
  }

  async signIn(input: z.output<typeof SignInInput>): Promise<SyncStatus> {
    if (this.running) await this.running.catch(() => undefined);
    await signIn({ db: this.db, clock: this.clock, wallNow: this.opts.wallNow }, input);
    this.failures = 0;
    this.offline = false;
    this.opts.emit('data.changed', { tables: ['progress_notes'] });
    this.emitStatus();
    this.schedule(0);
    return this.status();
  }

  async signOut(): Promise<SyncStatus> {
    this.stopTimer();
    if (this.running) await this.running.catch(() => undefined);
    await signOut({ db: this.db, clock: this.clock, wallNow: this.opts.wallNow });
    this.offline = false;
    this.emitStatus();
    return this.status();
  }

  /** Stops the timers and waits for a running sync (its network call is cut short). */
  async close(): Promise<void> {
    this.closed = true;
    this.stopTimer();
    this.abort.abort();
    if (this.running) await this.running.catch(() => undefined);
    engines.delete(this.db);
  }

  /**
   * A photo transfer got 401: a sync run checks the session and handles a revoked token or
   * device as it always does (a run already going will see it itself).
   */
  verifySession(): void {
    if (!this.running && this.canSync()) void this.run();
  }

  get busy(): boolean {
    return this.running !== null;
  }
}
