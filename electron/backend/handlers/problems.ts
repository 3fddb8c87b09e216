import type { problemChannels } from '../../../shared/channels/problems';
import type { HandlersFor } from '../registry';

export const problemHandlers: HandlersFor<typeof problemChannels> = {};
