/**
 * Photo bytes over HTTP with the real server process, on SQLite and on PostgreSQL
 * (issue 5): tus uploads with tus-js-client, have(), downloads with their hash, bytes
 * that do not match, two devices uploading the same photo, and who may do what.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blobKey,
  CONTENT_SHA_HEADER,
  HASH_MISMATCH_STATUS,
  MAX_BLOB_BYTES,
  type BlobRef,
} from '../../../shared/photos/transfer';
import { call, op } from '../server-http/client';
import { startPhotoServer, type PhotoServer } from './fixture';
import {
  createUpload,
  download,
  encodeMetadata,
  have,
  metadataOf,
  photoBytes,
  photoRowOps,
  sha256,
  uploadBlob,
  UploadFailed,
} from './photo-client';

describe.each(['sqlite', 'postgres'] as const)('photo bytes over HTTP on %s', (dialect) => {
  let ps: PhotoServer;
  let li: string;
  let wang: string;

  async function blobRows(key: string): Promise<number> {
    const rows = await ps.sdb.db.selectFrom('photo_blobs').select('key').where('key', '=', key).execute();
    return rows.length;
  }

  function blobFile(key: string): string {
    return join(ps.server.dataDir, 'blobs', key.slice(0, 2), key);
  }

  function uploadsLeft(): string[] {
    const dir = join(ps.server.dataDir, 'uploads');
    return existsSync(dir) ? readdirSync(dir) : [];
  }

  /** A fresh photo row in proj-a pushed by li, and its bytes. */
  async function newPhoto(size = 300_000): Promise<{ bytes: Buffer; sha: string; photoId: string }> {
    const bytes = photoBytes(size);
    const sha = sha256(bytes);
    const photoId = randomUUID();
    await ps.push(li, photoRowOps('lidev', 'proj-a', sha, photoId));
    return { bytes, sha, photoId };
  }

  beforeAll(async () => {
    ps = await startPhotoServer(dialect);
    li = await ps.tokenOf('li', 'lidev');
    wang = await ps.tokenOf('wang', 'wangdev');
  });

  afterAll(async () => {
    await ps?.dispose();
  });

  it('uploads with tus, then have() lists it and a download returns the same bytes with their hash', async () => {
    const { bytes, sha } = await newPhoto(1_100_000);
    const original: BlobRef = { sha256: sha, variant: 'original' };
    const thumb: BlobRef = { sha256: sha, variant: 'thumb' };
    expect(await have(ps.base, li, [original, thumb])).toEqual([]);
    expect((await download(ps.base, li, original)).status).toBe(404);

    const res = await uploadBlob({ base: ps.base, token: li, bytes, sha256: sha, projectId: 'proj-a' });
    expect(res.stored).toBe('stored');
    expect(new URL(res.url).pathname).toMatch(/^\/photos\/uploads\/[0-9a-f]+$/);
    const thumbBytes = photoBytes(20_000);
    await uploadBlob({
      base: ps.base,
      token: li,
      bytes: thumbBytes,
      sha256: sha,
      variant: 'thumb',
      projectId: 'proj-a',
    });

    expect(await have(ps.base, li, [original, thumb])).toEqual([original, thumb]);
    const got = await download(ps.base, li, original);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.headers.get(CONTENT_SHA_HEADER)).toBe(sha);
    expect(got.headers.get('content-length')).toBe(String(bytes.length));
    const gotThumb = await download(ps.base, li, thumb);
    expect(gotThumb.bytes.equals(thumbBytes)).toBe(true);
    expect(gotThumb.headers.get(CONTENT_SHA_HEADER)).toBe(sha256(thumbBytes));

    // A coordinator sees every project; a range comes back as 206 with its slice.
    const coord = await ps.tokenOf('coord', 'coorddev');
    const part = await download(ps.base, coord, original, { range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(part.bytes.equals(bytes.subarray(1000, 2000))).toBe(true);
    expect((await download(ps.base, coord, original, { range: `bytes=${bytes.length}-` })).status).toBe(416);

    expect(await blobRows(blobKey(original))).toBe(1);
    expect(existsSync(blobFile(blobKey(original)))).toBe(true);
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuses bytes that do not match (flipped, truncated, wrong file), keeps nothing, and takes the right ones after', async () => {
    const { bytes, sha } = await newPhoto(600_000);
    const ref: BlobRef = { sha256: sha, variant: 'original' };
    const flipped = Buffer.from(bytes);
    flipped[123_456] = flipped[123_456]! ^ 0xff;
    const wrong = photoBytes(bytes.length);
    for (const bad of [flipped, bytes.subarray(0, bytes.length - 1000), wrong]) {
      const err = await uploadBlob({ base: ps.base, token: li, bytes: bad, sha256: sha, projectId: 'proj-a' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UploadFailed);
      expect((err as UploadFailed).status).toBe(HASH_MISMATCH_STATUS);
      expect(JSON.parse((err as UploadFailed).body)).toMatchObject({ error: { code: 'invalid_payload' } });
      expect((err as UploadFailed).body).toContain(sha);
      expect(await have(ps.base, li, [ref])).toEqual([]);
      expect(await blobRows(sha)).toBe(0);
      expect(existsSync(blobFile(sha))).toBe(false);
      expect(uploadsLeft()).toEqual([]);
    }
    const ok = await uploadBlob({ base: ps.base, token: li, bytes, sha256: sha, projectId: 'proj-a' });
    expect(ok.stored).toBe('stored');
    expect((await download(ps.base, li, ref)).bytes.equals(bytes)).toBe(true);
  });

  it('two devices uploading the same photo at once: both succeed, it is stored once', async () => {
    const { bytes, sha } = await newPhoto(2_000_000);
    const second = await ps.tokenOf('li', 'lidev2');
    const results = await Promise.all(
      [li, second].map((token) => uploadBlob({ base: ps.base, token, bytes, sha256: sha, projectId: 'proj-a' })),
    );
    expect(results.map((r) => r.stored).sort()).toEqual(expect.arrayContaining(['stored']));
    expect(await blobRows(sha)).toBe(1);
    expect(readdirSync(join(ps.server.dataDir, 'blobs', sha.slice(0, 2))).filter((n) => n.startsWith(sha))).toEqual([
      sha,
    ]);
    expect(uploadsLeft()).toEqual([]);
    // A third upload of a stored blob still finishes cleanly and says so.
    const again = await uploadBlob({ base: ps.base, token: li, bytes, sha256: sha, projectId: 'proj-a' });
    expect(again.stored).toBe('existed');
    expect(await blobRows(sha)).toBe(1);
    expect((await download(ps.base, li, { sha256: sha, variant: 'original' })).bytes.equals(bytes)).toBe(true);
  });

  it('two devices uploading different thumbnails of one photo at once: the download hash matches its bytes', async () => {
    const { sha } = await newPhoto(10_000);
    const second = await ps.tokenOf('li', 'lidev2');
    const thumbs = [photoBytes(400_000), photoBytes(380_000)];
    const results = await Promise.all(
      [li, second].map((token, i) =>
        uploadBlob({ base: ps.base, token, bytes: thumbs[i]!, sha256: sha, variant: 'thumb', projectId: 'proj-a' }),
      ),
    );
    expect(results.map((r) => r.stored).sort()).toEqual(['existed', 'stored']);
    const got = await download(ps.base, li, { sha256: sha, variant: 'thumb' });
    expect(got.status).toBe(200);
    expect(got.headers.get(CONTENT_SHA_HEADER)).toBe(sha256(got.bytes));
    expect(thumbs.map(sha256)).toContain(sha256(got.bytes));
    expect(uploadsLeft()).toEqual([]);
  });

  it('403 without access to the project, 401 without a valid token, 400/413 for bad creation requests', async () => {
    const { bytes, sha } = await newPhoto(50_000);
    await uploadBlob({ base: ps.base, token: li, bytes, sha256: sha, projectId: 'proj-a' });
    const ref: BlobRef = { sha256: sha, variant: 'original' };
    const meta = (projectId: string) => encodeMetadata(metadataOf({ bytes, sha256: sha, projectId }));

    // wang's group serves proj-b only.
    const create = await createUpload(ps.base, wang, bytes.length, meta('proj-a'));
    expect(create.status).toBe(403);
    expect(JSON.parse(create.body)).toMatchObject({ error: { code: 'forbidden' } });
    expect((await createUpload(ps.base, wang, bytes.length, meta('proj-b'))).status).toBe(403);
    const refused = await download(ps.base, wang, ref);
    expect(refused.status).toBe(403);
    expect(refused.bytes.length).toBeLessThan(1000);
    expect(await have(ps.base, wang, [ref])).toEqual([]);
    // li's own project, but no photo row with this hash there.
    const unknown = sha256(photoBytes(10));
    const noRow = await createUpload(
      ps.base,
      li,
      10,
      encodeMetadata({ sha256: unknown, variant: 'original', contentSha256: unknown, projectId: 'proj-a' }),
    );
    expect(noRow.status).toBe(403);
    expect(noRow.body).toContain('sync the photo record first');

    // Signed out: the token is refused like everywhere else.
    const gone = await ps.tokenOf('li', 'lidev3');
    expect((await call(ps.base, 'POST', '/auth/logout', { token: gone })).status).toBe(200);
    const revoked = await createUpload(ps.base, gone, bytes.length, meta('proj-a'));
    expect(revoked.status).toBe(401);
    expect(JSON.parse(revoked.body)).toMatchObject({ error: { code: 'token_revoked' } });
    expect((await download(ps.base, gone, ref)).status).toBe(401);
    expect((await call(ps.base, 'POST', '/photos/have', { token: gone, json: { blobs: [ref] } })).status).toBe(401);
    expect((await createUpload(ps.base, null, bytes.length, meta('proj-a'))).status).toBe(401);
    expect((await download(ps.base, null, ref)).status).toBe(401);

    // Bad requests, answered before any byte is taken.
    const bad = await createUpload(ps.base, li, 10, encodeMetadata({ sha256: 'nope', variant: 'original' }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'invalid_payload' } });
    expect(bad.body).toContain('sha256');
    expect((await createUpload(ps.base, li, MAX_BLOB_BYTES + 1, meta('proj-a'))).status).toBe(413);
    const derivativeLie = await createUpload(
      ps.base,
      li,
      10,
      encodeMetadata({ sha256: sha, variant: 'original', contentSha256: unknown, projectId: 'proj-a' }),
    );
    expect(derivativeLie.status).toBe(400);
    expect((await download(ps.base, li, { sha256: 'xyz', variant: 'original' } as BlobRef)).status).toBe(400);
    expect(uploadsLeft()).toEqual([]);
  });

  it('gc-blobs removes blobs no photo row holds once past the grace period, keeps the rest, and sweeps stale uploads', async () => {
    const DAY = 24 * 3600 * 1000;
    const old = Date.now() - 8 * DAY;
    const stored = async (size: number) => {
      const p = await newPhoto(size);
      await uploadBlob({ base: ps.base, token: li, bytes: p.bytes, sha256: p.sha, projectId: 'proj-a' });
      return p;
    };
    const age = async (key: string, at: number) => {
      await ps.sdb.db.updateTable('photo_blobs').set({ stored_at: at }).where('key', '=', key).execute();
      utimesSync(blobFile(key), at / 1000, at / 1000);
    };
    const dropRow = (photoId: string) =>
      ps.sdb.db.deleteFrom('records').where('tbl', '=', 'photos').where('row_id', '=', photoId).execute();

    const referenced = await stored(10_000);
    await age(referenced.sha, old);
    const orphanOld = await stored(11_000);
    await dropRow(orphanOld.photoId);
    await age(orphanOld.sha, old);
    const orphanRecent = await stored(12_000);
    await dropRow(orphanRecent.photoId);
    const softDeleted = await stored(13_000);
    await ps.push(li, [op('lidev', 'proj-a', 'photos', softDeleted.photoId, 'deleted', true)]);
    await age(softDeleted.sha, old);
    // A file no row lists and no photo holds (e.g. left by a crash), old.
    const stray = sha256(photoBytes(64));
    mkdirSync(join(ps.server.dataDir, 'blobs', stray.slice(0, 2)), { recursive: true });
    writeFileSync(blobFile(stray), 'stray');
    utimesSync(blobFile(stray), old / 1000, old / 1000);
    // Two uploads never finished: one created long ago, one now.
    const meta = encodeMetadata(metadataOf({ bytes: referenced.bytes, sha256: referenced.sha, projectId: 'proj-a' }));
    const staleId = (await createUpload(ps.base, li, 10_000, meta)).location!.split('/').pop()!;
    const freshId = (await createUpload(ps.base, li, 10_000, meta)).location!.split('/').pop()!;
    const infoFile = join(ps.server.dataDir, 'uploads', `${staleId}.json`);
    const info = JSON.parse(readFileSync(infoFile, 'utf8')) as { creation_date: string };
    writeFileSync(infoFile, JSON.stringify({ ...info, creation_date: new Date(old).toISOString() }));

    const out = await ps.cli(['gc-blobs', '--grace-days', '7']);
    expect(out).toContain(`removed blob ${orphanOld.sha}`);
    expect(out).toContain(`removed unlisted blob ${stray}`);
    expect(out).toContain(`removed stale upload ${staleId}`);
    expect(existsSync(blobFile(orphanOld.sha))).toBe(false);
    expect(existsSync(blobFile(stray))).toBe(false);
    expect(await blobRows(orphanOld.sha)).toBe(0);
    for (const kept of [referenced, orphanRecent, softDeleted]) {
      expect(existsSync(blobFile(kept.sha))).toBe(true);
      expect(await blobRows(kept.sha)).toBe(1);
    }
    expect(uploadsLeft().sort()).toEqual([freshId, `${freshId}.json`].sort());
    const refs = [referenced, softDeleted].map((p): BlobRef => ({ sha256: p.sha, variant: 'original' }));
    expect(await have(ps.base, li, refs)).toEqual(refs);
    expect((await download(ps.base, li, refs[1]!)).bytes.equals(softDeleted.bytes)).toBe(true);

    const usage = await ps.server.cli(['gc-blobs', '--grace-days', 'soon']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--grace-days');
  });
});
