import { Alert, Card, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  ImportColumn,
  ImportDefaults,
  ImportField,
  ImportPreview,
  ImportSheet,
  MoneyUnit,
} from '../../../../shared/channels/import';
import type { ProjectLevel, ProjectStage } from '../../../../shared/domain/project';
import { useImportT } from './messages';
import { confidenceWord, FIELDS, isMoney, UNITS, type ConfidenceWord } from './wizardLogic';

const LEVELS: readonly ProjectLevel[] = [
  'provincial_top100',
  'city_key_industrial',
  'district_key',
  'government_funded',
];
const STAGES: readonly ProjectStage[] = [
  'reserve',
  'preliminary',
  'new_start',
  'continuing',
  'completed',
  'in_production',
];
const CONFIDENCE_COLOR: Record<ConfidenceWord, string> = {
  high: 'green',
  medium: 'gold',
  low: 'orange',
  user: 'blue',
  none: 'default',
};

export interface MappingHandlers {
  onField: (sheet: number, column: number, field: ImportField | null) => void;
  onUnit: (sheet: number, column: number, unit: MoneyUnit) => void;
  onInclude: (sheet: number, include: boolean) => void;
  onDefaults: (defaults: ImportDefaults) => void;
}

function SheetMapping({
  sheet,
  changed,
  handlers,
}: {
  sheet: ImportSheet;
  changed: Set<string>;
  handlers: MappingHandlers;
}) {
  const ti = useImportT();
  const fieldOptions = [
    { value: '', label: ti('mapping.ignore') },
    ...FIELDS.map((f) => ({ value: f, label: ti(`field.${f}`) })),
  ];
  return (
    <Card
      size="small"
      className="import-sheet"
      data-testid="import-sheet"
      title={
        <span>
          {ti('mapping.sheet', { name: sheet.name })}{' '}
          <span className="muted import-sheet-sub">
            {sheet.headerRows.length > 0
              ? ti('mapping.headerRows', { rows: sheet.headerRows.join('–') })
              : ti('mapping.noHeader')}
            {sheet.sheetUnit ? ` · ${ti('mapping.sheetUnit', { unit: ti(`unit.${sheet.sheetUnit}`) })}` : ''}
          </span>
        </span>
      }
      extra={
        <span className="import-include">
          {ti('mapping.include')}{' '}
          <Switch
            size="small"
            checked={sheet.include}
            disabled={sheet.headerRows.length === 0}
            data-testid="import-sheet-include"
            onChange={(v) => handlers.onInclude(sheet.sheet, v)}
          />
        </span>
      }
    >
      {sheet.note && <Alert type="info" showIcon title={ti('mapping.noHeader')} className="import-note" />}
      {sheet.columns.length > 0 && (
        <Table<ImportColumn>
          size="small"
          rowKey="column"
          pagination={false}
          dataSource={sheet.columns}
          columns={[
            { title: ti('mapping.col.column'), dataIndex: 'columnLetter', width: 56 },
            {
              title: ti('mapping.col.header'),
              dataIndex: 'header',
              render: (h: string) => <span className="import-header">{h}</span>,
            },
            {
              title: ti('mapping.col.field'),
              key: 'field',
              width: 200,
              render: (_: unknown, c) => (
                <Select
                  size="small"
                  style={{ width: '100%' }}
                  value={c.field ?? ''}
                  options={fieldOptions}
                  disabled={!sheet.include}
                  data-testid={`import-field-${sheet.sheet}-${c.columnLetter}`}
                  onChange={(v: string) =>
                    handlers.onField(sheet.sheet, c.column, v === '' ? null : (v as ImportField))
                  }
                />
              ),
            },
            {
              title: ti('mapping.col.unit'),
              key: 'unit',
              width: 220,
              render: (_: unknown, c) =>
                isMoney(c.field) && c.unit ? (
                  <span className="import-unit">
                    <Select
                      size="small"
                      value={c.unit}
                      style={{ width: 120 }}
                      disabled={!sheet.include}
                      options={UNITS.map((u) => ({ value: u, label: ti(`unit.${u}`) }))}
                      onChange={(u: MoneyUnit) => handlers.onUnit(sheet.sheet, c.column, u)}
                    />
                    {c.unitSource && <span className="muted"> {ti(`mapping.unitSource.${c.unitSource}`)}</span>}
                  </span>
                ) : null,
            },
            {
              title: ti('mapping.col.confidence'),
              key: 'confidence',
              width: 96,
              render: (_: unknown, c) => {
                const word = confidenceWord(c, changed.has(`${sheet.sheet}:${c.column}`));
                return <Tag color={CONFIDENCE_COLOR[word]}>{ti(`mapping.confidence.${word}`)}</Tag>;
              },
            },
          ]}
        />
      )}
    </Card>
  );
}

/** Step 2: the guessed column → field mapping per sheet, corrected by the user; defaults for new projects. */
export function MappingStep({
  preview,
  changed,
  handlers,
}: {
  preview: ImportPreview;
  changed: Set<string>;
  handlers: MappingHandlers;
}) {
  const ti = useImportT();
  const { t } = useTranslation();
  const d = preview.defaults;
  return (
    <div className="import-mapping">
      <p className="muted">{ti('mapping.intro')}</p>
      <Card size="small" title={ti('mapping.defaults')} className="import-defaults">
        <Form layout="inline">
          <Form.Item label={ti('mapping.level')}>
            <Select<ProjectLevel>
              style={{ width: 150 }}
              value={d.level}
              data-testid="import-default-level"
              options={LEVELS.map((l) => ({ value: l, label: t(`labels.level.${l}`) }))}
              onChange={(level) => handlers.onDefaults({ ...d, level })}
            />
          </Form.Item>
          <Form.Item label={ti('mapping.stage')}>
            <Select<ProjectStage>
              style={{ width: 120 }}
              value={d.stage}
              options={STAGES.map((s) => ({ value: s, label: t(`labels.stage.${s}`) }))}
              onChange={(stage) => handlers.onDefaults({ ...d, stage })}
            />
          </Form.Item>
          <Form.Item label={ti('mapping.industry')}>
            <Input
              style={{ width: 160 }}
              defaultValue={d.industry}
              maxLength={200}
              onBlur={(e) => {
                const industry = e.target.value.trim();
                if (industry && industry !== d.industry) handlers.onDefaults({ ...d, industry });
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      {preview.sheets.map((s) => (
        <SheetMapping key={s.sheet} sheet={s} changed={changed} handlers={handlers} />
      ))}
    </div>
  );
}
