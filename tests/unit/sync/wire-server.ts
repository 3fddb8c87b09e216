import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A scripted HTTP endpoint speaking the sync wire format, for unit tests of the device
 * side (the real server is exercised in tests/integration/sync). Each route answers
 * with what the test's handler returns; every request is recorded.
 */
export interface WireCall {
  route: string;
  body: unknown;
  auth: string | undefined;
}

export type WireHandler = (
  body: unknown,
  call: WireCall,
) =>
  | { status?: number; body: unknown; serverTime?: number }
  | Promise<{ status?: number; body: unknown; serverTime?: number }>;

export interface WireServer {
  url: string;
  calls: WireCall[];
  on(route: string, handler: WireHandler): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
}

export async function startWireServer(): Promise<WireServer> {
  const handlers = new Map<string, WireHandler>();
  const calls: WireCall[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const route = `${req.method} ${req.url}`;
      const body = await readBody(req);
      const call = { route, body, auth: req.headers.authorization };
      calls.push(call);
      const handler = handlers.get(route);
      const out = handler
        ? await handler(body, call)
        : { status: 404, body: { error: { code: 'not_found', message: route } } };
      res.writeHead(out.status ?? 200, {
        'content-type': 'application/json',
        'x-server-time': String(out.serverTime ?? Date.now()),
      });
      res.end(JSON.stringify(out.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    on: (route, handler) => handlers.set(route, handler),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
