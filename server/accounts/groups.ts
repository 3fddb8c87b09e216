/** Service groups (服务组), their members and leader, and their assignments (包保) to projects. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/schema';

type Db = Kysely<ServerDatabase>;

export interface GroupRecord {
  id: string;
  name: string;
  leaderId: string | null;
  memberIds: string[];
  projectIds: string[];
}

export async function findGroup(db: Db, idOrName: string): Promise<GroupRecord | undefined> {
  const row =
    (await db.selectFrom('service_groups').selectAll().where('id', '=', idOrName).executeTakeFirst()) ??
    (await db.selectFrom('service_groups').selectAll().where('name', '=', idOrName.trim()).executeTakeFirst());
  if (!row) return undefined;
  const members = await db.selectFrom('group_members').select('user_id').where('group_id', '=', row.id).execute();
  const projects = await db.selectFrom('assignments').select('project_id').where('group_id', '=', row.id).execute();
  return {
    id: row.id,
    name: row.name,
    leaderId: row.leader_id,
    memberIds: members.map((m) => m.user_id).sort(),
    projectIds: projects.map((p) => p.project_id).sort(),
  };
}

export async function listGroups(db: Db): Promise<GroupRecord[]> {
  const rows = await db.selectFrom('service_groups').selectAll().orderBy('name').execute();
  const members = await db.selectFrom('group_members').selectAll().execute();
  const assignments = await db.selectFrom('assignments').selectAll().execute();
  return rows.map((g) => ({
    id: g.id,
    name: g.name,
    leaderId: g.leader_id,
    memberIds: members
      .filter((m) => m.group_id === g.id)
      .map((m) => m.user_id)
      .sort(),
    projectIds: assignments
      .filter((a) => a.group_id === g.id)
      .map((a) => a.project_id)
      .sort(),
  }));
}

export interface GroupWrite {
  id?: string;
  name: string;
  leaderId: string | null;
  memberIds: readonly string[];
}

/** Creates or replaces a group's name, leader and member list. */
export async function upsertGroup(db: Db, input: GroupWrite): Promise<string> {
  const id = input.id ?? randomUUID();
  const exists = await db.selectFrom('service_groups').select('id').where('id', '=', id).executeTakeFirst();
  if (exists) {
    await db
      .updateTable('service_groups')
      .set({ name: input.name.trim(), leader_id: input.leaderId })
      .where('id', '=', id)
      .execute();
  } else {
    await db.insertInto('service_groups').values({ id, name: input.name.trim(), leader_id: input.leaderId }).execute();
  }
  await db.deleteFrom('group_members').where('group_id', '=', id).execute();
  const members = [...new Set(input.memberIds)];
  if (members.length > 0) {
    await db
      .insertInto('group_members')
      .values(members.map((user_id) => ({ group_id: id, user_id })))
      .execute();
  }
  return id;
}

/** The group a project is assigned to now (a project is served by one group at a time). */
export async function groupOfProject(db: Db, projectId: string): Promise<string | null> {
  const row = await db
    .selectFrom('assignments')
    .select('group_id')
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row?.group_id ?? null;
}

/** Assigns a project to a group, moving it from any other group. */
export async function assignProject(db: Db, groupId: string, projectId: string): Promise<void> {
  await db.deleteFrom('assignments').where('project_id', '=', projectId).execute();
  await db.insertInto('assignments').values({ group_id: groupId, project_id: projectId }).execute();
}

export async function unassignProject(db: Db, groupId: string, projectId: string): Promise<void> {
  await db.deleteFrom('assignments').where('group_id', '=', groupId).where('project_id', '=', projectId).execute();
}
