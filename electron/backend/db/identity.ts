import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { LocalUser } from '../../../shared/domain/identity';
import { AppError } from '../../../shared/errors';
import { num, str, stmt, type Row } from './cells';
import type { Actor } from './writer';

export const DEFAULT_USER_NAME = '本机用户';
const DEVICE_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A device id is also the HLC node id, hence only [0-9a-z]. */
export function newDeviceId(length = 16): string {
  const bytes = randomBytes(length);
  let out = '';
  // 252 = 7 × 36: bytes above it are dropped so every character is equally likely.
  for (const b of bytes) if (b < 252) out += DEVICE_ALPHABET[b % 36];
  return out.length >= 8 ? out : newDeviceId(length);
}

function rowToUser(r: Row): LocalUser {
  return {
    id: str(r['id']),
    name: str(r['name']),
    deviceId: str(r['device_id']),
    createdAt: num(r['created_at']),
    kind: str(r['kind']) as LocalUser['kind'],
    role: typeof r['role'] === 'string' ? (r['role'] as LocalUser['role']) : null,
  };
}

export function getLocalUser(db: Database): LocalUser | null {
  const r = stmt(db, 'SELECT * FROM local_user LIMIT 1').get() as Row | undefined;
  return r ? rowToUser(r) : null;
}

/** The person using this device; created on first start so every write has an author. */
export function ensureLocalUser(db: Database, now: number): LocalUser {
  return db.transaction(() => {
    const existing = getLocalUser(db);
    if (existing) return existing;
    const user = LocalUser.parse({
      id: randomUUID(),
      name: DEFAULT_USER_NAME,
      deviceId: newDeviceId(),
      createdAt: now,
      kind: 'local',
    });
    stmt(db, 'INSERT INTO local_user (id, name, device_id, created_at, kind) VALUES (?, ?, ?, ?, ?)').run(
      user.id,
      user.name,
      user.deviceId,
      user.createdAt,
      user.kind,
    );
    return user;
  })();
}

export function renameLocalUser(db: Database, now: number, name: string): LocalUser {
  const user = ensureLocalUser(db, now);
  const parsed = LocalUser.shape.name.safeParse(name);
  if (!parsed.success) throw new AppError('invalid_input', 'a name is required');
  stmt(db, 'UPDATE local_user SET name = ? WHERE id = ?').run(parsed.data, user.id);
  return { ...user, name: parsed.data };
}

export function actorOf(user: LocalUser): Actor {
  return { userId: user.id, userName: user.name, deviceId: user.deviceId };
}

export interface AccountIdentity {
  id: string;
  login: string;
  name: string;
  role: NonNullable<LocalUser['role']>;
}

/**
 * The person on this device becomes a signed-in account, keeping everything made
 * before: the change log and the authorship of progress notes move to the account
 * id (also in the pending outbox, so the server sees the account as author).
 */
export function becomeAccount(db: Database, now: number, account: AccountIdentity): LocalUser {
  return db.transaction(() => {
    const user = ensureLocalUser(db, now);
    // Only a never-signed-in local user's work becomes the account's: another account's history stays theirs.
    if (user.id !== account.id && user.kind === 'local') {
      stmt(db, 'UPDATE change_log SET author_id = ?, author_name = ? WHERE author_id = ?').run(
        account.id,
        account.name,
        user.id,
      );
      stmt(db, 'UPDATE progress_notes SET author_id = ?, author_name = ? WHERE author_id = ?').run(
        account.id,
        account.name,
        user.id,
      );
      stmt(db, "UPDATE outbox SET value = ? WHERE tbl = 'progress_notes' AND col = 'author_id' AND value = ?").run(
        JSON.stringify(account.id),
        JSON.stringify(user.id),
      );
      stmt(
        db,
        `UPDATE outbox SET value = ? WHERE tbl = 'progress_notes' AND col = 'author_name'
           AND row_id IN (SELECT id FROM progress_notes WHERE author_id = ?)`,
      ).run(JSON.stringify(account.name), account.id);
    }
    stmt(db, "UPDATE local_user SET id = ?, name = ?, role = ?, login = ?, kind = 'account' WHERE id = ?").run(
      account.id,
      account.name,
      account.role,
      account.login,
      user.id,
    );
    return { ...user, id: account.id, name: account.name, role: account.role, kind: 'account' as const };
  })();
}

/** The account's login name, when the device has signed in. */
export function localLogin(db: Database): string | null {
  const r = stmt(db, 'SELECT login FROM local_user LIMIT 1').get() as { login: string | null } | undefined;
  return r?.login ?? null;
}

/**
 * After sign-out the account's role no longer applies: the person works on as a local user
 * (who may do everything on this device). Id, name and login stay, so another account still
 * cannot take over changes that were not synced, and the role returns on the next sign-in.
 */
export function dropAccountRole(db: Database): void {
  stmt(db, 'UPDATE local_user SET role = NULL').run();
}
