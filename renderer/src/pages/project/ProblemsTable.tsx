import { Empty, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { daysOverdue } from '../../../../shared/problem-flow';
import type { HandlingLevel, Problem, ProblemCategory } from '../../../../shared/domain/problem';
import { ProblemStatusTag } from '../../components/tags';
import { date, todayShanghai } from '../../format';
import type { Lang } from '../../i18n';

const STATUS_RANK = { open: 0, in_progress: 1, resolved: 2, closed: 3 } as const;

/** Problems, overdue first (leaders ask about those first), then by status and deadline; a row opens the problem. */
export function ProblemsTable({ problems, onOpen }: { problems: Problem[]; onOpen?: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const today = todayShanghai();
  const rows = problems
    .map((p) => ({ p, overdue: daysOverdue(p, today) }))
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        STATUS_RANK[a.p.status] - STATUS_RANK[b.p.status] ||
        (a.p.deadline ?? '9999').localeCompare(b.p.deadline ?? '9999'),
    );

  return (
    <div data-testid="problems-table">
      <Table<(typeof rows)[number]>
        size="small"
        rowKey={(r) => r.p.id}
        dataSource={rows}
        pagination={rows.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
        scroll={{ x: 980 }}
        rowClassName={(r) => (r.overdue > 0 ? 'overdue-row' : '')}
        onRow={(r) =>
          ({
            'data-testid': 'problem-row',
            onClick: onOpen ? () => onOpen(r.p.id) : undefined,
            style: onOpen ? { cursor: 'pointer' } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('project.problem.empty')}
              data-testid="problems-empty"
            >
              <span className="muted">{t('project.problem.emptyHint')}</span>
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('project.problem.category'),
            key: 'category',
            width: 116,
            render: (_: unknown, r) => t(`labels.problemCategory.${r.p.category satisfies ProblemCategory}`),
          },
          {
            title: t('project.problem.description'),
            key: 'description',
            render: (_: unknown, r) => <span className="problem-desc">{r.p.description}</span>,
          },
          {
            title: t('project.problem.leadUnit'),
            key: 'leadUnit',
            width: 160,
            render: (_: unknown, r) => r.p.leadUnit ?? '—',
          },
          {
            title: t('project.problem.deadline'),
            key: 'deadline',
            width: 150,
            render: (_: unknown, r) => (
              <div>
                <span className="num">{date(r.p.deadline, lang)}</span>
                {r.overdue > 0 && (
                  <div>
                    <Tag color="error" variant="solid" data-testid="overdue-tag">
                      {t('project.problem.overdue', { days: r.overdue })}
                    </Tag>
                  </div>
                )}
              </div>
            ),
          },
          {
            title: t('project.problem.handlingLevel'),
            key: 'handlingLevel',
            width: 150,
            render: (_: unknown, r) => t(`labels.handlingLevel.${r.p.handlingLevel satisfies HandlingLevel}`),
          },
          {
            title: t('project.problem.status'),
            key: 'status',
            width: 96,
            render: (_: unknown, r) => <ProblemStatusTag status={r.p.status} />,
          },
        ]}
      />
    </div>
  );
}
