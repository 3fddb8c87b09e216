import BetterSqlite3, { type Database } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { assertNotNewer, runMigrations, schemaVersion } from './migrations/index';

export interface OpenOptions {
  /** Path of the better_sqlite3.node built for this runtime (Node vs Electron ABI). */
  nativeBinding?: string;
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

/**
 * Opens (or creates) the local database and brings its schema up to date.
 * The version is read before any pragma that writes (WAL changes the header),
 * so a database from a newer app is refused and left byte-for-byte as it was.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Database {
  let db: Database;
  try {
    db = new BetterSqlite3(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (err) {
    if (isCorruption(err)) throw new AppError('database_corrupt', `not a Sitebook database: ${file}`);
    throw err;
  }
  try {
    assertNotNewer(schemaVersion(db));
    if (file !== ':memory:' && file !== '') db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // Random-key index inserts (UUIDs, hashes, FTS segments) thrash the 2 MB default cache.
    db.pragma('cache_size = -65536');
    runMigrations(db);
    return db;
  } catch (err) {
    db.close();
    if (isCorruption(err))
      throw new AppError('database_corrupt', `the database file is damaged or not a database: ${file}`);
    throw err;
  }
}
