import type { Database } from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import { migration001 } from './001-initial';
import { migration002 } from './002-visit-corrections';
import { migration003 } from './003-problems';
import { migration004 } from './004-ledger-filters';
import { migration005 } from './005-problem-list';
import { migration006 } from './006-sync';
import { migration007 } from './007-problem-list-order';
import { migration008 } from './008-problem-docs';
import { migration009 } from './009-plan';
import { migration010 } from './010-kpi';
import { migration011 } from './011-photo-transfers';
import { migration012 } from './012-app-lock';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. A new schema version is a new file appended here. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertNotNewer(version: number, latest = LATEST_SCHEMA_VERSION): void {
  if (version > latest) {
    throw new AppError(
      'database_newer_than_app',
      `the database was written by a newer version of Sitebook (schema ${version}, this app knows ${latest}); update the app`,
    );
  }
}

/** Runs the pending migrations in one transaction: either all apply, or the file is as before. */
export function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order at ${m.name}`);
  });
  const latest = migrations.length;
  const current = schemaVersion(db);
  assertNotNewer(current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      // PRAGMA takes no parameters; the version is an integer from our own list.
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    }
  })();
  return latest;
}
