import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/backend';
import type { ConflictView, SyncStatus } from '../../../shared/channels/sync';
import type { Project } from '../../../shared/domain/project';
import { concurrentEdits, createProject, sharedProject, type Shared } from './edits';
import { call, createWorld, deviceIdOf, DIALECTS, outboxOf, type World } from './world';

/**
 * Network faults between real desktop backends and a real server process (SQLite and
 * PostgreSQL), injected by the proxy in front of the server: each sync under a fault
 * says what went wrong, and once the fault is gone, sync converges to the oracle with
 * nothing lost and nothing doubled.
 */
const PUSH = '/sync/push';

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(DIALECTS)('sync under network faults on %s', (kind) => {
  let world: World;

  beforeAll(async () => {
    world = await createWorld(kind, ['coord_a', 'coord_b', 'coord_c']);
  });
  afterEach(() => {
    world?.proxy.clear();
    world?.proxy.onForward(null);
  });
  afterAll(async () => {
    await world?.dispose();
  });

  async function twoDevices(tag: string): Promise<{ a: Backend; b: Backend; s: Shared; made: Project }> {
    const a = await world.device(`${tag}-a`, 'coord_a');
    const b = await world.device(`${tag}-b`, 'coord_b');
    const s = await sharedProject(world, [a, b], tag);
    const made = await concurrentEdits(a, b, s, tag);
    return { a, b, s, made };
  }

  const pushes = (): number => world.proxy.forwarded.get(PUSH) ?? 0;

  /** The two collisions of concurrentEdits, once each, the same on both devices. */
  async function expectTheTwoConflicts(a: Backend, b: Backend, s: Shared): Promise<void> {
    const mine = (list: ConflictView[]) =>
      list
        .filter((c) => c.rowId === s.project.id || c.rowId === s.problem.id)
        .sort((x, y) => x.kind.localeCompare(y.kind));
    const onA = mine(await call<ConflictView[]>(a, 'conflicts.list', {}));
    const onB = mine(await call<ConflictView[]>(b, 'conflicts.list', {}));
    expect(onA.map((c) => [c.kind, c.column])).toEqual([
      ['field', 'name'],
      ['status', 'status'],
    ]);
    expect(onB.map((c) => c.id)).toEqual(onA.map((c) => c.id));
  }

  async function expectSettled(a: Backend, b: Backend, s: Shared, made: Project): Promise<void> {
    await world.settle([a, b]);
    await world.expectConverged([a, b]);
    await expectTheTwoConflicts(a, b, s);
    const onA = await call<{ project: Project }>(a, 'projects.get', { id: made.id });
    expect(onA.project.name).toBe(made.name);
  }

  it('a push that never reaches the server: "cannot be reached", then the retry delivers it once', async () => {
    const { a, b, s, made } = await twoDevices('drop-req');
    const pending = outboxOf(a).map((o) => o.opId);
    const before = pushes();
    world.proxy.inject(PUSH, 'drop_request');
    const failed = await world.sync(a);
    expect(failed).toMatchObject({
      state: 'offline',
      pending: pending.length,
      lastError: { code: 'server_unreachable' },
    });
    expect(failed.lastError?.message).toMatch(/^the server cannot be reached/);
    expect(pushes()).toBe(before);
    const stored = new Set((await world.serverOps()).map((o) => o.opId));
    expect(pending.filter((id) => stored.has(id))).toEqual([]);
    await expectSettled(a, b, s, made);
  });

  it('a response lost after the server committed: the device sends again, the server keeps one copy', async () => {
    const { a, b, s, made } = await twoDevices('drop-resp');
    const pending = outboxOf(a).map((o) => o.opId);
    world.proxy.inject(PUSH, 'drop_response');
    const failed = await world.sync(a);
    expect(failed).toMatchObject({
      state: 'offline',
      pending: pending.length,
      lastError: { code: 'server_unreachable' },
    });
    // The device could not know, but the server has every op already.
    const stored = await world.serverOps();
    const ids = new Set(stored.map((o) => o.opId));
    expect(pending.filter((id) => !ids.has(id))).toEqual([]);
    const fromA = (ops: typeof stored) => ops.filter((o) => o.deviceId === deviceIdOf(a)).length;
    expect(await world.sync(b)).toMatchObject({ lastError: null, pending: 0 });
    const retried = await world.sync(a);
    expect(retried).toMatchObject({ state: 'idle', lastError: null, pending: 0 });
    expect(fromA(await world.serverOps())).toBe(fromA(stored));
    await expectSettled(a, b, s, made);
  });

  it('every push delivered twice at once: each op is stored once', async () => {
    const { a, b, s, made } = await twoDevices('dup');
    const before = pushes();
    world.proxy.inject(PUSH, 'duplicate', 'duplicate');
    expect(await world.sync(a)).toMatchObject({ state: 'idle', lastError: null, pending: 0 });
    expect(await world.sync(b)).toMatchObject({ state: 'idle', lastError: null, pending: 0 });
    expect(pushes()).toBe(before + 4);
    await expectSettled(a, b, s, made);
  });

  it('two pushes delivered in the opposite order: the older write arriving last does not win', async () => {
    const { a, b, s, made } = await twoDevices('reorder');
    const fromA = new Set(outboxOf(a).map((o) => o.opId));
    const order: string[] = [];
    world.proxy.onForward((path, body) => {
      if (path !== PUSH) return;
      const ops = (JSON.parse(body.toString('utf8')) as { ops: { opId: string }[] }).ops;
      order.push(ops.some((o) => fromA.has(o.opId)) ? 'a' : 'b');
    });
    world.proxy.inject(PUSH, 'hold');
    const syncA = world.sync(a);
    await waitFor("A's push to be held", () => world.proxy.holding(PUSH) === 1);
    const statusB = await world.sync(b);
    const statusA = await syncA;
    expect(order).toEqual(['b', 'a']);
    for (const st of [statusA, statusB]) expect(st).toMatchObject({ lastError: null, pending: 0 });
    await expectSettled(a, b, s, made);
    // B renamed after A, so B's name stands although A's arrived later.
    for (const d of [a, b]) {
      const got = await call<{ project: Project }>(d, 'projects.get', { id: s.project.id });
      expect(got.project.name).toBe('reorder B 改名');
    }
  });

  it('5xx from the server and from a gateway: the error says so; the next sync goes through', async () => {
    const { a, b, s, made } = await twoDevices('5xx');
    const pending = outboxOf(a).length;
    world.proxy.inject(PUSH, 'server_error');
    world.proxy.inject('/sync/pull', 'bad_gateway');
    const onA = await world.sync(a);
    expect(onA).toMatchObject({
      state: 'error',
      pending,
      lastError: { code: 'server_error', message: 'the server is busy; try again later' },
    });
    // B's push went through; its pull met the gateway's HTML page.
    const onB = await world.sync(b);
    expect(onB).toMatchObject({
      state: 'error',
      pending: 0,
      lastError: { code: 'server_error', message: 'the server answered 502' },
    });
    await expectSettled(a, b, s, made);
  });

  it('after a 5xx the engine tries again by itself, backing off, until the push goes through', async () => {
    const c = await world.device('retry-c', 'coord_c', { auto: true, intervalMs: 600_000, debounceMs: 200 });
    const seen: SyncStatus[] = [];
    c.on('sync.status', (st) => seen.push(st));
    await waitFor('the first sync after sign-in', async () => {
      const st = await call<SyncStatus>(c, 'sync.status');
      return st.lastSyncAt !== null && st.state === 'idle';
    });
    world.proxy.inject(PUSH, 'server_error', 'server_error');
    const before = pushes();
    const made = await createProject(c, 'retry-1', '自动重试的项目');
    world.record(c);
    await waitFor('the push to get through', async () => {
      const st = await call<SyncStatus>(c, 'sync.status');
      return st.pending === 0 && st.state === 'idle' && st.lastError === null;
    });
    const failures = seen.filter((st) => st.lastError?.code === 'server_error' && st.state === 'error');
    expect(failures.length).toBeGreaterThanOrEqual(2);
    // The two 503s never reached the server; the third try did.
    expect(pushes()).toBe(before + 1);
    const d = await world.device('retry-d', 'coord_a');
    await world.settle([d]);
    await world.expectConverged([c, d]);
    expect((await call<{ project: Project }>(d, 'projects.get', { id: made.id })).project.name).toBe('自动重试的项目');
  });
});
