import type { problemChannels } from '../../../shared/channels/problems';
import { assertLevelEdit } from '../db/escalations';
import { actorOf, ensureLocalUser } from '../db/identity';
import { addProgressNote, createProblem, updateProblem } from '../db/problems';
import { getProblemDetail, transitionProblem } from '../db/problems-flow';
import { listProblems, problemFacets } from '../db/problems-list';
import type { HandlerContext, HandlersFor } from '../registry';

function writer(ctx: HandlerContext): { now: number; actor: ReturnType<typeof actorOf> } {
  const now = ctx.now();
  return { now, actor: actorOf(ensureLocalUser(ctx.db, now)) };
}

export const problemHandlers: HandlersFor<typeof problemChannels> = {
  'problems.create': (input, ctx) => {
    const { now, actor } = writer(ctx);
    const problem = createProblem(ctx.db, actor, now, input);
    ctx.emit('data.changed', { tables: ['problems'] });
    return problem;
  },
  'problems.update': (input, ctx) => {
    const { now, actor } = writer(ctx);
    assertLevelEdit(ctx.db, ensureLocalUser(ctx.db, now).role, input.id, input.patch.handlingLevel);
    const problem = updateProblem(ctx.db, actor, now, input.id, input.patch);
    ctx.emit('data.changed', { tables: ['problems'] });
    return problem;
  },
  'problems.transition': (input, ctx) => {
    const { now, actor } = writer(ctx);
    const problem = transitionProblem(ctx.db, actor, now, input);
    // A reopening also appends a progress note.
    ctx.emit('data.changed', { tables: ['problems', 'progress_notes'] });
    return problem;
  },
  'problems.addNote': (input, ctx) => {
    const { now, actor } = writer(ctx);
    const note = addProgressNote(ctx.db, actor, now, input.problemId, input.text);
    ctx.emit('data.changed', { tables: ['progress_notes'] });
    return note;
  },
  'problems.get': (input, ctx) => getProblemDetail(ctx.db, input.id, ctx.now()),
  'problems.list': (input, ctx) => listProblems(ctx.db, input, ctx.now()),
  'problems.facets': (_input, ctx) => problemFacets(ctx.db),
};
