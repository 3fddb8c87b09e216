/**
 * The idle lock as a pure state machine on an injected clock (no timers, no I/O): locked or not,
 * the last activity, and the wrong-try delay. lock/service.ts wires it to the database, a timer
 * and the `lock.changed` event; tests drive it with a fake clock.
 */
import { CHANNELS_OPEN_WHILE_LOCKED, FREE_ATTEMPTS } from '../../../shared/channels/lock';

export const FIRST_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 60 * 60_000;

/** The wait after `failed` wrong tries in a row: none for the first five, then 30 s, 60 s, 120 s … up to an hour. */
export function retryDelayMs(failed: number): number {
  if (failed < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (failed - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export interface Throttle {
  failedAttempts: number;
  /** Epoch ms before which a try is refused; null: none. */
  retryAt: number | null;
}

export interface LockMachineOptions {
  now: () => number;
  idleMs: number;
  hasSecret: boolean;
  /** Carried over from the database, so a restart does not reset the delay. */
  throttle?: Throttle;
}

export type AttemptGate = { allowed: true } | { allowed: false; retryInMs: number };

export class LockMachine {
  private readonly now: () => number;
  private idleMs: number;
  private secret: boolean;
  private isLocked: boolean;
  private lastActivity: number;
  private throttle: Throttle;

  constructor(opts: LockMachineOptions) {
    this.now = opts.now;
    this.idleMs = opts.idleMs;
    this.secret = opts.hasSecret;
    // Opening the app with a secret set starts locked.
    this.isLocked = opts.hasSecret;
    this.lastActivity = opts.now();
    this.throttle = opts.throttle ?? { failedAttempts: 0, retryAt: null };
  }

  get locked(): boolean {
    return this.isLocked;
  }

  get hasSecret(): boolean {
    return this.secret;
  }

  get failedAttempts(): number {
    return this.throttle.failedAttempts;
  }

  get retryAt(): number | null {
    return this.throttle.retryAt;
  }

  get idleTimeMs(): number {
    return this.idleMs;
  }

  /** Keyboard, mouse or touch: postpones the idle lock. Never unlocks. */
  activity(): void {
    if (!this.isLocked) this.lastActivity = Math.max(this.lastActivity, this.now());
  }

  /** Locks when the idle time has passed since the last activity; true when this call locked. */
  check(): boolean {
    if (this.isLocked || !this.secret) return false;
    if (this.now() - this.lastActivity < this.idleMs) return false;
    this.isLocked = true;
    return true;
  }

  /** ms until the idle lock, or null when it cannot happen (locked already, or no secret). */
  msUntilIdleLock(): number | null {
    if (this.isLocked || !this.secret) return null;
    return Math.max(0, this.lastActivity + this.idleMs - this.now());
  }

  /** Lock now (the user's "lock", the OS locking its screen or suspending); true when this call locked. */
  lock(): boolean {
    if (this.isLocked || !this.secret) return false;
    this.isLocked = true;
    return true;
  }

  /** Whether a channel is refused now; the idle time is checked first, so a late timer never lets a call through. */
  refuses(channel: string): boolean {
    this.check();
    return this.isLocked && !CHANNELS_OPEN_WHILE_LOCKED.has(channel);
  }

  /** Asked before checking a typed secret: during a delay the secret is not even looked at. */
  gate(): AttemptGate {
    const wait = (this.throttle.retryAt ?? 0) - this.now();
    return wait > 0 ? { allowed: false, retryInMs: wait } : { allowed: true };
  }

  retryInMs(): number {
    return Math.max(0, (this.throttle.retryAt ?? 0) - this.now());
  }

  /** A wrong secret: counts, and from the fifth on sets the delay before the next try. */
  recordFailure(): Throttle {
    const failedAttempts = this.throttle.failedAttempts + 1;
    const delay = retryDelayMs(failedAttempts);
    this.throttle = { failedAttempts, retryAt: delay > 0 ? this.now() + delay : null };
    return this.throttle;
  }

  /** The right secret: the count starts over; `unlock` opens the app (a settings change does not lock or unlock). */
  recordSuccess(unlock: boolean): Throttle {
    this.throttle = { failedAttempts: 0, retryAt: null };
    if (unlock && this.isLocked) {
      this.isLocked = false;
      this.lastActivity = this.now();
    }
    return this.throttle;
  }

  /** A secret was set or removed: without one the lock is off (and open). */
  setSecret(has: boolean): void {
    this.secret = has;
    if (!has) this.isLocked = false;
    this.lastActivity = this.now();
  }

  setIdleMs(ms: number): void {
    this.idleMs = ms;
    this.lastActivity = Math.max(this.lastActivity, this.now());
  }
}
