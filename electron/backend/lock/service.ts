/**
 * The idle lock in the running backend: the state machine (machine.ts) fed from and saved to the
 * database (db/app-lock.ts), a timer that locks after the idle time, and the `lock.changed` event.
 * backend.ts asks `refuses(channel)` before every call, so the lock holds whatever the renderer does.
 * Sync keeps running while locked: it moves data, it does not show any.
 */
import type { Database } from 'better-sqlite3';
import type { IdleMinutes, LockSecret, LockState, UnlockResult } from '../../../shared/channels/lock';
import { AppError } from '../../../shared/errors';
import { readAppLock, writeAppLock } from '../db/app-lock';
import { LockMachine } from './machine';
import { hashSecret, verifySecret } from './secret';

export interface AppLockOptions {
  db: () => Database;
  now: () => number;
  onChange: (state: LockState) => void;
  /** Test-only: this idle time in ms instead of the chosen minutes (the browser shell's --idle-lock-ms). */
  idleMsOverride?: number;
}

// A late timer is harmless (every call checks the clock); this only bounds how often it wakes.
const MIN_TIMER_MS = 250;

export class AppLock {
  private machine: LockMachine;
  private idleMinutes: IdleMinutes;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Secret checks run one after another, so parallel guesses cannot all slip past the delay. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: AppLockOptions) {
    const row = readAppLock(opts.db());
    this.idleMinutes = row.idleMinutes;
    this.machine = new LockMachine({
      now: opts.now,
      idleMs: this.idleMsFor(row.idleMinutes),
      hasSecret: row.secretKind !== null,
      throttle: { failedAttempts: row.failedAttempts, retryAt: row.retryAt },
    });
    this.schedule();
  }

  /** The database was wiped and opened empty (device revoked): no secret any more, so the lock is off. */
  reload(): void {
    const row = readAppLock(this.opts.db());
    this.idleMinutes = row.idleMinutes;
    this.machine = new LockMachine({
      now: this.opts.now,
      idleMs: this.idleMsFor(row.idleMinutes),
      hasSecret: row.secretKind !== null,
      throttle: { failedAttempts: row.failedAttempts, retryAt: row.retryAt },
    });
    this.changed();
  }

  get locked(): boolean {
    this.check();
    return this.machine.locked;
  }

  refuses(channel: string): boolean {
    const wasLocked = this.machine.locked;
    const refused = this.machine.refuses(channel);
    if (!wasLocked && this.machine.locked) this.changed();
    return refused;
  }

  state(): LockState {
    this.check();
    const row = readAppLock(this.opts.db());
    return {
      locked: this.machine.locked,
      secretKind: row.secretKind,
      idleMinutes: this.idleMinutes,
      idleMs: this.machine.idleTimeMs,
      failedAttempts: this.machine.failedAttempts,
      retryInMs: this.machine.retryInMs(),
    };
  }

  activity(): LockState {
    // Activity after the idle time came too late: lock first, as the timer would have.
    this.check();
    this.machine.activity();
    this.schedule();
    return this.state();
  }

  lockNow(): LockState {
    if (this.machine.lock()) this.changed();
    return this.state();
  }

  unlock(secret: string): Promise<UnlockResult> {
    return this.serial(async () => {
      if (!this.machine.locked) return { unlocked: true, reason: null, state: this.state() };
      const ok = await this.checkSecret(secret, true);
      if (ok === 'throttled') return { unlocked: false, reason: 'throttled', state: this.state() };
      if (!ok) return { unlocked: false, reason: 'wrong_secret', state: this.state() };
      this.changed();
      return { unlocked: true, reason: null, state: this.state() };
    });
  }

  /** The first secret needs nothing; changing one needs the current one. */
  setSecret(input: { current?: string; secret: LockSecret; idleMinutes: IdleMinutes }): Promise<LockState> {
    return this.serial(async () => {
      const row = readAppLock(this.opts.db());
      if (row.secretKind !== null) await this.requireCurrent(input.current);
      const hash = await hashSecret(input.secret.value);
      this.idleMinutes = input.idleMinutes;
      writeAppLock(
        this.opts.db(),
        {
          ...readAppLock(this.opts.db()),
          secretKind: input.secret.kind,
          secretHash: hash,
          idleMinutes: input.idleMinutes,
        },
        this.opts.now(),
      );
      this.machine.setSecret(true);
      this.machine.setIdleMs(this.idleMsFor(input.idleMinutes));
      this.changed();
      return this.state();
    });
  }

  removeSecret(current: string): Promise<LockState> {
    return this.serial(async () => {
      const row = readAppLock(this.opts.db());
      if (row.secretKind === null) return this.state();
      await this.requireCurrent(current);
      writeAppLock(
        this.opts.db(),
        { ...readAppLock(this.opts.db()), secretKind: null, secretHash: null },
        this.opts.now(),
      );
      this.machine.setSecret(false);
      this.changed();
      return this.state();
    });
  }

  setIdleMinutes(idleMinutes: IdleMinutes): LockState {
    this.idleMinutes = idleMinutes;
    writeAppLock(this.opts.db(), { ...readAppLock(this.opts.db()), idleMinutes }, this.opts.now());
    this.machine.setIdleMs(this.idleMsFor(idleMinutes));
    this.changed();
    return this.state();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private idleMsFor(minutes: IdleMinutes): number {
    return this.opts.idleMsOverride ?? minutes * 60_000;
  }

  private check(): void {
    if (this.machine.check()) this.changed();
  }

  private async requireCurrent(current: string | undefined): Promise<void> {
    const ok = current === undefined ? false : await this.checkSecret(current, false);
    if (ok === 'throttled')
      throw new AppError(
        'lock_throttled',
        `too many wrong tries; wait ${Math.ceil(this.machine.retryInMs() / 1000)} s`,
      );
    if (!ok) throw new AppError('lock_wrong_secret', 'the current PIN or password is not right');
  }

  /** true / false, or 'throttled' during a delay (the secret is then not checked at all). Saves the count. */
  private async checkSecret(secret: string, unlock: boolean): Promise<boolean | 'throttled'> {
    if (!this.machine.gate().allowed) return 'throttled';
    const row = readAppLock(this.opts.db());
    const ok = row.secretHash !== null && (await verifySecret(secret, row.secretHash));
    const throttle = ok ? this.machine.recordSuccess(unlock) : this.machine.recordFailure();
    writeAppLock(this.opts.db(), { ...readAppLock(this.opts.db()), ...throttle }, this.opts.now());
    return ok;
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private changed(): void {
    this.schedule();
    if (!this.closed) this.opts.onChange(this.state());
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const wait = this.machine.msUntilIdleLock();
    if (wait === null || this.closed) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (this.machine.check()) this.changed();
        else this.schedule();
      },
      Math.max(wait, MIN_TIMER_MS),
    );
    // The lock timer alone must not keep a test or a closing shell alive.
    this.timer.unref?.();
  }
}
