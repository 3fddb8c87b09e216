/**
 * Deletes this device's local data after an administrator revoked it (issue 8): the database
 * with its WAL/SHM/journal, photos, backups and exports. The database must be closed first.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { photosDirOf } from '../photos/layout';

export const WIPED_MESSAGE = 'An administrator revoked this device; its local data was deleted.';

export function wipeLocalFiles(dataDir: string, dbFile: string): void {
  if (dbFile !== ':memory:' && dbFile !== '') {
    // With the leftovers of an interrupted encryption (db/encrypt.ts): a plaintext copy must not survive a wipe.
    for (const suffix of ['', '-wal', '-shm', '-journal', '.plain-backup', '.encrypting'])
      rmSync(dbFile + suffix, { force: true });
  }
  for (const dir of [photosDirOf(dataDir), join(dataDir, 'backups'), join(dataDir, 'exports')]) {
    rmSync(dir, { recursive: true, force: true });
  }
}
