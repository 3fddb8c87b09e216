/**
 * The sync server's HTTP app (Fastify 5): health, sign-in, sync, directory and
 * admin routes; every answer carries the server clock in `x-server-time`, and
 * every error is a WireError.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_BODY_BYTES } from '../shared/sync/wire';
import { LoginRateLimiter } from './auth/rate-limit';
import type { ServerDb } from './db/connect';
import { errorHandler, HttpError, sendError } from './http/errors';
import { adminRoutes } from './http/routes/admin';
import { authRoutes } from './http/routes/auth';
import { healthRoutes } from './http/routes/health';
import { syncRoutes } from './http/routes/sync';
import { testOnlyRoutes } from './http/routes/test-only';
import { authHook } from './http/session';
import { photoRoutes } from './photos/routes';
import { openPhotoStorage, type PhotoStorage } from './photos/storage';
import { updateRoutes } from './updates/routes';

export interface BuildServerOptions {
  sdb: ServerDb;
  /** The server clock (epoch ms); injected by tests. */
  now?: () => number;
  /** Fastify's pino options; false (the default) is silent. */
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  /** Injected by tests to share or inspect the limiter; one per server otherwise. */
  rateLimiter?: LoginRateLimiter;
  /** Registers the routes of server/http/routes/test-only.ts. */
  testRoutes?: boolean;
  /** PEM certificate and key: the server speaks HTTPS (server/main.ts, TLS_CERT_FILE / TLS_KEY_FILE). */
  https?: { cert: Buffer; key: Buffer };
  /** Serves GET /updates/<file> from this directory (server/updates; UPDATES_DIR). */
  updatesDir?: string;
  /** Where photo bytes go (server/main.ts: the data dir or S3); a temp dir removed on close when absent. */
  photos?: PhotoStorage;
}

export function buildServer(opts: BuildServerOptions): FastifyInstance {
  const now = opts.now ?? Date.now;
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? MAX_BODY_BYTES,
    ...(opts.https ? { https: opts.https } : {}),
  });
  const limiter = opts.rateLimiter ?? new LoginRateLimiter({ now });

  app.decorateRequest('session', null);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-server-time', String(now()));
    // While shutting down, a keep-alive socket would hold close() open after its last answer.
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onRequest', authHook(opts.sdb, now));
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, new HttpError('not_found', `No such route: ${request.method} ${request.url.split('?')[0]}`)),
  );

  healthRoutes(app, opts.sdb);
  authRoutes(app, opts.sdb, limiter, now);
  syncRoutes(app, opts.sdb, now);
  adminRoutes(app, opts.sdb, now);
  photoRoutes(app, opts.sdb, opts.photos ?? tempPhotoStorage(app), now);
  if (opts.updatesDir) updateRoutes(app, opts.updatesDir);
  if (opts.testRoutes) testOnlyRoutes(app);
  return app;
}

/** For servers built without a photo store (tests of other routes): a temp dir that goes with the app. */
function tempPhotoStorage(app: FastifyInstance): PhotoStorage {
  const dataDir = mkdtempSync(join(tmpdir(), 'sitebook-photos-'));
  app.addHook('onClose', async () => rmSync(dataDir, { recursive: true, force: true }));
  return openPhotoStorage({ kind: 'disk', dataDir });
}
