/**
 * Queries on photo blobs (issue 5): the `photo_blobs` list of stored blobs, and photo
 * rows found by their hash through the expression index of migration 004.
 */
import { sql } from 'kysely';
import type { ServerDb, ServerDialect } from './connect';
import { chunks, type Executor } from './executor';
import type { PhotoBlobRow } from './schema';

/**
 * The photo hash of a `records` row (its `sha256` cell's value). Written exactly as the
 * index of migration 004 is, so the planners use that index.
 */
export const PHOTO_SHA_EXPR: Record<ServerDialect, string> = {
  sqlite: "json_extract(cells, '$.sha256[0]')",
  postgres: "(cells::jsonb #>> '{sha256,0}')",
};

const IN_CHUNK = 500;

/**
 * The scopes (project ids) of the photo rows with each of these hashes, deleted rows
 * included: a soft-deleted photo can be restored, so its bytes still belong to it.
 */
export async function photoScopesByHash(sdb: ServerDb, shas: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  // The literal 'photos' (not a parameter) lets SQLite use the partial index; without ANALYZE
  // statistics its planner prefers the primary key (every photo row), so it is named outright.
  const expr = sql.raw(PHOTO_SHA_EXPR[sdb.dialect]);
  const from = sql.raw(sdb.dialect === 'sqlite' ? 'records INDEXED BY records_photo_sha' : 'records');
  for (const part of chunks([...new Set(shas)], IN_CHUNK)) {
    const { rows } = await sql<{ scope: string; sha: string }>`SELECT DISTINCT scope, ${expr} AS sha FROM ${from}
      WHERE tbl = 'photos' AND ${expr} IN (${sql.join(part)})`.execute(sdb.db);
    for (const r of rows) {
      let scopes = out.get(r.sha);
      if (!scopes) out.set(r.sha, (scopes = new Set()));
      scopes.add(r.scope);
    }
  }
  return out;
}

function toRow(r: PhotoBlobRow): PhotoBlobRow {
  return { ...r, size: Number(r.size), stored_at: Number(r.stored_at) };
}

export async function findPhotoBlobs(ex: Executor, keys: readonly string[]): Promise<Map<string, PhotoBlobRow>> {
  const out = new Map<string, PhotoBlobRow>();
  for (const part of chunks([...new Set(keys)], IN_CHUNK)) {
    const rows = await ex.selectFrom('photo_blobs').selectAll().where('key', 'in', part).execute();
    for (const r of rows) out.set(r.key, toRow(r));
  }
  return out;
}

export async function findPhotoBlob(ex: Executor, key: string): Promise<PhotoBlobRow | null> {
  const row = await ex.selectFrom('photo_blobs').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? toRow(row) : null;
}

/** Idempotent: a second upload of the same blob (or a retry) leaves the first row as it is. */
export async function insertPhotoBlob(ex: Executor, row: PhotoBlobRow): Promise<boolean> {
  const res = await ex
    .insertInto('photo_blobs')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * The row of a blob just stored or found stored, describing those bytes: a row left
 * describing other bytes (an older race) takes their hash and size; stored_at stays.
 */
export async function recordPhotoBlob(ex: Executor, row: PhotoBlobRow): Promise<void> {
  await ex
    .insertInto('photo_blobs')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ content_sha256: row.content_sha256, size: row.size }))
    .execute();
}

export async function deletePhotoBlob(ex: Executor, key: string): Promise<void> {
  await ex.deleteFrom('photo_blobs').where('key', '=', key).execute();
}

/** Blobs stored before `before` (epoch ms), oldest first: the GC's candidates. */
export async function photoBlobsStoredBefore(ex: Executor, before: number): Promise<PhotoBlobRow[]> {
  const rows = await ex
    .selectFrom('photo_blobs')
    .selectAll()
    .where('stored_at', '<', before)
    .orderBy('stored_at')
    .execute();
  return rows.map(toRow);
}
