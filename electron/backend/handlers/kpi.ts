import type { kpiChannels } from '../../../shared/channels/kpi';
import type { LocalUser } from '../../../shared/domain/identity';
import { AppError } from '../../../shared/errors';
import type { RecordTable } from '../../../shared/records';
import { mayWrite, ORG_SCOPE } from '../../../shared/sync/roles';
import { actorOf, ensureLocalUser } from '../db/identity';
import { closeMonth, kpiFigures, kpiProjectsBehind } from '../db/kpi';
import { kpiDashboard, kpiTrend } from '../db/kpi-dashboard';
import { listClosings, reopenMonth } from '../db/kpi-closings';
import { deleteTarget, listTargets, saveTarget } from '../db/kpi-targets';
import type { HandlerContext, HandlersFor } from '../registry';

/**
 * The figures: every member reads them; coordinators and admins close months and set targets
 * (organisation-scope writes, checked again by the server on push). A local user without an
 * account role works alone and may do both.
 */

type OrgTable = Extract<RecordTable, 'month_closings' | 'campaign_targets'>;

function mayManage(u: LocalUser, table: OrgTable): boolean {
  return u.role === null || mayWrite(u.role, { scope: ORG_SCOPE, table, column: 'deleted' });
}

function manager(ctx: HandlerContext, table: OrgTable): LocalUser {
  const u = ensureLocalUser(ctx.db, ctx.now());
  if (!mayManage(u, table)) {
    throw new AppError('forbidden', 'only coordinators and administrators close months and set targets');
  }
  return u;
}

export const kpiHandlers: HandlersFor<typeof kpiChannels> = {
  'kpi.figures': (input, ctx) => kpiFigures(ctx.db, input, ctx.now()),
  'kpi.dashboard': (input, ctx) => {
    const u = ensureLocalUser(ctx.db, ctx.now());
    return kpiDashboard(ctx.db, input, ctx.now(), mayManage(u, 'month_closings'));
  },
  'kpi.trend': (input, ctx) => kpiTrend(ctx.db, input, ctx.now()),
  'kpi.projects': (input, ctx) => kpiProjectsBehind(ctx.db, input, ctx.now()),
  'kpi.closings': (_input, ctx) => listClosings(ctx.db),
  'kpi.close': (input, ctx) => {
    const u = manager(ctx, 'month_closings');
    const info = closeMonth(ctx.db, actorOf(u), ctx.now(), input);
    ctx.emit('data.changed', { tables: ['month_closings', 'month_closing_parts'] });
    return info;
  },
  'kpi.reopen': (input, ctx) => {
    const u = manager(ctx, 'month_closings');
    const info = reopenMonth(ctx.db, actorOf(u), ctx.now(), input);
    ctx.emit('data.changed', { tables: ['month_closings'] });
    return info;
  },
  'kpi.targets': (_input, ctx) => listTargets(ctx.db),
  'kpi.saveTarget': (input, ctx) => {
    const u = manager(ctx, 'campaign_targets');
    const target = saveTarget(ctx.db, actorOf(u), ctx.now(), input);
    ctx.emit('data.changed', { tables: ['campaign_targets'] });
    return target;
  },
  'kpi.deleteTarget': (input, ctx) => {
    const u = manager(ctx, 'campaign_targets');
    const done = deleteTarget(ctx.db, actorOf(u), ctx.now(), input.id);
    ctx.emit('data.changed', { tables: ['campaign_targets'] });
    return done;
  },
};
