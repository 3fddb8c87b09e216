import { readFile } from 'node:fs/promises';
import type { photoChannels } from '../../../shared/channels/photos';
import { AppError } from '../../../shared/errors';
import type { RecordChange } from '../db/writer';
import { writeRecord } from '../db/writer';
import { actorOf, ensureLocalUser } from '../db/identity';
import { checkPhotoLinks, getPhotoRow, getPhotoView, listPhotoViews } from '../db/photos';
import { ensureDerivatives, importPhoto } from '../photos/import';
import { originalPath, photosDirOf, reportCopyPath, thumbnailPath } from '../photos/layout';
import type { HandlerContext, HandlersFor } from '../registry';

function write(ctx: HandlerContext, rowId: string, cells: RecordChange['cells']): void {
  const now = ctx.now();
  const result = writeRecord(ctx.db, actorOf(ensureLocalUser(ctx.db, now)), now, { table: 'photos', rowId, cells });
  if (result.hlc !== null) ctx.emit('data.changed', { tables: ['photos'] });
}

function viewOrNotFound(ctx: HandlerContext, id: string) {
  const view = getPhotoView(ctx.db, id);
  if (!view) throw new AppError('not_found', `no photo ${id}`);
  return view;
}

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return null;
    throw err;
  }
}

export const photoHandlers: HandlersFor<typeof photoChannels> = {
  'photos.import': async (input, ctx) => {
    const result = await importPhoto(ctx.db, ctx, input);
    if (!result.duplicate) ctx.emit('data.changed', { tables: ['photos'] });
    return result;
  },

  'photos.list': (input, ctx) => listPhotoViews(ctx.db, input),

  'photos.update': (input, ctx) => {
    const current = viewOrNotFound(ctx, input.id);
    const cells: RecordChange['cells'] = {};
    if (input.caption !== undefined) cells['caption'] = input.caption;
    if (input.kind !== undefined) cells['kind'] = input.kind;
    if (input.problemId !== undefined) {
      checkPhotoLinks(ctx.db, current.projectId, null, input.problemId);
      cells['problem_id'] = input.problemId;
    }
    write(ctx, input.id, cells);
    return viewOrNotFound(ctx, input.id);
  },

  'photos.delete': (input, ctx) => {
    viewOrNotFound(ctx, input.id);
    write(ctx, input.id, { deleted: true });
    return { id: input.id };
  },

  'photos.restore': (input, ctx) => {
    if (!getPhotoRow(ctx.db, input.id)) throw new AppError('not_found', `no photo ${input.id}`);
    write(ctx, input.id, { deleted: false });
    return viewOrNotFound(ctx, input.id);
  },

  'photos.image': async (input, ctx) => {
    const photo = viewOrNotFound(ctx, input.id);
    const dir = photosDirOf(ctx.dataDir);
    const origPath = originalPath(dir, photo.sha256);
    // A record synced before its bytes (or an evicted original): the UI shows a placeholder
    // and, for the original, fetches it (photos.fetchOriginal).
    const pending = () =>
      new AppError('photo_pending', `the ${input.variant} of photo ${photo.id} is not on this device yet`);
    if (input.variant === 'original') {
      const bytes = await readOrNull(origPath);
      if (!bytes) throw pending();
      return { mime: photo.mime, bytes };
    }
    const path = input.variant === 'thumb' ? thumbnailPath(dir, photo.sha256) : reportCopyPath(dir, photo.sha256);
    let bytes = await readOrNull(path);
    if (!bytes) {
      const original = await readOrNull(origPath);
      if (!original) throw pending();
      await ensureDerivatives(dir, photo.sha256, original);
      bytes = await readFile(path);
    }
    return { mime: 'image/jpeg', bytes };
  },
};
