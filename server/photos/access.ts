/**
 * Who may move which photo bytes: uploading needs a photo row with that hash in a
 * project the user may edit photos of; downloading needs one in a project the user may
 * see. Deleted photo rows count (a soft-deleted photo can be restored with its bytes).
 */
import { mayWrite } from '../../shared/sync/roles';
import type { ServerDb } from '../db/connect';
import { photoScopesByHash } from '../db/photo-blobs';
import { mayRead, visibleProjectIds, type SyncActor } from '../sync/access';

export type UploadRefusal = 'no_project_access' | 'no_photo_row';

export async function uploadRefusal(
  sdb: ServerDb,
  actor: SyncActor,
  sha256: string,
  projectId: string,
): Promise<UploadRefusal | null> {
  const visible = await visibleProjectIds(sdb, actor);
  if (!mayRead(visible, projectId) || !mayWrite(actor.role, { scope: projectId, table: 'photos', column: 'sha256' }))
    return 'no_project_access';
  const scopes = (await photoScopesByHash(sdb, [sha256])).get(sha256);
  return scopes?.has(projectId) ? null : 'no_photo_row';
}

/** The hashes among `shas` that some photo row in a project the user may see holds. */
export async function readableHashes(sdb: ServerDb, actor: SyncActor, shas: readonly string[]): Promise<Set<string>> {
  const visible = await visibleProjectIds(sdb, actor);
  const out = new Set<string>();
  for (const [sha, scopes] of await photoScopesByHash(sdb, shas)) {
    if ([...scopes].some((s) => mayRead(visible, s))) out.add(sha);
  }
  return out;
}
