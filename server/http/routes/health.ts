import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Health } from '../../../shared/sync/wire';
import type { ServerDb } from '../../db/connect';

function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  const version = (pkg as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}

export function healthRoutes(app: FastifyInstance, sdb: ServerDb): void {
  const version = packageVersion();
  app.get('/health', { config: { public: true } }, async (): Promise<Health> => {
    return { ok: true, version, database: sdb.dialect };
  });
}
