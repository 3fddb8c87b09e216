import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { saveGroup } from '../../../electron/backend/db/directory';
import { ensureLocalUser } from '../../../electron/backend/db/identity';
import { openDatabase } from '../../../electron/backend/db/open';
import { projectToCells } from '../../../electron/backend/db/projects';
import { writeRecord, type Actor } from '../../../electron/backend/db/writer';
import { createHandlers } from '../../../electron/backend/handlers';
import { invokeChannel } from '../../../electron/backend/invoke';
import type { HandlerContext } from '../../../electron/backend/registry';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/api';
import type { Problem } from '../../../shared/domain/problem';
import type { ProjectInput } from '../../../shared/domain/project';
import { AppError, type AppErrorShape } from '../../../shared/errors';
import type { Role } from '../../../shared/sync/roles';
import { group, projectInput, tempDir } from '../db/fixtures';

/*
 * A desktop database in a real SQLite file, driven through the real handlers and the IPC
 * border (input parsing, role checks), on a clock the test sets. The machine's zone is UTC,
 * as on CI, so every Asia/Shanghai date below is computed by the code, not by the zone.
 */
process.env['TZ'] = 'UTC';

/** An instant given as Asia/Shanghai wall time, e.g. at('2026-02-01 01:00'). */
export function at(shanghaiWallTime: string): number {
  return Date.parse(`${shanghaiWallTime.replace(' ', 'T')}:00+08:00`);
}

export const writer: Actor = { userId: 'seed', userName: '调度中心', deviceId: 'seeddev' };

export interface World {
  db: Database;
  now: () => number;
  setNow: (ms: number) => void;
  events: string[][];
  invoke: <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
  /** The refusal of a call expected to fail. */
  refusal: <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<AppErrorShape>;
  /** Signs "in" as an account of this role and name (no server: the role is what handlers check). */
  actAs: (role: Role | null, name?: string) => void;
  close: () => void;
}

export function openWorld(start: number): World {
  const { dir, cleanup } = tempDir();
  const db = openDatabase(join(dir, 'sitebook.db'), { encryption: 'none' });
  let t = start;
  const events: string[][] = [];
  const ctx: HandlerContext = {
    db,
    now: () => t,
    shell: 'browser',
    dataDir: dir,
    emit: (_event, payload) => {
      if ('tables' in payload) events.push([...payload.tables]);
    },
  };
  const registry = createHandlers();
  ensureLocalUser(db, start);
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>) =>
    invokeChannel(registry, ctx, channel, input);
  return {
    db,
    now: () => t,
    setNow: (ms) => (t = ms),
    events,
    invoke: async (channel, input) => {
      const r = await call(channel, input);
      if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
      return r.value as ChannelOutput<typeof channel>;
    },
    refusal: async (channel, input) => {
      const r = await call(channel, input);
      if (r.ok) throw new Error(`${channel} was expected to be refused`);
      return r.error;
    },
    actAs: (role, name = '本机用户') => {
      db.prepare('UPDATE local_user SET role = ?, name = ?').run(role, name);
    },
    close: () => {
      db.close();
      cleanup();
    },
  };
}

/** A service group: leader 赵组长, member 孙联络 (fixtures). */
export function addGroup(db: Database, id: string, name: string, when: number): string {
  saveGroup(db, writer, when, { ...group(id, name), id });
  return id;
}

/** A project written at `when`: its group_id cell's version dates the assignment. */
export function addProject(db: Database, id: string, when: number, over: Partial<ProjectInput> = {}): string {
  writeRecord(db, writer, when, {
    table: 'projects',
    rowId: id,
    cells: projectToCells(projectInput({ code: `HRB-${id}`, name: `项目${id}`, ...over })),
  });
  return id;
}

/** (Re)assigns a project to a group at `when`, as the server's assignment would. */
export function assign(db: Database, projectId: string, groupId: string | null, when: number): void {
  writeRecord(db, writer, when, { table: 'projects', rowId: projectId, cells: { group_id: groupId } });
}

export function addVisit(
  db: Database,
  id: string,
  projectId: string,
  date: string,
  over: { status?: 'draft' | 'submitted'; deleted?: boolean } = {},
): string {
  writeRecord(db, writer, Date.parse(`${date}T04:00:00Z`), {
    table: 'visits',
    rowId: id,
    cells: {
      project_id: projectId,
      date,
      kind: 'monthly',
      status: over.status ?? 'submitted',
      participants: '[]',
      findings: '',
      deleted: over.deleted ?? false,
    },
  });
  return id;
}

/** A problem with the cells the plan features read. */
export function addProblem(
  db: Database,
  id: string,
  projectId: string,
  over: Partial<Problem> = {},
  when = Date.parse(`${over.raisedOn ?? '2026-03-01'}T04:00:00Z`),
): string {
  writeRecord(db, writer, when, {
    table: 'problems',
    rowId: id,
    cells: {
      project_id: projectId,
      visit_id: null,
      category: over.category ?? 'land',
      description: over.description ?? `问题${id}`,
      lead_unit: over.leadUnit === undefined ? '市自然资源局' : over.leadUnit,
      cooperating_units: '[]',
      deadline: over.deadline ?? null,
      handling_level: over.handlingLevel ?? 'district',
      status: over.status ?? 'open',
      raised_on: over.raisedOn ?? '2026-03-01',
      resolved_on: over.resolvedOn ?? null,
      closed_on: over.closedOn ?? null,
      closing_visit_id: null,
      resolution: null,
      deleted: false,
    },
  });
  return id;
}
