import type { photoSyncChannels } from '../../../shared/channels/photo-sync';
import { photoEngineFor } from '../photos/transfer/engine';
import type { HandlersFor } from '../registry';

export const photoSyncHandlers: HandlersFor<typeof photoSyncChannels> = {
  'photoSync.status': (_input, ctx) => photoEngineFor(ctx.db).status(),
  'photoSync.settings': (_input, ctx) => photoEngineFor(ctx.db).settings(),
  'photoSync.saveSettings': (input, ctx) => photoEngineFor(ctx.db).saveSettings(input),
  'photoSync.network': (input, ctx) => photoEngineFor(ctx.db).setNetwork(input.kind),
  'photoSync.retry': (_input, ctx) => photoEngineFor(ctx.db).retry(),
  'photos.fetchOriginal': (input, ctx) => photoEngineFor(ctx.db).fetchOriginal(input.id),
};
