/** The Excel import of project ledgers: the three steps the import.* channels run. */
import type { Database } from 'better-sqlite3';
import type {
  ImportCommitResult,
  ImportPreview,
  ImportPreviewResult,
  ImportRowRef,
  MoneyUnit,
  ImportField,
  ImportDefaults,
} from '../../../shared/channels/import';
import type { Actor } from '../db/writer';
import { commitImport } from './commit';
import { findHeader } from './header';
import { analyse, guessChoices, type Choices } from './preview';
import { getSession, openSession } from './sessions';
import { readWorkbook } from './workbook';

export { closeSession } from './sessions';

/** Settings as the channels parse them (zod output). */
export interface ParsedSettings {
  importId: string;
  sheets: {
    sheet: number;
    include: boolean;
    mapping: { column: number; field: ImportField | null; unit: MoneyUnit | null }[];
  }[];
  defaults: ImportDefaults;
}

/** Reads the file, guesses headers and mapping, and previews the rows; or says why it cannot. */
export async function previewImport(db: Database, name: string, bytes: Uint8Array): Promise<ImportPreviewResult> {
  const book = await readWorkbook(bytes);
  if (!book.ok) return { status: 'refused', reason: book.reason, message: book.message };
  const session = openSession(name, book.sheets, book.sheets.map(findHeader));
  return { status: 'ready', preview: analyse(db, session, guessChoices(session)) };
}

function choicesOf(settings: ParsedSettings): Choices {
  return { sheets: settings.sheets, defaults: settings.defaults };
}

/** The same workbook under the user's mapping. */
export function remapImport(db: Database, settings: ParsedSettings): ImportPreview {
  return analyse(db, getSession(settings.importId), choicesOf(settings));
}

/** Writes the accepted rows, all or none. */
export function commitAccepted(
  db: Database,
  actor: Actor,
  now: number,
  settings: ParsedSettings,
  accept: ImportRowRef[],
): ImportCommitResult {
  return commitImport(db, actor, now, getSession(settings.importId), choicesOf(settings), accept);
}
