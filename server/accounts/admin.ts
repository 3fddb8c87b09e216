/**
 * What coordinators and admins do to accounts, groups and assignments: one
 * code path for the admin API and the CLI. Each change is one transaction that
 * also writes the server-owned record cells (projects.group_id, service_groups)
 * and bumps the directory version, so devices see accounts and records agree.
 */
import type { Role } from '../../shared/sync/roles';
import type { AssignmentChange, DeviceInfo, GroupSave, UserSave } from '../../shared/sync/wire';
import { hashPassword } from '../auth/password';
import type { ServerDb } from '../db/connect';
import { findDevice, listDevices, revokeDevice } from './devices';
import { AccountError } from './errors';
import { assignProject, findGroup, groupOfProject, unassignProject, upsertGroup } from './groups';
import { bumpDirectory, groupsOfUser, projectExists, writeGroupCells, writeProjectGroup } from './server-records';
import { findUserById, findUserByLogin, insertUser, normalizeLogin, updateUser, userRole } from './users';

/** Who asks: a signed-in coordinator/admin, or null for the CLI on the server machine (full power). */
export interface AdminActor {
  userId: string;
  role: Role;
}

function assertMayTouchAdmins(actor: AdminActor | null, what: string): void {
  if (actor && actor.role !== 'admin') throw new AccountError('forbidden', `Only an administrator may ${what}.`);
}

/** Creates or updates an account; returns its id. */
export async function saveUser(sdb: ServerDb, actor: AdminActor | null, input: UserSave, now: number): Promise<string> {
  const login = normalizeLogin(input.login);
  const disabled = input.disabled ?? false;
  if (input.role === 'admin') assertMayTouchAdmins(actor, 'create or change an administrator account');
  // Hashing is slow on purpose: do it before the transaction holds any lock.
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return sdb.db.transaction().execute(async (trx) => {
    const sameLogin = await findUserByLogin(trx, login);
    if (input.id === undefined) {
      if (sameLogin)
        throw new AccountError('conflict', `登录名“${login}”已被使用 The login "${login}" is already taken.`);
      if (passwordHash === undefined) {
        throw new AccountError('invalid_payload', 'Invalid request: password: a new account needs a password.');
      }
      const row = await insertUser(trx, { login, name: input.name, role: input.role, passwordHash, disabled }, now);
      await bumpDirectory(trx);
      return row.id;
    }
    const existing = await findUserById(trx, input.id);
    if (!existing) throw new AccountError('not_found', `No account with id ${input.id}.`);
    if (userRole(existing) === 'admin') assertMayTouchAdmins(actor, 'change an administrator account');
    if (sameLogin && sameLogin.id !== existing.id) {
      throw new AccountError('conflict', `登录名“${login}”已被使用 The login "${login}" is already taken.`);
    }
    if (actor && actor.userId === existing.id && (disabled || input.role !== existing.role)) {
      throw new AccountError('forbidden', 'You cannot disable your own account or change your own role.');
    }
    await updateUser(trx, existing.id, {
      login,
      name: input.name,
      role: input.role,
      disabled,
      ...(passwordHash === undefined ? {} : { passwordHash }),
    });
    if (input.name.trim() !== existing.name) {
      // Group records show member and leader names: keep them in step with the account.
      for (const groupId of await groupsOfUser(trx, existing.id)) {
        const group = await findGroup(trx, groupId);
        if (group) await writeGroupCells(sdb, trx, group, now);
      }
    }
    await bumpDirectory(trx);
    return existing.id;
  });
}

/** Creates or updates a service group; returns its id. The leader is always a member. */
export async function saveGroup(
  sdb: ServerDb,
  _actor: AdminActor | null,
  input: GroupSave,
  now: number,
): Promise<string> {
  const leaderId = input.leaderId ?? null;
  const memberIds = [...new Set([...(input.memberIds ?? []), ...(leaderId ? [leaderId] : [])])];
  return sdb.db.transaction().execute(async (trx) => {
    for (const [i, id] of memberIds.entries()) {
      if (!(await findUserById(trx, id))) {
        const field = id === leaderId && !(input.memberIds ?? []).includes(id) ? 'leaderId' : `memberIds.${i}`;
        throw new AccountError('invalid_payload', `Invalid request: ${field}: no account with id ${id}.`);
      }
    }
    const sameName = await trx
      .selectFrom('service_groups')
      .select('id')
      .where('name', '=', input.name.trim())
      .executeTakeFirst();
    if (sameName && sameName.id !== input.id) {
      throw new AccountError(
        'conflict',
        `已有名为“${input.name.trim()}”的服务组 A service group named "${input.name.trim()}" already exists.`,
      );
    }
    if (input.id !== undefined) {
      const exists = await trx.selectFrom('service_groups').select('id').where('id', '=', input.id).executeTakeFirst();
      if (!exists) throw new AccountError('not_found', `No service group with id ${input.id}.`);
    }
    const id = await upsertGroup(trx, { ...(input.id ? { id: input.id } : {}), name: input.name, leaderId, memberIds });
    const group = await findGroup(trx, id);
    if (group) await writeGroupCells(sdb, trx, group, now);
    await bumpDirectory(trx);
    return id;
  });
}

/** Assigns a project to a group (moving it from another) or ends the assignment. */
export async function changeAssignment(
  sdb: ServerDb,
  _actor: AdminActor | null,
  change: AssignmentChange,
  now: number,
): Promise<void> {
  await sdb.db.transaction().execute(async (trx) => {
    const group = await findGroup(trx, change.groupId);
    if (!group || group.id !== change.groupId)
      throw new AccountError('not_found', `No service group with id ${change.groupId}.`);
    if (!(await projectExists(trx, change.projectId))) {
      throw new AccountError('not_found', `No project with id ${change.projectId} on the server.`);
    }
    const current = await groupOfProject(trx, change.projectId);
    if (change.assigned) {
      if (current === change.groupId) return;
      await assignProject(trx, change.groupId, change.projectId);
      await writeProjectGroup(sdb, trx, change.projectId, change.groupId, now);
    } else {
      if (current !== change.groupId) return;
      await unassignProject(trx, change.groupId, change.projectId);
      await writeProjectGroup(sdb, trx, change.projectId, null, now);
    }
    await bumpDirectory(trx);
  });
}

/** Signs a device out; coordinators may not sign out an administrator's devices. */
export async function revokeDeviceAs(
  sdb: ServerDb,
  actor: AdminActor | null,
  id: string,
  now: number,
): Promise<DeviceInfo[]> {
  const device = await findDevice(sdb.db, id);
  if (!device) throw new AccountError('not_found', `No device with id ${id}.`);
  const owner = await findUserById(sdb.db, device.user_id);
  if (owner && userRole(owner) === 'admin' && owner.id !== actor?.userId) {
    assertMayTouchAdmins(actor, "sign out an administrator's device");
  }
  await revokeDevice(sdb.db, id, now, true);
  return listDevices(sdb.db);
}
