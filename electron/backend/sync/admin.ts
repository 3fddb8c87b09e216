import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { seesAllProjects } from '../../../shared/sync/roles';
import { DeviceInfo, Directory, ROUTES } from '../../../shared/sync/wire';
import { saveDirectory } from '../db/sync-state';
import { callServer, type ClientOptions } from './client';
import type { CorrectedClock } from './clock';
import { requireSession } from './session';

/** The device list comes bare or wrapped, as the server's admin routes answer. */
const DeviceList = z
  .union([z.array(DeviceInfo), z.object({ devices: z.array(DeviceInfo) })])
  .transform((v) => (Array.isArray(v) ? v : v.devices));

export interface AdminDeps {
  db: Database;
  clock: CorrectedClock;
  wallNow: () => number;
}

/** Admin calls go to the server (online only), as coordinators and admins. */
function adminClient(deps: AdminDeps): ClientOptions {
  const session = requireSession(deps.db);
  if (!seesAllProjects(session.role)) {
    throw new AppError('forbidden', 'only coordinators and administrators manage accounts and groups');
  }
  return {
    baseUrl: session.serverUrl,
    token: session.token,
    now: deps.wallNow,
    onServerTime: (t, local) => deps.clock.observe(t, local),
  };
}

/** The answer to a change is the whole directory; it is also what the device shows offline. */
export async function adminDirectory(deps: AdminDeps, route: string, body?: unknown): Promise<Directory> {
  const directory = await callServer(adminClient(deps), route, Directory, body);
  saveDirectory(deps.db, directory);
  return directory;
}

export async function adminDevices(deps: AdminDeps): Promise<DeviceInfo[]> {
  return callServer(adminClient(deps), ROUTES.adminDevices, DeviceList);
}

export async function adminRevoke(deps: AdminDeps, id: string): Promise<DeviceInfo[]> {
  return callServer(adminClient(deps), ROUTES.adminRevoke, DeviceList, {}, { id });
}
