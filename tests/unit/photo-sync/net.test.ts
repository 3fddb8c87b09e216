import { describe, expect, it } from 'vitest';
import { httpFailure, networkFailure } from '../../../electron/backend/photos/transfer/net';
import { SpeedMeter } from '../../../electron/backend/photos/transfer/speed';
import { HASH_MISMATCH_STATUS } from '../../../shared/photos/transfer';

/** What an HTTP answer means for a photo transfer: who handles it, and whether it is tried again. */
describe('transfer failures', () => {
  const wire = (code: string, message: string) => JSON.stringify({ error: { code, message } });

  it('maps statuses to the engine reactions, keeping the server message', () => {
    const auth = httpFailure(401, wire('token_revoked', 'signed out'), 'upload', HASH_MISMATCH_STATUS);
    expect(auth).toMatchObject({ kind: 'auth', wireCode: 'token_revoked', status: 401 });
    expect(auth.message).toContain('signed out');
    expect(httpFailure(403, wire('forbidden', 'no'), 'upload', HASH_MISMATCH_STATUS)).toMatchObject({
      kind: 'no_access',
      code: 'no_access',
    });
    expect(httpFailure(HASH_MISMATCH_STATUS, '', 'upload', HASH_MISMATCH_STATUS).kind).toBe('hash_mismatch');
    expect(httpFailure(404, 'Not found', 'download', HASH_MISMATCH_STATUS).kind).toBe('not_on_server');
    expect(httpFailure(413, '', 'upload', HASH_MISMATCH_STATUS)).toMatchObject({ kind: 'refused', code: 'too_large' });
    for (const status of [500, 502, 503, 409, 423, 429])
      expect(httpFailure(status, '<html>', 'upload', HASH_MISMATCH_STATUS).kind, String(status)).toBe('retry');
    expect(httpFailure(400, 'bad', 'upload', HASH_MISMATCH_STATUS).kind).toBe('refused');
  });

  it('a network error backs off; an untrusted certificate says so', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(networkFailure(new Error('fetch failed', { cause: refused }), 'upload')).toMatchObject({
      kind: 'retry',
      code: 'server_unreachable',
    });
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(networkFailure(tls, 'download').code).toBe('tls_untrusted');
  });
});

describe('SpeedMeter', () => {
  it('averages the last few seconds and forgets older bytes', () => {
    const m = new SpeedMeter();
    m.add(0, 1_000_000);
    m.add(1_000, 1_000_000);
    expect(m.perSecond(2_000)).toBe(1_000_000);
    expect(m.perSecond(10_000)).toBe(0);
  });
});
