import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readAppLock, writeAppLock } from '../../../electron/backend/db/app-lock';
import { MIGRATIONS, runMigrations } from '../../../electron/backend/db/migrations/index';
import { migration012 } from '../../../electron/backend/db/migrations/012-app-lock';
import { openDatabase } from '../../../electron/backend/db/open';

describe('migration 012: app_lock', () => {
  it('upgrades a version 11 database to one row with the lock off and 10 minutes', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, MIGRATIONS.slice(0, 11));
    expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'app_lock'").get()).toBeUndefined();
    expect(MIGRATIONS[11]).toBe(migration012);
    expect(runMigrations(db)).toBe(12);
    expect(readAppLock(db)).toEqual({
      secretKind: null,
      secretHash: null,
      idleMinutes: 10,
      failedAttempts: 0,
      retryAt: null,
    });
    const info = db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get('app_lock') as {
      strict: number;
    };
    expect(info.strict).toBe(1);
    db.close();
  });

  it('keeps one row, refuses a second one, an unknown idle time and a kind without a hash', () => {
    const db = openDatabase(':memory:');
    expect(() => db.prepare('INSERT INTO app_lock (id) VALUES (2)').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE app_lock SET idle_minutes = 7').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE app_lock SET secret_kind = 'pin'").run()).toThrow(/CHECK/);
    db.close();
  });

  it('writes and reads back the secret, idle time and wrong tries', () => {
    const db = openDatabase(':memory:');
    const row = {
      secretKind: 'pin' as const,
      secretHash: 'scrypt$1024$8$1$c2FsdA==$aGFzaA==',
      idleMinutes: 5 as const,
      failedAttempts: 6,
      retryAt: 1_800_000_000_000,
    };
    writeAppLock(db, row, 1_700_000_000_000);
    expect(readAppLock(db)).toEqual(row);
    writeAppLock(db, { ...row, secretKind: null, secretHash: 'ignored' }, 1_700_000_000_001);
    expect(readAppLock(db)).toMatchObject({ secretKind: null, secretHash: null });
    db.close();
  });
});
