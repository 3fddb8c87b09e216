import { Table, type GetRef } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect, useMemo, useRef, useState, type HTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectListItem, ProjectSortField } from '../../../../shared/api';
import type { Lang } from '../../i18n';
import { DEFAULT_SORT, type LedgerSort } from '../../stores/ledger';
import { ledgerColumns, ledgerScrollX } from './columns';

type TableRef = GetRef<typeof Table>;

interface Props {
  rows: ProjectListItem[];
  loading: boolean;
  sort: LedgerSort;
  lastOpenedId: string | null;
  empty: ReactNode;
  onSort: (sort: LedgerSort) => void;
  onOpen: (row: ProjectListItem) => void;
}

const SORT_FIELDS: readonly string[] = [
  'code',
  'name',
  'level',
  'district',
  'stage',
  'totalInvestment',
  'annualPlannedInvestment',
] satisfies ProjectSortField[];

/** Used until the header has rendered; English headers may wrap to two lines, so it is measured. */
const HEADER_FALLBACK = 40;

function moveFocus(e: KeyboardEvent<HTMLElement>, dir: 1 | -1): void {
  const next = (
    dir === 1 ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling
  ) as HTMLElement | null;
  if (next?.dataset.testid === 'project-row') {
    e.preventDefault();
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }
}

export function LedgerTable({ rows, loading, sort, lastOpenedId, empty, onSort, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const wrapRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<TableRef>(null);
  const [height, setHeight] = useState(400);
  const restored = useRef(false);

  // The virtual table needs a pixel height for its body: the wrapper (which flexes to fill the
  // page) minus the header, re-measured when either changes size (window, language switch).
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return undefined;
    const measure = () => {
      const header = el.querySelector<HTMLElement>('.ant-table-header')?.offsetHeight || HEADER_FALLBACK;
      setHeight(Math.max(160, el.clientHeight - header - 1));
    };
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    const header = el.querySelector<HTMLElement>('.ant-table-header');
    if (header) ro.observe(header);
    measure();
    return () => ro.disconnect();
  }, []);

  // Coming back from a project: bring its row into view once and give it the keyboard focus.
  useEffect(() => {
    if (restored.current || !lastOpenedId || rows.length === 0) return;
    const index = rows.findIndex((r) => r.id === lastOpenedId);
    restored.current = true;
    if (index < 0) return;
    tableRef.current?.scrollTo({ index });
    requestAnimationFrame(() => {
      wrapRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(lastOpenedId)}"]`)?.focus();
    });
  }, [rows, lastOpenedId]);

  const columns = useMemo(() => ledgerColumns({ t, lang, sort, onOpen }), [t, lang, sort, onOpen]);

  return (
    <div className="ledger-table-wrap" ref={wrapRef} data-testid="ledger-table">
      <Table<ProjectListItem>
        ref={tableRef}
        virtual
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: ledgerScrollX(lang), y: height }}
        showSorterTooltip={false}
        locale={{ emptyText: empty }}
        rowClassName={(row) => (row.id === lastOpenedId ? 'row-last-opened' : '')}
        onChange={(_p, _f, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<ProjectListItem> | undefined;
          const field = String(s?.columnKey ?? '');
          if (!s?.order || !SORT_FIELDS.includes(field)) onSort(DEFAULT_SORT);
          else onSort({ field: field as ProjectSortField, order: s.order === 'ascend' ? 'asc' : 'desc' });
        }}
        onRow={(row) => {
          const props: HTMLAttributes<HTMLElement> & { 'data-testid': string } = {
            'data-testid': 'project-row',
            tabIndex: 0,
            onDoubleClick: () => onOpen(row),
            onKeyDown: (e) => {
              if (e.target !== e.currentTarget) return;
              if (e.key === 'Enter') onOpen(row);
              else if (e.key === 'ArrowDown') moveFocus(e, 1);
              else if (e.key === 'ArrowUp') moveFocus(e, -1);
            },
          };
          return props;
        }}
      />
    </div>
  );
}
