import { Empty, Segmented, Table, Tag } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadlineGroupBy, DeadlineItem, DeadlineRow } from '../../../../shared/domain/plan';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dueWords } from '../../components/reminders/reminderLogic';
import { date, todayShanghai } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import type { Lang } from '../../i18n';
import { usePlanT } from '../../i18n/usePlanT';
import { ProblemDrawer } from '../problems/ProblemDrawer';
import './deadlines.css';

const BY: readonly DeadlineGroupBy[] = ['group', 'unit', 'district'];

function Items({ items, onOpen }: { items: DeadlineItem[]; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const tp = usePlanT();
  const lang = i18n.language as Lang;
  return (
    <Table<DeadlineItem>
      size="small"
      rowKey="problemId"
      pagination={false}
      dataSource={items}
      onRow={(r) =>
        ({
          'data-testid': 'deadline-item',
          onClick: () => onOpen(r.problemId),
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: tp('deadlines.col.project'),
          key: 'project',
          width: 220,
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
          title: tp('deadlines.col.problem'),
          key: 'problem',
          render: (_: unknown, r) => <span className="problem-list-desc">{r.description}</span>,
        },
        {
          title: tp('deadlines.col.level'),
          key: 'level',
          width: 110,
          render: (_: unknown, r) => t(`labels.handlingLevel.${r.handlingLevel}`),
        },
        {
          title: tp('deadlines.col.deadline'),
          key: 'deadline',
          width: 140,
          render: (_: unknown, r) => <span className="num">{date(r.deadline, lang)}</span>,
        },
        {
          title: tp('deadlines.col.left'),
          key: 'left',
          width: 110,
          render: (_: unknown, r) => {
            const w = dueWords(r.daysLeft, 'deadlines');
            return (
              <span className={r.daysLeft < 0 ? 'problem-overdue-text' : 'deadline-soon'} data-testid="deadline-left">
                {tp(w.key, w.params)}
              </span>
            );
          },
        },
      ]}
    />
  );
}

/** 期限预警: problems due within 7 days and overdue, counted by group, lead unit or district. */
export function DeadlinesPage() {
  const tp = usePlanT();
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [by, setBy] = useState<DeadlineGroupBy>('group');
  const [openId, setOpenId] = useState<string | null>(null);
  const summary = useAsync(`deadlines:${by}`, () => call('deadlines.summary', { by }), [
    'problems',
    'projects',
    'service_groups',
    'meeting_decisions',
  ]);
  const data = summary.data && summary.data.by === by ? summary.data : undefined;
  const label = (r: DeadlineRow) =>
    r.key === null
      ? by === 'unit'
        ? tp('deadlines.noUnit')
        : by === 'group'
          ? tp('deadlines.noGroup')
          : r.label
      : r.label;

  return (
    <div className="deadlines-page" data-testid="deadlines-page">
      <div className="page-head">
        <h1>{tp('deadlines.title')}</h1>
        <span className="page-sub">
          {tp('deadlines.subtitle', { date: date(data?.today ?? todayShanghai(), lang) })}
        </span>
      </div>
      <div className="panel plan-toolbar">
        <Segmented<DeadlineGroupBy>
          data-testid="deadlines-by"
          value={by}
          onChange={setBy}
          options={BY.map((b) => ({ value: b, label: tp(`deadlines.by.${b}`) }))}
        />
        {data && (
          <span className="plan-totals" data-testid="deadlines-totals">
            <Tag color="warning">
              {tp('deadlines.col.dueSoon')} {data.totals.dueSoon}
            </Tag>
            <Tag color="error">
              {tp('deadlines.col.overdue')} {data.totals.overdue}
            </Tag>
          </span>
        )}
      </div>
      {summary.error && <ErrorAlert error={summary.error} onRetry={summary.reload} />}
      <div className="panel">
        <Table<DeadlineRow>
          size="small"
          rowKey={(r) => r.key ?? '(none)'}
          loading={summary.loading && !data}
          dataSource={data?.rows ?? []}
          pagination={false}
          expandable={{
            expandRowByClick: true,
            expandedRowRender: (r) => <Items items={r.items} onOpen={setOpenId} />,
          }}
          onRow={() => ({ 'data-testid': 'deadline-row' }) as HTMLAttributes<HTMLElement>}
          locale={{
            emptyText: summary.loading ? (
              <div className="table-placeholder" />
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={tp('deadlines.empty')}
                data-testid="deadlines-empty"
              >
                <span className="muted">{tp('deadlines.emptyHint')}</span>
              </Empty>
            ),
          }}
          columns={[
            { title: tp('deadlines.col.name'), key: 'name', render: (_: unknown, r) => <b>{label(r)}</b> },
            {
              title: tp('deadlines.col.dueSoon'),
              key: 'dueSoon',
              width: 140,
              render: (_: unknown, r) => <span className="num deadline-soon">{r.dueSoon}</span>,
            },
            {
              title: tp('deadlines.col.overdue'),
              key: 'overdue',
              width: 140,
              render: (_: unknown, r) => <span className="num problem-overdue-text">{r.overdue}</span>,
            },
          ]}
        />
      </div>
      <ProblemDrawer problemId={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
