import type { Database } from 'better-sqlite3';
import type { importChannels } from '../../../shared/channels/import';
import type { LocalUser } from '../../../shared/domain/identity';
import { AppError } from '../../../shared/errors';
import { seesAllProjects } from '../../../shared/sync/roles';
import { actorOf, ensureLocalUser } from '../db/identity';
import { closeSession, commitAccepted, previewImport, remapImport } from '../import/index';
import type { HandlersFor } from '../registry';

/**
 * Importing a ledger creates and edits projects: coordinators and admins, or a local user who
 * never signed in (as for projects.create). The server checks every op again on push.
 */
function importer(db: Database, now: number): LocalUser {
  const user = ensureLocalUser(db, now);
  if (user.role !== null && !seesAllProjects(user.role)) {
    throw new AppError('forbidden', 'only coordinators and administrators import project ledgers');
  }
  return user;
}

export const importHandlers: HandlersFor<typeof importChannels> = {
  'import.preview': (input, ctx) => {
    importer(ctx.db, ctx.now());
    return previewImport(ctx.db, input.name, input.bytes);
  },

  'import.remap': (input, ctx) => {
    importer(ctx.db, ctx.now());
    return remapImport(ctx.db, input);
  },

  'import.commit': (input, ctx) => {
    const now = ctx.now();
    const user = importer(ctx.db, now);
    const result = commitAccepted(ctx.db, actorOf(user), now, input, input.accept);
    if (result.created + result.updated > 0) ctx.emit('data.changed', { tables: ['projects'] });
    return result;
  },

  'import.discard': (input) => ({ discarded: closeSession(input.importId) }),
};
