/** Who is calling: the bearer token → the device row and its user, checked on every request but health and login. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/sync/roles';
import { findDeviceByTokenHash, markDeviceWiped, touchDevice } from '../accounts/devices';
import { userRole } from '../accounts/users';
import { bearerToken, hashDeviceToken } from '../auth/token';
import type { ServerDb } from '../db/connect';
import type { DeviceRow, UserRow } from '../db/schema';
import { HttpError } from './errors';

export interface Session {
  device: DeviceRow;
  user: UserRow;
  role: Role;
  /** An administrator revoked this device: it may push its last changes, nothing else. */
  revoked: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a token (health, login). */
    public?: boolean;
  }
}

/** last_seen_at is a hint for admins, not an audit: one write a minute per device is enough. */
const TOUCH_EVERY_MS = 60_000;

const REVOKED_MESSAGE = 'An administrator revoked this device; its local data is deleted.';

/**
 * A device revoked by an administrator (wipe 'pending') may still push, so its unsynced work
 * reaches the server, and the push answer tells it to wipe. Its first other request (the pull
 * after the push) ends that: from then on everything is refused with device_revoked.
 */
async function revokedAccess(sdb: ServerDb, request: FastifyRequest, device: DeviceRow): Promise<void> {
  const isPush = request.method === 'POST' && request.routeOptions.url === '/sync/push';
  if (device.wipe === 'pending' && isPush) return;
  if (device.wipe === 'pending') await markDeviceWiped(sdb.db, device.id);
  throw new HttpError('device_revoked', REVOKED_MESSAGE);
}

export function authHook(sdb: ServerDb, now: () => number) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (request.is404 || request.routeOptions.config.public) return;
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new HttpError('unauthorized', 'Sign in first: this request needs a device token.');
    const found = await findDeviceByTokenHash(sdb.db, hashDeviceToken(token));
    if (!found) throw new HttpError('unauthorized', 'This device token is unknown; sign in again.');
    const { device, user } = found;
    if (device.revoked_at !== null && device.wipe !== null) await revokedAccess(sdb, request, device);
    else if (device.revoked_at !== null) {
      throw new HttpError('token_revoked', 'This device token was signed out; sign in again.');
    }
    if (user.disabled) throw new HttpError('token_revoked', 'This account is disabled; ask an administrator.');
    const t = now();
    if (device.last_seen_at === null || t - Number(device.last_seen_at) >= TOUCH_EVERY_MS) {
      await touchDevice(sdb.db, device.id, t);
    }
    request.session = { device, user, role: userRole(user), revoked: device.wipe !== null };
  };
}

export function requireSession(request: FastifyRequest): Session {
  if (!request.session) throw new HttpError('unauthorized', 'Sign in first: this request needs a device token.');
  return request.session;
}

/** Coordinators and admins manage accounts, groups and assignments. */
export function requireAdmin(request: FastifyRequest): Session {
  const session = requireSession(request);
  if (session.role !== 'coordinator' && session.role !== 'admin') {
    throw new HttpError('forbidden', 'Only coordinators and administrators may manage accounts.');
  }
  return session;
}
