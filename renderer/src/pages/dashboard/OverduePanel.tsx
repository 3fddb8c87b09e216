import { Button, Empty, Table } from 'antd';
import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router';
import type { KpiDashboard } from '../../../../shared/channels/kpi';
import type { DeadlineItem } from '../../../../shared/domain/plan';
import { date } from '../../format';
import type { Lang } from '../../i18n';
import { useDashboardT } from './useDashboardT';

/** The problems overdue longest in the selection; a row opens the problem. */
export function OverduePanel({
  data,
  lang,
  onOpenProblem,
}: {
  data: KpiDashboard;
  lang: Lang;
  onOpenProblem: (id: string) => void;
}) {
  const td = useDashboardT();
  const navigate = useNavigate();
  return (
    <div className="panel kpi-panel" data-testid="kpi-overdue">
      <div className="kpi-panel-head">
        <span className="kpi-panel-title">
          {td('overdue.title')} <span className="kpi-overdue-count num">{data.figures.overdue}</span>
        </span>
        <span className="muted kpi-panel-sub">{td('overdue.subtitle', { date: date(data.asOf, lang) })}</span>
        <Button size="small" type="link" onClick={() => void navigate('/problems')} className="kpi-panel-action">
          {td('overdue.all')}
        </Button>
      </div>
      <Table<DeadlineItem>
        size="small"
        rowKey="problemId"
        dataSource={data.overdueItems}
        pagination={false}
        scroll={{ y: 300 }}
        onRow={(r) =>
          ({
            'data-testid': 'overdue-item',
            onClick: () => onOpenProblem(r.problemId),
            style: { cursor: 'pointer' },
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={td('overdue.none')} /> }}
        columns={[
          {
            title: td('overdue.project'),
            key: 'project',
            width: 200,
            render: (_: unknown, r) => (
              <div>
                <div className="project-name-link">{r.projectName}</div>
                <div className="muted kpi-small">
                  {r.district}
                  {r.groupName ? ` · ${r.groupName}` : ''}
                </div>
              </div>
            ),
          },
          {
            title: td('overdue.problem'),
            key: 'problem',
            render: (_: unknown, r) => <span className="kpi-problem-desc">{r.description}</span>,
          },
          { title: td('overdue.leadUnit'), dataIndex: 'leadUnit', width: 130, render: (v: string | null) => v ?? '—' },
          {
            title: td('overdue.deadline'),
            key: 'deadline',
            width: 150,
            render: (_: unknown, r) => (
              <div>
                <div className="num">{date(r.deadline, lang)}</div>
                <div className="kpi-late kpi-small">{td('overdue.late', { days: -r.daysLeft })}</div>
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
