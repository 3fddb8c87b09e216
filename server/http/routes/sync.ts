/** Push, pull and the directory: thin HTTP over server/sync (which checks every op's scope and role). */
import type { FastifyInstance } from 'fastify';
import {
  PullRequest,
  PushRequest,
  type Directory,
  type PullResponse,
  type PushResponse,
} from '../../../shared/sync/wire';
import type { ServerDb } from '../../db/connect';
import type { SyncActor } from '../../sync/access';
import { pullChanges, readDirectory } from '../../sync/pull';
import { pushOps } from '../../sync/push';
import { parseBody } from '../errors';
import { requireSession } from '../session';
import type { FastifyRequest } from 'fastify';

function actorOf(request: FastifyRequest): SyncActor {
  const session = requireSession(request);
  return { userId: session.user.id, deviceId: session.device.device_id, role: session.role };
}

export function syncRoutes(app: FastifyInstance, sdb: ServerDb, now: () => number): void {
  app.post('/sync/push', async (request): Promise<PushResponse> => {
    const actor = actorOf(request);
    const body = parseBody(PushRequest, request.body);
    const res = await pushOps(sdb, actor, body.ops, now());
    // A revoked device's last push (server/http/session.ts): stored, and the device told to wipe.
    return requireSession(request).revoked ? { ...res, revoked: true } : res;
  });

  app.post('/sync/pull', async (request): Promise<PullResponse> => {
    const actor = actorOf(request);
    const body = parseBody(PullRequest, request.body);
    return pullChanges(sdb, actor, body, now());
  });

  app.get('/directory', async (request): Promise<Directory> => {
    requireSession(request);
    return readDirectory(sdb);
  });
}
