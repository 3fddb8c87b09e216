/**
 * A PATCH handed to @tus/server as a web Request whose body streams the Node request's
 * own chunks. Its Node entry point (srvx's NodeRequest) builds the body with
 * Readable.toWeb, which in Node 20 copies every chunk into a new array: for photo bytes that
 * is a copy of every byte and as much garbage (bench/photo-upload.ts). Nothing else
 * differs: same headers, same URL, and a cut connection errors the body as before.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bytes queued ahead of the datastore before the socket is paused. */
const BODY_HIGH_WATER_BYTES = 1024 * 1024;

function bodyOf(raw: IncomingMessage): ReadableStream<Uint8Array> {
  let settled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        raw.on('data', (chunk: Buffer) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) raw.pause();
        });
        raw.once('end', () => {
          if (settled) return;
          settled = true;
          controller.close();
        });
        const fail = (err: Error): void => {
          if (settled) return;
          settled = true;
          controller.error(err);
        };
        raw.once('error', fail);
        raw.once('close', () => {
          if (!raw.complete) fail(new Error('the request was cut before its body ended'));
        });
      },
      pull() {
        raw.resume();
      },
      cancel() {
        settled = true;
        raw.destroy();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: BODY_HIGH_WATER_BYTES }),
  );
}

export function webRequestOf(raw: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.rawHeaders.length; i += 2) headers.append(raw.rawHeaders[i]!, raw.rawHeaders[i + 1]!);
  const url = `http://${raw.headers.host ?? 'localhost'}${raw.url ?? '/'}`;
  // duplex: a streamed request body (Node's fetch needs it; the DOM typings lack it).
  const init: RequestInit & { duplex: 'half' } = { method: raw.method, headers, body: bodyOf(raw), duplex: 'half' };
  return new Request(url, init);
}

/** Sends @tus/server's answer (its bodies are short texts) on the Node response. */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (body) res.setHeader('content-length', String(body.length));
  res.writeHead(response.status);
  res.end(body ?? undefined);
}
