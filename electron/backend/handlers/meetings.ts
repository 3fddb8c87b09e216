import type { planChannels } from '../../../shared/channels/plan';
import type { LocalUser } from '../../../shared/domain/identity';
import { AppError } from '../../../shared/errors';
import { mayWrite, ORG_SCOPE } from '../../../shared/sync/roles';
import { actorOf, ensureLocalUser } from '../db/identity';
import { decide, listMeetings, meetingAgenda, saveMeeting } from '../db/meetings';
import type { HandlerContext, HandlersFor } from '../registry';

/** 联审会办会: every member reads the agenda; coordinators and admins plan meetings and record decisions. */

type MeetingChannels = Pick<
  typeof planChannels,
  'meetings.list' | 'meetings.save' | 'meetings.agenda' | 'meetings.decide'
>;

function orgWriter(ctx: HandlerContext, table: 'meetings' | 'meeting_decisions'): LocalUser {
  const u = ensureLocalUser(ctx.db, ctx.now());
  if (u.role !== null && !mayWrite(u.role, { scope: ORG_SCOPE, table, column: 'deleted' })) {
    throw new AppError('forbidden', 'only coordinators and administrators plan joint meetings and record decisions');
  }
  return u;
}

export const meetingHandlers: HandlersFor<MeetingChannels> = {
  'meetings.list': (_input, ctx) => listMeetings(ctx.db),
  'meetings.save': (input, ctx) => {
    const u = orgWriter(ctx, 'meetings');
    const meeting = saveMeeting(ctx.db, actorOf(u), ctx.now(), input);
    ctx.emit('data.changed', { tables: ['meetings'] });
    return meeting;
  },
  'meetings.agenda': (input, ctx) => meetingAgenda(ctx.db, input.meetingId),
  'meetings.decide': (input, ctx) => {
    const u = orgWriter(ctx, 'meeting_decisions');
    const decision = decide(ctx.db, actorOf(u), ctx.now(), input);
    ctx.emit('data.changed', { tables: ['meeting_decisions', 'meetings', 'problems'] });
    return decision;
  },
};
