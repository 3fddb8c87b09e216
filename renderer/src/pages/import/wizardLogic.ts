/** The wizard's pure parts: settings from a preview, the rows accepted by default, labels. Type-only shared imports. */
import type {
  ImportAction,
  ImportColumn,
  ImportField,
  ImportPreview,
  ImportRow,
  ImportSettings,
  MoneyUnit,
} from '../../../../shared/channels/import';

/** Every field, in the order the mapping dropdown lists them (exhaustive: a new field is a compile error). */
const FIELD_ORDER: Record<ImportField, number> = {
  code: 0,
  name: 1,
  level: 2,
  district: 3,
  industry: 4,
  ownerCompany: 5,
  responsibleUnit: 6,
  leaderInCharge: 7,
  chiefOfficer: 8,
  chiefOfficerPhone: 9,
  totalInvestment: 10,
  annualPlannedInvestment: 11,
  stage: 12,
  isNew: 13,
  plannedStart: 14,
  actualStart: 15,
  plannedCompletion: 16,
  actualCompletion: 17,
  plannedProduction: 18,
  actualProduction: 19,
  location: 20,
};
export const FIELDS = (Object.keys(FIELD_ORDER) as ImportField[]).sort((a, b) => FIELD_ORDER[a] - FIELD_ORDER[b]);

const MONEY: ReadonlySet<ImportField> = new Set(['totalInvestment', 'annualPlannedInvestment']);
export const UNITS: readonly MoneyUnit[] = ['yuan', 'wan', 'yi'];

export function isMoney(field: ImportField | null): boolean {
  return field !== null && MONEY.has(field);
}

/** The preview's mapping as settings to send back (remap / commit). */
export function settingsOf(p: ImportPreview): ImportSettings {
  return {
    importId: p.importId,
    defaults: p.defaults,
    sheets: p.sheets.map((s) => ({
      sheet: s.sheet,
      include: s.include,
      mapping: s.columns.map((c) => ({ column: c.column, field: c.field, unit: c.unit })),
    })),
  };
}

/** One column's field changed: a field moves (the column that had it lets go), money gets a unit. */
export function withField(
  settings: ImportSettings,
  sheet: number,
  column: number,
  field: ImportField | null,
): ImportSettings {
  return {
    ...settings,
    sheets: settings.sheets.map((s) =>
      s.sheet !== sheet
        ? s
        : {
            ...s,
            mapping: s.mapping.map((m) => {
              if (m.column === column) return { ...m, field, unit: isMoney(field) ? (m.unit ?? null) : null };
              return field !== null && m.field === field ? { ...m, field: null, unit: null } : m;
            }),
          },
    ),
  };
}

export function withUnit(settings: ImportSettings, sheet: number, column: number, unit: MoneyUnit): ImportSettings {
  return {
    ...settings,
    sheets: settings.sheets.map((s) =>
      s.sheet !== sheet ? s : { ...s, mapping: s.mapping.map((m) => (m.column === column ? { ...m, unit } : m)) },
    ),
  };
}

export function withInclude(settings: ImportSettings, sheet: number, include: boolean): ImportSettings {
  return { ...settings, sheets: settings.sheets.map((s) => (s.sheet === sheet ? { ...s, include } : s)) };
}

export const rowKey = (r: Pick<ImportRow, 'sheet' | 'row'>): string => `${r.sheet}:${r.row}`;

/** Rows that would write something and have no errors: accepted until the user says otherwise. */
export function defaultAccepted(p: ImportPreview): Set<string> {
  const keys = new Set<string>();
  for (const s of p.sheets)
    for (const r of s.rows) if (r.action === 'create' || r.action === 'update') keys.add(rowKey(r));
  return keys;
}

/** Accepted keys still valid after a re-parse: a row that now has errors drops out. */
export function keepAccepted(accepted: Set<string>, p: ImportPreview): Set<string> {
  const ok = new Set<string>();
  for (const s of p.sheets)
    for (const r of s.rows) if (r.action !== 'invalid' && accepted.has(rowKey(r))) ok.add(rowKey(r));
  return ok;
}

export type ConfidenceWord = 'high' | 'medium' | 'low' | 'user' | 'none';

export function confidenceWord(c: ImportColumn, changedByUser: boolean): ConfidenceWord {
  if (c.field === null) return 'none';
  if (changedByUser) return 'user';
  if (c.confidence >= 0.95) return 'high';
  return c.confidence >= 0.75 ? 'medium' : 'low';
}

export const ACTION_COLOR: Record<ImportAction, string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'default',
  invalid: 'red',
};
