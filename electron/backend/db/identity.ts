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
