/**
 * The connection settings every photo transfer shares with sync: the server, the device token,
 * the same trust (SITEBOOK_CA_FILE), kept-alive sockets; and what an HTTP failure means for a
 * transfer.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { WireError } from '../../../../shared/sync/wire';
import { extraCa } from '../../sync/client';

export interface PhotoServer {
  baseUrl: string;
  token: string;
}

/** Options for node:http(s).request: the agent carries the CA and keeps sockets open between chunks. */
export interface RequestTrust {
  agent: HttpAgent;
}

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
let httpsAgent: { ca: string[] | null; agent: HttpsAgent } | null = null;

export function trustFor(url: string): RequestTrust {
  if (new URL(url).protocol !== 'https:') return { agent: httpAgent };
  const ca = extraCa();
  if (httpsAgent?.ca !== ca) {
    httpsAgent?.agent.destroy();
    httpsAgent = { ca, agent: new HttpsAgent({ keepAlive: true, maxSockets: 16, ...(ca ? { ca } : {}) }) };
  }
  return { agent: httpsAgent.agent };
}

export function authHeader(server: PhotoServer): Record<string, string> {
  return { authorization: `Bearer ${server.token}` };
}

/**
 * - auth: the token is no good (401): the sync engine's usual handling (sign in again, revoked).
 * - no_access: 403, the user may not see/edit a project with this photo; waits for the user.
 * - not_on_server: 404 on a download, the bytes are not there yet; tried at the next cycle.
 * - retry: network, 5xx, 409/423: back off and try again.
 * - refused: any other 4xx; waits for the user.
 */
export type FailureKind = 'auth' | 'no_access' | 'not_on_server' | 'hash_mismatch' | 'retry' | 'refused';

export class TransferError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly code: string,
    message: string,
    readonly status: number | null = null,
    /** The server's own code for a 401 (unauthorized, token_revoked, device_revoked). */
    readonly wireCode: string | null = null,
  ) {
    super(message);
    this.name = 'TransferError';
  }
}

function serverMessage(body: string): { code: string | null; message: string | null } {
  try {
    const wire = WireError.safeParse(JSON.parse(body));
    if (wire.success) return { code: wire.data.error.code, message: wire.data.error.message };
  } catch {
    // Not JSON (tus answers in plain text): the status says enough.
  }
  const text = body.trim().slice(0, 200);
  return { code: null, message: text || null };
}

export function httpFailure(status: number, body: string, what: string, hashMismatchStatus: number): TransferError {
  const said = serverMessage(body);
  const detail = `${what}: the server answered ${status}${said.message ? ` (${said.message})` : ''}`;
  if (status === 401) return new TransferError('auth', said.code ?? 'unauthorized', detail, status, said.code);
  if (status === 403) return new TransferError('no_access', 'no_access', detail, status);
  if (status === hashMismatchStatus) return new TransferError('hash_mismatch', 'hash_mismatch', detail, status);
  if (status === 404 || status === 410) return new TransferError('not_on_server', 'not_on_server', detail, status);
  if (status === 413) return new TransferError('refused', 'too_large', detail, status);
  if (status >= 500 || status === 409 || status === 423 || status === 429)
    return new TransferError('retry', 'server_error', detail, status);
  return new TransferError('refused', 'refused', detail, status);
}

export function networkFailure(err: unknown, what: string): TransferError {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  const message = e instanceof Error ? e.message : String(e);
  const code = e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code.includes('SELF_SIGNED'))
    return new TransferError('retry', 'tls_untrusted', `${what}: the server's certificate is not trusted (${message})`);
  return new TransferError('retry', 'server_unreachable', `${what}: the server cannot be reached (${message})`);
}
