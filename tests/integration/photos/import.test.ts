import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { originalPath, reportCopyPath, sha256Hex, thumbnailPath } from '../../../electron/backend/photos/layout';
import type { PhotoImportResult, PhotoView } from '../../../shared/channels/photos';
import { heicFromPng, photoWorld, plainJpeg, SITE_WGS, withExif, type PhotoWorld } from './fixtures';

let w: PhotoWorld;
beforeEach(async () => {
  w = await photoWorld();
});
afterEach(() => w.cleanup());

const FILE_TIME = Date.UTC(2020, 3, 3, 1, 0, 0);

function importInput(bytes: Uint8Array, over: Record<string, unknown> = {}) {
  return { projectId: w.project.id, kind: 'progress', name: 'IMG_0001.JPG', lastModified: FILE_TIME, bytes, ...over };
}

const photosDir = () => join(w.dataDir, 'photos');

function filesUnder(dir: string): string[] {
  return existsSync(dir)
    ? (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /[0-9a-f]{64}/.test(f))
    : [];
}

describe('photos.import', () => {
  it('reads EXIF time (Asia/Shanghai) and GPS, stores the original untouched and both derivatives', async () => {
    w.addVisit('v1', '2020-04-01');
    const bytes = withExif(await plainJpeg(2400, 1800), { time: '2020:04:01 10:35:12', gps: SITE_WGS });
    const { photo, duplicate } = await w.call<PhotoImportResult>(
      'photos.import',
      importInput(bytes, { visitId: 'v1' }),
    );
    expect(duplicate).toBe(false);
    expect(photo).toMatchObject({
      takenAt: Date.UTC(2020, 3, 1, 2, 35, 12),
      takenAtSource: 'exif',
      width: 2400,
      height: 1800,
      mime: 'image/jpeg',
      byteSize: bytes.length,
      originalName: 'IMG_0001.JPG',
      visitId: 'v1',
      visitDate: '2020-04-01',
      sha256: sha256Hex(bytes),
    });
    expect(photo.position!.lat).toBeCloseTo(SITE_WGS.lat, 5);
    expect(photo.position!.lng).toBeCloseTo(SITE_WGS.lng, 5);
    // The project's GCJ-02 position is converted back: the raw offset would be hundreds of metres.
    expect(photo.flags).toMatchObject({ far: false, otherDay: false, noLocation: false, fileTime: false });
    expect(photo.flags.distanceM).toBeLessThan(5);

    expect(
      Buffer.compare(
        await import('node:fs/promises').then((fs) => fs.readFile(originalPath(photosDir(), photo.sha256))),
        bytes,
      ),
    ).toBe(0);
    const report = await sharp(reportCopyPath(photosDir(), photo.sha256)).metadata();
    const thumb = await sharp(thumbnailPath(photosDir(), photo.sha256)).metadata();
    expect([report.format, report.width, report.height]).toEqual(['jpeg', 1600, 1200]);
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['jpeg', 320, 240]);

    // In the change log and the outbox, like any write.
    expect(w.count(`SELECT COUNT(*) AS n FROM outbox WHERE tbl = 'photos' AND row_id = '${photo.id}'`)).toBeGreaterThan(
      5,
    );
    expect(
      w.count(`SELECT COUNT(*) AS n FROM change_log WHERE tbl = 'photos' AND row_id = '${photo.id}'`),
    ).toBeGreaterThan(5);
  });

  it('flags a photo 5 km away and one taken on another day than the visit', async () => {
    w.addVisit('v2', '2020-04-02');
    const away = { lat: SITE_WGS.lat + 0.045, lng: SITE_WGS.lng };
    const bytes = withExif(await plainJpeg(800, 600), { time: '2020:04:01 23:30:00', gps: away });
    const { photo } = await w.call<PhotoImportResult>('photos.import', importInput(bytes, { visitId: 'v2' }));
    expect(photo.flags.far).toBe(true);
    expect(photo.flags.distanceM).toBeGreaterThan(4900);
    expect(photo.flags.distanceM).toBeLessThan(5100);
    expect(photo.flags.otherDay).toBe(true);
  });

  it('reads a local time past UTC midnight as the Shanghai day (not the machine zone)', async () => {
    w.addVisit('v3', '2020-04-01');
    // 07:00 in Harbin is 23:00 UTC the day before.
    const bytes = withExif(await plainJpeg(640, 480), { time: '2020:04:01 07:00:00', gps: SITE_WGS });
    const { photo } = await w.call<PhotoImportResult>('photos.import', importInput(bytes, { visitId: 'v3' }));
    expect(photo.takenAt).toBe(Date.UTC(2020, 2, 31, 23, 0, 0));
    expect(photo.flags.otherDay).toBe(false);
  });

  it('honours EXIF Orientation 6: a landscape sensor image becomes portrait', async () => {
    const bytes = withExif(await plainJpeg(1200, 900), { time: '2020:04:01 10:00:00', orientation: 6 });
    const { photo } = await w.call<PhotoImportResult>('photos.import', importInput(bytes));
    expect([photo.width, photo.height]).toEqual([900, 1200]);
    const thumb = await sharp(thumbnailPath(photosDir(), photo.sha256)).metadata();
    expect(thumb.height!).toBeGreaterThan(thumb.width!);
    expect(thumb.orientation ?? 1).toBe(1);
    // Rotated clockwise: the red top band is now on the right edge.
    const { data, info } = await sharp(thumbnailPath(photosDir(), photo.sha256))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    const [r, , b] = px(info.width - 3, Math.round(info.height / 2));
    expect(r!).toBeGreaterThan(150);
    expect(b!).toBeLessThan(100);
  });

  it('converts a HEIC photo instead of refusing it', async () => {
    const png = await sharp(await plainJpeg(640, 480))
      .png()
      .toBuffer();
    const heic = heicFromPng(png);
    const { photo } = await w.call<PhotoImportResult>('photos.import', importInput(heic, { name: 'IMG_1234.HEIC' }));
    expect(photo).toMatchObject({ mime: 'image/heic', width: 640, height: 480, byteSize: heic.length });
    const report = await sharp(reportCopyPath(photosDir(), photo.sha256)).metadata();
    expect([report.format, report.width, report.height]).toEqual(['jpeg', 640, 480]);
  });

  it('takes the file time when there is no EXIF (WeChat), with no location', async () => {
    w.addVisit('v4', '2020-04-03');
    const { photo } = await w.call<PhotoImportResult>(
      'photos.import',
      importInput(await plainJpeg(640, 480), { visitId: 'v4' }),
    );
    expect(photo).toMatchObject({ takenAt: FILE_TIME, takenAtSource: 'file', position: null });
    expect(photo.flags).toMatchObject({
      fileTime: true,
      noLocation: true,
      far: false,
      distanceM: null,
      otherDay: false,
    });
  });

  it('refuses a truncated JPEG and a text file named .jpg, writing nothing', async () => {
    const whole = withExif(await plainJpeg(1600, 1200), { time: '2020:04:01 10:00:00' });
    const truncated = whole.subarray(0, Math.floor(whole.length * 0.6));
    const text = Buffer.from('这不是照片 — just a text file\n'.repeat(50));
    const before = {
      photos: w.count('SELECT COUNT(*) AS n FROM photos'),
      outbox: w.count('SELECT COUNT(*) AS n FROM outbox'),
    };
    for (const bytes of [truncated, text, Buffer.alloc(0), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])]) {
      const err = await w.fail('photos.import', importInput(bytes, { name: 'bad.jpg' }));
      expect(err.code).toBe('invalid_photo');
    }
    expect(w.count('SELECT COUNT(*) AS n FROM photos')).toBe(before.photos);
    expect(w.count('SELECT COUNT(*) AS n FROM outbox')).toBe(before.outbox);
    expect(filesUnder(photosDir())).toEqual([]);
  });

  it('keeps the same bytes once for the same visit and returns the existing record', async () => {
    w.addVisit('v5', '2020-04-01');
    const bytes = withExif(await plainJpeg(640, 480), { time: '2020:04:01 09:00:00' });
    const first = await w.call<PhotoImportResult>('photos.import', importInput(bytes, { visitId: 'v5' }));
    const again = await w.call<PhotoImportResult>(
      'photos.import',
      importInput(bytes, { visitId: 'v5', name: 'copy.jpg' }),
    );
    expect(again.duplicate).toBe(true);
    expect(again.photo.id).toBe(first.photo.id);
    expect(w.count('SELECT COUNT(*) AS n FROM photos')).toBe(1);
    expect(filesUnder(join(photosDir(), 'originals'))).toHaveLength(1);
    // Another visit may show the same picture: a second record, still one stored file.
    w.addVisit('v6', '2020-05-01');
    const other = await w.call<PhotoImportResult>('photos.import', importInput(bytes, { visitId: 'v6' }));
    expect(other.duplicate).toBe(false);
    expect(filesUnder(join(photosDir(), 'originals'))).toHaveLength(1);
  });

  it('refuses an unknown project and a visit of another project', async () => {
    const bytes = await plainJpeg(64, 48);
    expect((await w.fail('photos.import', importInput(bytes, { projectId: 'nope' }))).code).toBe('not_found');
    expect((await w.fail('photos.import', importInput(bytes, { visitId: 'missing' }))).code).toBe('invalid_input');
    expect(await w.call<PhotoView[]>('photos.list', { projectId: w.project.id })).toEqual([]);
  });
});
