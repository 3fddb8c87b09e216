import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictView } from '../../../shared/channels/sync';
import type { Project } from '../../../shared/domain/project';
import { parseHlc } from '../../../shared/hlc';
import type { Directory } from '../../../shared/sync/wire';
import { projectInput } from '../../unit/db/fixtures';
import { checkWorld } from '../../support/sync-sim-check';
import {
  call,
  createWorld,
  DAY_MS,
  quiesce,
  syncNow,
  type SimDevice,
  type SimWorld,
} from '../../support/sync-sim-world';

/**
 * Clock skew through the real server, on SQLite and PostgreSQL. Three coordinators: A's
 * clock is moved a day ahead, B's a day behind, C's is right. The server refuses A's
 * stamps and A re-stamps them from the server's clock; B's stamps never fall behind what
 * it has received; nobody wins a field for having a wrong clock, and in the end every
 * device and the server hold exactly what the oracle says.
 */
const MINUTE = 60_000;

interface OpRow {
  op_id: string;
  col: string;
  value: string;
  hlc: string;
  base_hlc: string | null;
  received_at: number;
}

describe.each(['sqlite', 'postgres'] as const)('clock skew on %s', (database) => {
  let world: SimWorld;
  let a: SimDevice;
  let b: SimDevice;
  let c: SimDevice;
  let project: Project;

  const update = (d: SimDevice, patch: Partial<Project>) =>
    call<Project>(d.backend, 'projects.update', { id: project.id, patch });
  const shown = async (d: SimDevice): Promise<Project> =>
    (await call<{ project: Project }>(d.backend, 'projects.get', { id: project.id })).project;
  const pushes = (): number => world.proxy.forwarded.get('/sync/push') ?? 0;
  const outbox = (d: SimDevice) =>
    d.backend.db.prepare('SELECT op_id, row_id, col, hlc FROM outbox').all() as Record<
      'op_id' | 'row_id' | 'col' | 'hlc',
      string
    >[];
  async function serverOps(column: string): Promise<OpRow[]> {
    const sdb = await world.serverDb();
    return sdb.db
      .selectFrom('ops')
      .select(['op_id', 'col', 'value', 'hlc', 'base_hlc', 'received_at'])
      .where('row_id', '=', project.id)
      .where('col', '=', column)
      .orderBy('hlc')
      .execute();
  }
  const millis = (hlc: string): number => parseHlc(hlc).millis;

  beforeAll(async () => {
    // Every clock is right when the devices sign in; the tests move them afterwards, as a
    // user changing the system clock (or a dead CMOS battery) would.
    world = await createWorld({ postgres: database === 'postgres', coordinators: 3 });
    [a, b, c] = world.devices as [SimDevice, SimDevice, SimDevice];
    project = await call<Project>(c.backend, 'projects.create', projectInput({ code: 'SKEW-1', name: '时钟测试项目' }));
    for (const d of [c, a, b]) await syncNow(d);
  });

  afterAll(async () => {
    await world?.dispose();
  });

  it('a device a day ahead is refused, re-stamps from the server clock, and its changes arrive', async () => {
    a.skewMs = DAY_MS;
    const made = await call<Project>(a.backend, 'projects.create', projectInput({ code: 'AHEAD-1', name: '超前项目' }));
    await update(a, { name: 'A 改的名字' });
    const pending = outbox(a);
    expect(pending.length).toBeGreaterThan(10);
    for (const op of pending) expect(millis(op.hlc)).toBeGreaterThan(Date.now() + DAY_MS - 10 * MINUTE);

    const before = pushes();
    const status = await syncNow(a);
    expect(status).toMatchObject({ pending: 0, setAside: 0, lastError: null });
    // Refused once for its clock, then sent again with new stamps.
    expect(pushes() - before).toBeGreaterThanOrEqual(2);
    const renamed = pending.find((p) => p.row_id === project.id && p.col === 'name')!;
    const [name] = (await serverOps('name')).filter((o) => o.op_id === renamed.op_id);
    expect(name).toBeDefined();
    expect(millis(name!.hlc)).toBeLessThan(name!.received_at + MINUTE);

    for (const d of [b, c]) await syncNow(d);
    for (const d of [b, c]) {
      expect((await shown(d)).name).toBe('A 改的名字');
      expect((await call<{ project: Project }>(d.backend, 'projects.get', { id: made.id })).project.code).toBe(
        'AHEAD-1',
      );
    }
  });

  it('a project made while the clock was ahead still takes the group the server assigns it', async () => {
    const [made] = (
      a.backend.db.prepare("SELECT id FROM projects WHERE code = 'AHEAD-1'").all() as { id: string }[]
    ).map((r) => r.id);
    const dir = await call<Directory>(c.backend, 'admin.saveGroup', { name: '时钟服务组', memberIds: [] });
    const group = dir.groups.find((g) => g.name === '时钟服务组')!;
    await call(c.backend, 'admin.assign', { groupId: group.id, projectId: made, assigned: true });
    for (const d of [a, b, c]) {
      await syncNow(d);
      const got = await call<{ project: Project }>(d.backend, 'projects.get', { id: made });
      expect(got.project.groupId).toBe(group.id);
    }
  });

  it('corrected, the ahead device does not beat a later write of the correct device', async () => {
    // A's wall clock is still a day ahead; its stamps now come from the corrected clock.
    await update(a, { location: 'A 的地点' });
    await syncNow(a);
    await new Promise((r) => setTimeout(r, 20));
    // C has not seen A's location: the two writes are concurrent, C's is the later one.
    await update(c, { location: 'C 的地点' });
    for (const d of [c, a, b]) await syncNow(d);
    for (const d of [a, b, c]) expect((await shown(d)).location).toBe('C 的地点');
    // The last two: the creation's value came first.
    const [fromA, fromC] = (await serverOps('location')).slice(-2);
    expect(JSON.parse(fromA!.value)).toBe('A 的地点');
    expect(millis(fromC!.hlc)).toBeLessThan(Date.now() + MINUTE);
    // Both values are kept: a collision, shown the same on every device.
    const lists = await Promise.all([a, b, c].map((d) => call<ConflictView[]>(d.backend, 'conflicts.list', {})));
    for (const list of lists) {
      const found = list.filter((v) => v.rowId === project.id && v.column === 'location');
      expect(found.map((v) => [v.kept.value, v.other.value])).toEqual([['C 的地点', 'A 的地点']]);
    }
  });

  it('a device a day behind still wins with an edit made after what it received', async () => {
    await update(c, { industry: 'C 的行业' });
    await syncNow(c);
    await syncNow(b);
    // Now B's clock goes back a day, and B edits what it has just received.
    b.skewMs = -DAY_MS;
    await update(b, { industry: 'B 的行业' });
    for (const d of [b, a, c]) await syncNow(d);
    for (const d of [a, b, c]) expect((await shown(d)).industry).toBe('B 的行业');
    const [fromC, fromB] = (await serverOps('industry')).slice(-2);
    expect(JSON.parse(fromB!.value)).toBe('B 的行业');
    // B's clock advanced on receiving C's stamp instead of stamping a day back.
    expect(fromB!.hlc > fromC!.hlc).toBe(true);
    expect(fromB!.base_hlc).toBe(fromC!.hlc);
    const conflicts = await call<ConflictView[]>(c.backend, 'conflicts.list', {});
    expect(conflicts.filter((v) => v.column === 'industry')).toEqual([]);
  });

  it('a re-stamped write still beats the value it overwrote, even one stamped by a fast clock', async () => {
    // C's clock runs 1.9 s fast: within what counts as right, so nothing corrects it.
    c.skewMs = 1_900;
    await update(c, { leaderInCharge: 'C 的包保领导' });
    await syncNow(c);
    await syncNow(a);
    // Having seen C's value, A's clock jumps another day ahead and A overwrites it.
    a.skewMs = 2 * DAY_MS;
    await update(a, { leaderInCharge: 'A 的包保领导' });
    const before = pushes();
    await syncNow(a);
    expect(pushes() - before).toBeGreaterThanOrEqual(2);
    for (const d of [b, c]) await syncNow(d);
    for (const d of [a, b, c]) expect((await shown(d)).leaderInCharge).toBe('A 的包保领导');
    const [fromC, fromA] = (await serverOps('leader_in_charge')).slice(-2);
    expect(fromA!.base_hlc).toBe(fromC!.hlc);
    expect(fromA!.hlc > fromC!.hlc).toBe(true);
  });

  it('nothing broke: every device and the server hold what the oracle says', async () => {
    for (const d of world.devices) d.skewMs = 0;
    await quiesce(world);
    const report = await checkWorld(world);
    expect(report.mismatches).toEqual([]);
    expect(report.conflicts).toEqual({ field: 1, status: 0, edit_deleted: 0 });
  });
});
