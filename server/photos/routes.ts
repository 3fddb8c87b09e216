/** Every photo-bytes route (issue 5), for server/app.ts. */
import type { FastifyInstance } from 'fastify';
import type { ServerDb } from '../db/connect';
import { blobRoutes } from './blob-routes';
import type { PhotoStorage } from './storage';
import { tusRoutes } from './tus-routes';

export function photoRoutes(app: FastifyInstance, sdb: ServerDb, storage: PhotoStorage, now: () => number): void {
  tusRoutes(app, sdb, storage, now);
  blobRoutes(app, sdb, storage);
}
