import type { exportChannels } from '../../../shared/channels/exports';
import { ensureLocalUser } from '../db/identity';
import type { HandlersFor } from '../registry';
import { exportFileName, runExport } from '../reports/run';

/** Exports (issue 7): documents and ledgers written to files; anyone who can read the data may export it. */
export const exportHandlers: HandlersFor<typeof exportChannels> = {
  'exports.run': (input, ctx) => {
    const now = ctx.now();
    return runExport({
      db: ctx.db,
      dataDir: ctx.dataDir,
      shell: ctx.shell,
      now,
      exportedBy: ensureLocalUser(ctx.db, now).name,
      jobId: input.jobId,
      request: input.request,
      onProgress: (p) => ctx.emit('exports.progress', p),
    });
  },
  'exports.fileName': (input, ctx) => ({ fileName: exportFileName(ctx.db, input.request, ctx.now()) }),
};
