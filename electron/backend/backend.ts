import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { EventName, EventPayload } from '../../shared/api';
import type { SyncStatus } from '../../shared/channels/sync';
import { RecordTable } from '../../shared/records';
import type { Result } from '../../shared/errors';
import { startDailyBackup } from './db/backup';
import { ensureLocalUser } from './db/identity';
import { getSession, getSyncState, recordSyncError } from './db/sync-state';
import { WIPED_MESSAGE, wipeLocalFiles } from './db/wipe';
import { encryptPlaintextBackups } from './db/encrypt';
import { openDatabase, type DatabaseEncryption } from './db/open';
import { createHandlers } from './handlers/index';
import { invokeChannel } from './invoke';
import { AppLock } from './lock/service';
import type { HandlerContext, HandlerRegistry } from './registry';
import { PhotoSyncEngine } from './photos/transfer/engine';
import { SyncEngine } from './sync/engine';

export interface BackendOptions {
  dataDir: string;
  /** Defaults to `<dataDir>/sitebook.db`; ':memory:' for tests. */
  dbFile?: string;
  shell: 'electron' | 'browser';
  /**
   * The database key (electron/db-key/): the app's database is always encrypted. `'none'` only
   * where plaintext is meant (tests, benches).
   */
  encryption: DatabaseEncryption;
  now?: () => number;
  nativeBinding?: string;
  version?: string;
  /** Tests may swap handlers; production uses createHandlers(). */
  handlers?: HandlerRegistry;
  /** Sync engine timing; `auto: false` syncs only on sync.now (tests). */
  sync?: { auto?: boolean; intervalMs?: number; debounceMs?: number; pageSize?: number };
  /** Daily local backup into `<dataDir>/backups`; `false` turns it off. Never for ':memory:'. */
  backup?: false | { firstDelayMs?: number; intervalMs?: number };
  /** The idle lock; `idleMsOverride` is test-only (the browser shell's --idle-lock-ms). */
  lock?: { idleMsOverride?: number };
}

export interface Backend {
  invoke(channel: string, rawInput: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Stops sync timers and closes the database (after a running sync is cut short). */
  close(): void;
  /** close(), resolved once a running sync has stopped and the database is closed. */
  shutdown(): Promise<void>;
  /** Lock now, as when the OS locks its screen or suspends (no effect without a PIN or password). */
  lock(): void;
  /** True while the app is locked: only the lock channels answer (CHANNELS_OPEN_WHILE_LOCKED). */
  isLocked(): boolean;
  db: Database;
}

type AnyListener = (payload: unknown) => void;

/** Everything the app does, without Electron: the Electron main and the browser shell both wrap this. */
export function createBackend(opts: BackendOptions): Backend {
  mkdirSync(opts.dataDir, { recursive: true });
  const dbPath = opts.dbFile ?? join(opts.dataDir, 'sitebook.db');
  const open = () => openDatabase(dbPath, { nativeBinding: opts.nativeBinding, encryption: opts.encryption });
  let db = open();
  // Backups made before the database was encrypted must not stay in clear beside it.
  if (opts.encryption !== 'none')
    encryptPlaintextBackups(join(opts.dataDir, 'backups'), opts.encryption.key, { nativeBinding: opts.nativeBinding });
  const wallNow = opts.now ?? Date.now;
  const listeners = new Map<EventName, Set<AnyListener>>();
  const registry = opts.handlers ?? createHandlers({ version: opts.version });
  const emit: HandlerContext['emit'] = (event, payload) => {
    for (const l of listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch {
        // A broken listener (a closed window) must not fail the write that already committed.
      }
    }
  };
  /** Closed, deleted and opened again empty: the device was revoked (db/wipe.ts). */
  const reopenEmpty = (): void => {
    db.close();
    wipeLocalFiles(opts.dataDir, dbPath);
    db = open();
    recordSyncError(db, { code: 'device_wiped', message: WIPED_MESSAGE });
  };
  // A wipe cut short (the app quit or crashed after the server's answer) is finished first.
  if ((getSession(db)?.revokedAt ?? null) !== null && getSyncState(db).lastError?.code === 'device_revoked')
    reopenEmpty();
  const newEngine = (): SyncEngine =>
    new SyncEngine({ db, wallNow, emit, ...opts.sync, onWipe: wipe, afterSync: () => photos.kick() });
  let engine = newEngine();
  const newPhotos = (): PhotoSyncEngine =>
    new PhotoSyncEngine({
      db,
      dataDir: opts.dataDir,
      wallNow,
      emit,
      auto: opts.sync?.auto,
      onAuthFailure: () => engine.verifySession(),
    });
  let photos = newPhotos();
  // Every write is stamped from the clock corrected by the server's (ARCHITECTURE.md "Sync").
  const now = (): number => engine.clock.now();
  ensureLocalUser(db, now());
  // The idle lock measures the local wall clock, not the server-corrected one; a secret set means it starts locked.
  const appLock = new AppLock({
    db: () => db,
    now: wallNow,
    onChange: (state) => emit('lock.changed', state),
    idleMsOverride: opts.lock?.idleMsOverride,
  });
  const ctx: HandlerContext = {
    get db() {
      return db;
    },
    now,
    shell: opts.shell,
    dataDir: opts.dataDir,
    lock: appLock,
    emit(event, payload) {
      emit(event, payload);
      if (event === 'data.changed') engine.notifyLocalWrite();
    },
  };
  engine.start();
  const dbFile = opts.dbFile ?? 'file';
  const startBackups = () =>
    opts.backup === false || dbFile === ':memory:' || dbFile === ''
      ? null
      : startDailyBackup(db, join(opts.dataDir, 'backups'), wallNow, opts.backup);
  let backups = startBackups();
  let closed = false;
  let shutdown: Promise<void> = Promise.resolve();
  async function wipe(): Promise<SyncStatus> {
    // Closing now: the next start finishes the wipe (the revoked session and its error are kept).
    if (closed) return { ...engine.status(), state: 'error' };
    backups?.stop();
    await Promise.all([engine.close(), photos.close()]);
    reopenEmpty();
    appLock.reload();
    engine = newEngine();
    photos = newPhotos();
    ensureLocalUser(db, now());
    engine.start();
    backups = startBackups();
    emit('data.changed', { tables: [...RecordTable.options] });
    const status = engine.status();
    emit('sync.status', status);
    return status;
  }
  return {
    get db() {
      return db;
    },
    invoke(channel, rawInput) {
      if (closed) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'backend is closed' } });
      if (appLock.refuses(channel))
        return Promise.resolve({
          ok: false,
          error: { code: 'app_locked', message: 'Sitebook is locked: unlock it first' },
        });
      return invokeChannel(registry, ctx, channel, rawInput);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<AnyListener>();
      listeners.set(event, set);
      const l = listener as AnyListener;
      set.add(l);
      return () => set.delete(l);
    },
    lock() {
      if (!closed) appLock.lockNow();
    },
    isLocked() {
      return !closed && appLock.locked;
    },
    close() {
      if (closed) return;
      closed = true;
      appLock.close();
      listeners.clear();
      backups?.stop();
      if (!engine.busy && !photos.busy) {
        void engine.close();
        void photos.close();
        db.close();
        return;
      }
      shutdown = Promise.all([engine.close(), photos.close()])
        .then(() => undefined)
        .finally(() => db.close());
    },
    shutdown() {
      this.close();
      return shutdown;
    },
  };
}
