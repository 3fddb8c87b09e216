/**
 * Photo import throughput: 100 phone-sized photos (12 MP, 4000×3000 JPEG with EXIF time and GPS)
 * imported through the real channel, one file per call with as many calls in flight as the UI keeps,
 * into a temporary data directory.
 * Prints one JSON line: {"name":"photo_import_100x12MP","value":<seconds>,"unit":"s","target":15}.
 * Run: npx tsx bench/photo-import.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import piexif from 'piexifjs';
import sharp from 'sharp';
import { createBackend } from '../electron/backend/backend';
import type { Project } from '../shared/domain/project';
import { IMPORT_CONCURRENCY } from '../shared/channels/photos';
import { wgs84ToGcj02 } from '../shared/geo';

const COUNT = 100;
const WIDTH = 4000;
const HEIGHT = 3000;
const SITE = { lat: 45.7967, lng: 126.5424 };

/** A textured scene (noise over shapes) so the JPEG is phone-sized (a few MB), not a flat few KB. */
async function baseJpeg(seed: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
<rect width="${WIDTH}" height="${HEIGHT * 0.6}" fill="#7aa7e0"/><rect y="${HEIGHT * 0.6}" width="${WIDTH}" height="${HEIGHT * 0.4}" fill="#8a7456"/>
<rect x="${800 + seed * 150}" y="700" width="1400" height="1100" fill="#b9b4a8"/></svg>`;
  const noise = await sharp({
    create: {
      width: WIDTH,
      height: HEIGHT,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 0, sigma: 18 },
    },
  })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, blend: 'add' }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

function withExif(jpeg: Buffer, i: number): Buffer {
  const minute = String(i % 60).padStart(2, '0');
  const dump = piexif.dump({
    '0th': { [piexif.ImageIFD.Make!]: 'Bench', [piexif.ImageIFD.Orientation!]: i % 10 === 0 ? 6 : 1 },
    Exif: {
      [piexif.ExifIFD.DateTimeOriginal!]: `2020:04:01 ${String(9 + Math.floor(i / 60)).padStart(2, '0')}:${minute}:00`,
    },
    GPS: {
      [piexif.GPSIFD.GPSLatitudeRef!]: 'N',
      [piexif.GPSIFD.GPSLatitude!]: piexif.GPSHelper.degToDmsRational(SITE.lat + i * 1e-5),
      [piexif.GPSIFD.GPSLongitudeRef!]: 'E',
      [piexif.GPSIFD.GPSLongitude!]: piexif.GPSHelper.degToDmsRational(SITE.lng),
    },
  });
  return Buffer.from(piexif.insert(dump, jpeg.toString('binary')), 'binary');
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sitebook-bench-photos-'));
  const backend = createBackend({ encryption: 'none', dataDir: root, shell: 'browser' });
  try {
    const bases = await Promise.all([0, 1, 2, 3].map(baseJpeg));
    // Distinct EXIF makes every file's hash distinct, so none is skipped as a duplicate.
    const files = Array.from({ length: COUNT }, (_, i) => withExif(bases[i % bases.length]!, i));
    const mb = files.reduce((s, f) => s + f.length, 0) / COUNT / 1e6;
    process.stderr.write(`bench: ${COUNT} files of ${WIDTH}×${HEIGHT}, ${mb.toFixed(1)} MB on average\n`);

    const created = await backend.invoke('projects.create', {
      code: 'BENCH-1',
      name: '基准项目',
      level: 'district_key',
      district: '松北区',
      industry: '制造业',
      ownerCompany: '',
      responsibleUnit: '',
      leaderInCharge: '',
      chiefOfficer: '',
      chiefOfficerPhone: null,
      groupId: null,
      totalInvestment: 0,
      annualPlannedInvestment: 0,
      stage: 'continuing',
      isNew: false,
      plannedStart: null,
      actualStart: null,
      plannedCompletion: null,
      actualCompletion: null,
      plannedProduction: null,
      actualProduction: null,
      location: null,
      position: wgs84ToGcj02(SITE),
    });
    if (!created.ok) throw new Error(`projects.create: ${created.error.message}`);
    const projectId = (created.value as Project).id;

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let next = 0;
    // The panel keeps IMPORT_CONCURRENCY calls in flight (one file per call); so does the bench.
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const i = next++;
        const r = await backend.invoke('photos.import', {
          projectId,
          kind: 'progress',
          name: `IMG_${i}.JPG`,
          lastModified: Date.now(),
          bytes: files[i],
        });
        if (!r.ok) throw new Error(`photos.import ${i}: ${r.error.code} ${r.error.message}`);
      }
    };
    await Promise.all(Array.from({ length: IMPORT_CONCURRENCY }, worker));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // CPU seconds tell contention (a shared machine) from the pipeline's own cost.
    process.stderr.write(`bench: wall ${seconds.toFixed(2)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s\n`);
    console.log(
      JSON.stringify({ name: 'photo_import_100x12MP', value: Number(seconds.toFixed(2)), unit: 's', target: 15 }),
    );
  } finally {
    backend.close();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
