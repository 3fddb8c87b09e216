import type { Database, Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { CellValue } from '../../../shared/records';
import type { ColumnKind } from './schema';

export type StorageValue = string | number | null;
export type Row = Record<string, unknown>;

/** A cell value as SQLite stores it; refuses a value of the wrong kind for its column. */
export function toStorage(kind: ColumnKind, value: CellValue, where: string): StorageValue {
  if (value === null) return null;
  switch (kind) {
    case 'text':
      if (typeof value === 'string') return value;
      break;
    case 'int':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      break;
    case 'bool':
      if (typeof value === 'boolean') return value ? 1 : 0;
      break;
    case 'json':
      if (typeof value === 'string') {
        try {
          JSON.parse(value);
          return value;
        } catch {
          break;
        }
      }
      break;
  }
  throw new AppError('invalid_input', `${where}: not a valid ${kind} value`);
}

/** The stored value back as a cell value (booleans from 0/1; JSON stays text). */
export function fromStorage(kind: ColumnKind, value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (kind === 'bool') return value === 1 || value === 1n;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number') return value;
  return null;
}

export function jsonCell(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

export function parseJson<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string') return fallback;
  return JSON.parse(value) as T;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const bool = (v: unknown): boolean => v === 1 || v === 1n || v === true;

const cache = new WeakMap<Database, Map<string, Statement>>();

/** Prepared statements are reused per connection; the SQL text is always built from whitelists. */
export function stmt(db: Database, sql: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let s = perDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    perDb.set(sql, s);
  }
  return s;
}
