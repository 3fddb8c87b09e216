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
  let res: Response;
  try {
    res = await fetch(new URL(path, opts.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signalOf(opts),
    });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new SyncHttpError('server_unreachable', `the server cannot be reached (${why})`, null);
  }
  const serverTime = Number(res.headers.get('x-server-time'));
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
