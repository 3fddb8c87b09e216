/**
 * `backup --out <file>`: a copy of the server database that the server can be
 * restarted on (see README "Backups"). SQLite: a database file; PostgreSQL: a
 * pg_dump custom-format archive for pg_restore.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupPostgres, backupSqlite } from '../db/backup';
import type { ServerDb } from '../db/connect';
import { parseFlags, required, UsageError } from './args';
import type { Print } from './index';

export async function backupCommand(
  sdb: ServerDb,
  args: string[],
  print: Print,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const f = parseFlags(args, ['out']);
  const out = resolve(required(f, 'out'));
  // An older backup is never silently replaced.
  if (existsSync(out)) throw new UsageError(`--out: 文件已存在 file exists: ${out}`);
  if (sdb.dialect === 'sqlite') {
    backupSqlite(sdb, out);
  } else {
    const url = env.DATABASE_URL;
    if (!url) throw new UsageError('PostgreSQL backup needs DATABASE_URL');
    await backupPostgres(url, out);
  }
  print(`已备份 backup written (${sdb.dialect}): ${out}`);
}
