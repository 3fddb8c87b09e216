import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { z } from 'zod';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { WireError, type WireErrorCode } from '../../../shared/sync/wire';

/** How long one request may take before the server counts as unreachable. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** A failure the engine reacts to: the AppError, plus what the server said about retrying. */
export class SyncHttpError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number | null,
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message);
  }
}

const WIRE_TO_APP: { readonly [K in WireErrorCode]: ErrorCode } = {
  invalid_payload: 'invalid_input',
  payload_too_large: 'server_error',
  unauthorized: 'token_revoked',
  token_revoked: 'token_revoked',
  device_revoked: 'device_revoked',
  bad_credentials: 'bad_credentials',
  rate_limited: 'rate_limited',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  unavailable: 'server_error',
  internal: 'server_error',
};

export interface ClientOptions {
  baseUrl: string;
  token?: string | null;
  /** Every response's `x-server-time`, with the local time the response arrived. */
  onServerTime?: (serverTime: number, localTime: number) => void;
  timeoutMs?: number;
  /** The device's wall clock (the server time is compared with it). */
  now: () => number;
  /** Cuts the request short when the backend closes. */
  signal?: AbortSignal;
}

/**
 * A PEM file with an organisation's own CA certificate(s): trusted for the sync server
 * in addition to the public roots (verification stays on). Read by the backend on each
 * request, so a changed setting takes effect without a restart.
 */
export const CA_FILE_ENV = 'SITEBOOK_CA_FILE';

/** Node's codes for a certificate the client will not accept (unknown CA, expired, wrong name). */
const TLS_UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

let caCache: { file: string; ca: string[] } | null = null;

/** The trust list with the organisation CA added, or null to use Node's defaults (photo transfers use it too). */
export function extraCa(): string[] | null {
  const file = process.env[CA_FILE_ENV];
  if (!file) return null;
  if (caCache?.file !== file) {
    let pem: string;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new SyncHttpError('tls_untrusted', `the CA file ${file} cannot be read (${why})`, null);
    }
    // `ca` replaces Node's roots, so the public ones are kept alongside.
    caCache = { file, ca: [...rootCertificates, pem] };
  }
  return caCache.ca;
}

/** What callServer needs of a response, from fetch or from node:https. */
interface RawResponse {
  status: number;
  ok: boolean;
  header(name: string): string | null;
  json(): Promise<unknown>;
}

interface RawRequest {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal;
}

/** node:https with the extra CA (the global fetch cannot take one without undici's Agent). */
function httpsSend(url: URL, req: RawRequest, ca: string[]): Promise<RawResponse> {
  const headers = { ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    const r = httpsRequest(url, { method: req.method, headers, ca, signal: req.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) return reject(new Error('the connection closed before the response was complete'));
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({
          status,
          ok: status >= 200 && status < 300,
          header: (name) => {
            const v = res.headers[name.toLowerCase()];
            return typeof v === 'string' ? v : null;
          },
          json: async () => JSON.parse(text) as unknown,
        });
      });
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

async function send(url: URL, req: RawRequest): Promise<RawResponse> {
  const ca = url.protocol === 'https:' ? extraCa() : null;
  if (ca) return httpsSend(url, req, ca);
  const res = await fetch(url, req);
  return { status: res.status, ok: res.ok, header: (name) => res.headers.get(name), json: () => res.json() };
}

/** The innermost error code and message (fetch wraps the socket error in `cause`). */
function rootCause(err: unknown): { code: string | undefined; message: string } {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
  return { code, message: e instanceof Error ? e.message : String(e) };
}

/** `ROUTES` entries are "METHOD /path"; `:id` is filled from params. */
function routeOf(route: string, params: Record<string, string>): { method: string; path: string } {
  const [method, path] = route.split(' ') as [string, string];
  return { method, path: path.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? '')) };
}

function signalOf(opts: ClientOptions): AbortSignal {
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? REQUEST_TIMEOUT_MS);
  return opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
}

/** One JSON call to the sync server; every failure becomes a SyncHttpError with an app code. */
export async function callServer<S extends z.ZodType>(
  opts: ClientOptions,
  route: string,
  schema: S,
  body?: unknown,
  params: Record<string, string> = {},
): Promise<z.infer<S>> {
  const { method, path } = routeOf(route, params);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
  let res: RawResponse;
  try {
    res = await send(new URL(path, opts.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signalOf(opts),
    });
  } catch (err) {
    if (err instanceof SyncHttpError) throw err;
    const cause = rootCause(err);
    if (cause.code && TLS_UNTRUSTED_CODES.has(cause.code)) {
      const hint = `set ${CA_FILE_ENV} to the organisation's CA certificate (PEM)`;
      throw new SyncHttpError(
        'tls_untrusted',
        `the server's certificate is not trusted (${cause.message}); ${hint}`,
        null,
      );
    }
    throw new SyncHttpError('server_unreachable', `the server cannot be reached (${cause.message})`, null);
  }
  const serverTime = Number(res.header('x-server-time'));
  if (Number.isFinite(serverTime) && serverTime > 0) opts.onServerTime?.(serverTime, opts.now());
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    if (!res.ok) throw new SyncHttpError('server_error', `the server answered ${res.status}`, res.status);
    throw new SyncHttpError('server_error', 'the server sent a response that is not JSON', res.status);
  }
  if (!res.ok) {
    const wire = WireError.safeParse(json);
    if (!wire.success) throw new SyncHttpError('server_error', `the server answered ${res.status}`, res.status);
    const { code, message, retryAfterSeconds } = wire.data.error;
    throw new SyncHttpError(WIRE_TO_APP[code], message, res.status, retryAfterSeconds);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new SyncHttpError('server_error', `unexpected response from the server: ${parsed.error.message}`, res.status);
  }
  return parsed.data;
}
