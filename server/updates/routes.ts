/**
 * GET /updates/<file>: the desktop app's update feed (electron-updater's generic
 * provider), served from UPDATES_DIR with Content-Length and byte ranges.
 *
 * Public, no device token: update files are not secret (the same installer is handed to
 * every office), electron-updater fetches them through its own HTTP stack, and a device
 * that cannot sign in (expired token, revoked then re-issued laptop) must still be able
 * to update. What must not be forged is guarded by the Ed25519 signature on the metadata
 * (shared/updates/metadata.ts, electron/updates/verify.ts), not by access control.
 */
import { randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isFeedFileName, UPDATES_PATH } from '../../shared/updates/metadata';
import { HttpError } from '../http/errors';
import { multipartPlan, parseRange, type ByteRange } from './ranges';

const CONTENT_TYPES: [string, string][] = [
  ['.yml', 'text/yaml; charset=utf-8'],
  ['.sig', 'text/plain; charset=utf-8'],
  ['.exe', 'application/vnd.microsoft.portable-executable'],
  ['.deb', 'application/vnd.debian.binary-package'],
  ['.rpm', 'application/x-rpm'],
  ['.dmg', 'application/x-apple-diskimage'],
  ['.zip', 'application/zip'],
  ['.7z', 'application/x-7z-compressed'],
  ['.AppImage', 'application/vnd.appimage'],
];

export function contentTypeOf(name: string): string {
  return CONTENT_TYPES.find(([ext]) => name.endsWith(ext))?.[1] ?? 'application/octet-stream';
}

const CHUNK = 64 * 1024;

async function* readRange(fh: FileHandle, r: ByteRange): AsyncGenerator<Buffer> {
  let pos = r.start;
  while (pos <= r.end) {
    const want = Math.min(CHUNK, r.end - pos + 1);
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(want), 0, want, pos);
    // The file shrank under us (replaced in place, which publish never does): end short.
    if (bytesRead === 0) throw new Error('update file changed while being sent');
    yield bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
    pos += bytesRead;
  }
}

/** One open file handle per request: a publish renaming a new file in mid-answer cannot mix two files. */
async function* body(fh: FileHandle, pieces: ({ text: string } | ByteRange)[]): AsyncGenerator<Buffer> {
  try {
    for (const p of pieces) {
      if ('text' in p) yield Buffer.from(p.text);
      else yield* readRange(fh, p);
    }
  } finally {
    await fh.close();
  }
}

function notFound(name: string): HttpError {
  return new HttpError('not_found', `No such update file: ${name}`);
}

async function openFeedFile(updatesDir: string, name: string): Promise<{ fh: FileHandle; size: number; mtime: Date }> {
  if (!isFeedFileName(name)) throw notFound(name);
  let fh: FileHandle;
  try {
    fh = await open(join(updatesDir, name), 'r');
  } catch {
    throw notFound(name);
  }
  const st = await fh.stat();
  if (!st.isFile()) {
    await fh.close();
    throw notFound(name);
  }
  return { fh, size: st.size, mtime: st.mtime };
}

function sendFile(reply: FastifyReply, fh: FileHandle, name: string, size: number, range: string | undefined) {
  const type = contentTypeOf(name);
  const ranges = parseRange(range, size);
  if (ranges === 'unsatisfiable') {
    void fh.close();
    reply.header('content-range', `bytes */${size}`);
    throw new HttpError('invalid_payload', `Range not satisfiable for ${size} bytes`, undefined, 416);
  }
  if (ranges === null || ranges.length === 1) {
    const r = ranges?.[0] ?? { start: 0, end: size - 1 };
    if (ranges) reply.status(206).header('content-range', `bytes ${r.start}-${r.end}/${size}`);
    reply.header('content-type', type).header('content-length', String(size === 0 ? 0 : r.end - r.start + 1));
    return reply.send(Readable.from(body(fh, size === 0 ? [] : [r])));
  }
  const plan = multipartPlan(ranges, size, type, randomBytes(12).toString('hex'));
  reply
    .status(206)
    .header('content-type', `multipart/byteranges; boundary=${plan.boundary}`)
    .header('content-length', String(plan.contentLength));
  return reply.send(Readable.from(body(fh, plan.pieces)));
}

export function updateRoutes(app: FastifyInstance, updatesDir: string): void {
  app.get<{ Params: { file: string } }>(
    `${UPDATES_PATH}:file`,
    { config: { public: true } },
    async (request, reply) => {
      const name = request.params.file;
      const { fh, size, mtime } = await openFeedFile(updatesDir, name);
      reply.header('accept-ranges', 'bytes').header('last-modified', mtime.toUTCString());
      // Metadata changes in place at each release; installers keep their versioned names.
      if (name.endsWith('.yml') || name.endsWith('.sig')) reply.header('cache-control', 'no-cache');
      if (request.method === 'HEAD') {
        await fh.close();
        // An empty stream: Fastify's HEAD handling keeps our Content-Length for streams (not for no payload).
        return reply
          .header('content-type', contentTypeOf(name))
          .header('content-length', String(size))
          .send(Readable.from([]));
      }
      return sendFile(reply, fh, name, size, request.headers.range);
    },
  );
}
