/**
 * An upload cut part-way survives a restart of the server process: tus keeps the
 * upload's bytes and info under the data dir, HEAD gives the offset the server holds,
 * and the device sends only the rest.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../support/server-process';
import { startServer } from '../../support/server-process';
import { startPhotoServer, type PhotoServer } from './fixture';
import {
  createUpload,
  download,
  encodeMetadata,
  metadataOf,
  photoBytes,
  photoRowOps,
  serverOffset,
  sha256,
  startUpload,
} from './photo-client';

describe('a cut upload resumes after a server restart', () => {
  let ps: PhotoServer;
  let restarted: ServerProcess | null = null;

  beforeAll(async () => {
    ps = await startPhotoServer('sqlite');
  });

  afterAll(async () => {
    await restarted?.kill();
    await ps?.dispose();
  });

  it('continues from the offset the server kept, sending no chunk twice, and stores the right bytes', async () => {
    const li = await ps.tokenOf('li', 'lidev');
    const bytes = photoBytes(3 * 1024 * 1024 + 12_345);
    const sha = sha256(bytes);
    await ps.push(li, photoRowOps('lidev', 'proj-a', sha));
    const chunkSize = 512 * 1024;

    // Cut inside the third chunk: the client aborts mid-request.
    const first = startUpload({
      base: ps.base,
      token: li,
      bytes,
      sha256: sha,
      projectId: 'proj-a',
      chunkSize,
      onProgress: (sent, _total, upload) => {
        if (sent > 2 * chunkSize + 100_000) void upload.abort();
      },
    });
    first.done.catch(() => undefined);
    await expect.poll(() => first.upload.url, { timeout: 10_000 }).not.toBeNull();
    const url = first.upload.url!;
    await expect.poll(async () => serverOffset(url, li), { timeout: 10_000 }).toBeGreaterThanOrEqual(2 * chunkSize);
    await new Promise((r) => setTimeout(r, 300));

    const port = ps.server.port;
    expect(await ps.server.stop('SIGTERM')).toBe(0);
    restarted = await startServer({ dataDir: ps.server.dataDir, port });
    const offset = await serverOffset(url, li);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(bytes.length);

    const accepted: number[] = [];
    const resumed = await startUpload({
      base: restarted.url,
      token: li,
      bytes,
      sha256: sha,
      projectId: 'proj-a',
      chunkSize,
      uploadUrl: url,
      onChunkComplete: (a) => accepted.push(a),
    }).done;
    expect(resumed.url).toBe(url);
    expect(resumed.stored).toBe('stored');
    // The first chunk after the resume ends one chunk past the server's offset: nothing before it was sent again.
    expect(accepted[0]).toBe(Math.min(offset + chunkSize, bytes.length));
    expect(accepted.length).toBe(Math.ceil((bytes.length - offset) / chunkSize));

    const got = await download(restarted.url, li, { sha256: sha, variant: 'original' });
    expect(got.status).toBe(200);
    expect(sha256(got.bytes)).toBe(sha);
  });

  it('an upload whose bytes all arrived but was never finished (server stopped in between) is finished by the next HEAD', async () => {
    const base = (restarted ?? ps.server).url;
    const li = await ps.tokenOf('li', 'lidev');
    const stage = async (bytesOnServer: Buffer, right: Buffer) => {
      const sha = sha256(right);
      await ps.push(li, photoRowOps('lidev', 'proj-a', sha));
      const meta = encodeMetadata(metadataOf({ bytes: right, sha256: sha, projectId: 'proj-a' }));
      const created = await createUpload(base, li, right.length, meta);
      expect(created.status).toBe(201);
      // What a server that died after writing the last byte, before hashing it, leaves behind.
      writeFileSync(join(ps.server.dataDir, 'uploads', created.location!.split('/').pop()!), bytesOnServer);
      return { sha, url: new URL(created.location!, base).toString() };
    };

    const good = photoBytes(700_000);
    const complete = await stage(good, good);
    const sent: number[] = [];
    const done = await startUpload({
      base,
      token: li,
      bytes: good,
      sha256: complete.sha,
      projectId: 'proj-a',
      uploadUrl: complete.url,
      onChunkComplete: (a) => sent.push(a),
    }).done;
    expect(done.stored).toBe('stored');
    expect(sent).toEqual([]);
    expect((await download(base, li, { sha256: complete.sha, variant: 'original' })).bytes.equals(good)).toBe(true);

    // Wrong bytes found at that point are discarded (460 to the HEAD); the client starts over and succeeds.
    const right = photoBytes(500_000);
    const corrupt = await stage(photoBytes(right.length), right);
    const retried = await startUpload({
      base,
      token: li,
      bytes: right,
      sha256: corrupt.sha,
      projectId: 'proj-a',
      uploadUrl: corrupt.url,
    }).done;
    expect(retried.url).not.toBe(corrupt.url);
    expect(retried.stored).toBe('stored');
    expect((await download(base, li, { sha256: corrupt.sha, variant: 'original' })).bytes.equals(right)).toBe(true);
  });
});
