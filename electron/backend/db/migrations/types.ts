import type { Database } from 'better-sqlite3';

/** One schema step. Its SQL is frozen once released: later changes get a new file. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
