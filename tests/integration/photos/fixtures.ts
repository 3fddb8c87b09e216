/** Real image files for the photo tests: JPEGs with EXIF (piexifjs), PNGs, and HEIC via heif-enc. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import piexif from 'piexifjs';
import sharp from 'sharp';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { writeRecord } from '../../../electron/backend/db/writer';
import type { LatLng } from '../../../shared/domain/primitives';
import type { Project } from '../../../shared/domain/project';
import { wgs84ToGcj02 } from '../../../shared/geo';
import { actor, fakeClock, projectInput } from '../../unit/db/fixtures';

export const HEIF_ENC = '/usr/bin/heif-enc';

/** The site, as a phone's GPS sees it (WGS-84): 哈尔滨 松北区. */
export const SITE_WGS: LatLng = { lat: 45.7967, lng: 126.5424 };

export interface ExifSpec {
  /** EXIF wall-clock time, e.g. '2020:04:01 10:35:12'. */
  time?: string;
  gps?: LatLng;
  orientation?: number;
}

/** A scene with a clear top (red band) so orientation mistakes show in pixels too. */
export async function plainJpeg(width: number, height: number, quality = 85): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="${width}" height="${height}" fill="#6f8fb0"/><rect width="${width}" height="${Math.round(height / 5)}" fill="#c0392b"/>
<circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#f1c40f"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality }).toBuffer();
}

export function withExif(jpeg: Buffer, spec: ExifSpec): Buffer {
  const zeroth: Record<number, number | string> = { [piexif.ImageIFD.Make!]: 'Sitebook Test' };
  if (spec.orientation !== undefined) zeroth[piexif.ImageIFD.Orientation!] = spec.orientation;
  const exif: Record<number, string> = {};
  if (spec.time) exif[piexif.ExifIFD.DateTimeOriginal!] = spec.time;
  const gps: Record<number, string | number[] | [number, number][]> = {};
  if (spec.gps) {
    gps[piexif.GPSIFD.GPSLatitudeRef!] = spec.gps.lat >= 0 ? 'N' : 'S';
    gps[piexif.GPSIFD.GPSLatitude!] = piexif.GPSHelper.degToDmsRational(Math.abs(spec.gps.lat));
    gps[piexif.GPSIFD.GPSLongitudeRef!] = spec.gps.lng >= 0 ? 'E' : 'W';
    gps[piexif.GPSIFD.GPSLongitude!] = piexif.GPSHelper.degToDmsRational(Math.abs(spec.gps.lng));
  }
  const dump = piexif.dump({ '0th': zeroth, Exif: exif, GPS: gps });
  return Buffer.from(piexif.insert(dump, jpeg.toString('binary')), 'binary');
}

/** HEIC made by libheif's encoder from a PNG; CI installs it (Debian package libheif-examples). */
export function heicFromPng(png: Buffer): Buffer {
  if (!existsSync(HEIF_ENC)) {
    throw new Error(
      `${HEIF_ENC} is missing: install the Debian package libheif-examples (apt-get install libheif-examples)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'sitebook-heic-'));
  try {
    writeFileSync(join(dir, 'in.png'), png);
    execFileSync(HEIF_ENC, ['-q', '80', '-o', join(dir, 'out.heic'), join(dir, 'in.png')], { stdio: 'pipe' });
    return readFileSync(join(dir, 'out.heic'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PhotoWorld {
  backend: Backend;
  dataDir: string;
  project: Project;
  clock: ReturnType<typeof fakeClock>;
  call<T>(channel: string, input?: unknown): Promise<T>;
  /** The error code of a call expected to fail. */
  fail(channel: string, input?: unknown): Promise<{ code: string; message: string }>;
  addVisit(id: string, date: string): void;
  count(sql: string): number;
  cleanup(): void;
}

export async function photoWorld(): Promise<PhotoWorld> {
  const root = mkdtempSync(join(tmpdir(), 'sitebook-photos-'));
  const dataDir = join(root, 'data');
  const clock = fakeClock();
  const backend = createBackend({ encryption: 'none', dataDir, shell: 'browser', now: clock.now });
  async function call<T>(channel: string, input: unknown = {}): Promise<T> {
    const r = await backend.invoke(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  }
  // Map apps give GCJ-02: the project's position is the site converted, as a user would pick it.
  const project = await call<Project>('projects.create', projectInput({ position: wgs84ToGcj02(SITE_WGS) }));
  return {
    backend,
    dataDir,
    project,
    clock,
    call,
    async fail(channel, input = {}) {
      const r = await backend.invoke(channel, input);
      if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
      return r.error;
    },
    addVisit(id, date) {
      writeRecord(backend.db, actor, clock.now(), {
        table: 'visits',
        rowId: id,
        cells: { project_id: project.id, date, kind: 'monthly', status: 'submitted' },
      });
    },
    count(sql) {
      return (backend.db.prepare(sql).get() as { n: number }).n;
    },
    cleanup() {
      backend.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
