import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { MIGRATIONS, runMigrations } from '../../../electron/backend/db/migrations/index';
import { migration011 } from '../../../electron/backend/db/migrations/011-photo-transfers';
import { openDatabase } from '../../../electron/backend/db/open';
import { newSqlite } from '../../../electron/backend/db/sqlite';
import {
  applyHaveAnswer,
  completeTransfer,
  dueTransfers,
  enqueueTransfer,
  evictableOriginals,
  getPhotoSyncSettings,
  insertPhotoFile,
  markEvicted,
  markOriginalFetched,
  queueCounts,
  recordTransferOutcome,
  retryAllTransfers,
  savePhotoSyncSettings,
  transferFailures,
  unscannedPhotos,
  uploadsToCheck,
} from '../../../electron/backend/db/photo-transfers';
import { DEFAULT_PHOTO_SYNC_SETTINGS } from '../../../shared/channels/photo-sync';
import { RecordTable } from '../../../shared/records';

/**
 * Migration 011 (issue 5): the local photo-transfer bookkeeping. It must apply on a database of
 * version 10 with photos in it, create tables that never sync, and the db module's queries on it.
 */
const SHA = (n: number) => n.toString(16).padStart(64, '0');
let db: Database;
afterEach(() => db?.close());

function atVersion10(): Database {
  const d = newSqlite(':memory:');
  runMigrations(d, MIGRATIONS.slice(0, 10));
  return d;
}

describe('migration 011', () => {
  it('applies on version 10 with photos in it, creating local-only tables with default settings', () => {
    db = atVersion10();
    // Only the photo row matters here; its project's columns are other migrations' business.
    db.pragma('foreign_keys = OFF');
    db.prepare(
      `INSERT INTO photos (id, sha256, project_id, kind, taken_at_source, mime, byte_size, original_name)
       VALUES ('ph1', ?, 'p1', 'site', 'file', 'image/jpeg', 10, 'a.jpg')`,
    ).run(SHA(1));
    migration011.up(db);
    const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]).map(
      (t) => t.name,
    );
    expect(tables).toEqual(expect.arrayContaining(['photo_transfers', 'photo_files', 'photo_sync_settings']));
    for (const t of ['photo_transfers', 'photo_files', 'photo_sync_settings'])
      expect(RecordTable.options as readonly string[]).not.toContain(t);
    expect(getPhotoSyncSettings(db)).toEqual(DEFAULT_PHOTO_SYNC_SETTINGS);
    // The existing photo is looked at by the first cycle after the upgrade.
    expect(unscannedPhotos(db, 10)).toEqual([{ sha256: SHA(1), projectId: 'p1', firstSeenAt: null }]);
  });

  it('a fresh database has it, and its checks refuse bad values', () => {
    db = openDatabase(':memory:');
    expect(() =>
      db
        .prepare(`INSERT INTO photo_transfers (sha256, variant, direction, queued_at) VALUES (?, 'raw', 'up', 1)`)
        .run(SHA(2)),
    ).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE photo_sync_settings SET send_size = 'tiny'`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO photo_sync_settings (id) VALUES (2)`).run()).toThrow(/CHECK/);
  });
});

describe('photo transfer bookkeeping (db/photo-transfers.ts)', () => {
  it('queues, asks have, orders small files first, records failures and completes', () => {
    db = openDatabase(':memory:');
    const now = 1_000;
    insertPhotoFile(db, { sha256: SHA(1), origin: 'local', originalPresent: true, importedAt: 0 });
    for (const variant of ['original', 'report', 'thumb'] as const)
      enqueueTransfer(
        db,
        { sha256: SHA(1), variant, direction: 'up', projectId: 'p1', contentSha256: SHA(9), bytesTotal: 100 },
        now,
      );
    expect(queueCounts(db)).toEqual({ uploadsWaiting: 3, bytesWaiting: 300, downloadsWaiting: 0 });
    // Nothing goes before the server was asked.
    expect(dueTransfers(db, 'up', now, 10)).toEqual([]);
    const asked = uploadsToCheck(db, 10);
    expect(asked).toHaveLength(3);
    applyHaveAnswer(db, asked, [{ sha256: SHA(1), variant: 'report' }], now);
    expect(dueTransfers(db, 'up', now, 10).map((t) => t.variant)).toEqual(['thumb', 'original']);

    recordTransferOutcome(db, { sha256: SHA(1), variant: 'original' }, 'up', {
      code: 'no_access',
      message: 'nope',
      state: 'failed',
      nextAttemptAt: null,
      countAttempt: true,
    });
    expect(dueTransfers(db, 'up', now, 10).map((t) => t.variant)).toEqual(['thumb']);
    expect(transferFailures(db)).toMatchObject([{ code: 'no_access', attempts: 1, nextAttemptAt: null }]);
    expect(retryAllTransfers(db)).toBe(1);
    expect(uploadsToCheck(db, 10)).toEqual([{ sha256: SHA(1), variant: 'original' }]);

    completeTransfer(db, { sha256: SHA(1), variant: 'original' }, 'up', 5_000);
    expect(evictableOriginals(db, 1, 10)).toEqual([SHA(1)]);
    markEvicted(db, SHA(1), 6_000);
    expect(evictableOriginals(db, 10_000, 10)).toEqual([]);
    // Fetched back: kept for another period counted from the fetch.
    markOriginalFetched(db, SHA(1), 7_000);
    expect(evictableOriginals(db, 7_000, 10)).toEqual([]);
    expect(evictableOriginals(db, 7_001, 10)).toEqual([SHA(1)]);
  });

  it('settings round-trip', () => {
    db = openDatabase(':memory:');
    const s = { unmeteredOnly: true, sendSize: 'reduced' as const, evictAfterDays: 30 };
    savePhotoSyncSettings(db, s);
    expect(getPhotoSyncSettings(db)).toEqual(s);
  });
});
