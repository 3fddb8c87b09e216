/**
 * One sheet's data rows under a mapping: lines that are not projects skipped (合计, 填报人,
 * section headings, empty rows), each mapped cell parsed, every problem reported where Excel
 * shows it (row, column, header) in both languages.
 */
import type {
  ImportField,
  ImportIssue,
  ImportIssueCode,
  ImportValues,
  MoneyUnit,
  SkipReason,
} from '../../../shared/channels/import';
import { DATE_FIELDS, MONEY_FIELDS, canonicalDistrict, parseLevel, parseNature, parseStage } from './fields';
import { cellText, columnLetter, normalizeHeader, normalizeValue, parseAmount, parseDate } from './text';
import type { Grid, GridValue } from './workbook';

export interface MappedColumn {
  column: number;
  field: ImportField;
  unit: MoneyUnit | null;
  /** Header text as the file writes it (group / cell). */
  header: string;
  /** Header texts per header row, to recognise a repeated header line. */
  parts: string[];
}

export interface ParsedRow {
  row: number;
  values: ImportValues;
  issues: ImportIssue[];
}

export interface SheetRows {
  rows: ParsedRow[];
  skipped: { row: number; reason: SkipReason; text: string }[];
}

const TOTAL = /^(合计|总计|小计|共计|累计|总合计|全市合计|全区合计|全县合计)/;
const FOOTER =
  /^(填报单位|填报人|填表人|审核人|审批人|制表人|制表单位|单位负责人|统计负责人|分管领导|填报日期|制表日期|报送日期|报送单位|填报时间)|^(注|说明|备注|联系人|联系电话|负责人)[:：]/;
const SECTION =
  /^([一二三四五六七八九十百]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部分类批组])/;
const PHONE = /^[0-9+\-() ]{3,32}$/;
const MAX_TEXT = 200;

const FIELD_NAMES: Record<ImportField, Bilingual2> = {
  code: ['项目编号', 'project code'],
  name: ['项目名称', 'project name'],
  level: ['项目级别', 'level'],
  district: ['所属区县', 'district'],
  industry: ['所属行业', 'industry'],
  ownerCompany: ['建设单位', 'owner company'],
  responsibleUnit: ['责任单位', 'responsible unit'],
  leaderInCharge: ['包保领导', 'leader in charge'],
  chiefOfficer: ['首席服务员', 'chief service officer'],
  chiefOfficerPhone: ['联系电话', 'phone'],
  totalInvestment: ['总投资', 'total investment'],
  annualPlannedInvestment: ['年度计划投资', 'annual planned investment'],
  stage: ['项目阶段', 'stage'],
  isNew: ['建设性质', 'new or continuing'],
  plannedStart: ['计划开工时间', 'planned start'],
  actualStart: ['实际开工时间', 'actual start'],
  plannedCompletion: ['计划竣工时间', 'planned completion'],
  actualCompletion: ['实际竣工时间', 'actual completion'],
  plannedProduction: ['计划投产时间', 'planned production'],
  actualProduction: ['实际投产时间', 'actual production'],
  location: ['建设地点', 'location'],
};
export type Bilingual2 = [zh: string, en: string];

export function fieldName(field: ImportField): Bilingual2 {
  return FIELD_NAMES[field];
}

function describe(code: ImportIssueCode, raw: string, field: ImportField | null, extra: Bilingual2): Bilingual2 {
  const [zhField, enField] = (field && FIELD_NAMES[field]) || ['', ''];
  const q = raw === '' ? '' : `“${raw}”`;
  const eq = raw === '' ? '' : `"${raw}" `;
  switch (code) {
    case 'required':
      return [`缺少${zhField}`, `${enField} is missing`];
    case 'not_a_number':
      return [`${q}不是数字`, `${eq}is not a number`];
    case 'negative':
      return [`${q}是负数，金额不能为负`, `${eq}is negative; amounts cannot be negative`];
    case 'too_large':
      return [`${q}超出可保存的金额范围`, `${eq}is too large an amount`];
    case 'bad_date':
      return [
        `${q}不是可识别的日期（如 2020-04-01、2020年4月、2020.4）`,
        `${eq}is not a date (e.g. 2020-04-01, 2020年4月, 2020.4)`,
      ];
    case 'impossible_date':
      return [`${q}不是存在的日期`, `${eq}is not a real calendar date`];
    case 'year_only':
      return [`${q}只有年份，请写明月份（如 2020年4月）`, `${eq}gives only a year; give a month (e.g. 2020年4月)`];
    case 'unknown_level':
      return [
        `${q}不是已知的项目级别（省百大、市重点产业、区县重点、政府投资）`,
        `${eq}is not a known level (省百大, 市重点产业, 区县重点, 政府投资)`,
      ];
    case 'unknown_stage':
      return [
        `${q}不是已知的项目阶段（储备、前期、新开工、续建、竣工、投产）`,
        `${eq}is not a known stage (储备, 前期, 新开工, 续建, 竣工, 投产)`,
      ];
    case 'unknown_nature':
      return [`${q}应为“新开工”或“续建”`, `${eq}should be 新开工 (new) or 续建 (continuing)`];
    case 'bad_phone':
      return [`${q}不是电话号码`, `${eq}is not a phone number`];
    case 'too_long':
      return [`${zhField}超过 ${MAX_TEXT} 个字`, `${enField} is longer than ${MAX_TEXT} characters`];
    case 'duplicate_in_file':
      return [`与${extra[0]}重复（同一项目出现两次）`, `duplicates ${extra[1]} (the same project twice)`];
    case 'inconsistent':
      return extra;
  }
}

export function makeIssue(
  code: ImportIssueCode,
  row: number,
  col: MappedColumn | null,
  field: ImportField | null,
  raw: string,
  extra: Bilingual2 = ['', ''],
): ImportIssue {
  const [zh, en] = describe(code, raw, field, extra);
  return {
    code,
    row,
    column: col?.column ?? null,
    columnLetter: col ? columnLetter(col.column) : '',
    header: col?.header ?? '',
    field,
    raw,
    message: {
      zh: `第 ${row} 行${col ? ` ${columnLetter(col.column)} 列“${col.header}”` : ''}：${zh}`,
      en: `Row ${row}${col ? `, column ${columnLetter(col.column)} "${col.header}"` : ''}: ${en}`,
    },
  };
}

function skipReason(cells: GridValue[], columns: MappedColumn[]): SkipReason | null {
  const texts = cells.filter((v) => v !== undefined && v !== null).map((v) => normalizeHeader(cellText(v)));
  if (texts.length === 0) return 'empty';
  const first = texts[0]!;
  if (texts.slice(0, 3).some((t) => TOTAL.test(t))) return 'total';
  const nameCol = columns.find((c) => c.field === 'name');
  const name = nameCol ? normalizeHeader(cellText(cells[nameCol.column - 1] ?? null)) : '';
  if (TOTAL.test(name)) return 'total';
  if (FOOTER.test(first)) return 'footer';
  const distinct = new Set(texts);
  if (distinct.size === 1 && (SECTION.test(first) || texts.length >= 3)) return 'section';
  const repeats = columns.filter((c) => {
    const t = normalizeHeader(cellText(cells[c.column - 1] ?? null));
    return t !== '' && c.parts.some((p) => normalizeHeader(p) === t);
  });
  if (repeats.length >= 2) return 'header_repeat';
  return null;
}

/** A cell as the text it shows, for messages and text fields. */
function rawText(value: GridValue): string {
  return normalizeValue(cellText(value));
}

function parseCell(
  col: MappedColumn,
  value: GridValue,
  row: number,
  values: ImportValues,
  issues: ImportIssue[],
): void {
  const { field } = col;
  const raw = rawText(value);
  if (value === null || raw === '') return;
  const fail = (code: ImportIssueCode): void => void issues.push(makeIssue(code, row, col, field, raw));
  if (MONEY_FIELDS.has(field)) {
    const r = parseAmount(value, col.unit ?? 'wan');
    if (!r.ok) return fail(r.code);
    if (r.yuan !== null) values[field] = r.yuan;
    return;
  }
  if (DATE_FIELDS.has(field)) {
    const r = parseDate(value);
    if (!r.ok) return fail(r.code);
    if (r.date !== null) values[field] = r.date;
    return;
  }
  switch (field) {
    case 'level': {
      const level = parseLevel(raw);
      return level ? void (values.level = level) : fail('unknown_level');
    }
    case 'stage': {
      const stage = parseStage(raw);
      return stage ? void (values.stage = stage) : fail('unknown_stage');
    }
    case 'isNew': {
      const isNew = parseNature(typeof value === 'boolean' ? value : raw);
      return isNew === null ? fail('unknown_nature') : void (values.isNew = isNew);
    }
    case 'district':
      values.district = canonicalDistrict(raw);
      return;
    case 'chiefOfficerPhone': {
      // 0451-1234567/13800000000: the first number is the one kept.
      const phone =
        raw
          .split(/[/、,，;；]+/)
          .map((p) => p.trim())
          .find((p) => p !== '') ?? raw;
      return PHONE.test(phone) ? void (values.chiefOfficerPhone = phone) : fail('bad_phone');
    }
    default: {
      // Text as written (only trimmed): full-width brackets in a name are the name's own.
      const text = cellText(value).trim();
      if (text.length > MAX_TEXT) return fail('too_long');
      values[field] = text;
    }
  }
}

/** The data rows below the header, parsed with the given columns. */
export function parseRows(grid: Grid, firstDataRow: number, columns: MappedColumn[]): SheetRows {
  const rows: ParsedRow[] = [];
  const skipped: SheetRows['skipped'] = [];
  for (let r = firstDataRow; r <= grid.rows.length; r++) {
    const cells = grid.rows[r - 1] ?? [];
    const reason = skipReason(cells, columns);
    if (reason === 'empty') continue;
    if (reason) {
      const text = cells.find((v) => v !== undefined && v !== null);
      skipped.push({ row: r, reason, text: rawText(text ?? null).slice(0, 80) });
      continue;
    }
    const values: ImportValues = {};
    const issues: ImportIssue[] = [];
    for (const col of columns) parseCell(col, cells[col.column - 1] ?? null, r, values, issues);
    // A row none of whose mapped cells holds anything (only unmapped notes) is not a project.
    if (Object.keys(values).length === 0 && issues.length === 0) {
      skipped.push({ row: r, reason: 'empty', text: rawText(cells.find((v) => v != null) ?? null).slice(0, 80) });
      continue;
    }
    if (values.name === undefined) {
      const nameCol = columns.find((c) => c.field === 'name') ?? null;
      if (!issues.some((i) => i.field === 'name')) issues.push(makeIssue('required', r, nameCol, 'name', ''));
    }
    rows.push({ row: r, values, issues });
  }
  return { rows, skipped };
}
