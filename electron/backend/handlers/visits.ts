import type { visitChannels } from '../../../shared/channels/visits';
import type { HandlersFor } from '../registry';

export const visitHandlers: HandlersFor<typeof visitChannels> = {};
