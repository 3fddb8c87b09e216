/**
 * Workbooks kept between import.preview, import.remap and import.commit, so the file crosses the
 * border once. Few and short-lived: the wizard is one person's task of a few minutes.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { SheetHeader } from './header';
import type { Grid } from './workbook';

export interface ImportSession {
  id: string;
  fileName: string;
  sheets: Grid[];
  headers: SheetHeader[];
  lastUsed: number;
}

const MAX_SESSIONS = 4;
const TTL_MS = 2 * 60 * 60 * 1000;
const sessions = new Map<string, ImportSession>();

function evict(now: number): void {
  for (const [id, s] of sessions) if (now - s.lastUsed > TTL_MS) sessions.delete(id);
  while (sessions.size > MAX_SESSIONS) {
    const oldest = [...sessions.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0]!;
    sessions.delete(oldest.id);
  }
}

export function openSession(fileName: string, sheets: Grid[], headers: SheetHeader[]): ImportSession {
  // Wall time, not the backend's injectable clock: this only ages memory.
  const now = Date.now();
  const session: ImportSession = { id: randomUUID(), fileName, sheets, headers, lastUsed: now };
  sessions.set(session.id, session);
  evict(now);
  return session;
}

export function getSession(id: string): ImportSession {
  const session = sessions.get(id);
  if (!session) {
    throw new AppError(
      'not_found',
      'this import is no longer open (the file was closed or the app restarted); choose the file again',
    );
  }
  session.lastUsed = Date.now();
  return session;
}

export function closeSession(id: string): boolean {
  return sessions.delete(id);
}
