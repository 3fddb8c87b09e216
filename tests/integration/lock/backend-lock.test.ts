import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../../electron/backend/backend';
import type { ProjectPage } from '../../../shared/api';
import type { LockState, UnlockResult } from '../../../shared/channels/lock';
import type { Project } from '../../../shared/domain/project';
import type { Result } from '../../../shared/errors';
import { fakeClock, projectInput, tempDir } from '../../unit/db/fixtures';

/*
 * The idle lock through the real backend (createBackend, a real SQLite file): while locked a data
 * channel answers app_locked, after the right PIN it works again; the idle time, the wrong-try
 * delay and "opened = locked" survive a restart of the backend on the same file.
 */
const MIN = 60_000;
let tmp: ReturnType<typeof tempDir>;
let clock: ReturnType<typeof fakeClock>;
let backend: Backend;
let events: LockState[];

function start(extra: Partial<BackendOptions> = {}): Backend {
  const b = createBackend({
    dataDir: join(tmp.dir, 'data'),
    shell: 'browser',
    encryption: 'none',
    now: clock.now,
    sync: { auto: false },
    backup: false,
    ...extra,
  });
  b.on('lock.changed', (s) => events.push(s));
  return b;
}

async function call<T>(channel: string, input: unknown = {}): Promise<T> {
  const r = await backend.invoke(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

const raw = (channel: string, input: unknown = {}): Promise<Result<unknown>> => backend.invoke(channel, input);
const advance = (ms: number) => clock.set(clock.now() + ms);
const setPin = (pin: string, idleMinutes = 10) =>
  call<LockState>('lock.setSecret', { secret: { kind: 'pin', value: pin }, idleMinutes });

beforeEach(() => {
  tmp = tempDir();
  clock = fakeClock(Date.UTC(2026, 11, 6, 1, 0, 0));
  events = [];
  backend = start();
});
afterEach(async () => {
  await backend.shutdown();
  tmp.cleanup();
});

describe('the idle lock through createBackend', () => {
  it('is off without a PIN: nothing locks, data channels answer', async () => {
    expect(await call<LockState>('lock.state')).toMatchObject({ locked: false, secretKind: null, idleMinutes: 10 });
    expect((await call<LockState>('lock.lockNow')).locked).toBe(false);
    advance(60 * MIN);
    expect((await call<ProjectPage>('projects.list', {})).total).toBe(0);
    expect(backend.isLocked()).toBe(false);
  });

  it('refuses a data channel with app_locked while locked and answers again after the right PIN', async () => {
    const project = await call<Project>('projects.create', projectInput());
    expect(await setPin('482913')).toMatchObject({ locked: false, secretKind: 'pin' });

    expect((await call<LockState>('lock.lockNow')).locked).toBe(true);
    expect(events.at(-1)).toMatchObject({ locked: true });
    for (const channel of ['projects.list', 'projects.get', 'sync.status', 'identity.get']) {
      const r = await raw(channel, channel === 'projects.get' ? { id: project.id } : {});
      expect(r, channel).toEqual({ ok: false, error: { code: 'app_locked', message: expect.any(String) } });
    }
    // Removing the PIN is no way around it: refused like any other channel while locked.
    expect(await raw('lock.removeSecret', { current: '482913' })).toMatchObject({ error: { code: 'app_locked' } });

    const wrong = await call<UnlockResult>('lock.unlock', { secret: '000000' });
    expect(wrong).toMatchObject({
      unlocked: false,
      reason: 'wrong_secret',
      state: { locked: true, failedAttempts: 1 },
    });
    expect(await raw('projects.list', {})).toMatchObject({ ok: false, error: { code: 'app_locked' } });

    const right = await call<UnlockResult>('lock.unlock', { secret: '482913' });
    expect(right).toMatchObject({ unlocked: true, reason: null, state: { locked: false, failedAttempts: 0 } });
    expect(events.at(-1)).toMatchObject({ locked: false });
    const page = await call<ProjectPage>('projects.list', {});
    expect(page.rows.map((r) => r.id)).toEqual([project.id]);
  });

  it('locks after the idle time (checked on the next call, timer or not) and activity postpones it', async () => {
    await setPin('1234', 5);
    advance(4 * MIN);
    await call('lock.activity');
    advance(4 * MIN);
    expect((await raw('projects.list', {})).ok).toBe(true);
    advance(1 * MIN);
    expect(await raw('projects.list', {})).toMatchObject({ ok: false, error: { code: 'app_locked' } });
    expect(events.at(-1)).toMatchObject({ locked: true, idleMinutes: 5 });
    // Activity while locked does not unlock.
    expect((await call<LockState>('lock.activity')).locked).toBe(true);
  });

  it('starts locked when a PIN is set, and the wrong-try delay survives a restart', async () => {
    await setPin('2468');
    await backend.shutdown();
    backend = start();
    expect(await call<LockState>('lock.state')).toMatchObject({ locked: true, secretKind: 'pin' });
    expect(await raw('projects.list', {})).toMatchObject({ ok: false, error: { code: 'app_locked' } });

    for (let i = 0; i < 5; i++) await call('lock.unlock', { secret: '1111' });
    const paused = await call<UnlockResult>('lock.unlock', { secret: '2468' });
    // During the delay even the right PIN is not looked at.
    expect(paused).toMatchObject({
      unlocked: false,
      reason: 'throttled',
      state: { failedAttempts: 5, retryInMs: 30_000 },
    });

    await backend.shutdown();
    backend = start();
    advance(10_000);
    expect(await call<LockState>('lock.state')).toMatchObject({ locked: true, failedAttempts: 5, retryInMs: 20_000 });
    advance(20_000);
    expect(await call<UnlockResult>('lock.unlock', { secret: '2468' })).toMatchObject({ unlocked: true });
    expect((await call<LockState>('lock.state')).failedAttempts).toBe(0);
  });

  it('changing or removing the PIN needs the current one', async () => {
    await setPin('1357');
    const change = { secret: { kind: 'password', value: 'site visit 2026' }, idleMinutes: 15 };
    expect(await raw('lock.setSecret', change)).toMatchObject({ ok: false, error: { code: 'lock_wrong_secret' } });
    expect(await raw('lock.setSecret', { ...change, current: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'lock_wrong_secret' },
    });
    expect(await call<LockState>('lock.setSecret', { ...change, current: '1357' })).toMatchObject({
      secretKind: 'password',
      idleMinutes: 15,
      failedAttempts: 0,
    });
    expect(await raw('lock.removeSecret', { current: '1357' })).toMatchObject({ error: { code: 'lock_wrong_secret' } });
    expect(await call<LockState>('lock.removeSecret', { current: 'site visit 2026' })).toMatchObject({
      secretKind: null,
      locked: false,
    });
    expect((await call<LockState>('lock.lockNow')).locked).toBe(false);
  });

  it('refuses a PIN that is not 4–12 digits', async () => {
    for (const value of ['123', '1234567890123', '12a4']) {
      expect(await raw('lock.setSecret', { secret: { kind: 'pin', value }, idleMinutes: 10 })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect((await call<LockState>('lock.state')).secretKind).toBeNull();
  });

  it('locks by its own timer on the real clock and says so with lock.changed', async () => {
    await backend.shutdown();
    backend = start({ now: Date.now, lock: { idleMsOverride: 1000 } });
    await setPin('8642');
    const locked = new Promise<LockState>((resolve) => backend.on('lock.changed', (s) => s.locked && resolve(s)));
    const state = await locked;
    expect(state).toMatchObject({ locked: true, idleMs: 1000 });
    expect(backend.isLocked()).toBe(true);
  });
});
