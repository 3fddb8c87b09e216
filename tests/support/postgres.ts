/**
 * A throwaway PostgreSQL database per test (127.0.0.1:5432, user postgres, trust auth):
 * created with a random name from the `test` database, dropped with its connections.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the admin connection goes; override with SITEBOOK_TEST_PG_URL. */
const ADMIN_URL = process.env.SITEBOOK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(prefix = 'sitebook_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  // The name is ours (prefix + hex), so quoting it as an identifier is safe.
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
