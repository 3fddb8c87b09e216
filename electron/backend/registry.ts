import type { Channel, ChannelOutput, EventName, EventPayload, ParsedInput } from '../../shared/api';
import type { Database } from 'better-sqlite3';
import type { AppLock } from './lock/service';

/** What every handler gets besides its parsed input. */
export interface HandlerContext {
  db: Database;
  /** Wall clock, injectable so tests run on a fake clock. */
  now: () => number;
  shell: 'electron' | 'browser';
  dataDir: string;
  /** Push an event to every window / page. */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** The idle lock (set by createBackend; the lock channels' handlers need it). */
  lock?: AppLock;
}

export type Handler<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: HandlerContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** One handler per channel of shared/api.ts: the type makes a missing one a compile error. */
export type HandlerRegistry = { [C in Channel]: Handler<C> };

/** The handlers of one feature's channels (shared/channels/<feature>.ts). */
export type HandlersFor<T> = { [C in keyof T & Channel]: Handler<C> };
