import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../schema';
import { PHOTO_SHA_EXPR } from '../photo-blobs';

/**
 * Photo bytes (issue 5): `photo_blobs` lists the blobs the store holds (one row per key,
 * written after the bytes are in place), and an index finds photo rows by their hash,
 * which uploads, downloads and the blob GC ask for. The photo hash is a cell inside
 * `records.cells` (JSON text), so the index is on an expression, partial to photo rows.
 */
export async function up(db: Kysely<ServerDatabase>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('photo_blobs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('stored_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('photo_blobs_sha').on('photo_blobs').column('sha256').execute();
  await db.schema.createIndex('photo_blobs_stored_at').on('photo_blobs').column('stored_at').execute();
  const expr = sql.raw(PHOTO_SHA_EXPR[dialect]);
  await sql`CREATE INDEX records_photo_sha ON records ((${expr})) WHERE tbl = 'photos'`.execute(db);
}
