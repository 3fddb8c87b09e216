import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoSyncStatus } from '../../../shared/channels/photo-sync';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/photos/transfer';
import { tempDir } from '../../unit/db/fixtures';
import { startServer, type ServerProcess } from '../../support/server-process';
import { startByteProxy, type ByteProxy } from './byte-proxy';
import type { PhotoDeviceJob } from './device-child';
import { addUser, readServerBlob, sha256 } from './support';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

interface ChildRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function runChild(job: PhotoDeviceJob): ChildRun {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/integration/photo-sync/device-child.ts', JSON.stringify(job)],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`device process did not finish:\n${stdout}\n${stderr}`));
      }, 120_000);
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, stdout, stderr });
      });
    },
  );
  return { child, done };
}

/**
 * The desktop backend is killed (SIGKILL) in the middle of an upload and started again on the
 * same data dir: the kept upload URL resumes at the server's offset; no completed chunk goes twice.
 */
describe('an upload across a restart of the desktop backend', () => {
  let server: ServerProcess;
  let proxy: ByteProxy;
  let tmp: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    tmp = tempDir();
    server = await startServer();
    await addUser(server, 'coord', 'coordinator');
    proxy = await startByteProxy(server.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.dispose();
    tmp?.cleanup();
  });

  it('resumes after the process was killed mid-chunk', async () => {
    const size = 2 * UPLOAD_CHUNK_BYTES + 1_234_567;
    const original = randomBytes(size);
    const file = join(tmp.dir, 'photo.bin');
    writeFileSync(file, original);
    const dataDir = join(tmp.dir, 'device');
    const job: PhotoDeviceJob = { dataDir, serverUrl: proxy.url, login: 'coord' };

    // Killed inside the second chunk of the original (after the thumbnail and report copy).
    const killAt = UPLOAD_CHUNK_BYTES + 3_000_000;
    const first = runChild({ ...job, addPhotoFrom: file });
    proxy.plan.onPatchBytes = (total) => {
      if (total >= killAt && first.child.exitCode === null) first.child.kill('SIGKILL');
    };
    const killed = await first.done;
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    proxy.plan.onPatchBytes = null;
    const sentBeforeKill = proxy.patchBytes();
    expect(sentBeforeKill).toBeGreaterThanOrEqual(killAt);
    expect(sentBeforeKill).toBeLessThan(size);
    const headsBefore = proxy.tusRequests.get('HEAD') ?? 0;
    const postsBefore = proxy.tusRequests.get('POST') ?? 0;

    const second = await runChild(job).done;
    expect(second.code, second.stderr).toBe(0);
    const status = JSON.parse(second.stdout.trim().split('\n').at(-1)!) as PhotoSyncStatus;
    expect(status).toMatchObject({ uploadsWaiting: 0, failures: [] });
    const sha = sha256(original);
    expect(readServerBlob(server, sha, 'original').equals(original)).toBe(true);
    // Resumed (HEAD on the kept URL), not created again.
    expect((proxy.tusRequests.get('HEAD') ?? 0) - headsBefore).toBeGreaterThanOrEqual(1);
    expect(proxy.tusRequests.get('POST') ?? 0).toBe(postsBefore);
    const total = proxy.patchBytes();
    // Everything that went through (thumbnail and report copy included): at most one chunk more.
    expect(total).toBeGreaterThanOrEqual(size);
    expect(total).toBeLessThanOrEqual(size + UPLOAD_CHUNK_BYTES);
  });
});
