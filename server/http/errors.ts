/** Every 4xx/5xx answer is a WireError `{error: {code, message}}` with a status that fits its code. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { WireError, WireErrorCode } from '../../shared/sync/wire';
import { AccountError } from '../accounts/errors';

export const STATUS_OF: Record<WireErrorCode, number> = {
  invalid_payload: 400,
  payload_too_large: 413,
  unauthorized: 401,
  token_revoked: 401,
  device_revoked: 401,
  bad_credentials: 401,
  rate_limited: 429,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export class HttpError extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly status: number = STATUS_OF[code],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function wireError(code: WireErrorCode, message: string, retryAfterSeconds?: number): WireError {
  return { error: retryAfterSeconds === undefined ? { code, message } : { code, message, retryAfterSeconds } };
}

/** Parses a body with its wire schema; the first issue names the field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  throw new HttpError('invalid_payload', `Invalid request: ${path}: ${issue?.message ?? 'invalid'}`);
}

function fromFastify(err: FastifyError): HttpError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError('payload_too_large', 'The request body is larger than the server accepts.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError('invalid_payload', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError('invalid_payload', 'The request body is empty; JSON was expected.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError('invalid_payload', 'The request body must be application/json.', undefined, 415);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError('invalid_payload', 'The request body does not match its Content-Length.');
    default:
      break;
  }
  // Fastify's own client errors (bad URL encoding, …) keep their status, in our envelope.
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new HttpError('invalid_payload', err.message, undefined, err.statusCode);
  }
  return null;
}

export function sendError(reply: FastifyReply, err: HttpError): FastifyReply {
  if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
  return reply.status(err.status).send(wireError(err.code, err.message, err.retryAfterSeconds));
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known =
    err instanceof HttpError
      ? err
      : err instanceof AccountError
        ? new HttpError(err.code, err.message)
        : fromFastify(err);
  if (known) return sendError(reply, known);
  request.log.error({ err }, 'request failed');
  return sendError(reply, new HttpError('internal', 'The server failed to handle this request; it has been logged.'));
}
