/** The admin API: coordinators and admins manage accounts, groups, assignments and devices. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AssignmentChange, GroupSave, UserSave, type DeviceInfo, type Directory } from '../../../shared/sync/wire';
import { changeAssignment, revokeDeviceAs, saveGroup, saveUser, type AdminActor } from '../../accounts/admin';
import { listDevices } from '../../accounts/devices';
import type { ServerDb } from '../../db/connect';
import { readDirectory } from '../../sync/pull';
import { parseBody } from '../errors';
import { requireAdmin } from '../session';
import type { FastifyRequest } from 'fastify';

const DeviceParams = z.object({ id: z.string().min(1).max(64) });

function actorOf(request: FastifyRequest): AdminActor {
  const session = requireAdmin(request);
  return { userId: session.user.id, role: session.role };
}

export function adminRoutes(app: FastifyInstance, sdb: ServerDb, now: () => number): void {
  app.post('/admin/users', async (request): Promise<Directory> => {
    const actor = actorOf(request);
    await saveUser(sdb, actor, parseBody(UserSave, request.body), now());
    return readDirectory(sdb);
  });

  app.post('/admin/groups', async (request): Promise<Directory> => {
    const actor = actorOf(request);
    await saveGroup(sdb, actor, parseBody(GroupSave, request.body), now());
    return readDirectory(sdb);
  });

  app.post('/admin/assignments', async (request): Promise<Directory> => {
    const actor = actorOf(request);
    await changeAssignment(sdb, actor, parseBody(AssignmentChange, request.body), now());
    return readDirectory(sdb);
  });

  app.get('/admin/devices', async (request): Promise<DeviceInfo[]> => {
    actorOf(request);
    return listDevices(sdb.db);
  });

  app.post('/admin/devices/:id/revoke', async (request): Promise<DeviceInfo[]> => {
    const actor = actorOf(request);
    const { id } = parseBody(DeviceParams, request.params);
    return revokeDeviceAs(sdb, actor, id, now());
  });
}
