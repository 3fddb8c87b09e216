import type { photoChannels } from '../../../shared/channels/photos';
import type { HandlersFor } from '../registry';

export const photoHandlers: HandlersFor<typeof photoChannels> = {};
