/**
 * An HTTP proxy between a device and the real server that injects network faults
 * on demand: the request never arrives, the response is lost after the server
 * committed, a 503, a request sent twice, or a request held back so a later one
 * overtakes it.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'drop_request' | 'drop_response' | 'server_error' | 'duplicate' | 'delay';

export interface FaultProxy {
  url: string;
  /** Faults for the next matching requests, in order (then requests pass through). */
  inject(path: string, ...faults: Fault[]): void;
  /** A fault chosen by `pick` for every request to `path` until cleared. */
  always(path: string, pick: () => Fault | null): void;
  clear(): void;
  /** Requests that reached the server, by path. */
  forwarded: Map<string, number>;
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

export async function startFaultProxy(target: string, delayMs = 300): Promise<FaultProxy> {
  const upstream = new URL(target);
  const queued = new Map<string, Fault[]>();
  const pickers = new Map<string, () => Fault | null>();
  const forwarded = new Map<string, number>();

  function forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    const path = req.url ?? '/';
    forwarded.set(path.split('?')[0]!, (forwarded.get(path.split('?')[0]!) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path,
          headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
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
            res.end(JSON.stringify({ error: { code: 'unavailable', message: 'injected 503' } }));
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
          default:
            reply(res, await forward(req, body));
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
    },
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
