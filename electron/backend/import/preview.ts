/**
 * A workbook under a mapping → the preview the wizard shows and the commit writes from: per
 * sheet its columns, rows with parsed values and issues, the action for each row.
 */
import type { Database } from 'better-sqlite3';
import type {
  ImportColumn,
  ImportDefaults,
  ImportField,
  ImportPreview,
  ImportRow,
  ImportSheet,
  MoneyUnit,
} from '../../../shared/channels/import';
import type { ProjectLevel } from '../../../shared/domain/project';
import { AppError } from '../../../shared/errors';
import { fieldName, makeIssue, parseRows, type Bilingual2, type MappedColumn, type ParsedRow } from './rows';
import { creationIssues, indexProjects, planRow, type ProjectIndex } from './match';
import { effectiveUnit, type SheetHeader } from './header';
import { canonicalDistrict, matchKey } from './fields';
import type { ImportSession } from './sessions';
import { cellText, columnLetter } from './text';

/** What the user set (or the guess): per sheet, included or not and each column's field and unit. */
export interface SheetChoice {
  sheet: number;
  include: boolean;
  mapping: { column: number; field: ImportField | null; unit: MoneyUnit | null }[];
}

export interface Choices {
  sheets: SheetChoice[];
  defaults: ImportDefaults;
}

/** The header's guess, as choices the user can then change. */
export function guessChoices(session: ImportSession): Choices {
  const sheets = session.headers.map((h, sheet): SheetChoice => {
    const grid = session.sheets[sheet]!;
    return {
      sheet,
      include: h.rows.length > 0 && !grid.hidden,
      mapping: h.columns.map((c) => ({
        column: c.column,
        field: c.match.field,
        unit: effectiveUnit(c, c.match.field, h.sheetUnit).unit,
      })),
    };
  });
  return { sheets, defaults: guessDefaults(session) };
}

const LEVEL_HINTS: [RegExp, ProjectLevel][] = [
  [/省百大|省重点/, 'provincial_top100'],
  [/政府投资/, 'government_funded'],
  [/区县重点|县区重点|区重点|县重点/, 'district_key'],
  [/市重点/, 'city_key_industrial'],
];

/** A level named in the file name or a title line (2020年省百大项目台账) is the likely one. */
function guessDefaults(session: ImportSession): ImportDefaults {
  const titles = [session.fileName];
  session.sheets.forEach((g, i) => {
    titles.push(g.name);
    const top = session.headers[i]?.rows[0] ?? 1;
    for (let r = 1; r < top; r++) titles.push(...(g.rows[r - 1] ?? []).map((v) => cellText(v ?? null)));
  });
  const text = titles.join(' ');
  const level = LEVEL_HINTS.find(([re]) => re.test(text))?.[1] ?? 'city_key_industrial';
  return { level, stage: 'preliminary', industry: '其他' };
}

function mappedColumns(header: SheetHeader, choice: SheetChoice, sheetName: string): MappedColumn[] {
  const seen = new Map<ImportField, number>();
  const out: MappedColumn[] = [];
  for (const m of choice.mapping) {
    if (!m.field) continue;
    const prev = seen.get(m.field);
    if (prev !== undefined) {
      throw new AppError(
        'invalid_input',
        `sheet "${sheetName}": ${fieldName(m.field)[1]} is mapped to columns ${columnLetter(prev)} and ${columnLetter(m.column)}`,
      );
    }
    seen.set(m.field, m.column);
    const col = header.columns.find((c) => c.column === m.column);
    const parts = col?.parts ?? [];
    out.push({
      column: m.column,
      field: m.field,
      unit: m.unit ?? effectiveUnit(col, m.field, header.sheetUnit).unit,
      header: parts.join(' / ') || columnLetter(m.column),
      parts,
    });
  }
  return out;
}

const ndKey = (values: ParsedRow['values']): string | null =>
  typeof values.name === 'string' && typeof values.district === 'string'
    ? `nd:${matchKey(values.name)}|${matchKey(canonicalDistrict(values.district))}`
    : null;

/**
 * The keys a row is found by, as matching finds projects: a row with a code is that code (two
 * coded projects may share a name); a row without one is its name + district, which also finds
 * an earlier coded row of the same name + district.
 */
function identity(values: ParsedRow['values']): { check: string | null; record: string[] } {
  const nd = ndKey(values);
  if (typeof values.code === 'string') {
    const code = `code:${matchKey(values.code)}`;
    return { check: code, record: nd ? [code, `coded-${nd}`] : [code] };
  }
  return { check: nd, record: nd ? [nd] : [] };
}

interface Place {
  sheet: string;
  row: number;
}

const where = (p: Place): Bilingual2 => [`工作表“${p.sheet}”第 ${p.row} 行`, `row ${p.row} of sheet "${p.sheet}"`];

/** The whole preview; `index` is read once per call (commit reads it inside its transaction). */
export function analyse(db: Database, session: ImportSession, choices: Choices): ImportPreview {
  const index: ProjectIndex = indexProjects(db);
  const firstSeen = new Map<string, Place>();
  const projectRows = new Map<string, Place>();
  const totals = { rows: 0, create: 0, update: 0, unchanged: 0, invalid: 0, skipped: 0 };
  const sheets: ImportSheet[] = session.sheets.map((grid, sheet) => {
    const header = session.headers[sheet]!;
    const choice = choices.sheets.find((s) => s.sheet === sheet) ?? { sheet, include: false, mapping: [] };
    const include = choice.include && header.rows.length > 0;
    const mapped = mappedColumns(header, choice, grid.name);
    const columns: ImportColumn[] = header.columns
      .filter((c) => c.parts.length > 0 || mapped.some((m) => m.column === c.column))
      .map((c) => {
        const m = mapped.find((x) => x.column === c.column);
        const field = m?.field ?? null;
        const guessed = c.match.field === field && field !== null;
        const unitInfo = effectiveUnit(c, field, header.sheetUnit);
        return {
          column: c.column,
          columnLetter: columnLetter(c.column),
          header: c.parts.join(' / '),
          field,
          // The user's own choice is certain; a guess carries the match's confidence.
          confidence: field === null ? 0 : guessed ? c.match.confidence : 1,
          unit: m?.unit ?? null,
          unitSource: m && m.unit !== unitInfo.unit ? 'user' : unitInfo.source,
        };
      });
    const base: ImportSheet = {
      sheet,
      name: grid.name,
      include,
      headerRows: header.rows,
      sheetUnit: header.sheetUnit,
      columns,
      rows: [],
      skipped: [],
      note:
        header.rows.length === 0
          ? {
              zh: '未找到表头行（如“项目名称”“总投资”），该工作表不导入。',
              en: 'No header row (such as 项目名称, 总投资) was found; this sheet is not imported.',
            }
          : null,
    };
    if (!include) return base;
    const parsed = parseRows(grid, header.rows[header.rows.length - 1]! + 1, mapped);
    const rows: ImportRow[] = parsed.rows.map((p) => {
      const id = identity(p.values);
      const first = id.check === null ? undefined : (firstSeen.get(id.check) ?? firstSeen.get(`coded-${id.check}`));
      if (first) p.issues.push(makeIssue('duplicate_in_file', p.row, null, null, '', where(first)));
      else for (const k of id.record) if (!firstSeen.has(k)) firstSeen.set(k, { sheet: grid.name, row: p.row });
      let plan = planRow(index, p);
      if (plan.project) {
        // Two rows of the file naming one project (one by code, one by name + district).
        const earlier = projectRows.get(plan.project.id);
        if (earlier && !first) p.issues.push(makeIssue('duplicate_in_file', p.row, null, null, '', where(earlier)));
        else if (!earlier) projectRows.set(plan.project.id, { sheet: grid.name, row: p.row });
      }
      if (!plan.project) p.issues.push(...creationIssues(p, choices.defaults, mapped));
      if (p.issues.length > 0) plan = { ...plan, action: 'invalid' };
      totals[plan.action]++;
      return {
        sheet,
        row: p.row,
        values: p.values,
        issues: p.issues,
        action: plan.action,
        projectId: plan.project?.id ?? null,
        matchedBy: plan.matchedBy,
        changes: plan.changes,
      };
    });
    totals.rows += rows.length;
    totals.skipped += parsed.skipped.length;
    return { ...base, rows, skipped: parsed.skipped };
  });
  return { importId: session.id, fileName: session.fileName, defaults: choices.defaults, sheets, totals };
}
