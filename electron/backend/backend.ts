import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { EventName, EventPayload } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { ensureLocalUser } from './db/identity';
import { openDatabase } from './db/open';
import { createHandlers } from './handlers/index';
import { invokeChannel } from './invoke';
import type { HandlerContext, HandlerRegistry } from './registry';
import { SyncEngine } from './sync/engine';

export interface BackendOptions {
  dataDir: string;
  /** Defaults to `<dataDir>/sitebook.db`; ':memory:' for tests. */
  dbFile?: string;
  shell: 'electron' | 'browser';
  now?: () => number;
  nativeBinding?: string;
  version?: string;
  /** Tests may swap handlers; production uses createHandlers(). */
  handlers?: HandlerRegistry;
  /** Sync engine timing; `auto: false` syncs only on sync.now (tests). */
  sync?: { auto?: boolean; intervalMs?: number; debounceMs?: number; pageSize?: number };
}

export interface Backend {
  invoke(channel: string, rawInput: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Stops sync timers and closes the database (after a running sync is cut short). */
  close(): void;
  /** close(), resolved once a running sync has stopped and the database is closed. */
  shutdown(): Promise<void>;
  db: Database;
}

type AnyListener = (payload: unknown) => void;

/** Everything the app does, without Electron: the Electron main and the browser shell both wrap this. */
export function createBackend(opts: BackendOptions): Backend {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(opts.dbFile ?? join(opts.dataDir, 'sitebook.db'), { nativeBinding: opts.nativeBinding });
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
  const engine = new SyncEngine({ db, wallNow, emit, ...opts.sync });
  // Every write is stamped from the clock corrected by the server's (ARCHITECTURE.md "Sync").
  const now = engine.clock.now;
  ensureLocalUser(db, now());
  const ctx: HandlerContext = {
    db,
    now,
    shell: opts.shell,
    dataDir: opts.dataDir,
    emit(event, payload) {
      emit(event, payload);
      if (event === 'data.changed') engine.notifyLocalWrite();
    },
  };
  engine.start();
  let closed = false;
  let shutdown: Promise<void> = Promise.resolve();
  return {
    db,
    invoke(channel, rawInput) {
      if (closed) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'backend is closed' } });
      return invokeChannel(registry, ctx, channel, rawInput);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<AnyListener>();
      listeners.set(event, set);
      const l = listener as AnyListener;
      set.add(l);
      return () => set.delete(l);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      if (!engine.busy) {
        void engine.close();
        db.close();
        return;
      }
      shutdown = engine.close().finally(() => db.close());
    },
    shutdown() {
      this.close();
      return shutdown;
    },
  };
}
