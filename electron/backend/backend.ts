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
}

export interface Backend {
  invoke(channel: string, rawInput: unknown): Promise<Result<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  close(): void;
  db: Database;
}

type AnyListener = (payload: unknown) => void;

/** Everything the app does, without Electron: the Electron main and the browser shell both wrap this. */
export function createBackend(opts: BackendOptions): Backend {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDatabase(opts.dbFile ?? join(opts.dataDir, 'sitebook.db'), { nativeBinding: opts.nativeBinding });
  const now = opts.now ?? Date.now;
  ensureLocalUser(db, now());
  const listeners = new Map<EventName, Set<AnyListener>>();
  const registry = opts.handlers ?? createHandlers({ version: opts.version });
  const ctx: HandlerContext = {
    db,
    now,
    shell: opts.shell,
    dataDir: opts.dataDir,
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) {
        try {
          l(payload);
        } catch {
          // A broken listener (a closed window) must not fail the write that already committed.
        }
      }
    },
  };
  let closed = false;
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
      db.close();
    },
  };
}
