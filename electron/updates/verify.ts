/**
 * The update checks the app relies on, in one place for the app and the tests
 * (node:crypto only, never 'electron'): the Ed25519 signature over the feed's
 * metadata file, and the downloaded installer's sha512 against the signed metadata.
 *
 * electron-updater checks the download against the sha512 in latest.yml, but nothing
 * proves latest.yml came from us; the signature made with our offline key does.
 */
import { createPublicKey, createHash, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { expectedSha512For, parseUpdateMetadata, type UpdateMetadata } from '../../shared/updates/metadata';

export type PublicKeyInput = string | Buffer | KeyObject;

/** Ed25519 public key from PEM (SPKI); anything else is refused, so a wrong key file is told apart from a bad signature. */
export function loadUpdatePublicKey(key: PublicKeyInput): KeyObject {
  const k = typeof key === 'string' || Buffer.isBuffer(key) ? createPublicKey(key) : key;
  if (k.type !== 'public' || k.asymmetricKeyType !== 'ed25519')
    throw new Error(`the update signing key must be an Ed25519 public key, not ${k.asymmetricKeyType ?? k.type}`);
  return k;
}

/** The .sig file holds base64 text; whitespace and a trailing newline are allowed. */
function decodeSignature(sigBytes: Buffer | string): Buffer | null {
  const text = (typeof sigBytes === 'string' ? sigBytes : sigBytes.toString('utf8')).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]{86}==$/.test(text)) return null; // an Ed25519 signature is 64 bytes
  return Buffer.from(text, 'base64');
}

/** True when sigBytes is our signature over exactly these metadata bytes. */
export function verifyMetadata(ymlBytes: Buffer, sigBytes: Buffer | string, publicKey: PublicKeyInput): boolean {
  const sig = decodeSignature(sigBytes);
  if (!sig) return false;
  return verify(null, ymlBytes, loadUpdatePublicKey(publicKey), sig);
}

/** Verifies, then parses: the only way the app reads update metadata. Throws with the reason. */
export function readSignedMetadata(
  ymlBytes: Buffer,
  sigBytes: Buffer | string,
  publicKey: PublicKeyInput,
): UpdateMetadata {
  if (!verifyMetadata(ymlBytes, sigBytes, publicKey))
    throw new Error('the update metadata is not signed with the update key');
  return parseUpdateMetadata(ymlBytes.toString('utf8'));
}

/** base64 sha512 of a file, streamed (installers are ~100 MB). */
export function sha512OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('base64')));
  });
}

/** True when the file's sha512 is the one from the signed metadata; a missing expectation is a failure. */
export async function verifyDownloadedFile(path: string, expectedSha512FromSignedYml: string | null): Promise<boolean> {
  if (!expectedSha512FromSignedYml) return false;
  return (await sha512OfFile(path)) === expectedSha512FromSignedYml;
}

/**
 * electron-updater reads the feed again itself: it may act only if it saw the very release
 * we verified (same version, every file it could download with the signed sha512).
 */
export function sameRelease(
  seen: { version: string; files: readonly { url: string; sha512: string }[] },
  signed: UpdateMetadata,
): boolean {
  if (seen.version !== signed.version || seen.files.length === 0) return false;
  return seen.files.every((f) => expectedSha512For(signed, f.url) === f.sha512);
}
