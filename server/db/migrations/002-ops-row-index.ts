import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../schema';

/**
 * Ops are read by id and by row (every op of the rows a push touches, for collisions);
 * ops_row_hlc (tbl, row_id, hlc) serves both row and cell lookups, so ops_cell_hlc only
 * cost every push a third random-key index insert.
 */
export async function up(db: Kysely<ServerDatabase>): Promise<void> {
  await db.schema.dropIndex('ops_cell_hlc').ifExists().execute();
}
