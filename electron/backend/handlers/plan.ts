import type { planChannels } from '../../../shared/channels/plan';
import type { LocalUser } from '../../../shared/domain/identity';
import { AppError } from '../../../shared/errors';
import { mayWrite } from '../../../shared/sync/roles';
import { deadlineSummary } from '../db/deadlines';
import { changeLevel, listEscalations } from '../db/escalations';
import { actorOf, ensureLocalUser } from '../db/identity';
import { decisionsOfProblem } from '../db/meetings';
import { groupsOverview, monthPlan, scheduleVisit } from '../db/plan';
import { getProblem } from '../db/problems';
import { listReminders } from '../db/reminders';
import { weeklyProblems } from '../db/weekly';
import type { HandlerContext, HandlersFor } from '../registry';
import { meetingHandlers } from './meetings';

/** The plan, escalation, deadline, reminder and weekly-report channels (issue 6). */

type PlanChannels = typeof planChannels;
type OwnChannels = Omit<PlanChannels, 'meetings.list' | 'meetings.save' | 'meetings.agenda' | 'meetings.decide'>;

function user(ctx: HandlerContext): LocalUser {
  return ensureLocalUser(ctx.db, ctx.now());
}

/** A member may write the project's field tables; the server checks again on push. */
function fieldWriter(ctx: HandlerContext, scope: string, table: 'visit_plans' | 'escalations'): LocalUser {
  const u = user(ctx);
  if (u.role !== null && !mayWrite(u.role, { scope, table, column: 'project_id' })) {
    throw new AppError('forbidden', 'you may not change this project');
  }
  return u;
}

function problemScope(ctx: HandlerContext, id: string): string {
  const problem = getProblem(ctx.db, id);
  if (!problem) throw new AppError('not_found', `no problem ${id}`);
  return problem.projectId;
}

const ownHandlers: HandlersFor<OwnChannels> = {
  'plan.month': (input, ctx) => monthPlan(ctx.db, user(ctx), input, ctx.now()),
  'plan.schedule': (input, ctx) => {
    const u = fieldWriter(ctx, input.projectId, 'visit_plans');
    const plan = scheduleVisit(ctx.db, actorOf(u), ctx.now(), input);
    ctx.emit('data.changed', { tables: ['visit_plans'] });
    return plan;
  },
  'groups.overview': (_input, ctx) => groupsOverview(ctx.db, user(ctx)),
  'problems.escalate': (input, ctx) => {
    const u = fieldWriter(ctx, problemScope(ctx, input.id), 'escalations');
    const problem = changeLevel(ctx.db, actorOf(u), u.role, ctx.now(), 'escalate', input);
    ctx.emit('data.changed', { tables: ['problems', 'escalations'] });
    return problem;
  },
  'problems.sendBack': (input, ctx) => {
    const u = fieldWriter(ctx, problemScope(ctx, input.id), 'escalations');
    const problem = changeLevel(ctx.db, actorOf(u), u.role, ctx.now(), 'send_back', input);
    ctx.emit('data.changed', { tables: ['problems', 'escalations'] });
    return problem;
  },
  'problems.escalations': (input, ctx) => listEscalations(ctx.db, input.id),
  'problems.decisions': (input, ctx) => decisionsOfProblem(ctx.db, input.id),
  'deadlines.summary': (input, ctx) => deadlineSummary(ctx.db, input.by, ctx.now()),
  'reminders.list': (_input, ctx) => listReminders(ctx.db, user(ctx), ctx.now()),
  'reports.weeklyProblems': (input, ctx) => weeklyProblems(ctx.db, input.weekOf, ctx.now()),
};

export const planHandlers: HandlersFor<PlanChannels> = { ...ownHandlers, ...meetingHandlers };
