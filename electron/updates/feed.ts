/**
 * Fetches the update metadata and its signature from the sync server's feed and
 * verifies them before electron-updater is allowed to act on the feed. Plain Node
 * (no 'electron'), so the integration tests run this exact code against the server.
 *
 * The organisation CA (SITEBOOK_CA_FILE) is trusted here as for sync
 * (electron/backend/sync/client.ts): in addition to the public roots, verification on.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { SIGNATURE_SUFFIX, UPDATES_PATH, type UpdateMetadata } from '../../shared/updates/metadata';
import { CA_FILE_ENV } from '../backend/sync/client';
import { readSignedMetadata, type PublicKeyInput } from './verify';

/** Metadata files are a few hundred bytes; anything much larger is not ours. */
const MAX_METADATA_BYTES = 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

/** `https://sitebook.example/` or `…/` → `https://sitebook.example/updates/` (the generic provider's url). */
export function feedUrl(serverUrl: string): string {
  return `${serverUrl.trim().replace(/\/+$/, '')}${UPDATES_PATH}`;
}

/** The public roots plus the organisation CA, or undefined for Node's defaults. */
export function organisationCa(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const file = env[CA_FILE_ENV];
  if (!file) return undefined;
  return [...rootCertificates, readFileSync(file, 'utf8')];
}

/** GET a small file; rejects on a non-200 answer or an oversized body. */
export function fetchSmall(url: string, ca = organisationCa()): Promise<Buffer> {
  const u = new URL(url);
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage): void => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`${u.pathname}: the server answered ${res.statusCode ?? '?'}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_METADATA_BYTES) res.destroy(new Error(`${u.pathname}: larger than ${MAX_METADATA_BYTES} bytes`));
        else chunks.push(c);
      });
      res.on('error', reject);
      res.on('end', () => resolve(Buffer.concat(chunks)));
    };
    const req = send(
      u,
      { method: 'GET', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), ...(ca ? { ca } : {}) },
      onResponse,
    );
    req.on('error', reject);
    req.end();
  });
}

export interface SignedFeed {
  feedUrl: string;
  metadataFile: string;
  metadata: UpdateMetadata;
}

/**
 * Fetches `<feed>/<metadataFile>` and its `.sig`, checks the signature with the app's
 * public key and parses the signed bytes. Throws with the reason on any failure.
 */
export async function fetchSignedMetadata(
  serverUrl: string,
  metadataFile: string,
  publicKey: PublicKeyInput,
  ca = organisationCa(),
): Promise<SignedFeed> {
  const base = feedUrl(serverUrl);
  // Unique query: no proxy or cache hands back an older metadata file (electron-updater does the same).
  const bust = `?t=${Date.now()}`;
  const [yml, sig] = await Promise.all([
    fetchSmall(`${base}${metadataFile}${bust}`, ca),
    fetchSmall(`${base}${metadataFile}${SIGNATURE_SUFFIX}${bust}`, ca),
  ]);
  return { feedUrl: base, metadataFile, metadata: readSignedMetadata(yml, sig, publicKey) };
}
