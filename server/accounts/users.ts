/** Accounts (users) over Kysely: the same code on SQLite and PostgreSQL. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/sync/roles';
import { Role as RoleSchema } from '../../shared/sync/roles';
import type { SessionUser } from '../../shared/sync/wire';
import type { ServerDatabase, UserRow } from '../db/schema';

type Db = Kysely<ServerDatabase>;

/** Logins compare case-insensitively: `Li` and `li` are one account. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

export function userRole(row: Pick<UserRow, 'role'>): Role {
  return RoleSchema.parse(row.role);
}

export function sessionUser(row: UserRow): SessionUser {
  return { id: row.id, login: row.login, name: row.name, role: userRole(row) };
}

export async function findUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('login', '=', normalizeLogin(login)).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('login').execute();
}

export interface NewUserInput {
  id?: string;
  login: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled?: boolean;
}

export async function insertUser(db: Db, input: NewUserInput, now: number): Promise<UserRow> {
  const row: UserRow = {
    id: input.id ?? randomUUID(),
    login: normalizeLogin(input.login),
    name: input.name.trim(),
    role: input.role,
    password_hash: input.passwordHash,
    disabled: input.disabled ? 1 : 0,
    created_at: now,
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

export interface UserChanges {
  login?: string;
  name?: string;
  role?: Role;
  passwordHash?: string;
  disabled?: boolean;
}

export async function updateUser(db: Db, id: string, changes: UserChanges): Promise<void> {
  const set: Partial<Omit<UserRow, 'id' | 'created_at'>> = {};
  if (changes.login !== undefined) set.login = normalizeLogin(changes.login);
  if (changes.name !== undefined) set.name = changes.name.trim();
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
  if (changes.disabled !== undefined) set.disabled = changes.disabled ? 1 : 0;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}
