import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../schema';
import * as initial from './001-initial';
import * as opsRowIndex from './002-ops-row-index';
import * as deviceWipe from './003-device-wipe';
import * as photoBlobs from './004-photo-blobs';

export interface ServerMigration {
  version: number;
  name: string;
  /** The dialect, for the rare step the schema builder cannot say the same way on both. */
  up(db: Kysely<ServerDatabase>, dialect: 'sqlite' | 'postgres'): Promise<void>;
}

/** The explicit list, in order; a migration's version is its position. */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  { version: 1, name: '001-initial', up: initial.up },
  { version: 2, name: '002-ops-row-index', up: opsRowIndex.up },
  { version: 3, name: '003-device-wipe', up: deviceWipe.up },
  { version: 4, name: '004-photo-blobs', up: photoBlobs.up },
];

export const SERVER_SCHEMA_VERSION = SERVER_MIGRATIONS.length;

export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(
      `the server database has schema version ${found}, newer than this server knows (${SERVER_SCHEMA_VERSION}); ` +
        'run a newer server or restore a backup',
    );
    this.name = 'SchemaTooNewError';
  }
}

interface SchemaVersionTable {
  id: number;
  version: number;
}
type WithVersion = ServerDatabase & { schema_version: SchemaVersionTable };

/** An arbitrary constant: serializes migrations of server processes starting at once on PostgreSQL. */
const MIGRATION_LOCK_KEY = 74_512_001;

/**
 * Brings the schema up to date, one transaction for all pending steps (DDL is
 * transactional on both databases), and refuses a database newer than the code.
 */
export async function migrateServerDatabase(db: Kysely<ServerDatabase>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    const vdb = trx.withTables<{ schema_version: SchemaVersionTable }>() as unknown as Kysely<WithVersion>;
    await vdb.schema
      .createTable('schema_version')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    const row = await vdb.selectFrom('schema_version').select('version').where('id', '=', 1).executeTakeFirst();
    const current = row?.version ?? 0;
    if (current > SERVER_SCHEMA_VERSION) throw new SchemaTooNewError(current);
    for (const m of SERVER_MIGRATIONS) {
      if (m.version > current) await m.up(trx, dialect);
    }
    if (current === SERVER_SCHEMA_VERSION) return;
    if (row)
      await vdb.updateTable('schema_version').set({ version: SERVER_SCHEMA_VERSION }).where('id', '=', 1).execute();
    else await vdb.insertInto('schema_version').values({ id: 1, version: SERVER_SCHEMA_VERSION }).execute();
  });
}
