/**
 * An HTTP proxy between a device and the real server that injects network faults
 * on demand: the request never arrives, the response is lost after the server
 * committed, a 503 from the server, a 502 from a gateway, a request sent twice,
 * or a request held back so a later one overtakes it.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * - drop_request: the connection breaks before the request is forwarded.
 * - drop_response: forwarded (the server commits), then the connection breaks.
 * - server_error: a 503 with the server's JSON error body; bad_gateway: a 502 with an HTML page.
 * - duplicate: forwarded twice at once; the device gets the first answer.
 * - delay: forwarded after `delayMs`.
 * - hold: forwarded only after the next request to the same path was answered (or after
 *   `holdMs`), so two requests reach the server in the opposite order.
 */
export type Fault = 'drop_request' | 'drop_response' | 'server_error' | 'bad_gateway' | 'duplicate' | 'delay' | 'hold';

export interface FaultProxy {
  url: string;
  /** Faults for the next matching requests, in order (then requests pass through). */
  inject(path: string, ...faults: Fault[]): void;
  /** A fault chosen by `pick` for every request to `path` until cleared. */
  always(path: string, pick: () => Fault | null): void;
  clear(): void;
  /** Requests that reached the server, by path. */
  forwarded: Map<string, number>;
  /** Called each time a request is sent on to the server (e.g. to kill it mid-request). */
  onForward(listener: ((path: string, body: Buffer) => void) | null): void;
  /** Requests to `path` held back right now. */
  holding(path: string): number;
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFaultProxy(target: string, delayMs = 300, holdMs = 10_000): Promise<FaultProxy> {
  const upstream = new URL(target);
  const queued = new Map<string, Fault[]>();
  const pickers = new Map<string, () => Fault | null>();
  const forwarded = new Map<string, number>();
  /** Per path, releases for held requests: called once the overtaking request was answered. */
  const held = new Map<string, (() => void)[]>();
  let forwardListener: ((path: string, body: Buffer) => void) | null = null;

  function hold(path: string): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, holdMs);
      held.set(path, [
        ...(held.get(path) ?? []),
        () => {
          clearTimeout(timer);
          resolve();
        },
      ]);
    });
  }

  function releaseHeld(path: string): void {
    const waiting = held.get(path) ?? [];
    held.delete(path);
    for (const release of waiting) release();
  }

  function forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    const path = req.url ?? '/';
    const bare = path.split('?')[0]!;
    forwarded.set(bare, (forwarded.get(bare) ?? 0) + 1);
    forwardListener?.(bare, body);
    return new Promise((resolve, reject) => {
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path,
          headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
          // A fresh connection each time: none left over from a server that was killed.
          agent: false,
        },
        (res) => {
          readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  function reply(res: ServerResponse, up: Upstream): void {
    const headers = { ...up.headers };
    delete headers['transfer-encoding'];
    res.writeHead(up.status, headers);
    res.end(up.body);
  }

  function nextFault(path: string): Fault | null {
    const list = queued.get(path);
    if (list && list.length > 0) return list.shift()!;
    return pickers.get(path)?.() ?? null;
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const body = await readBody(req);
      const fault = nextFault(path);
      try {
        switch (fault) {
          case 'drop_request':
            req.socket.destroy();
            return;
          case 'drop_response':
            await forward(req, body);
            req.socket.destroy();
            return;
          case 'server_error':
            res.writeHead(503, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'unavailable', message: 'the server is busy; try again later' } }));
            return;
          case 'bad_gateway':
            res.writeHead(502, { 'content-type': 'text/html' });
            res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
            return;
          case 'hold':
            await hold(path);
            reply(res, await forward(req, body));
            return;
          case 'duplicate': {
            const [first] = await Promise.all([forward(req, body), forward(req, body)]);
            reply(res, first);
            return;
          }
          case 'delay':
            await new Promise((r) => setTimeout(r, delayMs));
            reply(res, await forward(req, body));
            return;
          default: {
            const answer = await forward(req, body);
            // This request overtook the held ones: now they may go.
            releaseHeld(path);
            reply(res, answer);
          }
        }
      } catch {
        // The server went away (e.g. SIGKILL in a test): the device sees a broken connection.
        req.socket.destroy();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    inject(path, ...faults) {
      queued.set(path, [...(queued.get(path) ?? []), ...faults]);
    },
    always(path, pick) {
      pickers.set(path, pick);
    },
    clear() {
      queued.clear();
      pickers.clear();
      for (const path of [...held.keys()]) releaseHeld(path);
    },
    forwarded,
    onForward(listener) {
      forwardListener = listener;
    },
    holding: (path) => held.get(path)?.length ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
