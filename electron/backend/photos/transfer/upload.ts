/**
 * One blob up with tus (tus-js-client): streamed from the file in UPLOAD_CHUNK_BYTES PATCHes,
 * never the whole file in memory. The upload URL is handed out as soon as the server made it,
 * so a cut upload, also after a restart, resumes at the server's offset (HEAD) and sends no
 * chunk twice.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DefaultHttpStack, DetailedError, Upload } from 'tus-js-client';
import {
  blobKey,
  HASH_MISMATCH_STATUS,
  TUS_PATH,
  UPLOAD_CHUNK_BYTES,
  type BlobRef,
  type UploadMetadata,
} from '../../../../shared/photos/transfer';
import { authHeader, httpFailure, networkFailure, TransferError, trustFor, type PhotoServer } from './net';

type UploadOptions = NonNullable<ConstructorParameters<typeof Upload>[1]>;
type TusFileReader = NonNullable<UploadOptions['fileReader']>;

/** Quick retries inside one attempt (a cut connection resumes at once); longer waits are the engine's backoff. */
const READ_BYTES = 1024 * 1024;

const QUICK_RETRY_DELAYS_MS = [0, 500, 2000];

export interface UploadJob {
  server: PhotoServer;
  ref: BlobRef;
  path: string;
  metadata: UploadMetadata;
  /** From an earlier attempt (maybe before a restart): resume it. */
  uploadUrl: string | null;
  onUploadUrl: (url: string) => void;
  /** Bytes put on the wire since the last call (for speed and "bytes sent"). */
  onSent: (delta: number) => void;
  /** Bytes the server acknowledged, of the total. */
  onAcknowledged: (offset: number, total: number) => void;
  signal: AbortSignal;
}

/**
 * Reads each chunk straight from the file (a ReadStream over the byte range), so memory stays
 * at one stream buffer per upload whatever the file size.
 */
function fileReaderFor(path: string, size: number, open: Set<ReadStream>): TusFileReader {
  return {
    openFile: () =>
      Promise.resolve({
        size,
        slice: (start: number, end: number) => {
          const last = Math.min(end, size);
          // 1 MB reads: far fewer pieces through the stream machinery than the 64 KB default.
          const stream = createReadStream(path, { start, end: Math.max(start, last - 1), highWaterMark: READ_BYTES });
          open.add(stream);
          stream.once('close', () => open.delete(stream));
          return Promise.resolve({ value: Object.assign(stream, { size: last - start }), done: last >= size });
        },
        close: () => {
          for (const s of open) s.destroy();
          open.clear();
        },
      }),
  };
}

function statusOf(err: unknown): number {
  return err instanceof DetailedError && err.originalResponse ? err.originalResponse.getStatus() : 0;
}

function toTransferError(err: unknown): TransferError {
  if (err instanceof TransferError) return err;
  if (err instanceof DetailedError && err.originalResponse) {
    const res = err.originalResponse;
    return httpFailure(res.getStatus(), res.getBody(), 'upload', HASH_MISMATCH_STATUS);
  }
  return networkFailure(err instanceof DetailedError && err.causingError ? err.causingError : err, 'upload');
}

export async function uploadFile(job: UploadJob): Promise<void> {
  const { size } = await stat(job.path);
  const endpoint = new URL(TUS_PATH, job.server.baseUrl).toString();
  const open = new Set<ReadStream>();
  let sentInRequest = 0;
  let removeAbort = (): void => undefined;
  await new Promise<void>((resolve, reject) => {
    const upload = new Upload(Buffer.alloc(0), {
      endpoint,
      uploadUrl: job.uploadUrl,
      uploadSize: size,
      metadata: { ...job.metadata },
      chunkSize: UPLOAD_CHUNK_BYTES,
      headers: authHeader(job.server),
      httpStack: new DefaultHttpStack(trustFor(endpoint)),
      fileReader: fileReaderFor(job.path, size, open),
      // Resumption is ours (the URL in the database), not tus-js-client's URL storage.
      fingerprint: () => Promise.resolve(blobKey(job.ref)),
      storeFingerprintForResuming: false,
      retryDelays: QUICK_RETRY_DELAYS_MS,
      onShouldRetry: (err) => {
        const status = statusOf(err);
        return !job.signal.aborted && (status === 0 || status >= 500 || status === 409 || status === 423);
      },
      onUploadUrlAvailable: () => {
        if (upload.url) job.onUploadUrl(upload.url);
      },
      onProgress: (sent) => {
        // tus reports bytes sent within the current request; a new request starts again lower.
        if (sent < sentInRequest) sentInRequest = 0;
        job.onSent(sent - sentInRequest);
        sentInRequest = sent;
      },
      onChunkComplete: (_chunk, accepted, total) => {
        sentInRequest = 0;
        job.onAcknowledged(accepted, total);
      },
      onBeforeRequest: () => {
        sentInRequest = 0;
      },
      onSuccess: () => resolve(),
      onError: (err) => reject(toTransferError(err)),
    });
    const onAbort = (): void => {
      void upload.abort(false);
      reject(new TransferError('retry', 'aborted', 'the upload was stopped (the app is closing)'));
    };
    if (job.signal.aborted) return onAbort();
    job.signal.addEventListener('abort', onAbort, { once: true });
    removeAbort = () => job.signal.removeEventListener('abort', onAbort);
    upload.start();
  }).finally(() => {
    removeAbort();
    for (const s of open) s.destroy();
  });
}
