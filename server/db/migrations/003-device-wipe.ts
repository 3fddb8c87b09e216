import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../schema';

/**
 * An administrator's revocation asks the device to wipe itself (issue 8); a sign-out does not.
 * `wipe`: null (no wipe), 'pending' (the device may still push its last changes), 'done'.
 */
export async function up(db: Kysely<ServerDatabase>): Promise<void> {
  await db.schema.alterTable('devices').addColumn('wipe', 'text').execute();
}
