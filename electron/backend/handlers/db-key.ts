import type { dbKeyChannels } from '../../../shared/channels/db-key';
import type { HandlersFor } from '../registry';

/**
 * shared/channels/db-key.ts once the backend exists: the database is open, so there is nothing to
 * unlock. Before that, electron/db-key/key-gate.ts answers these channels.
 */
export const dbKeyHandlers: HandlersFor<typeof dbKeyChannels> = {
  'dbKey.state': () => ({ state: 'open' }),
  'dbKey.unlock': () => ({ state: 'open' }),
};
