/** Sign-in (rate-limited, per-device tokens), sign-out and "who am I". */
import type { FastifyInstance } from 'fastify';
import { LoginRequest, type LoginResponse, type SessionUser } from '../../../shared/sync/wire';
import { createDeviceSession, revokeDevice } from '../../accounts/devices';
import { findUserByLogin, sessionUser } from '../../accounts/users';
import { burnPasswordCheck, verifyPassword } from '../../auth/password';
import type { LoginRateLimiter } from '../../auth/rate-limit';
import { hashDeviceToken, newDeviceToken } from '../../auth/token';
import type { ServerDb } from '../../db/connect';
import { HttpError, parseBody } from '../errors';
import { requireSession } from '../session';

export interface MeResponse {
  user: SessionUser;
  deviceId: string;
  groupIds: string[];
  serverTime: number;
}

const BAD_CREDENTIALS = 'Wrong login or password.';

export function authRoutes(app: FastifyInstance, sdb: ServerDb, limiter: LoginRateLimiter, now: () => number): void {
  app.post('/auth/login', { config: { public: true } }, async (request): Promise<LoginResponse> => {
    const input = parseBody(LoginRequest, request.body);
    const gate = limiter.check(input.login, request.ip);
    if (!gate.allowed) {
      throw new HttpError(
        'rate_limited',
        `Too many failed sign-ins; try again in ${Math.ceil(gate.retryAfterSeconds / 60)} minute(s).`,
        gate.retryAfterSeconds,
      );
    }
    const user = await findUserByLogin(sdb.db, input.login);
    const ok = user
      ? await verifyPassword(input.password, user.password_hash)
      : (await burnPasswordCheck(input.password), false);
    if (!user || !ok) {
      limiter.recordFailure(input.login, request.ip);
      throw new HttpError('bad_credentials', BAD_CREDENTIALS);
    }
    if (user.disabled)
      throw new HttpError('forbidden', 'This account is disabled; ask a coordinator or administrator.');
    limiter.recordSuccess(input.login);
    const token = newDeviceToken();
    const t = now();
    await createDeviceSession(
      sdb.db,
      { userId: user.id, deviceId: input.deviceId, deviceName: input.deviceName, tokenHash: hashDeviceToken(token) },
      t,
    );
    request.log.info({ userId: user.id, deviceId: input.deviceId }, 'signed in');
    return { token, user: sessionUser(user), serverTime: t };
  });

  app.post('/auth/logout', async (request): Promise<{ ok: true }> => {
    const session = requireSession(request);
    await revokeDevice(sdb.db, session.device.id, now());
    return { ok: true };
  });

  app.get('/auth/me', async (request): Promise<MeResponse> => {
    const session = requireSession(request);
    const groups = await sdb.db
      .selectFrom('group_members')
      .select('group_id')
      .where('user_id', '=', session.user.id)
      .orderBy('group_id')
      .execute();
    return {
      user: sessionUser(session.user),
      deviceId: session.device.device_id,
      groupIds: groups.map((g) => g.group_id),
      serverTime: now(),
    };
  });
}
