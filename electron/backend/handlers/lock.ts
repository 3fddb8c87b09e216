import type { lockChannels } from '../../../shared/channels/lock';
import { AppError } from '../../../shared/errors';
import type { HandlerContext, HandlersFor } from '../registry';
import type { AppLock } from '../lock/service';

function lockOf(ctx: HandlerContext): AppLock {
  if (!ctx.lock) throw new AppError('internal', 'the app lock is not running');
  return ctx.lock;
}

/** shared/channels/lock.ts; which of them answer while locked is decided in backend.ts, before any handler. */
export const lockHandlers: HandlersFor<typeof lockChannels> = {
  'lock.state': (_input, ctx) => lockOf(ctx).state(),
  'lock.activity': (_input, ctx) => lockOf(ctx).activity(),
  'lock.lockNow': (_input, ctx) => lockOf(ctx).lockNow(),
  'lock.unlock': (input, ctx) => lockOf(ctx).unlock(input.secret),
  'lock.setSecret': (input, ctx) => lockOf(ctx).setSecret(input),
  'lock.removeSecret': (input, ctx) => lockOf(ctx).removeSecret(input.current),
  'lock.setIdleMinutes': (input, ctx) => lockOf(ctx).setIdleMinutes(input.idleMinutes),
};
