/**
 * The record cells the server owns, kept in step with accounts: a project's
 * `group_id` (its assignment) and the `service_groups` rows of the organisation
 * scope. Written as server ops inside the caller's transaction (server/sync/push.ts).
 */
import type { Kysely } from 'kysely';
import { ORG_SCOPE } from '../../shared/sync/roles';
import type { ServerDb } from '../db/connect';
import { bumpDirectoryVersion } from '../db/meta';
import type { ServerDatabase } from '../db/schema';
import { writeServerCells } from '../sync/push';
import type { GroupRecord } from './groups';

type Db = Kysely<ServerDatabase>;

/** How a member shows in the group record's `members` JSON (domain GroupMember). */
const MEMBER_ROLE = '组员';

export async function bumpDirectory(trx: Db): Promise<void> {
  await bumpDirectoryVersion(trx);
}

export async function projectExists(trx: Db, projectId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('records')
    .select('row_id')
    .where('tbl', '=', 'projects')
    .where('row_id', '=', projectId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function groupsOfUser(trx: Db, userId: string): Promise<string[]> {
  const member = await trx.selectFrom('group_members').select('group_id').where('user_id', '=', userId).execute();
  const leads = await trx.selectFrom('service_groups').select('id').where('leader_id', '=', userId).execute();
  return [...new Set([...member.map((m) => m.group_id), ...leads.map((g) => g.id)])];
}

/** The project's scope is the project itself; its group_id cell says which group serves it. */
export async function writeProjectGroup(
  sdb: ServerDb,
  trx: Db,
  projectId: string,
  groupId: string | null,
  now: number,
): Promise<void> {
  await writeServerCells(sdb, trx, projectId, 'projects', projectId, { group_id: groupId }, now);
}

/** The group's record in the organisation scope: name, leader's name, members (leader excluded). */
export async function writeGroupCells(sdb: ServerDb, trx: Db, group: GroupRecord, now: number): Promise<void> {
  const ids = [...new Set([...group.memberIds, ...(group.leaderId ? [group.leaderId] : [])])];
  const users =
    ids.length === 0
      ? []
      : await trx.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).orderBy('name').execute();
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const members = users
    .filter((u) => u.id !== group.leaderId && group.memberIds.includes(u.id))
    .map((u) => ({ name: u.name, role: MEMBER_ROLE, unit: null, phone: null }));
  await writeServerCells(
    sdb,
    trx,
    ORG_SCOPE,
    'service_groups',
    group.id,
    {
      name: group.name,
      leader: group.leaderId ? (nameOf.get(group.leaderId) ?? null) : null,
      members: JSON.stringify(members),
      deleted: false,
    },
    now,
  );
}
