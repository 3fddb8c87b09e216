/**
 * POST PHOTO_HAVE_PATH (which blobs the server stores) and GET blobPath() (the bytes,
 * with CONTENT_SHA_HEADER and single-range support). Both answer only for photos the
 * user may see: have() leaves the others out, a download of one is 403.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  BlobRef,
  blobKey,
  CONTENT_SHA_HEADER,
  HaveRequest,
  PHOTO_BLOB_PREFIX,
  PHOTO_HAVE_PATH,
  type HaveResponse,
} from '../../shared/photos/transfer';
import type { ServerDb } from '../db/connect';
import { findPhotoBlob, findPhotoBlobs } from '../db/photo-blobs';
import { HttpError, parseBody } from '../http/errors';
import { requireSession } from '../http/session';
import type { SyncActor } from '../sync/access';
import { readableHashes } from './access';
import { BlobMissingError, type ByteRange } from './blob-store';
import type { PhotoStorage } from './storage';

function actorOf(request: FastifyRequest): SyncActor {
  const s = requireSession(request);
  return { userId: s.user.id, deviceId: s.device.device_id, role: s.role };
}

/**
 * One `bytes=a-b`, `bytes=a-` or `bytes=-n` range of a blob of `size` bytes; null without
 * a Range header or with one we do not serve (several ranges: the whole blob is sent);
 * 'unsatisfiable' past the end.
 */
export function parseRange(value: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!value) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export function blobRoutes(app: FastifyInstance, sdb: ServerDb, storage: PhotoStorage): void {
  app.post(PHOTO_HAVE_PATH, async (request): Promise<HaveResponse> => {
    const { blobs } = parseBody(HaveRequest, request.body);
    const readable = await readableHashes(
      sdb,
      actorOf(request),
      blobs.map((b) => b.sha256),
    );
    const stored = await findPhotoBlobs(sdb.db, blobs.filter((b) => readable.has(b.sha256)).map(blobKey));
    return { have: blobs.filter((b) => stored.has(blobKey(b))) };
  });

  app.get(`${PHOTO_BLOB_PREFIX}/:sha256/:variant`, async (request, reply) => {
    const ref = parseBody(BlobRef, request.params);
    if (!(await readableHashes(sdb, actorOf(request), [ref.sha256])).has(ref.sha256))
      throw new HttpError('forbidden', 'No project you may see has a photo with this hash.');
    const key = blobKey(ref);
    const row = await findPhotoBlob(sdb.db, key);
    const stat = row ? await storage.blobs.stat(key) : null;
    if (!row || !stat) throw new HttpError('not_found', 'The server does not have these photo bytes (yet).');
    const range = parseRange(request.headers.range, stat.size);
    if (range === 'unsatisfiable') {
      reply.header('content-range', `bytes */${stat.size}`);
      throw new HttpError('invalid_payload', 'The requested range is outside the blob.', undefined, 416);
    }
    let body;
    try {
      body = await storage.blobs.read(key, range ?? undefined);
    } catch (err) {
      if (err instanceof BlobMissingError)
        throw new HttpError('not_found', 'The server does not have these photo bytes (yet).');
      throw err;
    }
    reply
      .header('content-type', 'application/octet-stream')
      .header(CONTENT_SHA_HEADER, row.content_sha256)
      .header('accept-ranges', 'bytes')
      .header('etag', `"${row.content_sha256}"`)
      .header('cache-control', 'private, max-age=31536000, immutable');
    if (range) {
      reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`)
        .header('content-length', String(range.end - range.start + 1));
    } else {
      reply.header('content-length', String(stat.size));
    }
    return reply.send(body);
  });
}
