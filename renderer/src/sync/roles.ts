import type { Role } from '../../../shared/sync/roles';

/*
 * What the signed-in role may do in the UI. Written here as exhaustive records (type-only import)
 * so the renderer bundle does not pull zod in; they mirror shared/sync/roles.ts, where the server
 * enforces the same rules. `null` is a local user who never signed in and may do everything.
 */
const SEES_ALL: Record<Role, boolean> = {
  inspector: false,
  group_leader: false,
  coordinator: true,
  admin: true,
};

export const ROLES: readonly Role[] = ['inspector', 'group_leader', 'coordinator', 'admin'];

/** New project / edit project: coordinators and admins (the server refuses the others' project edits). */
export function mayEditProjects(role: Role | null): boolean {
  return role === null || SEES_ALL[role];
}

/** The admin page: users, groups, assignments, devices. */
export function mayAdminister(role: Role | null): boolean {
  return role !== null && SEES_ALL[role];
}
