/**
 * One blob down: streamed into a temp file while hashing, refused unless the bytes hash to the
 * server's CONTENT_SHA_HEADER (and, for an original, to the photo's own hash), then renamed into
 * place. A cut or corrupted download leaves nothing behind.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { blobPath, CONTENT_SHA_HEADER, HASH_MISMATCH_STATUS, type BlobRef } from '../../../../shared/photos/transfer';
import { writeFileAtomicFrom } from '../layout';
import { authHeader, httpFailure, networkFailure, TransferError, trustFor, type PhotoServer } from './net';

/** A download that stalls this long counts as a broken connection. */
const IDLE_TIMEOUT_MS = 60_000;

export interface DownloadJob {
  server: PhotoServer;
  ref: BlobRef;
  dest: string;
  /** Bytes received so far, of the total when the server said it. */
  onProgress?: (received: number, total: number | null) => void;
  signal: AbortSignal;
}

function get(url: URL, server: PhotoServer, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers: authHeader(server), signal, ...trustFor(url.toString()) });
    req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error('the download stalled')));
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

async function bodyText(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of res) {
    const b = c as Buffer;
    if (size < 64 * 1024) chunks.push(b);
    size += b.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Downloads the blob to `dest`; returns its size. Throws a TransferError. */
export async function downloadBlob(job: DownloadJob): Promise<number> {
  const url = new URL(blobPath(job.ref), job.server.baseUrl);
  let res: IncomingMessage;
  try {
    res = await get(url, job.server, job.signal);
  } catch (err) {
    throw networkFailure(err, 'download');
  }
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    const text = await bodyText(res).catch(() => '');
    throw httpFailure(status, text, 'download', HASH_MISMATCH_STATUS);
  }
  const claimed = res.headers[CONTENT_SHA_HEADER];
  if (typeof claimed !== 'string' || !/^[0-9a-f]{64}$/.test(claimed)) {
    res.destroy();
    throw new TransferError('retry', 'bad_response', `download: the server sent no ${CONTENT_SHA_HEADER}`, status);
  }
  if (job.ref.variant === 'original' && claimed !== job.ref.sha256) {
    res.destroy();
    throw new TransferError('refused', 'hash_mismatch', `download: the server's original hashes to ${claimed}`);
  }
  const lengthHeader = Number(res.headers['content-length']);
  const total = Number.isFinite(lengthHeader) && lengthHeader >= 0 ? lengthHeader : null;
  const hash = createHash('sha256');
  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      received += chunk.length;
      job.onProgress?.(received, total);
      done(null, chunk);
    },
  });
  try {
    await writeFileAtomicFrom(job.dest, async (tmp) => {
      await pipeline(res, meter, createWriteStream(tmp, { flags: 'wx' }));
      if (!res.complete || (total !== null && received !== total))
        throw new TransferError('retry', 'truncated', `download: the connection ended after ${received} bytes`);
      const actual = hash.digest('hex');
      if (actual !== claimed)
        throw new TransferError('retry', 'hash_mismatch', `download: the bytes hash to ${actual}, not ${claimed}`);
    });
  } catch (err) {
    if (err instanceof TransferError) throw err;
    throw networkFailure(err, 'download');
  }
  return received;
}
