import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import type { SyncStatus } from '../../../shared/channels/sync';
import type { PushRequest } from '../../../shared/sync/wire';
import { projectInput, tempDir } from '../db/fixtures';
import { startWireServer, type WireServer } from './wire-server';

let server: WireServer;
let tmp: ReturnType<typeof tempDir>;
let backend: Backend;

async function call<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = await backend.invoke(channel, input);
  if (!res.ok) throw Object.assign(new Error(res.error.message), res.error);
  return res.value as T;
}

beforeEach(async () => {
  server = await startWireServer();
  tmp = tempDir();
  server.on('POST /auth/login', () => ({
    body: { token: 'tok', user: { id: 'u1', login: 'u1', name: '甲', role: 'coordinator' }, serverTime: Date.now() },
  }));
  server.on('POST /sync/push', (body) => ({
    body: { serverTime: Date.now(), accepted: (body as PushRequest).ops.map((o) => o.opId), refused: [] },
  }));
  server.on('POST /sync/pull', () => ({
    body: { serverTime: Date.now(), rows: [], cursors: {}, scopes: ['org'], more: false },
  }));
});
afterEach(async () => {
  await backend.shutdown();
  await server.close();
  tmp.cleanup();
});

describe('the sync engine', () => {
  it('syncs by itself after sign-in and a few moments after a local write', async () => {
    backend = createBackend({
      encryption: 'none',
      dataDir: join(tmp.dir, 'a'),
      shell: 'browser',
      sync: { debounceMs: 50 },
    });
    const seen: SyncStatus[] = [];
    backend.on('sync.status', (s) => seen.push(s));
    await call('sync.signIn', { serverUrl: server.url, login: 'u1', password: 'pw' });
    await expect.poll(() => server.calls.filter((c) => c.route === 'POST /sync/pull').length).toBeGreaterThan(0);
    await call('projects.create', projectInput());
    await expect.poll(() => server.calls.some((c) => c.route === 'POST /sync/push')).toBe(true);
    // The run goes on after the push (it pulls again), so wait for it to settle, not just for pending 0.
    await expect
      .poll(async () => {
        const s = await call<SyncStatus>('sync.status');
        return `${s.state}/${s.pending}`;
      })
      .toBe('idle/0');
    expect(seen.some((s) => s.state === 'syncing' && s.progress !== null)).toBe(true);
    expect(server.calls.find((c) => c.route === 'POST /sync/push')?.auth).toBe('Bearer tok');
    const status = await call<SyncStatus>('sync.status');
    expect(status).toMatchObject({ state: 'idle', lastError: null });
    expect(status.lastSyncAt).not.toBeNull();
    expect(status.nextAttemptAt).not.toBeNull();
  });

  it('an unreachable server shows offline with a next attempt, not a crash', async () => {
    backend = createBackend({
      encryption: 'none',
      dataDir: join(tmp.dir, 'b'),
      shell: 'browser',
      sync: { auto: false },
    });
    await call('sync.signIn', { serverUrl: server.url, login: 'u1', password: 'pw' });
    await server.close();
    const status = await call<SyncStatus>('sync.now');
    expect(status.state).toBe('offline');
    expect(status.lastError?.code).toBe('server_unreachable');
    server = await startWireServer();
  });

  it('one run at a time', async () => {
    backend = createBackend({
      encryption: 'none',
      dataDir: join(tmp.dir, 'c'),
      shell: 'browser',
      sync: { auto: false },
    });
    await call('sync.signIn', { serverUrl: server.url, login: 'u1', password: 'pw' });
    server.on('POST /sync/pull', async () => {
      await new Promise((r) => setTimeout(r, 200));
      return { body: { serverTime: Date.now(), rows: [], cursors: {}, scopes: ['org'], more: false } };
    });
    const first = backend.invoke('sync.now', {});
    await new Promise((r) => setTimeout(r, 50));
    await expect(call('sync.now')).rejects.toMatchObject({ code: 'sync_in_progress' });
    expect((await first).ok).toBe(true);
  });
});
