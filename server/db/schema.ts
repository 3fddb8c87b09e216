/**
 * The server's tables, as Kysely sees them. The same code runs on SQLite
 * (default) and PostgreSQL (DATABASE_URL). Times are epoch milliseconds;
 * integers that PostgreSQL stores as bigint are parsed back to numbers in connect.ts.
 */
import type { Insertable, Selectable } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

/** Accounts, owned by the server (ARCHITECTURE.md "Auth"). */
export interface UsersTable {
  id: string;
  login: string;
  name: string;
  /** inspector | group_leader | coordinator | admin */
  role: string;
  password_hash: string;
  disabled: number;
  created_at: number;
}

export interface ServiceGroupsTable {
  id: string;
  name: string;
  leader_id: string | null;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

/** 包保: which group serves which project. */
export interface AssignmentsTable {
  group_id: string;
  project_id: string;
}

/** One signed-in device: its token (stored as a SHA-256), revocable by an admin. */
export interface DevicesTable {
  id: string;
  user_id: string;
  device_id: string;
  device_name: string;
  token_hash: string;
  created_at: number;
  last_seen_at: number | null;
  revoked_at: number | null;
  /** Set by an administrator's revocation: 'pending' until the device's last push, then 'done'. */
  wipe: 'pending' | 'done' | null;
}

/** Per scope (a project id or 'org'): the last sequence number given out. Locked by every push. */
export interface ScopesTable {
  scope: string;
  seq: number;
}

/**
 * The latest value of every row, row-oriented: `cells` is JSON
 * `{ column: [value, hlc, authorUserId | null] }`. `seq` is the scope sequence number
 * of the row's latest change, so a pull is `WHERE scope = ? AND seq > cursor ORDER BY seq`.
 */
export interface RecordsTable {
  tbl: string;
  row_id: string;
  scope: string;
  seq: number;
  cells: string;
}

/** Every op ever accepted: the audit trail, and what conflicts are found from. */
export interface OpsTable {
  op_id: string;
  scope: string;
  tbl: string;
  row_id: string;
  col: string;
  /** The cell value as JSON text. */
  value: string;
  hlc: string;
  base_hlc: string | null;
  user_id: string;
  device_id: string;
  received_at: number;
}

/** A photo blob the store holds (issue 5): written after its bytes are in place. */
export interface PhotoBlobsTable {
  /** blobKey() of shared/photos/transfer.ts: the photo hash, plus `.variant` for derivatives. */
  key: string;
  /** The photo's hash (photos.sha256): what access and GC follow. */
  sha256: string;
  /** original | report | thumb */
  variant: string;
  /** The hash of these bytes (= sha256 for an original), sent with every download. */
  content_sha256: string;
  size: number;
  stored_at: number;
}

export interface ServerDatabase {
  meta: MetaTable;
  users: UsersTable;
  service_groups: ServiceGroupsTable;
  group_members: GroupMembersTable;
  assignments: AssignmentsTable;
  devices: DevicesTable;
  scopes: ScopesTable;
  records: RecordsTable;
  ops: OpsTable;
  photo_blobs: PhotoBlobsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type RecordRow = Selectable<RecordsTable>;
export type OpRow = Selectable<OpsTable>;
export type PhotoBlobRow = Selectable<PhotoBlobsTable>;
