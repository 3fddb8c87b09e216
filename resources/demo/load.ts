/**
 * Writes a demo dataset into a Sitebook database through the backend's bulk import, with real
 * JPEG files for a bounded set of photos. Used by the CLI, the browser shell and e2e tests.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type DatabaseEncryption } from '../../electron/backend/db/open';
import { importSnapshot, type SnapshotBatch } from '../../electron/backend/db/snapshot';
import { writeOriginal } from '../../electron/backend/photos/layout';
import { shanghaiDate } from '../../shared/calendar';
import { formatHlc } from '../../shared/hlc';
import type { Photo } from '../../shared/domain/photo';
import { generateDataset, type DemoDataset, type DemoScale } from './dataset';
import { renderDemoPhoto } from './photos';
import { instantAt } from './timeline';

export interface WriteDemoOptions {
  seed?: number;
  scale?: DemoScale;
  /** YYYY-MM-DD (Asia/Shanghai); defaults to the current date, as the app computes "overdue" from it. */
  today?: string;
  /** Where photo originals go (`<dir>/originals/…`); null/undefined: records only. */
  photosDir?: string | null;
  /** How many photos get real bytes (default 300 at city scale; province scale: none, records only). */
  maxPhotoFiles?: number;
  /** Replace an existing database file instead of refusing. */
  overwrite?: boolean;
  nativeBinding?: string;
  /** Unencrypted by default: the app encrypts a plaintext database when it first opens it (db/encrypt.ts). */
  encryption?: DatabaseEncryption;
  log?: (message: string) => void;
}

export interface WriteDemoResult {
  today: string;
  counts: Record<keyof DemoDataset, number>;
  photoFiles: number;
  timingsMs: { generate: number; photos: number; import: number };
}

// Bounded batches keep the import's intermediate rows small at province scale.
const CHUNK = 20_000;

function chunked<T extends SnapshotBatch['table']>(
  table: T,
  records: Extract<SnapshotBatch, { table: T }>['records'],
): SnapshotBatch[] {
  const out: SnapshotBatch[] = [];
  for (let i = 0; i < records.length; i += CHUNK) {
    out.push({ table, records: records.slice(i, i + CHUNK) } as SnapshotBatch);
  }
  return out;
}

/** The photos of each project's latest visit, project by project: full photo pages for visit summaries. */
export function pickPhotosForFiles(ds: DemoDataset, max: number): Photo[] {
  // A project's visits are generated in date order, so the last one seen is the latest.
  const latestVisit = new Map<string, string>();
  for (const v of ds.visits) latestVisit.set(v.projectId, v.id);
  const wanted = new Set(latestVisit.values());
  const byVisit = new Map<string, Photo[]>();
  for (const ph of ds.photos) {
    if (ph.visitId === null || !wanted.has(ph.visitId)) continue;
    const list = byVisit.get(ph.visitId) ?? [];
    list.push(ph);
    byVisit.set(ph.visitId, list);
  }
  const out: Photo[] = [];
  for (const p of ds.projects) {
    const visitId = latestVisit.get(p.id);
    for (const ph of (visitId && byVisit.get(visitId)) || []) {
      if (out.length >= max) return out;
      out.push(ph);
    }
  }
  return out;
}

/** Renders real JPEGs for the chosen photos, stores them, and points the records at their hashes. */
export async function attachPhotoFiles(photos: Photo[], photosDir: string): Promise<number> {
  let i = 0;
  for (const ph of photos) {
    const exif = ph.takenAtSource === 'exif';
    const made = await renderDemoPhoto({
      caption: ph.caption,
      takenAt: exif ? ph.takenAt : null,
      position: exif ? ph.position : null,
      seed: 7919 * ++i,
    });
    await writeOriginal(photosDir, made.sha256, made.bytes);
    ph.sha256 = made.sha256;
    ph.byteSize = made.bytes.length;
    ph.width = made.width;
    ph.height = made.height;
  }
  return photos.length;
}

export async function writeDemoDatabase(file: string, opts: WriteDemoOptions = {}): Promise<WriteDemoResult> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const scale = opts.scale ?? 'city';
  const today = opts.today ?? shanghaiDate(Date.now());
  if (existsSync(file)) {
    if (!opts.overwrite) throw new Error(`refusing to overwrite an existing database: ${file}`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }

  let t = performance.now();
  const ds = generateDataset({ seed: opts.seed ?? 20201, scale, today });
  const generate = performance.now() - t;
  const counts = Object.fromEntries(Object.entries(ds).map(([k, v]) => [k, (v as unknown[]).length])) as Record<
    keyof DemoDataset,
    number
  >;
  log(`demo: generated ${scale} dataset for ${today} in ${Math.round(generate)} ms: ${JSON.stringify(counts)}`);

  t = performance.now();
  let photoFiles = 0;
  if (opts.photosDir) {
    const max = opts.maxPhotoFiles ?? (scale === 'city' ? 300 : 0);
    photoFiles = await attachPhotoFiles(pickPhotosForFiles(ds, max), opts.photosDir);
    log(`demo: wrote ${photoFiles} photo files to ${opts.photosDir} in ${Math.round(performance.now() - t)} ms`);
  }
  const photos = performance.now() - t;

  t = performance.now();
  mkdirSync(dirname(file), { recursive: true });
  const db = openDatabase(file, {
    encryption: opts.encryption ?? 'none',
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    const batches: SnapshotBatch[] = [
      ...chunked('units', ds.units),
      ...chunked('service_groups', ds.groups),
      ...chunked('projects', ds.projects),
      ...chunked('procedures', ds.procedures),
      ...chunked('resumptions', ds.resumptions),
      ...chunked('visits', ds.visits),
      ...chunked('problems', ds.problems),
      ...chunked('progress_notes', ds.progressNotes),
      ...chunked('photos', ds.photos),
    ];
    // A fixed HLC (midnight of "today") so a regenerated database is identical; later edits sort after it.
    importSnapshot(db, batches, formatHlc({ millis: instantAt(today, 0, 0), counter: 0, node: 'demo' }));
  } finally {
    db.close();
  }
  const imported = performance.now() - t;
  log(`demo: imported into ${file} in ${Math.round(imported)} ms`);
  return { today, counts, photoFiles, timingsMs: { generate, photos, import: imported } };
}
