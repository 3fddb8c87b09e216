import { dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import BetterSqlite3, { type Database as SqliteDatabase } from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateServerDatabase } from './migrations/index';
import type { ServerDatabase } from './schema';

export type ServerDialect = 'sqlite' | 'postgres';

export interface ServerDb {
  db: Kysely<ServerDatabase>;
  dialect: ServerDialect;
  close(): Promise<void>;
}

export interface ServerDbOptions {
  /** postgres://… : PostgreSQL; otherwise SQLite. */
  databaseUrl?: string;
  /** The SQLite file (its folder is created), or ':memory:' for tests. */
  sqliteFile?: string;
  /** PostgreSQL pool size. */
  maxConnections?: number;
}

const PG_INT8_OID = 20;

/** The better-sqlite3 handle behind a SQLite ServerDb, for bulk statements Kysely would slow down. */
const sqliteHandles = new WeakMap<Kysely<ServerDatabase>, SqliteDatabase>();

export function sqliteHandleOf(sdb: ServerDb): SqliteDatabase | undefined {
  return sqliteHandles.get(sdb.db);
}
let int8ParserSet = false;

function openSqlite(file: string): Kysely<ServerDatabase> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file);
  if (file !== ':memory:') database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  database.pragma('cache_size = -65536');
  const db = new Kysely<ServerDatabase>({ dialect: new SqliteDialect({ database }) });
  sqliteHandles.set(db, database);
  return db;
}

function openPostgres(url: string, max: number): Kysely<ServerDatabase> {
  if (!int8ParserSet) {
    // seq and *_at are bigint; every value we store fits a safe integer (epoch ms, counters).
    pg.types.setTypeParser(PG_INT8_OID, (v: string) => Number(v));
    int8ParserSet = true;
  }
  const pool = new pg.Pool({ connectionString: url, max });
  return new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Opens the server's database (PostgreSQL when a URL is given, SQLite otherwise) and migrates it. */
export async function openServerDatabase(opts: ServerDbOptions): Promise<ServerDb> {
  let db: Kysely<ServerDatabase>;
  let dialect: ServerDialect;
  if (opts.databaseUrl) {
    db = openPostgres(opts.databaseUrl, opts.maxConnections ?? 20);
    dialect = 'postgres';
  } else {
    db = openSqlite(opts.sqliteFile ?? './data/sitebook-server.db');
    dialect = 'sqlite';
  }
  try {
    await migrateServerDatabase(db, dialect);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  let closed = false;
  return {
    db,
    dialect,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
