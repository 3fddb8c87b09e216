import type { Handler } from '../registry';
import { schemaVersion } from '../db/migrations/index';
import { ensureLocalUser, renameLocalUser } from '../db/identity';

export function appInfoHandler(version: string): Handler<'app.info'> {
  return (_input, ctx) => ({ version, shell: ctx.shell, dataDir: ctx.dataDir, schemaVersion: schemaVersion(ctx.db) });
}

export const identityGet: Handler<'identity.get'> = (_input, ctx) => ensureLocalUser(ctx.db, ctx.now());

export const identityRename: Handler<'identity.rename'> = (input, ctx) =>
  renameLocalUser(ctx.db, ctx.now(), input.name);
