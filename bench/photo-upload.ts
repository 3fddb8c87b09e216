/**
 * Photo bytes over loopback (issue 5): 200 photos of 4 MB (random bytes: the wire does not care,
 * and no decoding stands in the way) with their thumbnail and report copy, put into a desktop
 * backend through the db modules, then uploaded by the photo engine to a real server process.
 * Also an 18 MB photo through a proxy that cuts the connection once at a seeded random offset.
 *
 * Prints JSON lines:
 *   photo_upload_mb_per_s       aggregate upload speed, all files (min 100)
 *   photo_upload_<n>x4MB        the same as seconds (target: the time 100 MB/s allows)
 *   photo_upload_resume_overhead_bytes  bytes sent beyond the file's after a cut (target < one chunk)
 *   photo_upload_peak_rss_mb    the uploading process's RSS, sampled during the upload (target < 300)
 * Run: npx tsx bench/photo-upload.ts [--count 200] [--server-cpu-prof <dir>]
 * (--server-cpu-prof: the server process writes a V8 CPU profile into <dir> as it stops.)
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Backend } from '../electron/backend/backend';
import { actorOf, ensureLocalUser } from '../electron/backend/db/identity';
import { savePhoto } from '../electron/backend/db/photos';
import {
  originalPath,
  photosDirOf,
  reportCopyPath,
  thumbnailPath,
  writeFileAtomic,
} from '../electron/backend/photos/layout';
import { photoEngineFor } from '../electron/backend/photos/transfer/engine';
import type { PhotoSyncStatus } from '../shared/channels/photo-sync';
import { UPLOAD_CHUNK_BYTES } from '../shared/photos/transfer';
import { startByteProxy } from '../tests/integration/photo-sync/byte-proxy';
import { addUser, bytesFrom, call, newProject, signedInDevice } from '../tests/integration/photo-sync/support';
import { startServer } from '../tests/support/server-process';

const PHOTO_BYTES = 4 * 1024 * 1024;
const log = (m: string) => process.stderr.write(`bench: ${m}\n`);
let missed = false;
/** `target` is a ceiling (bench/run.ts checks value > target); `min` a floor, checked here. */
function emit(line: { name: string; value: number; unit: string; target?: number; min?: number }): void {
  if ((line.target !== undefined && line.value > line.target) || (line.min !== undefined && line.value < line.min)) {
    log(`${line.name} = ${line.value} ${line.unit} misses its target`);
    missed = true;
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * A photo written the way an import leaves it, streamed to disk 1 MB at a time so that making the
 * data leaves nothing in this process's memory. Returns the bytes of its three files.
 */
async function addPhoto(b: Backend, dataDir: string, projectId: string, size: number, i: number): Promise<number> {
  const dir = photosDirOf(dataDir);
  const tmp = join(dir, `gen-${i}.tmp`);
  await mkdir(dir, { recursive: true });
  const file = await open(tmp, 'w');
  const hash = createHash('sha256');
  for (let done = 0; done < size;) {
    const piece = randomBytes(Math.min(1024 * 1024, size - done));
    hash.update(piece);
    await file.write(piece);
    done += piece.length;
  }
  await file.close();
  const sha = hash.digest('hex');
  await mkdir(dirname(originalPath(dir, sha)), { recursive: true });
  await rename(tmp, originalPath(dir, sha));
  const thumb = bytesFrom(`${sha}/thumb`, 12_000);
  const report = bytesFrom(`${sha}/report`, 300_000);
  await writeFileAtomic(thumbnailPath(dir, sha), thumb);
  await writeFileAtomic(reportCopyPath(dir, sha), report);
  const now = Date.now();
  savePhoto(b.db, actorOf(ensureLocalUser(b.db, now)), now, {
    sha256: sha,
    projectId,
    visitId: null,
    problemId: null,
    kind: 'progress',
    caption: '',
    takenAt: now,
    takenAtSource: 'file',
    position: null,
    width: 4000,
    height: 3000,
    mime: 'image/jpeg',
    byteSize: size,
    originalName: `IMG_${i}.JPG`,
  });
  return size + thumb.length + report.length;
}

/** CPU seconds a process has used so far, in user code and in the kernel (Linux /proc; null elsewhere). */
function cpuSecondsOf(pid: number): { user: number; system: number } | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  } catch {
    return null;
  }
}

async function settle(b: Backend): Promise<PhotoSyncStatus> {
  await photoEngineFor(b.db).idle();
  return call<PhotoSyncStatus>(b, 'photoSync.status');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { count: { type: 'string', default: '200' }, 'server-cpu-prof': { type: 'string' } },
  });
  const count = Math.max(1, Number(values.count));
  const profDir = values['server-cpu-prof'];
  const root = mkdtempSync(join(tmpdir(), 'sitebook-bench-upload-'));
  const preload = new URL('./server-cpu-profile.mjs', import.meta.url).href;
  const server = await startServer(
    profDir ? { env: { NODE_OPTIONS: `--import=${preload}`, SITEBOOK_CPU_PROFILE_DIR: profDir } } : {},
  );
  let failed = false;
  try {
    await addUser(server, 'bench', 'coordinator');
    const dataDir = join(root, 'device');
    const device = await signedInDevice(dataDir, server.url, 'bench');
    try {
      const project = await newProject(device, 'BENCH-UP');
      let total = 0;
      for (let i = 0; i < count; i++) total += await addPhoto(device, dataDir, project.id, PHOTO_BYTES, i);
      log(`${count} photos, ${(total / 1e6).toFixed(0)} MB on disk`);
      global.gc?.();

      let peakRss = process.memoryUsage().rss;
      log(`rss before the upload ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
      const cpu0 = process.cpuUsage();
      const serverCpu0 = cpuSecondsOf(server.pid);
      const t0 = performance.now();
      await call(device, 'sync.now');
      // The photo cycle starts as the records' sync ends (text first): bytes are timed from there.
      const t1 = performance.now();
      const status = await settle(device);
      const seconds = (performance.now() - t1) / 1000;
      log(`records (${count} photo rows) synced in ${((t1 - t0) / 1000).toFixed(2)} s`);
      clearInterval(sampler);
      const cpu = process.cpuUsage(cpu0);
      const serverCpu1 = cpuSecondsOf(server.pid);
      // On a shared machine the wall clock mostly measures the others: CPU seconds tell our own cost.
      if (serverCpu0 !== null && serverCpu1 !== null) {
        const user = serverCpu1.user - serverCpu0.user;
        const system = serverCpu1.system - serverCpu0.system;
        log(
          `server cpu ${(user + system).toFixed(2)} s (user ${user.toFixed(2)}, kernel ${system.toFixed(2)}); ` +
            `load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
        );
      }
      if (status.uploadsWaiting !== 0 || status.failures.length > 0) {
        log(`uploads did not finish: ${JSON.stringify(status)}`);
        failed = true;
      }
      log(
        `photo bytes ${seconds.toFixed(2)} s; device cpu (records included) ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
      );
      // The same target both ways: MB/s (a floor), and the seconds it allows for these bytes (a ceiling).
      emit({
        name: 'photo_upload_mb_per_s',
        value: Number((total / 1e6 / seconds).toFixed(1)),
        unit: 'MB/s',
        min: 100,
      });
      emit({
        name: `photo_upload_${count}x4MB`,
        value: Number(seconds.toFixed(2)),
        unit: 's',
        target: Number((total / 1e6 / 100).toFixed(2)),
      });
      emit({
        name: 'photo_upload_peak_rss_mb',
        value: Number((peakRss / 1024 / 1024).toFixed(0)),
        unit: 'MB',
        target: 300,
      });
    } finally {
      await device.shutdown();
    }

    // One cut at a seeded offset inside the original, through a streaming proxy.
    const proxy = await startByteProxy(server.url);
    const cutDir = join(root, 'cut');
    const cutDevice = await signedInDevice(cutDir, proxy.url, 'bench');
    try {
      const project = await newProject(cutDevice, 'BENCH-CUT');
      const size = 2 * UPLOAD_CHUNK_BYTES + 1_500_000;
      const total = await addPhoto(cutDevice, cutDir, project.id, size, 0);
      const derivatives = total - size;
      // A fixed pseudo-random offset (an LCG step from a seed), so runs compare.
      const offset = derivatives + (((20260405 * 1103515245 + 12345) % 2 ** 31) % size);
      proxy.plan.cutAt = [offset];
      await call(cutDevice, 'sync.now');
      const status = await settle(cutDevice);
      if (status.uploadsWaiting !== 0 || proxy.plan.cutAt.length > 0) {
        log(`cut upload did not finish: ${JSON.stringify(status)}`);
        failed = true;
      }
      const overhead = proxy.patchBytes() - total;
      log(`cut at ${offset} of ${total} bytes; ${proxy.patchBytes()} PATCH bytes reached the server`);
      emit({ name: 'photo_upload_resume_overhead_bytes', value: overhead, unit: 'B', target: UPLOAD_CHUNK_BYTES - 1 });
    } finally {
      await cutDevice.shutdown();
      await proxy.close();
    }
  } finally {
    // A graceful stop, so that a profiling server writes its profile.
    if (profDir) await server.stop('SIGTERM');
    await server.dispose();
    rmSync(root, { recursive: true, force: true });
  }
  if (failed || missed) process.exitCode = 1;
}

await main();
