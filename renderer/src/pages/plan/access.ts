import type { Role } from '../../../../shared/sync/roles';

/**
 * Coordinators (调度中心) and admins run the joint meeting, see every group's coverage and edit
 * groups; a local user who never signed in may do everything on this device. Mirrors
 * shared/sync/roles.ts (seesAllProjects), written out so the renderer bundle skips zod.
 */
export function mayCoordinate(role: Role | null): boolean {
  return role === null || role === 'coordinator' || role === 'admin';
}
