/**
 * The tus 1.0.0 upload endpoint at TUS_PATH (creation, termination, expiration), mounted
 * into Fastify: the device token is checked by the app's auth hook like every route, our
 * checks answer with a WireError before @tus/server sees the request, and then the raw
 * request is handed over (reply.hijack). HTTP behaviour: README "Photo bytes" and the
 * report of issue 5; in short
 *
 *  - POST: 400 bad Upload-Metadata or no Upload-Length, 413 over MAX_BLOB_BYTES,
 *    403 no photo row with that hash in a project the user may edit, 201 + relative Location.
 *  - HEAD/PATCH/DELETE on an upload: 403 as above (checked on every request), 404 unknown.
 *  - The request that completes the upload: HASH_MISMATCH_STATUS (upload discarded) or 204
 *    with `x-blob-stored: stored|existed` (existed: the server had the blob already).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Server, type Upload } from '@tus/server';
import { BLOB_STORED_HEADER, HASH_MISMATCH_STATUS, MAX_BLOB_BYTES, TUS_PATH } from '../../shared/photos/transfer';
import type { ServerDb } from '../db/connect';
import { HttpError, wireError } from '../http/errors';
import { requireSession } from '../http/session';
import type { SyncActor } from '../sync/access';
import { uploadRefusal } from './access';
import { decodeMetadataHeader, finishUpload, parseUploadMetadata } from './finish';
import type { PhotoStorage } from './storage';
import { sendWebResponse, webRequestOf } from './tus-web';

const REFUSAL_TEXT = {
  no_project_access: 'You may not add photos to this project.',
  no_photo_row: 'No photo with this hash is in this project on the server; sync the photo record first.',
} as const;

function actorOf(request: FastifyRequest): SyncActor {
  const s = requireSession(request);
  return { userId: s.user.id, deviceId: s.device.device_id, role: s.role };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function tusRoutes(app: FastifyInstance, sdb: ServerDb, storage: PhotoStorage, now: () => number): void {
  const { datastore } = storage.uploads;

  async function finish(upload: Upload): Promise<{ status_code?: number; headers?: Record<string, string> }> {
    const meta = parseUploadMetadata(upload.metadata);
    if (!meta.ok) throw { status_code: 400, body: JSON.stringify(wireError('invalid_payload', meta.message)) };
    const outcome = await finishUpload(sdb, storage, upload, meta.value, now());
    if (!outcome.ok) {
      throw { status_code: HASH_MISMATCH_STATUS, body: JSON.stringify(wireError('invalid_payload', outcome.message)) };
    }
    return { headers: { [BLOB_STORED_HEADER]: outcome.blob } };
  }

  const tus = new Server({
    path: TUS_PATH,
    datastore,
    maxSize: MAX_BLOB_BYTES,
    // `/photos/uploads/<id>`: right behind any proxy that keeps the path, whatever its host and scheme.
    relativeLocation: true,
    onUploadFinish: (_req, upload) => finish(upload),
  });

  async function checkCreate(request: FastifyRequest): Promise<void> {
    const length = Number(header(request, 'upload-length'));
    if (!Number.isSafeInteger(length) || length < 0)
      throw new HttpError('invalid_payload', 'Upload-Length is required (the size of the blob in bytes).');
    if (length > MAX_BLOB_BYTES)
      throw new HttpError('payload_too_large', `A photo blob may have at most ${MAX_BLOB_BYTES} bytes.`);
    const raw = decodeMetadataHeader(header(request, 'upload-metadata'));
    if (!raw) throw new HttpError('invalid_payload', 'Upload-Metadata is not valid tus metadata.');
    const meta = parseUploadMetadata(raw);
    if (!meta.ok) throw new HttpError('invalid_payload', meta.message);
    const refusal = await uploadRefusal(sdb, actorOf(request), meta.value.sha256, meta.value.projectId);
    if (refusal) throw new HttpError('forbidden', REFUSAL_TEXT[refusal]);
  }

  /**
   * A request on an existing upload: the user must still may edit its project. A HEAD on an
   * upload whose bytes all arrived but whose finish never ran (the server stopped in between)
   * finishes it now, and answers for tus itself: the device then sees a complete upload.
   */
  async function checkExisting(request: FastifyRequest, reply: FastifyReply, id: string): Promise<boolean> {
    let upload: Upload;
    try {
      upload = await datastore.getUpload(id);
    } catch {
      return false; // unknown or expired: @tus/server answers 404/410
    }
    const meta = parseUploadMetadata(upload.metadata);
    if (!meta.ok) throw new HttpError('forbidden', meta.message);
    const refusal = await uploadRefusal(sdb, actorOf(request), meta.value.sha256, meta.value.projectId);
    if (refusal) throw new HttpError('forbidden', REFUSAL_TEXT[refusal]);
    if (request.method !== 'HEAD' || upload.size === undefined || upload.offset !== upload.size) return false;
    const outcome = await finishUpload(sdb, storage, upload, meta.value, now());
    if (!outcome.ok) throw new HttpError('invalid_payload', outcome.message, undefined, HASH_MISMATCH_STATUS);
    reply
      .status(200)
      .headers({
        'tus-resumable': '1.0.0',
        'upload-offset': String(upload.size),
        'upload-length': String(upload.size),
        'cache-control': 'no-store',
        [BLOB_STORED_HEADER]: outcome.blob,
      })
      .send();
    return true;
  }

  // tus bodies are streamed by @tus/server itself: Fastify must leave them unread.
  app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

  const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    requireSession(request);
    const id = (request.params as { id?: string }).id;
    if (request.method === 'POST') await checkCreate(request);
    else if (id && request.method !== 'OPTIONS' && (await checkExisting(request, reply, id))) return;
    reply.hijack();
    reply.raw.setHeader('x-server-time', String(now()));
    try {
      // PATCH carries the photo bytes: past srvx's copying body adapter (tus-web.ts).
      if (request.method === 'PATCH') await sendWebResponse(reply.raw, await tus.handleWeb(webRequestOf(request.raw)));
      else await tus.handle(request.raw, reply.raw);
    } catch (err) {
      request.log.error({ err }, 'tus request failed');
      if (!reply.raw.headersSent) reply.raw.writeHead(500).end();
      else reply.raw.destroy();
    }
  };

  app.route({ method: ['POST', 'OPTIONS'], url: TUS_PATH, handler: handle });
  app.route({ method: ['HEAD', 'PATCH', 'DELETE', 'OPTIONS'], url: `${TUS_PATH}/:id`, handler: handle });
}
