import { Empty, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProblemListItem, ProblemSortField } from '../../../../shared/channels/problems';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProblemStatusTag } from '../../components/tags';
import { date } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import { useDebounced } from '../../hooks/useDebounced';
import type { Lang } from '../../i18n';
import { useProblemListStore } from './filters';
import { ProblemDrawer } from './ProblemDrawer';
import { ProblemFilterBar } from './ProblemFilterBar';
import './problems.css';
import { ProblemsExportButton } from '../../components/exports/PageExports';

const PAGE_SIZE = 50;
const TABLES = ['problems', 'progress_notes', 'projects', 'service_groups'] as const;

/** 问题清单: every project's problems, overdue ones first. */
export function ProblemsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const filters = useProblemListStore((s) => s.filters);
  const sort = useProblemListStore((s) => s.sort);
  const page = useProblemListStore((s) => s.page);
  const setSort = useProblemListStore((s) => s.setSort);
  const setPage = useProblemListStore((s) => s.setPage);
  const search = useDebounced(filters.search.trim(), 250);
  // ?open=<id> (a reminder's link) opens that problem's drawer; closing it drops the parameter.
  const [params, setParams] = useSearchParams();
  const [pickedId, setOpenId] = useState<string | null>(null);
  const linkedId = params.get('open');
  const openId = pickedId ?? linkedId;
  const closeDrawer = () => {
    setOpenId(null);
    if (linkedId) setParams({}, { replace: true });
  };

  const projectFacets = useAsync('project-facets', () => call('projects.facets', {}), ['projects', 'service_groups']);
  const problemFacets = useAsync('problem-facets', () => call('problems.facets', {}), ['problems']);

  const query = useMemo(
    () => ({
      statuses: filters.statuses,
      categories: filters.categories,
      leadUnits: filters.leadUnits,
      districts: filters.districts,
      groupIds: filters.groupIds,
      overdueOnly: filters.overdueOnly,
      raisedFrom: filters.raisedFrom,
      raisedTo: filters.raisedTo,
      query: search,
    }),
    [filters, search],
  );
  const key = JSON.stringify({ query, sort, page });
  const list = useAsync(
    `problems:${key}`,
    () => call('problems.list', { ...query, sort, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    [...TABLES],
  );
  // How many of the filtered problems are overdue, for the summary line.
  const overdue = useAsync(
    `problems-overdue:${JSON.stringify(query)}`,
    () => call('problems.list', { ...query, overdueOnly: true, limit: 1 }),
    [...TABLES],
  );

  const rows = list.data?.rows ?? [];
  const sortable = (field: ProblemSortField) => ({
    sorter: true,
    sortOrder: sort.field === field ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
  });

  return (
    <div className="problems-page" data-testid="problems-page">
      <div className="page-head">
        <h1>{t('problems.title')}</h1>
        <span className="page-sub">{t('problems.subtitle')}</span>
        <ProblemsExportButton query={query} sort={sort} />
      </div>
      <ProblemFilterBar projectFacets={projectFacets.data} problemFacets={problemFacets.data} />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <div className="panel problems-table-panel">
        <div className="ledger-summary">
          <span data-testid="problem-count">
            {list.data ? t('problems.count', { count: list.data.total }) : t('common.loading')}
            {overdue.data && overdue.data.total > 0 && (
              <Tag color="error" style={{ marginInlineStart: 8 }} data-testid="problem-overdue-total">
                {t('problems.overdueTotal', { count: overdue.data.total })}
              </Tag>
            )}
          </span>
        </div>
        <Table<ProblemListItem>
          size="small"
          rowKey="id"
          loading={list.loading && !list.data}
          dataSource={rows}
          scroll={{ x: 1200 }}
          rowClassName={(r) => (r.daysOverdue > 0 ? 'overdue-row' : '')}
          onRow={(r) =>
            ({
              'data-testid': 'problem-list-row',
              'data-status': r.status,
              onClick: () => setOpenId(r.id),
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            showSizeChanger: false,
            size: 'small',
            onChange: setPage,
          }}
          onChange={(_p, _f, sorter, extra) => {
            if (extra.action !== 'sort' || Array.isArray(sorter)) return;
            const field = sorter.columnKey as ProblemSortField | undefined;
            if (!field || !sorter.order) setSort({ field: 'urgency', order: 'asc' });
            else setSort({ field, order: sorter.order === 'descend' ? 'desc' : 'asc' });
          }}
          locale={{
            emptyText: list.loading ? (
              <div className="table-placeholder" />
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('problems.empty')}
                data-testid="problems-empty"
              >
                <span className="muted">{t('problems.emptyHint')}</span>
              </Empty>
            ),
          }}
          columns={[
            {
              title: t('problems.col.project'),
              key: 'project',
              width: 220,
              ...sortable('project'),
              render: (_: unknown, r) => (
                <div>
                  <div className="project-name-link">{r.projectName}</div>
                  <div className="muted" style={{ fontSize: 12 }}>
                    {r.district}
                    {r.groupName ? ` · ${r.groupName}` : ''}
                  </div>
                </div>
              ),
            },
            {
              title: t('problems.col.category'),
              key: 'category',
              width: 110,
              ...sortable('category'),
              render: (_: unknown, r) => t(`labels.problemCategory.${r.category}`),
            },
            {
              title: t('problems.col.description'),
              key: 'description',
              render: (_: unknown, r) => <span className="problem-list-desc">{r.description}</span>,
            },
            {
              title: t('problems.col.leadUnit'),
              key: 'leadUnit',
              width: 160,
              ...sortable('leadUnit'),
              render: (_: unknown, r) => r.leadUnit ?? '—',
            },
            {
              title: t('problems.col.deadline'),
              key: 'deadline',
              width: 140,
              ...sortable('deadline'),
              render: (_: unknown, r) => (
                <div>
                  <span className="num">{date(r.deadline, lang)}</span>
                  {r.daysOverdue > 0 && (
                    <div className="problem-overdue-text" data-testid="problem-overdue">
                      {t('problems.overdue', { days: r.daysOverdue })}
                    </div>
                  )}
                </div>
              ),
            },
            {
              title: t('problems.col.handlingLevel'),
              key: 'handlingLevel',
              width: 120,
              ...sortable('handlingLevel'),
              render: (_: unknown, r) => t(`labels.handlingLevel.${r.handlingLevel}`),
            },
            {
              title: t('problems.col.status'),
              key: 'status',
              width: 96,
              ...sortable('status'),
              render: (_: unknown, r) => <ProblemStatusTag status={r.status} />,
            },
          ]}
        />
      </div>
      <ProblemDrawer problemId={openId} onClose={closeDrawer} />
    </div>
  );
}
