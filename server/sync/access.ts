import type { ServerDb } from '../db/connect';
import { executorOf, type Executor } from '../db/executor';
import { ORG_SCOPE, seesAllProjects, type Role } from '../../shared/sync/roles';

/** Who is syncing: the signed-in user and their device (both recorded on every op). */
export interface SyncActor {
  userId: string;
  deviceId: string;
  role: Role;
}

export type VisibleProjects = Set<string> | 'all';

/** Coordinators and admins see every project; others the projects assigned to their groups. */
export async function visibleProjectIds(target: ServerDb | Executor, actor: SyncActor): Promise<VisibleProjects> {
  if (seesAllProjects(actor.role)) return 'all';
  const rows = await executorOf(target)
    .selectFrom('group_members')
    .innerJoin('assignments', 'assignments.group_id', 'group_members.group_id')
    .select('assignments.project_id')
    .where('group_members.user_id', '=', actor.userId)
    .execute();
  return new Set(rows.map((r) => r.project_id));
}

/** The organisation scope is readable by every signed-in user. */
export function mayRead(visible: VisibleProjects, scope: string): boolean {
  return scope === ORG_SCOPE || visible === 'all' || visible.has(scope);
}
