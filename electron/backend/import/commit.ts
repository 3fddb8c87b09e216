/**
 * Writing an import: every accepted row, in one transaction through the write path (change log,
 * versions, outbox), or nothing — a row with errors, a row that is not in the file, or any
 * failure while writing leaves the database as it was.
 */
import type { Database } from 'better-sqlite3';
import type { ImportCommitResult, ImportRow, ImportRowRef } from '../../../shared/channels/import';
import type { ProjectLevel } from '../../../shared/domain/project';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { shanghaiDate } from '../../../shared/calendar';
import { createProject, updateProject } from '../db/projects';
import type { Actor } from '../db/writer';
import { indexProjects, newProjectInput, updatePatch } from './match';
import { analyse, type Choices } from './preview';
import type { ImportSession } from './sessions';

/** The numbering of demo and coordinator-made codes: 2020-SZD-0007. */
const LEVEL_CODE: Record<ProjectLevel, string> = {
  provincial_top100: 'SBD',
  city_key_industrial: 'SZD',
  district_key: 'QXZD',
  government_funded: 'ZFTZ',
};

/** Next free codes per level and year, after the highest already used. */
function codeMaker(codes: Set<string>, now: number): (level: ProjectLevel) => string {
  const year = shanghaiDate(now).slice(0, 4);
  const next = new Map<string, number>();
  return (level) => {
    const prefix = `${year}-${LEVEL_CODE[level]}-`;
    let n = next.get(prefix);
    if (n === undefined) {
      n = 0;
      for (const c of codes) {
        if (!c.startsWith(prefix)) continue;
        const seq = Number(c.slice(prefix.length));
        if (Number.isInteger(seq) && seq > n) n = seq;
      }
    }
    let code: string;
    do code = `${prefix}${String(++n).padStart(4, '0')}`;
    while (codes.has(code));
    next.set(prefix, n);
    codes.add(code);
    return code;
  };
}

const key = (sheet: number, row: number): string => `${sheet}:${row}`;

export function commitImport(
  db: Database,
  actor: Actor,
  now: number,
  session: ImportSession,
  choices: Choices,
  accept: ImportRowRef[],
): ImportCommitResult {
  return db.transaction((): ImportCommitResult => {
    // Parsed and matched again inside the transaction: what is written is what the database holds now.
    const preview = analyse(db, session, choices);
    const rows = new Map<string, ImportRow>();
    for (const s of preview.sheets) for (const r of s.rows) rows.set(key(s.sheet, r.row), r);
    const wanted = new Set<string>();
    const refused: FieldIssue[] = [];
    for (const ref of accept) {
      const row = rows.get(key(ref.sheet, ref.row));
      const sheetName = preview.sheets[ref.sheet]?.name ?? `#${ref.sheet}`;
      if (!row) {
        refused.push({
          path: [ref.sheet, ref.row],
          message: `row ${ref.row} of sheet "${sheetName}" is not a project row of this import`,
        });
        continue;
      }
      for (const issue of row.issues) {
        refused.push({ path: [ref.sheet, ref.row], message: `sheet "${sheetName}": ${issue.message.en}` });
      }
      wanted.add(key(ref.sheet, ref.row));
    }
    if (refused.length > 0) {
      throw new AppError(
        'invalid_input',
        `nothing was imported: ${refused.length} problem(s) in the accepted rows, first: ${refused[0]!.message}`,
        refused,
      );
    }

    const nextCode = codeMaker(indexProjects(db).codes, now);
    const result: ImportCommitResult = { created: 0, updated: 0, unchanged: 0, skipped: 0, projectIds: [] };
    for (const sheet of preview.sheets) {
      for (const row of sheet.rows) {
        if (!wanted.has(key(sheet.sheet, row.row))) continue;
        if (row.action === 'create') {
          const level = (row.values.level as ProjectLevel | undefined) ?? choices.defaults.level;
          const code = typeof row.values.code === 'string' ? row.values.code : nextCode(level);
          const project = createProject(db, actor, now, newProjectInput(row.values, choices.defaults, code));
          result.created++;
          result.projectIds.push(project.id);
        } else if (row.action === 'update' && row.projectId) {
          updateProject(db, actor, now, row.projectId, updatePatch(row.values, row.changes));
          result.updated++;
          result.projectIds.push(row.projectId);
        } else {
          result.unchanged++;
        }
      }
    }
    result.skipped = preview.totals.rows - wanted.size + preview.totals.skipped;
    return result;
  })();
}
