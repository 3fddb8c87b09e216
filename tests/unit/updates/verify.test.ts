import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadUpdatePublicKey,
  readSignedMetadata,
  sameRelease,
  sha512OfFile,
  verifyDownloadedFile,
  verifyMetadata,
} from '../../../electron/updates/verify';
import { generateUpdateKeyPair, loadSigningKey, signMetadata } from '../../../server/updates/signing';
import { expectedSha512For } from '../../../shared/updates/metadata';
import { latestYml } from './fixtures';

/** The app's verification (electron/updates/verify.ts) against the server's signing (server/updates/signing.ts). */
const dir = mkdtempSync(join(tmpdir(), 'sitebook-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ours = generateUpdateKeyPair();
const theirs = generateUpdateKeyPair();
const installer = randomBytes(200_000); // over one 64 KiB read chunk
const installerFile = join(dir, 'Sitebook-Setup-0.2.0.exe');
writeFileSync(installerFile, installer);
const sha512 = createHash('sha512').update(installer).digest('base64');
const yml = Buffer.from(latestYml('0.2.0', [{ url: 'Sitebook-Setup-0.2.0.exe', sha512, size: installer.length }]));
const sig = signMetadata(yml, loadSigningKey(ours.privatePem));

describe('verifyMetadata', () => {
  it('accepts our signature over the exact bytes', () => {
    expect(verifyMetadata(yml, sig, ours.publicPem)).toBe(true);
    expect(verifyMetadata(yml, Buffer.from(sig), Buffer.from(ours.publicPem))).toBe(true);
  });

  it('refuses metadata with one byte changed', () => {
    const tampered = Buffer.from(yml);
    tampered[tampered.indexOf('0.2.0')] = '9'.charCodeAt(0);
    expect(verifyMetadata(tampered, sig, ours.publicPem)).toBe(false);
    expect(() => readSignedMetadata(tampered, sig, ours.publicPem)).toThrow(/not signed/);
  });

  it('refuses a signature made with another key, and our signature checked with another key', () => {
    const other = signMetadata(yml, loadSigningKey(theirs.privatePem));
    expect(verifyMetadata(yml, other, ours.publicPem)).toBe(false);
    expect(verifyMetadata(yml, sig, theirs.publicPem)).toBe(false);
  });

  it('refuses a malformed or empty signature file without throwing', () => {
    expect(verifyMetadata(yml, '', ours.publicPem)).toBe(false);
    expect(verifyMetadata(yml, 'not base64 at all', ours.publicPem)).toBe(false);
    expect(verifyMetadata(yml, sig.slice(0, 40), ours.publicPem)).toBe(false);
  });

  it('tells a wrong key file apart from a bad signature', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(() => loadUpdatePublicKey(rsa)).toThrow(/Ed25519/);
    expect(() => verifyMetadata(yml, sig, 'garbage')).toThrow();
    expect(() => loadSigningKey(ours.publicPem)).toThrow(/private key/);
  });

  it('parses only what it verified', () => {
    const meta = readSignedMetadata(yml, sig, ours.publicPem);
    expect(meta.version).toBe('0.2.0');
    expect(expectedSha512For(meta, 'Sitebook-Setup-0.2.0.exe')).toBe(sha512);
    expect(expectedSha512For(meta, 'Other-0.2.0.exe')).toBeNull();
  });
});

describe('verifyDownloadedFile', () => {
  it('streams the file and matches the signed sha512', async () => {
    expect(await sha512OfFile(installerFile)).toBe(sha512);
    expect(await verifyDownloadedFile(installerFile, sha512)).toBe(true);
  });

  it('refuses a file with one byte flipped', async () => {
    const flipped = Buffer.from(installer);
    flipped[123_456] = flipped[123_456]! ^ 0xff;
    const file = join(dir, 'flipped.exe');
    writeFileSync(file, flipped);
    expect(await verifyDownloadedFile(file, sha512)).toBe(false);
  });

  it('refuses when the signed metadata does not list the file', async () => {
    expect(await verifyDownloadedFile(installerFile, null)).toBe(false);
  });

  it('rejects for a missing file rather than passing it', async () => {
    await expect(verifyDownloadedFile(join(dir, 'missing.exe'), sha512)).rejects.toThrow(/ENOENT/);
  });
});

describe('sameRelease', () => {
  const meta = readSignedMetadata(yml, sig, ours.publicPem);
  const file = { url: 'Sitebook-Setup-0.2.0.exe', sha512 };

  it('accepts the release electron-updater saw when it is the signed one', () => {
    expect(sameRelease({ version: '0.2.0', files: [file] }, meta)).toBe(true);
  });

  it('refuses another version, another digest, an unsigned file or no files', () => {
    expect(sameRelease({ version: '0.2.1', files: [file] }, meta)).toBe(false);
    expect(sameRelease({ version: '0.2.0', files: [{ ...file, sha512: `${'C'.repeat(85)}Q==` }] }, meta)).toBe(false);
    expect(sameRelease({ version: '0.2.0', files: [file, { url: 'extra.exe', sha512 }] }, meta)).toBe(false);
    expect(sameRelease({ version: '0.2.0', files: [] }, meta)).toBe(false);
  });
});
