import { Button, Empty, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '../../../../shared/domain/plan';
import { ProblemStatusTag } from '../../components/tags';
import { date, instant } from '../../format';
import type { Lang } from '../../i18n';
import { usePlanT } from '../../i18n/usePlanT';

interface Props {
  items: AgendaItem[];
  loading: boolean;
  today: string;
  selectedId: string | null;
  canDecide: boolean;
  onSelect: (problemId: string) => void;
  onDecide: (item: AgendaItem) => void;
  onOpenProblem: (problemId: string) => void;
}

/** 会办议题清单: one row per problem at 市级会办, with this meeting's decision. */
export function AgendaTable(props: Props) {
  const { items, today, canDecide } = props;
  const { t, i18n } = useTranslation();
  const tp = usePlanT();
  const lang = i18n.language as Lang;
  return (
    <Table<AgendaItem>
      size="small"
      rowKey="problemId"
      loading={props.loading && items.length === 0}
      dataSource={items}
      pagination={false}
      scroll={{ x: 1180 }}
      rowClassName={(r) => (r.problemId === props.selectedId ? 'plan-row-selected' : '')}
      onRow={(r) =>
        ({
          'data-testid': 'agenda-row',
          'data-problem-id': r.problemId,
          'data-decided': r.decision ? 'yes' : 'no',
          onClick: () => props.onSelect(r.problemId),
        }) as HTMLAttributes<HTMLElement>
      }
      locale={{
        emptyText: props.loading ? (
          <div className="table-placeholder" />
        ) : (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={tp('meetings.emptyAgenda')}
            data-testid="agenda-empty"
          >
            <span className="muted">{tp('meetings.emptyAgendaHint')}</span>
          </Empty>
        ),
      }}
      columns={[
        { title: tp('meetings.col.no'), key: 'no', width: 56, render: (_: unknown, _r, i) => i + 1 },
        {
          title: tp('meetings.col.project'),
          key: 'project',
          width: 200,
          render: (_: unknown, r) => (
            <div>
              <div className="project-name-link">{r.projectName}</div>
              <div className="muted" style={{ fontSize: 12 }}>
                <span className="num">{r.projectCode}</span> · {r.district}
              </div>
            </div>
          ),
        },
        {
          title: tp('meetings.col.problem'),
          key: 'problem',
          render: (_: unknown, r) => (
            <div>
              <Tag>{t(`labels.problemCategory.${r.category}`)}</Tag>
              <ProblemStatusTag status={r.status} />
              <a className="agenda-desc" onClick={() => props.onOpenProblem(r.problemId)} data-testid="agenda-problem">
                {r.description}
              </a>
            </div>
          ),
        },
        {
          title: tp('meetings.col.leadUnit'),
          key: 'leadUnit',
          width: 140,
          render: (_: unknown, r) => r.leadUnit ?? '—',
        },
        {
          title: tp('meetings.col.deadline'),
          key: 'deadline',
          width: 130,
          render: (_: unknown, r) => (
            <span
              className={r.deadline && r.deadline < today && r.status !== 'resolved' ? 'problem-overdue-text' : 'num'}
            >
              {date(r.deadline, lang)}
            </span>
          ),
        },
        {
          title: tp('meetings.col.escalated'),
          key: 'escalated',
          width: 170,
          render: (_: unknown, r) =>
            r.escalatedAt !== null ? (
              <div>
                <div className="num" style={{ fontSize: 12 }}>
                  {instant(r.escalatedAt, lang)}
                </div>
                {r.escalationReason && <div className="agenda-reason muted">{r.escalationReason}</div>}
              </div>
            ) : (
              <span className="muted">{date(r.raisedOn, lang)}</span>
            ),
        },
        {
          title: tp('meetings.col.decision'),
          key: 'decision',
          width: 280,
          render: (_: unknown, r) => (
            <div data-testid="agenda-decision">
              {r.decision ? (
                <div className="agenda-decision">
                  <div>
                    <b>{tp('meetings.decision.responsibleUnit')}</b>：{r.decision.responsibleUnit ?? '—'}
                  </div>
                  <div>
                    <b>{tp('meetings.decision.newDeadline')}</b>：{date(r.decision.newDeadline, lang)}
                  </div>
                  {r.decision.remarks && <div className="agenda-remarks">{r.decision.remarks}</div>}
                  <div className="muted" style={{ fontSize: 12 }}>
                    {tp('meetings.decision.by', { name: r.decision.decidedByName })}
                  </div>
                </div>
              ) : (
                <span className="muted">{tp('meetings.notDecided')}</span>
              )}
              {canDecide && (
                <Button
                  size="small"
                  type={r.decision ? 'default' : 'primary'}
                  style={{ display: 'block', marginTop: 4 }}
                  data-testid="agenda-decide"
                  onClick={(e) => {
                    e.stopPropagation();
                    props.onDecide(r);
                  }}
                >
                  {r.decision ? tp('meetings.redecide') : tp('meetings.decide')}
                </Button>
              )}
            </div>
          ),
        },
      ]}
    />
  );
}
