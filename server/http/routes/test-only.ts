/**
 * Routes for tests only, registered when SITEBOOK_TEST_ROUTES=1: a request that
 * stays in flight for a while, so graceful shutdown can be observed finishing it.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseBody } from '../errors';

const SlowRequest = z.object({ ms: z.number().int().min(0).max(30_000) }).strict();

export function testOnlyRoutes(app: FastifyInstance): void {
  app.post('/test/slow', { config: { public: true } }, async (request) => {
    const { ms } = parseBody(SlowRequest, request.body);
    request.log.info({ ms }, 'slow test request started');
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { ok: true, waitedMs: ms };
  });
}
