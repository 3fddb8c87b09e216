import type { syncChannels } from '../../../shared/channels/sync';
import { ROUTES } from '../../../shared/sync/wire';
import { actorOf, ensureLocalUser } from '../db/identity';
import { listConflicts, resolveConflict } from '../db/conflicts';
import { listSetAside } from '../db/sync-outbox';
import { setNotice } from '../db/sync-state';
import type { HandlerContext, HandlersFor } from '../registry';
import { adminDevices, adminDirectory, adminRevoke, type AdminDeps } from '../sync/admin';
import { engineFor } from '../sync/engine';

function adminDeps(ctx: HandlerContext): AdminDeps {
  const engine = engineFor(ctx.db);
  return { db: ctx.db, clock: engine.clock, wallNow: engine.wallNow };
}

export const syncHandlers: HandlersFor<typeof syncChannels> = {
  'sync.status': (_input, ctx) => engineFor(ctx.db).status(),
  'sync.now': (_input, ctx) => engineFor(ctx.db).syncNow(),
  'sync.signIn': (input, ctx) => engineFor(ctx.db).signIn(input),
  'sync.signOut': (_input, ctx) => engineFor(ctx.db).signOut(),
  'sync.setAside': (_input, ctx) => {
    // The user has now seen what was set aside: the notice about it is done.
    setNotice(ctx.db, null);
    return listSetAside(ctx.db);
  },
  'conflicts.list': (input, ctx) => listConflicts(ctx.db, input.includeResolved),
  'conflicts.resolve': (input, ctx) => {
    const now = ctx.now();
    const user = ensureLocalUser(ctx.db, now);
    const view = resolveConflict(ctx.db, actorOf(user), user.role, now, input.id, input.choice);
    ctx.emit('data.changed', { tables: [view.table, 'conflicts'] });
    return view;
  },
  'admin.directory': (_input, ctx) => adminDirectory(adminDeps(ctx), ROUTES.directory),
  'admin.saveUser': (input, ctx) => adminDirectory(adminDeps(ctx), ROUTES.adminUsers, input),
  'admin.saveGroup': (input, ctx) => adminDirectory(adminDeps(ctx), ROUTES.adminGroups, input),
  'admin.assign': (input, ctx) => adminDirectory(adminDeps(ctx), ROUTES.adminAssignments, input),
  'admin.devices': (_input, ctx) => adminDevices(adminDeps(ctx)),
  'admin.revokeDevice': (input, ctx) => adminRevoke(adminDeps(ctx), input.id),
};
