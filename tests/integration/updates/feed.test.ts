import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { PassThrough, type Writable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSignedMetadata } from '../../../electron/updates/feed';
import { readSignedMetadata, verifyDownloadedFile, verifyMetadata } from '../../../electron/updates/verify';
import { generateUpdateKeyPair, loadSigningKey, signMetadata } from '../../../server/updates/signing';
import { expectedSha512For, parseUpdateMetadata } from '../../../shared/updates/metadata';
import { startServer, type ServerProcess } from '../../support/server-process';
import { tempDir } from '../../unit/db/fixtures';
import { latestYml } from '../../unit/updates/fixtures';

/**
 * A fake release published with the real CLI into the real server's feed, then read
 * over HTTP with the app's own fetch and verification code (electron/updates/).
 */
const VERSION = '0.2.0';
const EXE = `Sitebook-Setup-${VERSION}.exe`;
const APPIMAGE = `Sitebook-${VERSION}-x86_64.AppImage`;

const sha512 = (b: Buffer): string => createHash('sha512').update(b).digest('base64');

/** What `npm run dist` leaves in dist/: installers, blockmaps, latest*.yml (and things not to publish). */
function fakeRelease(dir: string): { exe: Buffer; appImage: Buffer; blockmap: Buffer } {
  mkdirSync(dir, { recursive: true });
  const exe = randomBytes(300_000);
  const appImage = randomBytes(120_000);
  const blockmap = randomBytes(2_000);
  writeFileSync(join(dir, EXE), exe);
  writeFileSync(join(dir, `${EXE}.blockmap`), blockmap);
  writeFileSync(join(dir, APPIMAGE), appImage);
  writeFileSync(join(dir, 'builder-debug.yml'), 'x: 1\n');
  writeFileSync(
    join(dir, 'latest.yml'),
    latestYml(VERSION, [{ url: EXE, sha512: sha512(exe), size: exe.length, blockMapSize: 2000 }]),
  );
  writeFileSync(
    join(dir, 'latest-linux.yml'),
    latestYml(VERSION, [{ url: APPIMAGE, sha512: sha512(appImage), size: appImage.length }]),
  );
  return { exe, appImage, blockmap };
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http sends the path as written (fetch would normalise "/updates/../x"). */
function raw(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The parts of a multipart/byteranges body, in order. */
function parts(res: Raw): { range: string; body: Buffer }[] {
  const boundary = /boundary=([^\s;]+)/.exec(String(res.headers['content-type']))![1]!;
  const out: { range: string; body: Buffer }[] = [];
  let pos = res.body.indexOf(`--${boundary}\r\n`);
  while (pos !== -1) {
    const headEnd = res.body.indexOf('\r\n\r\n', pos);
    const head = res.body.subarray(pos, headEnd).toString('latin1');
    const next = res.body.indexOf(`\r\n--${boundary}`, headEnd);
    out.push({ range: /Content-Range: (.+)/.exec(head)![1]!.trim(), body: res.body.subarray(headEnd + 4, next) });
    pos = res.body.indexOf(`--${boundary}\r\n`, next + 2);
  }
  return out;
}

describe('the update feed the server hosts', () => {
  let server: ServerProcess;
  let tmp: ReturnType<typeof tempDir>;
  let release: ReturnType<typeof fakeRelease>;
  let keys: { privateFile: string; publicPem: string };
  let feedDir: string;

  beforeAll(async () => {
    tmp = tempDir();
    release = fakeRelease(join(tmp.dir, 'dist'));
    server = await startServer();
    feedDir = join(server.dataDir, 'updates'); // the default UPDATES_DIR: beside the server database
    const keygen = await server.cli(['update-keygen', '--out', join(tmp.dir, 'keys')]);
    expect(keygen.code, keygen.stderr).toBe(0);
    keys = {
      privateFile: join(tmp.dir, 'keys', 'update-signing-key.pem'),
      publicPem: readFileSync(join(tmp.dir, 'keys', 'update-signing-key.pub.pem'), 'utf8'),
    };
    const pub = await server.cli(['publish-update', '--from', join(tmp.dir, 'dist'), '--key', keys.privateFile]);
    expect(pub.code, pub.stderr).toBe(0);
    expect(pub.stdout).toContain(`published version ${VERSION}`);
  });

  afterAll(async () => {
    await server?.dispose();
    tmp?.cleanup();
  });

  it('publishes installers, blockmaps, metadata and signatures, and nothing else', () => {
    expect(readdirSync(feedDir).sort()).toEqual(
      [
        APPIMAGE,
        EXE,
        `${EXE}.blockmap`,
        'latest-linux.yml',
        'latest-linux.yml.sig',
        'latest.yml',
        'latest.yml.sig',
      ].sort(),
    );
  });

  it('keygen never replaces an existing key', async () => {
    const again = await server.cli(['update-keygen', '--out', join(tmp.dir, 'keys')]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already exists');
  });

  it('serves metadata and installers without a token, with type and length', async () => {
    const yml = await raw(server.url, '/updates/latest.yml?noCache=1');
    expect(yml.status).toBe(200);
    expect(yml.headers['content-type']).toMatch(/^text\/yaml/);
    expect(yml.headers['cache-control']).toBe('no-cache');
    expect(yml.body.equals(readFileSync(join(tmp.dir, 'dist', 'latest.yml')))).toBe(true);

    const exe = await raw(server.url, `/updates/${EXE}`);
    expect(exe.status).toBe(200);
    expect(exe.headers['content-type']).toBe('application/vnd.microsoft.portable-executable');
    expect(Number(exe.headers['content-length'])).toBe(release.exe.length);
    expect(exe.headers['accept-ranges']).toBe('bytes');
    // The sha512 in the served metadata is that of the served file.
    const meta = parseUpdateMetadata(yml.body.toString('utf8'));
    expect(meta.files[0]).toEqual({ url: EXE, sha512: sha512(exe.body), size: exe.body.length });

    const head = await raw(server.url, `/updates/${EXE}`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(release.exe.length);
    expect(head.body.length).toBe(0);
  });

  it('answers single, suffix and multiple byte ranges as electron-updater asks for them', async () => {
    const one = await raw(server.url, `/updates/${EXE}`, { range: 'bytes=1000-1999' });
    expect(one.status).toBe(206);
    expect(one.headers['content-range']).toBe(`bytes 1000-1999/${release.exe.length}`);
    expect(Number(one.headers['content-length'])).toBe(1000);
    expect(one.body.equals(release.exe.subarray(1000, 2000))).toBe(true);

    const tail = await raw(server.url, `/updates/${EXE}`, { range: 'bytes=-16' });
    expect(tail.body.equals(release.exe.subarray(-16))).toBe(true);

    const many = await raw(server.url, `/updates/${EXE}`, { range: 'bytes=0-9, 70000-70099, 299990-299999' });
    expect(many.status).toBe(206);
    expect(many.headers['content-type']).toMatch(/^multipart\/byteranges; boundary=/);
    expect(Number(many.headers['content-length'])).toBe(many.body.length);
    const got = parts(many);
    expect(got.map((p) => p.range)).toEqual([
      `bytes 0-9/${release.exe.length}`,
      `bytes 70000-70099/${release.exe.length}`,
      `bytes 299990-299999/${release.exe.length}`,
    ]);
    expect(got[1]!.body.equals(release.exe.subarray(70000, 70100))).toBe(true);
    expect(got[2]!.body.equals(release.exe.subarray(299990))).toBe(true);

    const beyond = await raw(server.url, `/updates/${EXE}`, { range: 'bytes=400000-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${release.exe.length}`);
  });

  it("is read correctly by electron-updater's own multipart splitter (differential download)", async () => {
    // electron-updater's DataSplitter: the class that consumes our multipart/byteranges answers in the app.
    type Splitter = new (...args: unknown[]) => Writable;
    const { DataSplitter } = createRequire(import.meta.url)(
      'electron-updater/out/differentialDownloader/DataSplitter',
    ) as { DataSplitter: Splitter };
    const ranges = Array.from({ length: 40 }, (_, i) => ({ start: i * 7000, end: i * 7000 + 999 + i }));
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const u = new URL(server.url);
      const header = `bytes=${ranges.map((r) => `${r.start}-${r.end}`).join(', ')}`;
      request({ host: u.hostname, port: u.port, path: `/updates/${EXE}`, headers: { range: header } }, resolve)
        .on('error', reject)
        .end();
    });
    expect(res.statusCode).toBe(206);
    const boundary = /boundary=([^\s;]+)/.exec(String(res.headers['content-type']))![1]!;
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await new Promise<void>((resolve, reject) => {
      const tasks = ranges.map((r) => ({ kind: 1, start: r.start, end: r.end + 1 })); // OperationKind.DOWNLOAD
      const splitter = new DataSplitter(
        out,
        { tasks, start: 0, end: tasks.length, oldFileFd: -1 },
        new Map(ranges.map((_, i) => [i, i])),
        boundary,
        ranges.map((r) => r.end - r.start + 1),
        resolve,
        ranges.reduce((n, r) => n + r.end - r.start + 1, 0),
        undefined,
      );
      splitter.on('error', reject);
      res.pipe(splitter);
    });
    const expected = Buffer.concat(ranges.map((r) => release.exe.subarray(r.start, r.end + 1)));
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });

  it("verifies the signature with the app's fetch and key, and the download against the signed sha512", async () => {
    const feed = await fetchSignedMetadata(server.url, 'latest.yml', keys.publicPem);
    expect(feed.feedUrl).toBe(`${server.url}/updates/`);
    expect(feed.metadata.version).toBe(VERSION);
    const linux = await fetchSignedMetadata(`${server.url}/`, 'latest-linux.yml', keys.publicPem);
    expect(linux.metadata.files[0]!.url).toBe(APPIMAGE);

    const download = join(tmp.dir, `download-${EXE}`);
    writeFileSync(download, (await raw(server.url, `/updates/${EXE}`)).body);
    expect(await verifyDownloadedFile(download, expectedSha512For(feed.metadata, EXE))).toBe(true);
  });

  it('detects an installer with one byte flipped in the feed', async () => {
    const { metadata } = await fetchSignedMetadata(server.url, 'latest.yml', keys.publicPem);
    const onDisk = join(feedDir, EXE);
    const bytes = readFileSync(onDisk);
    bytes[150_000] = bytes[150_000]! ^ 0x01;
    writeFileSync(onDisk, bytes);
    try {
      const download = join(tmp.dir, 'tampered.exe');
      writeFileSync(download, (await raw(server.url, `/updates/${EXE}`)).body);
      expect(await verifyDownloadedFile(download, expectedSha512For(metadata, EXE))).toBe(false);
    } finally {
      writeFileSync(onDisk, release.exe);
    }
  });

  it('detects tampered metadata and a signature from another key', async () => {
    const ymlFile = join(feedDir, 'latest-linux.yml');
    const original = readFileSync(ymlFile);
    const sig = (await raw(server.url, '/updates/latest-linux.yml.sig')).body;
    writeFileSync(ymlFile, original.toString('utf8').replace(`version: ${VERSION}`, 'version: 9.9.9'));
    try {
      const served = (await raw(server.url, '/updates/latest-linux.yml')).body;
      expect(served.toString('utf8')).toContain('9.9.9');
      expect(verifyMetadata(served, sig, keys.publicPem)).toBe(false);
      await expect(fetchSignedMetadata(server.url, 'latest-linux.yml', keys.publicPem)).rejects.toThrow(/not signed/);
    } finally {
      writeFileSync(ymlFile, original);
    }
    // A whole feed re-signed by someone else's key (a rogue server) fails too.
    const rogue = generateUpdateKeyPair();
    const rogueSig = signMetadata(original, loadSigningKey(rogue.privatePem));
    expect(verifyMetadata(original, rogueSig, keys.publicPem)).toBe(false);
    expect(() => readSignedMetadata(original, sig, rogue.publicPem)).toThrow(/not signed/);
  });

  it('refuses directory traversal, plain or encoded, and files that are not release files', async () => {
    expect(existsSync(join(server.dataDir, 'sitebook-server.db'))).toBe(true);
    writeFileSync(join(feedDir, 'notes.txt'), 'not a release file');
    for (const path of [
      '/updates/../sitebook-server.db',
      '/updates/..%2fsitebook-server.db',
      '/updates/%2e%2e%2fsitebook-server.db',
      '/updates/%2e%2e/sitebook-server.db',
      '/updates/..%5csitebook-server.db',
      '/updates/%2e%2e',
      '/updates/.latest.yml.tmp-0',
      '/updates/notes.txt',
      '/updates/missing-0.9.9.exe',
    ]) {
      const res = await raw(server.url, path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body.toString('latin1'), path).not.toContain('SQLite format');
    }
    const missing = await raw(server.url, '/updates/missing-0.9.9.exe');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString('utf8'))).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses a release whose files do not match its metadata, and leaves the feed as it was', async () => {
    const bad = join(tmp.dir, 'bad-dist');
    cpSync(join(tmp.dir, 'dist'), bad, { recursive: true });
    writeFileSync(
      join(bad, 'latest.yml'),
      readFileSync(join(bad, 'latest.yml'), 'utf8').replace(`version: ${VERSION}`, 'version: 0.3.0'),
    );
    const flipped = Buffer.from(release.exe);
    flipped[0] = flipped[0]! ^ 0xff;
    writeFileSync(join(bad, EXE), flipped);
    const before = readFileSync(join(feedDir, 'latest.yml'));
    const res = await server.cli(['publish-update', '--from', bad, '--key', keys.privateFile]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('sha512 differs');
    expect(readFileSync(join(feedDir, 'latest.yml')).equals(before)).toBe(true);
    expect(readFileSync(join(feedDir, EXE)).equals(release.exe)).toBe(true);
  });
});
