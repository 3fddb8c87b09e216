import { Badge } from 'antd';
import type { ColumnsType, SortOrder } from 'antd/es/table/interface';
import type { TFunction } from 'i18next';
import type { ProjectListItem, ProjectSortField } from '../../../../shared/api';
import { LevelTag, StageTag } from '../../components/tags';
import { date, wan } from '../../format';
import type { Lang } from '../../i18n';
import type { LedgerSort } from '../../stores/ledger';

interface Options {
  t: TFunction;
  lang: Lang;
  sort: LedgerSort;
  onOpen: (row: ProjectListItem) => void;
}

type ColKey =
  | 'code'
  | 'name'
  | 'level'
  | 'district'
  | 'industry'
  | 'stage'
  | 'group'
  | 'totalInvestment'
  | 'annualPlannedInvestment'
  | 'lastVisit'
  | 'openProblems';

// Fixed widths, because the virtual table lays rows out absolutely; English labels and tags are longer.
const WIDTHS: Record<Lang, Record<ColKey, number>> = {
  'zh-CN': {
    code: 128,
    name: 220,
    level: 100,
    district: 76,
    industry: 96,
    stage: 72,
    group: 104,
    totalInvestment: 120,
    annualPlannedInvestment: 150,
    lastVisit: 120,
    openProblems: 88,
  },
  en: {
    code: 136,
    name: 240,
    level: 150,
    district: 90,
    industry: 110,
    stage: 116,
    group: 120,
    totalInvestment: 132,
    annualPlannedInvestment: 150,
    lastVisit: 116,
    openProblems: 110,
  },
};

/** The table's scroll width: the sum of the column widths. */
export function ledgerScrollX(lang: Lang): number {
  return Object.values(WIDTHS[lang]).reduce((a, b) => a + b, 0);
}

/** Ledger columns, with server-side sorting on the fields projects.list can sort by. */
export function ledgerColumns({ t, lang, sort, onOpen }: Options): ColumnsType<ProjectListItem> {
  const W = WIDTHS[lang];
  const sortOrder = (field: ProjectSortField): SortOrder =>
    sort.field === field ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;
  const sortable = (field: ProjectSortField) => ({ key: field, sorter: true, sortOrder: sortOrder(field) });

  return [
    {
      title: t('ledger.col.code'),
      dataIndex: 'code',
      width: W.code,
      ...sortable('code'),
      render: (v: string) => <span className="num">{v}</span>,
    },
    {
      title: t('ledger.col.name'),
      dataIndex: 'name',
      width: W.name,
      ellipsis: { showTitle: false },
      ...sortable('name'),
      // A native title, not an antd Tooltip: thousands of rows scroll by and each Tooltip costs a wrapper.
      render: (v: string, row) => (
        <a
          className="project-name-link"
          href={`#/projects/${encodeURIComponent(row.id)}`}
          title={v}
          tabIndex={-1}
          onClick={(e) => {
            e.preventDefault();
            onOpen(row);
          }}
        >
          {v}
        </a>
      ),
    },
    {
      title: t('ledger.col.level'),
      dataIndex: 'level',
      width: W.level,
      ...sortable('level'),
      render: (_: unknown, row) => <LevelTag level={row.level} />,
    },
    { title: t('ledger.col.district'), dataIndex: 'district', width: W.district, ...sortable('district') },
    { title: t('ledger.col.industry'), dataIndex: 'industry', width: W.industry, ellipsis: true },
    {
      title: t('ledger.col.stage'),
      dataIndex: 'stage',
      width: W.stage,
      ...sortable('stage'),
      render: (_: unknown, row) => <StageTag stage={row.stage} />,
    },
    {
      title: t('ledger.col.group'),
      dataIndex: 'groupName',
      width: W.group,
      ellipsis: true,
      render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('ledger.col.totalInvestment'),
      dataIndex: 'totalInvestment',
      width: W.totalInvestment,
      align: 'right',
      ...sortable('totalInvestment'),
      render: (v: number) => <span className="num">{wan(v, lang)}</span>,
    },
    {
      title: t('ledger.col.annualPlannedInvestment'),
      dataIndex: 'annualPlannedInvestment',
      width: W.annualPlannedInvestment,
      align: 'right',
      ...sortable('annualPlannedInvestment'),
      render: (v: number) => <span className="num">{wan(v, lang)}</span>,
    },
    {
      title: t('ledger.col.lastVisit'),
      dataIndex: 'lastVisitDate',
      width: W.lastVisit,
      render: (v: string | null) =>
        v ? <span className="num">{date(v, lang)}</span> : <span className="muted">{t('ledger.neverVisited')}</span>,
    },
    {
      title: t('ledger.col.openProblems'),
      dataIndex: 'openProblems',
      width: W.openProblems,
      align: 'center',
      render: (v: number) => (v > 0 ? <Badge count={v} overflowCount={999} /> : <span className="muted num">0</span>),
    },
  ];
}
