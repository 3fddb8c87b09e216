import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { EVENT_NAMES } from '../../shared/api';
import { contentSecurityPolicy } from '../security';

/** What the shell needs of the backend: the same object Electron's IPC wires. */
export interface ShellBackend {
  invoke(channel: string, rawInput: unknown): Promise<unknown>;
  on(event: (typeof EVENT_NAMES)[number], listener: (payload: unknown) => void): () => void;
  /** While the idle lock holds, exported files are not served either. */
  isLocked?(): boolean;
}

export interface BrowserShell {
  /** Open this in a browser: it carries the per-run token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

// Photos travel inside calls as base64: room for a large original.
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const COOKIE = 'sitebook_token';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const EXPORT_TYPES: Record<string, string> = {
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pdf': 'application/pdf',
};

/**
 * Serves the built renderer and the backend contract on 127.0.0.1 only.
 * The per-run token arrives once in the URL and is then kept in a SameSite
 * strict, HttpOnly cookie; API calls also need a custom header (forcing a
 * CORS preflight nobody answers) and a loopback Host (against DNS rebinding).
 */
export async function startBrowserShell(opts: {
  backend: ShellBackend;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Where the backend writes exports (`<dataDir>/exports`): served at /api/exports/<jobId>. */
  exportsDir?: string;
}): Promise<BrowserShell> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const csp = contentSecurityPolicy({ dev: false });
  const bridgeJs = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'bridge.js'), 'utf8');
  const clients = new Set<ServerResponse>();
  let port = 0;

  const unsubscribe = EVENT_NAMES.map((event) =>
    opts.backend.on(event, (payload) => {
      const line = `data: ${JSON.stringify({ event, payload })}\n\n`;
      for (const res of clients) res.write(line);
    }),
  );

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `internal error: ${String(err)}`);
    });
  });

  function authorised(req: IncomingMessage, url: URL): boolean {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return false;
    const given = url.searchParams.get('token') ?? readCookie(req.headers.cookie, COOKIE);
    return given !== null && safeEqual(given, token);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!authorised(req, url))
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden: open the address printed by the shell');
    if (url.searchParams.has('token')) {
      res.setHeader('set-cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (url.pathname === '/api/invoke') return handleInvoke(req, res);
    if (url.pathname === '/api/events') return handleEvents(req, res);
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    if (url.pathname.startsWith('/api/exports/')) return handleExport(url.pathname.slice('/api/exports/'.length), res);
    if (url.pathname === '/shell-bridge.js') return send(res, 200, TYPES['.js']!, bridgeJs);
    return serveStatic(url.pathname, res);
  }

  async function handleInvoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.headers['x-sitebook'] !== '1') {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'invalid_input', message: 'POST with x-sitebook header' },
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req), decodeBytes);
    } catch (err) {
      const tooBig = err instanceof Error && err.message === 'too_large';
      return sendJson(res, tooBig ? 413 : 400, {
        ok: false,
        error: { code: 'invalid_input', message: tooBig ? 'request too large' : 'request body is not JSON' },
      });
    }
    const { channel, input } = (body ?? {}) as { channel?: unknown; input?: unknown };
    if (typeof channel !== 'string') {
      return sendJson(res, 400, { ok: false, error: { code: 'invalid_input', message: 'channel must be a string' } });
    }
    sendJson(res, 200, await opts.backend.invoke(channel, input));
  }

  /** An export's file as a download; the job id (ours, checked) names its directory. */
  async function handleExport(jobId: string, res: ServerResponse): Promise<void> {
    if (!opts.exportsDir || !/^[A-Za-z0-9_-]{8,64}$/.test(jobId)) return send(res, 404, 'text/plain', 'not found');
    if (opts.backend.isLocked?.()) return send(res, 423, 'text/plain; charset=utf-8', 'locked: unlock Sitebook first');
    const dir = join(opts.exportsDir, jobId);
    const name = (await readdir(dir).catch(() => [] as string[])).find(
      (n) => !n.startsWith('.') && !n.endsWith('.partial'),
    );
    if (!name) return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    const file = join(dir, name);
    const { size } = await stat(file);
    res.writeHead(200, {
      'content-type': EXPORT_TYPES[extname(name)] ?? 'application/octet-stream',
      'content-length': size,
      // An ASCII fallback for old clients, the real (Chinese) name per RFC 6266 / 5987.
      'content-disposition': `attachment; filename="export${extname(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    await new Promise<void>((resolve, reject) => {
      createReadStream(file).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
    });
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = normalize(join(opts.rendererDir, rel));
    if (!file.startsWith(normalize(opts.rendererDir) + sep)) return send(res, 404, 'text/plain', 'not found');
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      return send(res, 404, 'text/plain; charset=utf-8', 'not found');
    }
    if (rel === 'index.html') {
      // The bridge must run before the app's module script reads window.api.
      const html = bytes.toString('utf8').replace('<head>', '<head>\n    <script src="./shell-bridge.js"></script>');
      return send(res, 200, TYPES['.html']!, html);
    }
    send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', bytes);
  }

  function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
    res.writeHead(status, {
      'content-type': type,
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(body);
  }

  function sendJson(res: ServerResponse, status: number, value: unknown): void {
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(value, encodeBytes));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe.forEach((u) => u());
        for (const res of clients) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Keep draining past the limit so the client still gets its 413.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      size > MAX_BODY_BYTES ? reject(new Error('too_large')) : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

/** Bytes cross HTTP as {"$bytes": base64} (bridge.js does the same on the page side). */
function decodeBytes(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { $bytes?: unknown }).$bytes === 'string') {
    return Buffer.from((value as { $bytes: string }).$bytes, 'base64');
  }
  return value;
}

function encodeBytes(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // Buffer.toJSON has already run on `value`; the holder still has the original.
  const original = this[key];
  return original instanceof Uint8Array ? { $bytes: Buffer.from(original).toString('base64') } : value;
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
