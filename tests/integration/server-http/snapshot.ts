/** The server database's whole content, to show a refused request changed nothing. */
import { join } from 'node:path';
import { openServerDatabase, type ServerDb } from '../../../server/db/connect';
import type { ServerProcess } from '../../support/server-process';

export async function openSameDatabase(server: ServerProcess, databaseUrl: string | undefined): Promise<ServerDb> {
  return openServerDatabase(
    databaseUrl ? { databaseUrl, maxConnections: 2 } : { sqliteFile: join(server.dataDir, 'sitebook-server.db') },
  );
}

/** Everything but devices' last_seen_at (a hint any authenticated request may refresh). */
export async function dumpDatabase(sdb: ServerDb): Promise<string> {
  const { db } = sdb;
  const parts = {
    meta: await db.selectFrom('meta').selectAll().orderBy('key').execute(),
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    groups: await db.selectFrom('service_groups').selectAll().orderBy('id').execute(),
    members: await db.selectFrom('group_members').selectAll().orderBy('group_id').orderBy('user_id').execute(),
    assignments: await db.selectFrom('assignments').selectAll().orderBy('project_id').execute(),
    devices: await db
      .selectFrom('devices')
      .select(['id', 'user_id', 'device_id', 'device_name', 'token_hash', 'created_at', 'revoked_at'])
      .orderBy('id')
      .execute(),
    scopes: await db.selectFrom('scopes').selectAll().orderBy('scope').execute(),
    records: await db.selectFrom('records').selectAll().orderBy('tbl').orderBy('row_id').execute(),
    ops: await db.selectFrom('ops').selectAll().orderBy('op_id').execute(),
  };
  return JSON.stringify(parts);
}
