/**
 * Server database backups: SQLite by `VACUUM INTO` (a consistent snapshot, safe
 * while the server runs), PostgreSQL by `pg_dump -Fc` (restored with pg_restore).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { sqliteHandleOf, type ServerDb } from './connect';

/** Snapshot of a SQLite server database into `out` (written under a temp name, then renamed). */
export function backupSqlite(sdb: ServerDb, out: string): void {
  const handle = sqliteHandleOf(sdb);
  if (!handle) throw new Error('not a SQLite server database');
  mkdirSync(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  rmSync(partial, { force: true });
  try {
    handle.prepare('VACUUM INTO ?').run(partial);
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * `pg_dump -Fc` of the database at `databaseUrl` into `out`. The password goes
 * through PGPASSWORD, not the command line, where other users could read it.
 */
export async function backupPostgres(databaseUrl: string, out: string, pgDump = 'pg_dump'): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  mkdirSync(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(pgDump, ['--format=custom', '--no-owner', `--file=${partial}`, `--dbname=${url.href}`], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.once('error', reject);
      child.once('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`pg_dump exited ${code}: ${stderr.trim()}`)),
      );
    });
    if (!existsSync(partial)) throw new Error('pg_dump wrote no file');
    renameSync(partial, out);
  } finally {
    rmSync(partial, { force: true });
  }
}
