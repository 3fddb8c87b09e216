import { EyeOutlined, FormOutlined } from '@ant-design/icons';
import { Button, DatePicker, Empty, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthPlanEntry, PlanStatus } from '../../../../shared/domain/plan';
import { date } from '../../format';
import type { Lang } from '../../i18n';
import { usePlanT } from '../../i18n/usePlanT';
import { monthBounds } from './planLogic';

const STATUS_COLORS: Record<PlanStatus, string> = {
  due: 'processing',
  planned: 'cyan',
  visited: 'success',
  overdue: 'error',
};

interface Props {
  entries: MonthPlanEntry[];
  month: string;
  kind: 'past' | 'current' | 'future';
  loading: boolean;
  selectedId: string | null;
  /** Several groups listed: show each row's group. */
  showGroup: boolean;
  empty: ReactNode;
  onSelect: (projectId: string) => void;
  onStart: (entry: MonthPlanEntry) => void;
  onOpenVisit: (entry: MonthPlanEntry) => void;
  onOpenProject: (entry: MonthPlanEntry) => void;
  onSchedule: (entry: MonthPlanEntry, date: string | null) => void;
}

/** The month's projects: status, planned date (editable), last visit, and the action that fits. */
export function PlanTable(props: Props) {
  const { entries, month, kind, selectedId, showGroup } = props;
  const { i18n } = useTranslation();
  const tp = usePlanT();
  const lang = i18n.language as Lang;
  const bounds = monthBounds(month);

  return (
    <Table<MonthPlanEntry>
      size="small"
      rowKey="projectId"
      loading={props.loading && entries.length === 0}
      dataSource={entries}
      pagination={false}
      scroll={{ x: 960 }}
      rowClassName={(r) => (r.projectId === selectedId ? 'plan-row-selected' : '')}
      onRow={(r) =>
        ({
          'data-testid': 'plan-row',
          'data-project-id': r.projectId,
          'data-status': r.status,
          onClick: () => props.onSelect(r.projectId),
        }) as HTMLAttributes<HTMLElement>
      }
      locale={{ emptyText: props.loading ? <div className="table-placeholder" /> : props.empty }}
      columns={[
        {
          title: tp('plan.col.project'),
          key: 'project',
          render: (_: unknown, r) => (
            <div>
              <span className="project-name-link" onClick={() => props.onOpenProject(r)}>
                {r.projectName}
              </span>
              <div className="muted" style={{ fontSize: 12 }}>
                <span className="num">{r.projectCode}</span> · {r.district}
              </div>
            </div>
          ),
        },
        ...(showGroup
          ? [
              {
                title: tp('plan.col.group'),
                key: 'group',
                width: 150,
                render: (_: unknown, r: MonthPlanEntry) => r.groupName,
              },
            ]
          : []),
        {
          title: tp('plan.col.status'),
          key: 'status',
          width: 150,
          render: (_: unknown, r) => (
            <div data-testid="plan-status">
              <Tag color={STATUS_COLORS[r.status]}>{tp(`plan.status.${r.status}`)}</Tag>
              {r.overdueMonths > 0 && r.status !== 'visited' && (
                <div className="plan-overdue-text">{tp('plan.overdueMonths', { count: r.overdueMonths })}</div>
              )}
            </div>
          ),
        },
        {
          title: tp('plan.col.plannedDate'),
          key: 'plannedDate',
          width: 170,
          render: (_: unknown, r) =>
            kind === 'past' || r.status === 'visited' ? (
              <span className="num">{date(r.plannedDate, lang)}</span>
            ) : (
              <DatePicker
                size="small"
                data-testid="plan-date"
                style={{ width: 150 }}
                placeholder={tp('plan.plannedPlaceholder')}
                value={r.plannedDate ? dayjs(r.plannedDate) : null}
                defaultPickerValue={dayjs(bounds.first)}
                disabledDate={(d) => {
                  const s = d.format('YYYY-MM-DD');
                  return s < bounds.first || s > bounds.last;
                }}
                onChange={(d) => props.onSchedule(r, d ? d.format('YYYY-MM-DD') : null)}
              />
            ),
        },
        {
          title: tp('plan.col.lastVisit'),
          key: 'lastVisit',
          width: 150,
          render: (_: unknown, r) =>
            r.lastVisitDate ? (
              <span className="num">{date(r.lastVisitDate, lang)}</span>
            ) : (
              <span className="muted">{tp('plan.neverVisited')}</span>
            ),
        },
        {
          title: tp('plan.col.action'),
          key: 'action',
          width: 130,
          render: (_: unknown, r) =>
            r.status === 'visited' && r.visitIdThisMonth ? (
              <Button
                size="small"
                icon={<EyeOutlined />}
                data-testid="plan-open-visit"
                onClick={() => props.onOpenVisit(r)}
              >
                {tp('plan.openVisit')}
              </Button>
            ) : kind === 'current' ? (
              <Button
                size="small"
                type="primary"
                icon={<FormOutlined />}
                data-testid="plan-start-visit"
                onClick={() => props.onStart(r)}
              >
                {tp('plan.startVisit')}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

/** The empty state that says what to do, for each reason the list can be empty. */
export function PlanEmpty({
  reason,
  onAction,
}: {
  reason: 'noGroups' | 'noProjects' | 'filtered';
  onAction: () => void;
}) {
  const tp = usePlanT();
  const words = {
    noGroups: { title: tp('plan.emptyNoGroups'), hint: tp('plan.emptyNoGroupsHint'), action: tp('plan.openLedger') },
    noProjects: { title: tp('plan.emptyNoProjects'), hint: tp('plan.emptyNoProjectsHint'), action: null },
    filtered: { title: tp('plan.emptyFiltered'), hint: tp('plan.emptyFilteredHint'), action: tp('plan.filter.all') },
  }[reason];
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={words.title} data-testid="plan-empty" data-reason={reason}>
      <div className="muted empty-hint">{words.hint}</div>
      {words.action && (
        <Button type="primary" onClick={onAction}>
          {words.action}
        </Button>
      )}
    </Empty>
  );
}
