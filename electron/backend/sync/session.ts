import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { SignInInput } from '../../../shared/channels/sync';
import { AppError } from '../../../shared/errors';
import { LoginResponse, ROUTES } from '../../../shared/sync/wire';
import { becomeAccount, dropAccountRole, ensureLocalUser } from '../db/identity';
import { pendingCount } from '../db/sync-outbox';
import {
  clearSession,
  getSession,
  getSyncState,
  recordSyncError,
  resetForServer,
  saveSession,
  setServerUrl,
  type SyncSession,
} from '../db/sync-state';
import { callServer, type ClientOptions } from './client';
import type { CorrectedClock } from './clock';

const LOGOUT_TIMEOUT_MS = 5_000;

/** One spelling per server, so switching servers is told apart from signing in again. */
export function normalizeServerUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export interface SessionDeps {
  db: Database;
  clock: CorrectedClock;
  wallNow: () => number;
}

function clientFor(deps: SessionDeps, baseUrl: string, token: string | null, timeoutMs?: number): ClientOptions {
  return {
    baseUrl,
    token,
    now: deps.wallNow,
    timeoutMs,
    onServerTime: (t, local) => deps.clock.observe(t, local),
  };
}

async function logoutQuietly(deps: SessionDeps, baseUrl: string, token: string): Promise<void> {
  try {
    await callServer(clientFor(deps, baseUrl, token, LOGOUT_TIMEOUT_MS), ROUTES.logout, z.unknown(), {});
  } catch {
    // Offline or already revoked: the token is forgotten here either way.
  }
}

/**
 * Signs in with this device's id. The local user becomes the account, keeping all it
 * made: the outbox is pushed under the account on the first sync. Another account on a
 * device with unsynced changes is refused, so nobody's work goes out under a wrong name.
 */
export async function signIn(deps: SessionDeps, input: z.output<typeof SignInInput>): Promise<SyncSession> {
  const { db, clock } = deps;
  const user = ensureLocalUser(db, clock.now());
  const serverUrl = normalizeServerUrl(input.serverUrl);
  const res = await callServer(clientFor(deps, serverUrl, null), ROUTES.login, LoginResponse, {
    login: input.login,
    password: input.password,
    deviceId: user.deviceId,
    deviceName: hostname().slice(0, 200),
  });
  clock.observe(res.serverTime);
  const pending = pendingCount(db);
  if (user.kind === 'account' && user.id !== res.user.id && pending > 0) {
    await logoutQuietly(deps, serverUrl, res.token);
    throw new AppError(
      'conflict',
      `this device has ${pending} unsynced changes by ${user.name}; sign in as ${user.name} and sync them first`,
    );
  }
  const session: SyncSession = {
    serverUrl,
    userId: res.user.id,
    login: res.user.login,
    name: res.user.name,
    role: res.user.role,
    token: res.token,
    signedInAt: clock.now(),
    revokedAt: null,
  };
  db.transaction(() => {
    const previous = getSyncState(db).serverUrl;
    if (previous !== null && previous !== serverUrl) resetForServer(db);
    setServerUrl(db, serverUrl);
    becomeAccount(db, clock.now(), res.user);
    saveSession(db, session);
    recordSyncError(db, null);
  })();
  return session;
}

/**
 * Stops syncing; local data and the outbox stay for the next sign-in. The account's role
 * goes with the session: offline, the person may again do what a local user may.
 */
export async function signOut(deps: SessionDeps): Promise<void> {
  const { db } = deps;
  const session = getSession(db);
  if (!session) return;
  db.transaction(() => {
    clearSession(db);
    dropAccountRole(db);
  })();
  if (session.revokedAt === null) await logoutQuietly(deps, session.serverUrl, session.token);
}

export function requireSession(db: Database): SyncSession {
  const session = getSession(db);
  if (!session) throw new AppError('not_signed_in', 'sign in to a Sitebook server first');
  if (session.revokedAt !== null) throw new AppError('token_revoked', 'this device was signed out by an administrator');
  return session;
}
