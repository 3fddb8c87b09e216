import type { Database } from 'better-sqlite3';
import { Role } from '../../../shared/sync/roles';
import { Directory } from '../../../shared/sync/wire';
import { num, numOrNull, stmt, strOrNull, type Row } from './cells';
import { forgetServerPhotoState } from './photo-transfers';

/** The signed-in session: where to sync, as whom, with which token. */
export interface SyncSession {
  serverUrl: string;
  userId: string;
  login: string;
  name: string;
  role: Role;
  token: string;
  signedInAt: number;
  /** Set when the server said the token was revoked: syncing stops until the next sign-in. */
  revokedAt: number | null;
}

export interface SyncStateRow {
  serverUrl: string | null;
  lastSyncAt: number | null;
  lastError: { code: string; message: string } | null;
  notice: { code: string; message: string } | null;
  clockOffset: number;
  directoryVersion: number;
}

export function getSession(db: Database): SyncSession | null {
  const r = stmt(db, 'SELECT * FROM sync_session WHERE id = 1').get() as Row | undefined;
  if (!r) return null;
  return {
    serverUrl: String(r['server_url']),
    userId: String(r['user_id']),
    login: String(r['login']),
    name: String(r['name']),
    role: Role.parse(r['role']),
    token: String(r['token']),
    signedInAt: num(r['signed_in_at']),
    revokedAt: numOrNull(r['revoked_at']),
  };
}

export function saveSession(db: Database, s: SyncSession): void {
  stmt(
    db,
    `INSERT INTO sync_session (id, server_url, user_id, login, name, role, token, signed_in_at, revoked_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET server_url = excluded.server_url, user_id = excluded.user_id,
       login = excluded.login, name = excluded.name, role = excluded.role, token = excluded.token,
       signed_in_at = excluded.signed_in_at, revoked_at = excluded.revoked_at`,
  ).run(s.serverUrl, s.userId, s.login, s.name, s.role, s.token, s.signedInAt, s.revokedAt);
}

export function clearSession(db: Database): void {
  stmt(db, 'DELETE FROM sync_session WHERE id = 1').run();
}

export function markSessionRevoked(db: Database, at: number): void {
  stmt(db, 'UPDATE sync_session SET revoked_at = ? WHERE id = 1').run(at);
}

export function getSyncState(db: Database): SyncStateRow {
  const r = stmt(db, 'SELECT * FROM sync_state WHERE id = 1').get() as Row;
  const code = strOrNull(r['last_error_code']);
  const noticeCode = strOrNull(r['notice_code']);
  return {
    serverUrl: strOrNull(r['server_url']),
    lastSyncAt: numOrNull(r['last_sync_at']),
    lastError: code === null ? null : { code, message: String(r['last_error_message'] ?? '') },
    notice: noticeCode === null ? null : { code: noticeCode, message: String(r['notice_message'] ?? '') },
    clockOffset: num(r['clock_offset']),
    directoryVersion: num(r['directory_version']),
  };
}

export function setServerUrl(db: Database, url: string): void {
  stmt(db, 'UPDATE sync_state SET server_url = ? WHERE id = 1').run(url);
}

export function recordSyncSuccess(db: Database, at: number): void {
  stmt(
    db,
    'UPDATE sync_state SET last_sync_at = ?, last_error_code = NULL, last_error_message = NULL WHERE id = 1',
  ).run(at);
}

export function recordSyncError(db: Database, error: { code: string; message: string } | null): void {
  stmt(db, 'UPDATE sync_state SET last_error_code = ?, last_error_message = ? WHERE id = 1').run(
    error?.code ?? null,
    error?.message ?? null,
  );
}

/** Something the user must be told that is not a failure (access to a project was removed). */
export function setNotice(db: Database, notice: { code: string; message: string } | null): void {
  stmt(db, 'UPDATE sync_state SET notice_code = ?, notice_message = ? WHERE id = 1').run(
    notice?.code ?? null,
    notice?.message ?? null,
  );
}

export function saveClockOffset(db: Database, offsetMs: number): void {
  stmt(db, 'UPDATE sync_state SET clock_offset = ? WHERE id = 1').run(Math.round(offsetMs));
}

export function getDirectory(db: Database): Directory | null {
  const r = stmt(db, 'SELECT directory FROM sync_state WHERE id = 1').get() as { directory: string | null };
  if (r.directory === null) return null;
  const parsed = Directory.safeParse(JSON.parse(r.directory));
  return parsed.success ? parsed.data : null;
}

export function saveDirectory(db: Database, directory: Directory): void {
  stmt(db, 'UPDATE sync_state SET directory = ?, directory_version = ? WHERE id = 1').run(
    JSON.stringify(directory),
    directory.version,
  );
}

/** User id → display name, from the stored Directory. */
export function userNames(db: Database): Map<string, string> {
  return new Map((getDirectory(db)?.users ?? []).map((u) => [u.id, u.name]));
}

export function getCursors(db: Database): Record<string, number> {
  const rows = stmt(db, 'SELECT scope, seq FROM sync_cursors').all() as { scope: string; seq: number }[];
  return Object.fromEntries(rows.map((r) => [r.scope, num(r.seq)]));
}

export function saveCursors(db: Database, cursors: Record<string, number>): void {
  const put = stmt(
    db,
    'INSERT INTO sync_cursors (scope, seq) VALUES (?, ?) ON CONFLICT (scope) DO UPDATE SET seq = max(seq, excluded.seq)',
  );
  for (const [scope, seq] of Object.entries(cursors)) put.run(scope, seq);
}

export function dropCursor(db: Database, scope: string): void {
  stmt(db, 'DELETE FROM sync_cursors WHERE scope = ?').run(scope);
}

/** Another server: its sequence numbers mean nothing here, start from its snapshot. */
export function resetForServer(db: Database): void {
  stmt(db, 'DELETE FROM sync_cursors').run();
  stmt(db, 'UPDATE sync_state SET directory = NULL, directory_version = 0, last_sync_at = NULL WHERE id = 1').run();
  forgetServerPhotoState(db);
}
