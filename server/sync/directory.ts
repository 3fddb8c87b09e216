import { Role } from '../../shared/sync/roles';
import type { Directory, DirectoryGroup } from '../../shared/sync/wire';
import type { ServerDb } from '../db/connect';
import { executorOf, type Executor } from '../db/executor';
import { directoryVersion } from '../db/meta';

/** Accounts, service groups and assignments as devices read them (never password hashes). */
export async function readDirectory(target: ServerDb | Executor): Promise<Directory> {
  const ex = executorOf(target);
  const version = await directoryVersion(ex);
  const users = await ex
    .selectFrom('users')
    .select(['id', 'login', 'name', 'role', 'disabled'])
    .orderBy('login')
    .execute();
  const groups = await ex.selectFrom('service_groups').select(['id', 'name', 'leader_id']).orderBy('name').execute();
  const members = await ex.selectFrom('group_members').select(['group_id', 'user_id']).orderBy('user_id').execute();
  const assignments = await ex
    .selectFrom('assignments')
    .select(['group_id', 'project_id'])
    .orderBy('project_id')
    .execute();
  const byId = new Map<string, DirectoryGroup>();
  for (const g of groups)
    byId.set(g.id, { id: g.id, name: g.name, leaderId: g.leader_id, memberIds: [], projectIds: [] });
  for (const m of members) byId.get(m.group_id)?.memberIds.push(m.user_id);
  for (const a of assignments) byId.get(a.group_id)?.projectIds.push(a.project_id);
  return {
    version,
    users: users.map((u) => ({
      id: u.id,
      login: u.login,
      name: u.name,
      role: Role.parse(u.role),
      disabled: Number(u.disabled) !== 0,
    })),
    groups: [...byId.values()],
  };
}
