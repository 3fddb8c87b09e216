/**
 * A streaming HTTP proxy for photo bytes (tests/support/fault-proxy.ts buffers whole bodies, so it
 * cannot cut an upload mid-chunk). It counts the tus PATCH bytes that reached the server and can:
 * cut the connection at given cumulative PATCH offsets, call back as bytes pass (to kill the device
 * process mid-upload), flip a byte of or replace the next PATCH body, refuse tus requests (503) for
 * a while, and flip or truncate the next blob download.
 */
import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PHOTO_BLOB_PREFIX, TUS_PATH } from '../../../shared/photos/transfer';

export interface BytePlan {
  /** Cumulative PATCH offsets (bytes forwarded to the server) where the connection is cut. */
  cutAt: number[];
  /** Called with the cumulative PATCH bytes forwarded, after each piece. */
  onPatchBytes: ((total: number) => void) | null;
  /** The next PATCH body gets one byte flipped at this offset of the body. */
  flipNextPatchAt: number | null;
  /** The next PATCH body is replaced by other bytes of the same length (the wrong file). */
  wrongNextPatch: boolean;
  /** Every tus request answered 503 while set (the server "is busy"): records sync, bytes wait. */
  refuseUploads: boolean;
  /** The next blob download: a byte flipped, or cut off halfway. */
  nextDownload: 'flip' | 'truncate' | null;
}

export interface ByteProxy {
  url: string;
  plan: BytePlan;
  /** PATCH body bytes forwarded to the server so far. */
  patchBytes(): number;
  /** Requests by method for tus paths (POST creations, HEAD resumptions, PATCHes). */
  tusRequests: Map<string, number>;
  close(): Promise<void>;
}

export async function startByteProxy(target: string): Promise<ByteProxy> {
  const upstream = new URL(target);
  const plan: BytePlan = {
    cutAt: [],
    onPatchBytes: null,
    flipNextPatchAt: null,
    wrongNextPatch: false,
    refuseUploads: false,
    nextDownload: null,
  };
  let patchBytes = 0;
  const tusRequests = new Map<string, number>();

  function forwardPatch(req: IncomingMessage, out: ReturnType<typeof request>, res: ServerResponse): void {
    let bodyOffset = 0;
    const flipAt = plan.flipNextPatchAt;
    plan.flipNextPatchAt = null;
    const wrong = plan.wrongNextPatch;
    plan.wrongNextPatch = false;
    let cut = false;
    req.on('data', (chunk: Buffer) => {
      if (cut) return;
      let piece = wrong ? randomBytes(chunk.length) : Buffer.from(chunk);
      if (flipAt !== null && flipAt >= bodyOffset && flipAt < bodyOffset + piece.length)
        piece[flipAt - bodyOffset] = piece[flipAt - bodyOffset]! ^ 0xff;
      bodyOffset += chunk.length;
      const cutPoint = plan.cutAt.find((c) => c > patchBytes && c <= patchBytes + piece.length);
      if (cutPoint !== undefined) {
        plan.cutAt = plan.cutAt.filter((c) => c !== cutPoint);
        piece = piece.subarray(0, cutPoint - patchBytes);
        cut = true;
      }
      patchBytes += piece.length;
      const flushed = (): void => {
        plan.onPatchBytes?.(patchBytes);
        if (!cut) return;
        // Let the server read what arrived, then break both connections.
        setTimeout(() => {
          out.destroy();
          req.socket.destroy();
          res.destroy();
        }, 100);
      };
      if (piece.length === 0) flushed();
      else if (!out.write(piece, flushed)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    });
    req.on('end', () => {
      if (!cut) out.end();
    });
    req.on('error', () => out.destroy());
    req.on('close', () => {
      if (!req.complete) out.destroy();
    });
  }

  function reply(path: string, method: string, up: IncomingMessage, res: ServerResponse): void {
    res.writeHead(up.statusCode ?? 502, up.headers);
    const fault =
      method === 'GET' && path.startsWith(PHOTO_BLOB_PREFIX) && up.statusCode === 200 ? plan.nextDownload : null;
    if (fault) plan.nextDownload = null;
    let sent = 0;
    const length = Number(up.headers['content-length'] ?? 0);
    up.on('data', (chunk: Buffer) => {
      let piece = chunk;
      if (fault === 'flip' && sent === 0) {
        piece = Buffer.from(chunk);
        piece[0] = piece[0]! ^ 0xff;
      }
      if (fault === 'truncate' && sent + piece.length > length / 2) {
        res.write(piece.subarray(0, Math.max(0, Math.floor(length / 2) - sent)));
        up.destroy();
        res.destroy();
        return;
      }
      sent += piece.length;
      res.write(piece);
    });
    up.on('end', () => res.end());
    up.on('error', () => res.destroy());
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    const isTus = path.startsWith(TUS_PATH);
    if (isTus) tusRequests.set(method, (tusRequests.get(method) ?? 0) + 1);
    if (isTus && plan.refuseUploads) {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'unavailable', message: 'the server is busy; try again later' } }));
      return;
    }
    const out = request({
      host: upstream.hostname,
      port: upstream.port,
      method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host },
      agent: false,
    });
    out.on('response', (up) => reply(path, method, up, res));
    out.on('error', () => {
      req.socket.destroy();
    });
    if (isTus && method === 'PATCH') forwardPatch(req, out, res);
    else req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    plan,
    patchBytes: () => patchBytes,
    tusRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
