/** Signed-in devices: one row per login, holding the SHA-256 of its token; revocable. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DeviceInfo } from '../../shared/sync/wire';
import type { DeviceRow, ServerDatabase, UserRow } from '../db/schema';

type Db = Kysely<ServerDatabase>;

export interface NewDeviceInput {
  userId: string;
  deviceId: string;
  deviceName: string;
  tokenHash: string;
}

/**
 * A new token for this device. Earlier tokens of the same user on the same
 * device are revoked: the device holds one token at a time, so the list of
 * devices an admin sees is not padded with abandoned sessions.
 */
export async function createDeviceSession(db: Db, input: NewDeviceInput, now: number): Promise<DeviceRow> {
  await db
    .updateTable('devices')
    .set({ revoked_at: now })
    .where('user_id', '=', input.userId)
    .where('device_id', '=', input.deviceId)
    .where('revoked_at', 'is', null)
    .execute();
  const row: DeviceRow = {
    id: randomUUID(),
    user_id: input.userId,
    device_id: input.deviceId,
    device_name: input.deviceName,
    token_hash: input.tokenHash,
    created_at: now,
    last_seen_at: now,
    revoked_at: null,
    wipe: null,
  };
  await db.insertInto('devices').values(row).execute();
  return row;
}

export interface DeviceWithUser {
  device: DeviceRow;
  user: UserRow;
}

export async function findDeviceByTokenHash(db: Db, tokenHash: string): Promise<DeviceWithUser | undefined> {
  const device = await db.selectFrom('devices').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!device) return undefined;
  const user = await db.selectFrom('users').selectAll().where('id', '=', device.user_id).executeTakeFirst();
  return user ? { device, user } : undefined;
}

export async function findDevice(db: Db, id: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchDevice(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('devices').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/**
 * Revokes a device's token; revoking twice keeps the first time. `wipe`: an administrator's
 * revocation, which also tells the device to wipe its local data at its next contact.
 */
export async function revokeDevice(db: Db, id: string, now: number, wipe = false): Promise<void> {
  await db
    .updateTable('devices')
    // A token already signed out is not asked to wipe: no device holds it any more.
    .set(wipe ? { revoked_at: now, wipe: 'pending' } : { revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The device was told to wipe and has made its last push: from now on every request is refused. */
export async function markDeviceWiped(db: Db, id: string): Promise<void> {
  await db.updateTable('devices').set({ wipe: 'done' }).where('id', '=', id).execute();
}

export async function listDevices(db: Db): Promise<DeviceInfo[]> {
  const rows = await db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select([
      'devices.id as id',
      'devices.user_id as userId',
      'users.name as userName',
      'devices.device_id as deviceId',
      'devices.device_name as deviceName',
      'devices.created_at as createdAt',
      'devices.last_seen_at as lastSeenAt',
      'devices.revoked_at as revokedAt',
    ])
    .orderBy('devices.created_at', 'desc')
    .orderBy('devices.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    createdAt: Number(r.createdAt),
    lastSeenAt: r.lastSeenAt === null ? null : Number(r.lastSeenAt),
    revokedAt: r.revokedAt === null ? null : Number(r.revokedAt),
  }));
}
