import { sql } from 'kysely';
import type { ServerDb } from './connect';
import { executorOf, type Executor } from './executor';

/** The meta keys this module owns. */
export const META_DIRECTORY_VERSION = 'directory_version';
export const META_SERVER_HLC = 'server_hlc';

async function readMeta(ex: Executor, key: string): Promise<string | null> {
  const row = await ex.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

/** The version of accounts, groups and assignments that devices compare with theirs. */
export async function directoryVersion(target: ServerDb | Executor): Promise<number> {
  const value = await readMeta(executorOf(target), META_DIRECTORY_VERSION);
  return value === null ? 0 : Number(value);
}

/**
 * Call in the same transaction as any write to users, service_groups, group_members
 * or assignments, so every device fetches the directory again on its next pull.
 * Returns the new version.
 */
export async function bumpDirectoryVersion(target: ServerDb | Executor): Promise<number> {
  const ex = executorOf(target);
  const row = await ex
    .updateTable('meta')
    .set({ value: sql<string>`cast(cast(value as bigint) + 1 as text)` })
    .where('key', '=', META_DIRECTORY_VERSION)
    .returning('value')
    .executeTakeFirst();
  if (row) return Number(row.value);
  await ex.insertInto('meta').values({ key: META_DIRECTORY_VERSION, value: '1' }).execute();
  return 1;
}

export async function readServerHlc(ex: Executor): Promise<string> {
  return (await readMeta(ex, META_SERVER_HLC)) ?? '';
}

/** Moves the persisted server clock forward only (HLC text sorts in time order). */
export async function persistServerHlc(ex: Executor, hlc: string): Promise<void> {
  await ex
    .updateTable('meta')
    .set({ value: hlc })
    .where('key', '=', META_SERVER_HLC)
    .where('value', '<', hlc)
    .execute();
}
