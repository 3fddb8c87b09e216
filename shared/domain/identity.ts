import { z } from 'zod';
import { Role } from '../sync/roles';
import { Id, Instant, ShortText } from './primitives';

/**
 * The person using this device. Exists from first start (a local identity);
 * the sync issue replaces it with a signed-in account, keeping the id of the device.
 */
export const LocalUser = z.object({
  id: Id,
  name: ShortText.min(1),
  deviceId: Id,
  createdAt: Instant,
  /** 'local' until the device signs in to a server. */
  kind: z.enum(['local', 'account']),
  /** The account's role; null for a local user, who may do everything on this device. */
  role: Role.nullable().default(null),
});
export type LocalUser = z.infer<typeof LocalUser>;
