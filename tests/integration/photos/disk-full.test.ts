/**
 * A full disk stops a photo import cleanly (issue 5 item 4): the free-space check refuses before
 * anything is written, and a write or a database insert that still hits a full disk leaves no
 * files and no row of that photo, while photos imported before stay intact.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../../electron/backend/backend';
import { IMPORT_RESERVE_BYTES, type ImportDisk } from '../../../electron/backend/photos/disk';
import { importPhoto, type ImportPhotoInput } from '../../../electron/backend/photos/import';
import {
  originalPath,
  reportCopyPath,
  sha256Hex,
  thumbnailPath,
  writeFileAtomic,
} from '../../../electron/backend/photos/layout';
import type { PhotoImportResult } from '../../../shared/channels/photos';
import type { Project } from '../../../shared/domain/project';
import { projectInput } from '../../unit/db/fixtures';
import { photoWorld, plainJpeg, type PhotoWorld } from './fixtures';

const FILE_TIME = Date.UTC(2020, 3, 3, 1, 0, 0);
const MB = 1024 * 1024;

function input(projectId: string, bytes: Uint8Array, name = 'IMG_0001.JPG'): ImportPhotoInput {
  return { projectId, kind: 'progress', name, lastModified: FILE_TIME, bytes };
}

/** Every file under the photos directory (originals, copies, thumbnails and any temporary file). */
function photoFiles(dataDir: string): string[] {
  const dir = join(dataDir, 'photos');
  return existsSync(dir)
    ? (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
        .filter((d) => d.isFile())
        .map((d) => join(d.parentPath, d.name))
    : [];
}

function pathsOf(dataDir: string, sha: string): string[] {
  const dir = join(dataDir, 'photos');
  return [originalPath(dir, sha), reportCopyPath(dir, sha), thumbnailPath(dir, sha)];
}

function enospc(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, open '${path}'`), { code: 'ENOSPC', path });
}

/** Noise compresses badly: a JPEG of about `side`² × 0.4 bytes, so sizes are predictable. */
async function noiseJpeg(side: number, seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(side * side * 3);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < raw.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    raw[i] = x & 0xff;
  }
  return sharp(raw, { raw: { width: side, height: side, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

describe('photo import on a full disk (injected)', () => {
  let w: PhotoWorld;
  beforeEach(async () => {
    w = await photoWorld();
  });
  afterEach(() => w.cleanup());

  const ctx = (disk: ImportDisk) => ({ dataDir: w.dataDir, now: w.clock.now, disk });
  const photoRows = () => w.count(`SELECT COUNT(*) AS n FROM photos`);
  const photoOutbox = () => w.count(`SELECT COUNT(*) AS n FROM outbox WHERE tbl = 'photos'`);

  it('refuses before writing anything when statfs reports too little free space', async () => {
    const bytes = await plainJpeg(1200, 900);
    const asked: string[] = [];
    const disk: ImportDisk = {
      // 150 MB free is less than the 200 MB kept in reserve plus three times the photo.
      freeBytes: (dir) => {
        asked.push(dir);
        return Promise.resolve(150 * MB);
      },
    };
    const err = await importPhoto(w.backend.db, ctx(disk), input(w.project.id, bytes)).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err?.code).toBe('disk_full');
    expect(err?.message).toMatch(/150\.0 MB free/);
    expect(err?.message).toMatch(/IMG_0001\.JPG/);
    expect(asked).toEqual([w.dataDir]);
    expect(photoFiles(w.dataDir)).toEqual([]);
    expect(photoRows()).toBe(0);
    expect(photoOutbox()).toBe(0);

    // Just enough room: the same file goes in.
    disk.freeBytes = () => Promise.resolve(IMPORT_RESERVE_BYTES + 3 * bytes.length);
    const { photo } = await importPhoto(w.backend.db, ctx(disk), input(w.project.id, bytes));
    expect(photo.sha256).toBe(sha256Hex(bytes));
    expect(photoRows()).toBe(1);
  });

  it('a write failing with ENOSPC after the original: disk_full, no files, no row, earlier photos intact', async () => {
    const first = await plainJpeg(800, 600);
    const earlier = await w.call<PhotoImportResult>('photos.import', input(w.project.id, first, 'earlier.jpg'));
    const earlierFiles = pathsOf(w.dataDir, earlier.photo.sha256).map((p) => readFileSync(p));

    const second = await plainJpeg(1000, 750, 70);
    const sha = sha256Hex(second);
    for (const failAt of [0, 1, 2]) {
      let writes = 0;
      const disk: ImportDisk = {
        freeBytes: () => Promise.resolve(10_000 * MB),
        // The first `failAt` files are written for real; the next one finds the disk full.
        writeFile: async (path, bytes) => {
          if (writes++ === failAt) throw enospc(path);
          await writeFileAtomic(path, bytes);
        },
      };
      const err = await importPhoto(w.backend.db, ctx(disk), input(w.project.id, second, 'second.jpg')).then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(err?.code, `failing at write ${failAt}`).toBe('disk_full');
      expect(err?.message).toMatch(/second\.jpg/);
      expect(writes).toBe(failAt + 1);
      for (const p of pathsOf(w.dataDir, sha)) expect(existsSync(p), p).toBe(false);
    }
    expect(photoFiles(w.dataDir).sort()).toEqual(pathsOf(w.dataDir, earlier.photo.sha256).sort());
    expect(pathsOf(w.dataDir, earlier.photo.sha256).map((p) => readFileSync(p))).toEqual(earlierFiles);
    expect(photoRows()).toBe(1);
    expect(w.count(`SELECT COUNT(*) AS n FROM photos WHERE sha256 = '${sha}'`)).toBe(0);
    expect(w.count(`SELECT COUNT(*) AS n FROM outbox WHERE tbl = 'photos' AND row_id <> '${earlier.photo.id}'`)).toBe(
      0,
    );
  });

  it('the database unable to grow (SQLITE_FULL) after the files: disk_full, the files removed, no row', async () => {
    const earlier = await w.call<PhotoImportResult>('photos.import', input(w.project.id, await plainJpeg(640, 480)));
    const bytes = await plainJpeg(900, 600);
    const db = w.backend.db;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    // A real SQLITE_FULL: the database may not grow by a single page.
    db.pragma(`max_page_count = ${pages}`);
    const err = await importPhoto(db, ctx({}), input(w.project.id, bytes, 'late.jpg')).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    db.pragma('max_page_count = 1073741823');
    expect(err?.code).toBe('disk_full');
    for (const p of pathsOf(w.dataDir, sha256Hex(bytes))) expect(existsSync(p), p).toBe(false);
    expect(photoFiles(w.dataDir).sort()).toEqual(pathsOf(w.dataDir, earlier.photo.sha256).sort());
    expect(photoRows()).toBe(1);
    // Room again: the same file imports.
    await importPhoto(db, ctx({}), input(w.project.id, bytes, 'late.jpg'));
    expect(photoRows()).toBe(2);
  });

  it('two imports of the same file at once make one row and one set of files', async () => {
    const bytes = await plainJpeg(700, 500);
    const [a, b] = await Promise.all([
      w.call<PhotoImportResult>('photos.import', input(w.project.id, bytes)),
      w.call<PhotoImportResult>('photos.import', input(w.project.id, bytes)),
    ]);
    expect(a.photo.id).toBe(b.photo.id);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(photoRows()).toBe(1);
  });
});

/** A real filesystem that fills up: a 6 MB tmpfs holding the whole data directory. */
describe('photo import on a real full filesystem (tmpfs)', () => {
  const root = mkdtempSync(join(tmpdir(), 'sitebook-fullfs-'));
  const mnt = join(root, 'mnt');
  let mounted: string | null = null;
  let skipWhy = '';

  beforeEach(() => {
    if (process.getuid?.() !== 0) {
      skipWhy = 'needs root to mount a small tmpfs';
      return;
    }
    mkdirSync(mnt, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mnt], { stdio: 'pipe' });
      mounted = mnt;
    } catch (e) {
      skipWhy = `mount -t tmpfs failed here: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
    }
  });
  afterEach(() => {
    if (mounted) {
      try {
        execFileSync('umount', [mounted], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', mounted], { stdio: 'pipe' });
      }
      mounted = null;
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses with the real statfs, then stops cleanly on a real ENOSPC and imports once there is room', async (t) => {
    if (!mounted) {
      t.skip(skipWhy);
      return;
    }
    const dataDir = join(mounted, 'data');
    const backend = createBackend({
      encryption: 'none',
      dataDir,
      shell: 'browser',
      backup: false,
      sync: { auto: false },
    });
    try {
      const call = async <T>(channel: string, body: unknown): Promise<T> => {
        const r = await backend.invoke(channel, body);
        if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
        return r.value as T;
      };
      const project = await call<Project>('projects.create', projectInput());
      const small = await plainJpeg(640, 480);

      // Through the channel, with the real statfs: a 6 MB disk is below the 200 MB reserve.
      const refused = await backend.invoke('photos.import', input(project.id, small, 'small.jpg'));
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error.code).toBe('disk_full');
      expect(photoFiles(dataDir)).toEqual([]);

      // No reserve: an earlier photo goes in.
      const ctx = (disk: ImportDisk) => ({ dataDir, now: Date.now, disk });
      const earlier = await importPhoto(backend.db, ctx({ reserveBytes: 0 }), input(project.id, small, 'small.jpg'));
      const earlierBytes = pathsOf(dataDir, earlier.photo.sha256).map((p) => readFileSync(p));

      // Another program fills the disk after the check (the probe says plenty): the writes hit ENOSPC.
      const big = await noiseJpeg(1200, 7);
      const free = statfsSync(dataDir).bavail * statfsSync(dataDir).bsize;
      const filler = join(mounted, 'filler.bin');
      writeFileSync(filler, Buffer.alloc(Math.max(0, free - big.length - 64 * 1024)));
      const err = await importPhoto(
        backend.db,
        ctx({ reserveBytes: 0, freeBytes: () => Promise.resolve(Number.MAX_SAFE_INTEGER) }),
        input(project.id, big, 'big.jpg'),
      ).then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
      expect(err?.code).toBe('disk_full');
      expect(err?.message).toMatch(/ENOSPC/);
      expect(photoFiles(dataDir).sort()).toEqual(pathsOf(dataDir, earlier.photo.sha256).sort());
      expect(pathsOf(dataDir, earlier.photo.sha256).map((p) => readFileSync(p))).toEqual(earlierBytes);
      const rows = backend.db.prepare('SELECT sha256 FROM photos').all() as { sha256: string }[];
      expect(rows.map((r) => r.sha256)).toEqual([earlier.photo.sha256]);

      // The real probe now sees the full disk and refuses up front.
      const upFront = await importPhoto(backend.db, ctx({ reserveBytes: 0 }), input(project.id, big, 'big.jpg')).then(
        () => null,
        (e: unknown) => e as { code: string },
      );
      expect(upFront?.code).toBe('disk_full');

      // Space freed: the same photo imports.
      rmSync(filler);
      const later = await importPhoto(backend.db, ctx({ reserveBytes: 0 }), input(project.id, big, 'big.jpg'));
      expect(readFileSync(pathsOf(dataDir, later.photo.sha256)[0]!)).toEqual(big);
    } finally {
      backend.close();
    }
  });
});
