import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { LATEST_SCHEMA_VERSION } from '../../../electron/backend/db/migrations/index';
import { createHandlers } from '../../../electron/backend/handlers/index';
import { CHANNEL_NAMES, type ProjectDetail, type ProjectPage, type SearchHit } from '../../../shared/api';
import type { LocalUser } from '../../../shared/domain/identity';
import type { Project } from '../../../shared/domain/project';
import type { ChangeLogEntry } from '../../../shared/records';
import { fakeClock, projectInput, tempDir } from '../db/fixtures';

let tmp: ReturnType<typeof tempDir>;
let backend: Backend;
const clock = fakeClock();

async function call<T>(channel: string, input: unknown = {}): Promise<T> {
  const r = await backend.invoke(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

beforeEach(() => {
  tmp = tempDir();
  backend = createBackend({
    encryption: 'none',
    dataDir: join(tmp.dir, 'data'),
    shell: 'browser',
    now: clock.now,
    version: '9.9.9',
  });
});
afterEach(() => {
  backend.close();
  tmp.cleanup();
});

describe('createBackend', () => {
  it('has a handler for every channel', () => {
    expect(Object.keys(createHandlers()).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('reports app info and the local identity', async () => {
    expect(await call('app.info')).toEqual({
      version: '9.9.9',
      shell: 'browser',
      dataDir: join(tmp.dir, 'data'),
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
    const me = await call<LocalUser>('identity.get');
    expect(me).toMatchObject({ name: '本机用户', kind: 'local' });
    expect(await call<LocalUser>('identity.rename', { name: '李督查' })).toEqual({ ...me, name: '李督查' });
  });

  it('creates, lists, updates, searches and shows history of a project, emitting data.changed', async () => {
    const events: unknown[] = [];
    const off = backend.on('data.changed', (p) => events.push(p));
    await call('identity.rename', { name: '李督查' });
    const created = await call<Project>('projects.create', projectInput());
    expect(events).toEqual([{ tables: ['projects'] }]);

    const page = await call<ProjectPage>('projects.list', { districts: ['巴彦县'] });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({ id: created.id, openProblems: 0, lastVisitDate: null, groupName: null });

    clock.set(clock.now() + 60_000);
    const updated = await call<Project>('projects.update', { id: created.id, patch: { name: '哈尔滨冰雪大世界' } });
    expect(updated.name).toBe('哈尔滨冰雪大世界');
    expect(events).toHaveLength(2);
    off();
    await call('projects.update', { id: created.id, patch: { name: '再改' } });
    expect(events).toHaveLength(2);

    const hits = await call<SearchHit[]>('search.query', { q: '冰雪' });
    expect(hits.map((h) => h.id)).toEqual([]);
    expect((await call<SearchHit[]>('search.query', { q: '再改' })).map((h) => h.id)).toEqual([created.id]);

    const detail = await call<ProjectDetail>('projects.get', { id: created.id });
    expect(detail.project.name).toBe('再改');
    const history = await call<ChangeLogEntry[]>('history.get', { table: 'projects', rowId: created.id });
    expect(history[0]).toMatchObject({
      column: 'name',
      oldValue: '哈尔滨冰雪大世界',
      newValue: '再改',
      authorName: '李督查',
    });
    expect(await call('groups.list')).toEqual([]);
    expect(await call('units.list')).toEqual([]);
    expect(await call('projects.facets')).toEqual({ districts: ['巴彦县'], industries: ['现代服务业'], groups: [] });
  });

  it('returns clear errors for bad input and missing records', async () => {
    expect(await backend.invoke('projects.create', { ...projectInput(), totalInvestment: 1.5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await backend.invoke('projects.get', { id: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await backend.invoke('nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('keeps data across a reopen of the same data dir', async () => {
    const created = await call<Project>('projects.create', projectInput());
    const me = await call<LocalUser>('identity.get');
    backend.close();
    backend = createBackend({ encryption: 'none', dataDir: join(tmp.dir, 'data'), shell: 'electron', now: clock.now });
    expect((await call<ProjectDetail>('projects.get', { id: created.id })).project.code).toBe('HRB-2020-001');
    expect(await call<LocalUser>('identity.get')).toEqual(me);
  });
});
