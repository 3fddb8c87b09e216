import { Drawer, Empty, Spin, Table } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RecordTable, CellValue, ChangeLogEntry } from '../../../shared/records';
import { call } from '../api/client';
import { date, instant, wan } from '../format';
import { useAsync } from '../hooks/useAsync';
import type { Lang } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

const MONEY = new Set(['totalInvestment', 'annualPlannedInvestment']);
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Storage columns are snake_case; the labels are keyed by the domain's camelCase names. */
function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function fieldLabel(t: TFunction, exists: (key: string) => boolean, column: string, prefix: string): string {
  const key = `${prefix}.${camel(column)}`;
  return exists(key) ? t(key as 'project.fields.code') : column;
}

function cellText(t: TFunction, lang: Lang, column: string, v: CellValue, groupNames: Record<string, string>): string {
  if (v === null || v === '') return '—';
  const key = camel(column);
  if (typeof v === 'boolean' || (key === 'isNew' && (v === 0 || v === 1))) return t(v ? 'common.yes' : 'common.no');
  if (MONEY.has(key) && typeof v === 'number') return wan(v, lang);
  if (key === 'level' && typeof v === 'string') return t(`labels.level.${v}` as 'labels.level.district_key', v);
  if (key === 'stage' && typeof v === 'string') return t(`labels.stage.${v}` as 'labels.stage.reserve', v);
  if (key === 'groupId' && typeof v === 'string') return groupNames[v] ?? v;
  if (typeof v === 'string' && DATE_RE.test(v)) return date(v, lang);
  return String(v);
}

function isEmpty(v: CellValue): boolean {
  return v === null || v === '' || v === '[]';
}

interface Props {
  open: boolean;
  onClose: () => void;
  table: RecordTable;
  rowId: string;
  groupNames: Record<string, string>;
  /** Where the field labels live (default: the project's). */
  fieldsKey?: string;
  /** A record-specific rendering of a value (enum labels …); undefined falls back to the generic one. */
  formatValue?: (column: string, value: CellValue) => string | undefined;
}

/** 变更记录: who changed which field of the record, when, from what to what (the local change log). */
export function HistoryDrawer({
  open,
  onClose,
  table,
  rowId,
  groupNames,
  fieldsKey = 'project.fields',
  formatValue,
}: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const exists = (key: string) => i18n.exists(key);
  const history = useAsync(
    open ? `history:${table}:${rowId}` : 'closed',
    () => (open ? call('history.get', { table, rowId }) : Promise.resolve([] as ChangeLogEntry[])),
    open ? [table] : [],
  );
  // Creating a record logs every cell; the empty ones say nothing to a reader.
  const entries = [...(history.data ?? [])]
    .filter((e) => !(isEmpty(e.oldValue) && isEmpty(e.newValue)))
    .sort((a, b) => b.seq - a.seq);

  return (
    <Drawer title={t('history.title')} open={open} onClose={onClose} size={640} destroyOnHidden>
      <div data-testid="history-drawer">
        {history.error && <ErrorAlert error={history.error} onRetry={history.reload} />}
        {history.loading && !history.data ? (
          <Spin description={t('history.loading')} />
        ) : (
          <Table<ChangeLogEntry>
            size="small"
            rowKey="seq"
            tableLayout="fixed"
            dataSource={entries}
            pagination={entries.length > 50 ? { pageSize: 50, size: 'small' } : false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} /> }}
            columns={[
              { title: t('history.when'), dataIndex: 'at', width: 150, render: (at: number) => instant(at, lang) },
              { title: t('history.who'), dataIndex: 'authorName', width: 80 },
              {
                title: t('history.field'),
                dataIndex: 'column',
                width: 110,
                render: (c: string) => fieldLabel(t, exists, c, fieldsKey),
              },
              {
                title: t('history.change'),
                key: 'change',
                render: (_: unknown, e) => (
                  <span className="history-change">
                    <span className="muted">
                      {formatValue?.(e.column, e.oldValue) ?? cellText(t, lang, e.column, e.oldValue, groupNames)}
                    </span>
                    {' → '}
                    <span>
                      {formatValue?.(e.column, e.newValue) ?? cellText(t, lang, e.column, e.newValue, groupNames)}
                    </span>
                  </span>
                ),
              },
            ]}
          />
        )}
      </div>
    </Drawer>
  );
}
