import { describe, expect, it } from 'vitest';
import { LockMachine, MAX_DELAY_MS, retryDelayMs } from '../../../electron/backend/lock/machine';
import { fakeClock } from '../db/fixtures';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 6, 1, 0, 0);

function machine(opts: { hasSecret?: boolean; idleMs?: number; failed?: number; retryAt?: number | null } = {}) {
  const clock = fakeClock(T0);
  const m = new LockMachine({
    now: clock.now,
    idleMs: opts.idleMs ?? 10 * MIN,
    hasSecret: opts.hasSecret ?? true,
    throttle: { failedAttempts: opts.failed ?? 0, retryAt: opts.retryAt ?? null },
  });
  const advance = (ms: number) => clock.set(clock.now() + ms);
  return { m, clock, advance };
}

describe('LockMachine', () => {
  it('starts locked when a secret is set (app opened = locked), open when none is', () => {
    expect(machine({ hasSecret: true }).m.locked).toBe(true);
    expect(machine({ hasSecret: false }).m.locked).toBe(false);
  });

  it('locks once the idle time has passed since the last activity, not a millisecond earlier', () => {
    const { m, advance } = machine();
    m.recordSuccess(true);
    expect(m.locked).toBe(false);
    advance(10 * MIN - 1);
    expect(m.check()).toBe(false);
    expect(m.msUntilIdleLock()).toBe(1);
    advance(1);
    expect(m.check()).toBe(true);
    expect(m.locked).toBe(true);
    // A second check does not report a second transition.
    expect(m.check()).toBe(false);
  });

  it('activity postpones the lock by the whole idle time', () => {
    const { m, advance } = machine({ idleMs: 5 * MIN });
    m.recordSuccess(true);
    advance(4 * MIN);
    m.activity();
    advance(4 * MIN);
    expect(m.check()).toBe(false);
    expect(m.msUntilIdleLock()).toBe(1 * MIN);
    advance(1 * MIN);
    expect(m.check()).toBe(true);
  });

  it('activity never unlocks, and activity while locked does not count afterwards', () => {
    const { m, advance } = machine();
    expect(m.locked).toBe(true);
    m.activity();
    expect(m.locked).toBe(true);
    advance(9 * MIN);
    m.activity();
    m.recordSuccess(true);
    // The idle time runs from the unlock, not from the activity seen while locked.
    advance(10 * MIN - 1);
    expect(m.check()).toBe(false);
    advance(1);
    expect(m.check()).toBe(true);
  });

  it('never locks without a secret, and removing the secret opens it', () => {
    const { m, advance } = machine({ hasSecret: false });
    advance(60 * MIN);
    expect(m.check()).toBe(false);
    expect(m.lock()).toBe(false);
    expect(m.msUntilIdleLock()).toBeNull();
    m.setSecret(true);
    expect(m.lock()).toBe(true);
    m.setSecret(false);
    expect(m.locked).toBe(false);
  });

  it('refuses every channel but the lock ones while locked, checking the idle time first', () => {
    const { m, advance } = machine();
    expect(m.refuses('projects.list')).toBe(true);
    expect(m.refuses('visits.saveDraft')).toBe(true);
    expect(m.refuses('sync.status')).toBe(true);
    expect(m.refuses('lock.unlock')).toBe(false);
    expect(m.refuses('lock.state')).toBe(false);
    expect(m.refuses('lock.activity')).toBe(false);
    // Changing or removing the secret is not open while locked (it would be a way around the delay).
    expect(m.refuses('lock.removeSecret')).toBe(true);
    expect(m.refuses('lock.setSecret')).toBe(true);
    m.recordSuccess(true);
    expect(m.refuses('projects.list')).toBe(false);
    // No timer ran: the call itself finds the idle time over.
    advance(10 * MIN);
    expect(m.refuses('projects.list')).toBe(true);
  });

  it('allows five wrong tries, then waits 30 s, 60 s, 120 s … before the next one', () => {
    const { m, advance } = machine();
    for (let i = 1; i <= 4; i++) {
      expect(m.gate()).toEqual({ allowed: true });
      expect(m.recordFailure()).toEqual({ failedAttempts: i, retryAt: null });
    }
    expect(m.gate()).toEqual({ allowed: true });
    expect(m.recordFailure()).toEqual({ failedAttempts: 5, retryAt: T0 + 30_000 });
    expect(m.gate()).toEqual({ allowed: false, retryInMs: 30_000 });
    advance(29_999);
    expect(m.gate()).toEqual({ allowed: false, retryInMs: 1 });
    advance(1);
    expect(m.gate()).toEqual({ allowed: true });
    m.recordFailure();
    expect(m.retryInMs()).toBe(60_000);
    advance(60_000);
    m.recordFailure();
    expect(m.retryInMs()).toBe(120_000);
    expect(m.locked).toBe(true);
  });

  it('the right secret resets the count and unlocks; a settings check resets without unlocking', () => {
    const { m } = machine({ failed: 3 });
    m.recordSuccess(false);
    expect(m.failedAttempts).toBe(0);
    expect(m.locked).toBe(true);
    m.recordFailure();
    m.recordSuccess(true);
    expect(m.failedAttempts).toBe(0);
    expect(m.locked).toBe(false);
  });

  it('keeps a delay carried over from before a restart', () => {
    const { m, advance } = machine({ failed: 6, retryAt: T0 + 45_000 });
    expect(m.gate()).toEqual({ allowed: false, retryInMs: 45_000 });
    advance(45_000);
    expect(m.gate()).toEqual({ allowed: true });
    // The seventh wrong try in a row, counted across the restart.
    expect(m.recordFailure()).toEqual({ failedAttempts: 7, retryAt: T0 + 45_000 + 120_000 });
  });

  it('grows the delay up to an hour', () => {
    expect([4, 5, 6, 7, 8].map(retryDelayMs)).toEqual([0, 30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(40)).toBe(MAX_DELAY_MS);
  });
});
