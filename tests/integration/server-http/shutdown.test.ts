/** Graceful shutdown of the real server process: a request in flight is answered, then exit 0. */
import { describe, expect, it } from 'vitest';
import { startServer } from '../../support/server-process';
import { call } from './client';

describe('graceful shutdown', () => {
  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const server = await startServer({ env: { SITEBOOK_TEST_ROUTES: '1' } });
    try {
      const started = Date.now();
      const slow = call(server.url, 'POST', '/test/slow', { json: { ms: 1500 } });
      await new Promise((r) => setTimeout(r, 400));
      const exited = server.stop('SIGTERM');
      const answer = await slow;
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ok: true, waitedMs: 1500 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
      expect(await exited).toBe(0);
      await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    } finally {
      await server.dispose();
    }
  });
});
