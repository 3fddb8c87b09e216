import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { afterAll, describe, expect, it } from 'vitest';
import { originalPath, sha256Hex, thumbnailPath, writeOriginal } from '../../../electron/backend/photos/layout';
import { exifDateTime, renderDemoPhoto } from '../../../resources/demo/photos';
import { instantAt } from '../../../resources/demo/timeline';

const dir = mkdtempSync(join(tmpdir(), 'sitebook-photos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo photo bytes', () => {
  it('makes a JPEG whose EXIF time and WGS-84 GPS read back', async () => {
    const takenAt = instantAt('2020-04-01', 10, 35) + 12_000;
    const position = { lat: 45.724321, lng: 126.695432 };
    const photo = await renderDemoPhoto({ caption: '绿地国博城 施工现场全景', takenAt, position, seed: 1 });
    expect(photo.bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(photo.sha256).toBe(sha256Hex(photo.bytes));
    const tags = (await exifr.parse(photo.bytes, { reviveValues: false })) as Record<string, unknown>;
    expect(tags['DateTimeOriginal']).toBe('2020:04:01 10:35:12');
    const gps = await exifr.gps(photo.bytes);
    expect(Math.abs(gps.latitude - position.lat)).toBeLessThan(1e-5);
    expect(Math.abs(gps.longitude - position.lng)).toBeLessThan(1e-5);
  }, 20_000);

  it('writes no EXIF for a WeChat-style photo and is deterministic', async () => {
    const spec = { caption: '问题佐证', takenAt: null, position: null, seed: 2 };
    const a = await renderDemoPhoto(spec);
    const b = await renderDemoPhoto(spec);
    expect(a.sha256).toBe(b.sha256);
    expect(await exifr.parse(a.bytes)).toBeUndefined();
  }, 20_000);

  it('formats EXIF time in Asia/Shanghai whatever the machine zone', () => {
    expect(exifDateTime(Date.parse('2020-03-31T16:00:00Z'))).toBe('2020:04:01 00:00:00');
  });
});

describe('photo file layout', () => {
  const sha = 'ab'.padEnd(64, '0');

  it('fans originals and thumbnails out by the first two hex digits', () => {
    expect(originalPath('/p', sha)).toBe(join('/p', 'originals', 'ab', sha));
    expect(thumbnailPath('/p', sha)).toBe(join('/p', 'thumbs', 'ab', `${sha}.jpg`));
    expect(() => originalPath('/p', '../../etc/passwd')).toThrow();
  });

  it('stores an original under its hash, refusing bytes that do not match', async () => {
    const bytes = Buffer.from('not really a jpeg');
    const hash = sha256Hex(bytes);
    const path = await writeOriginal(dir, hash, bytes);
    expect(path).toBe(originalPath(dir, hash));
    expect(readFileSync(path)).toEqual(bytes);
    await expect(writeOriginal(dir, hash, bytes)).resolves.toBe(path);
    await expect(writeOriginal(dir, sha, bytes)).rejects.toThrow(/hash/);
  });
});
