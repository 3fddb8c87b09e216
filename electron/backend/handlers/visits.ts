import type { visitChannels } from '../../../shared/channels/visits';
import { actorOf, ensureLocalUser } from '../db/identity';
import { getVisitView, listDrafts, prefillVisit, reopenVisit, saveDraft, submitVisit } from '../db/visits';
import type { HandlersFor, HandlerContext } from '../registry';

function writer(ctx: HandlerContext) {
  const now = ctx.now();
  return { now, actor: actorOf(ensureLocalUser(ctx.db, now)) };
}

export const visitHandlers: HandlersFor<typeof visitChannels> = {
  'visits.get': (input, ctx) => getVisitView(ctx.db, input.id),

  'visits.saveDraft': (input, ctx) => {
    const { now, actor } = writer(ctx);
    const visit = saveDraft(ctx.db, actor, now, input);
    ctx.emit('data.changed', { tables: ['visits'] });
    return visit;
  },

  'visits.submit': (input, ctx) => {
    const { now, actor } = writer(ctx);
    const visit = submitVisit(ctx.db, actor, now, input.id);
    ctx.emit('data.changed', { tables: ['visits'] });
    return visit;
  },

  'visits.reopen': (input, ctx) => {
    const { now, actor } = writer(ctx);
    const visit = reopenVisit(ctx.db, actor, now, input.id, input.reason);
    ctx.emit('data.changed', { tables: ['visits'] });
    return visit;
  },

  'visits.drafts': (_input, ctx) => listDrafts(ctx.db, ensureLocalUser(ctx.db, ctx.now()).id),

  'visits.prefill': (input, ctx) => prefillVisit(ctx.db, input.projectId, ctx.now()),
};
