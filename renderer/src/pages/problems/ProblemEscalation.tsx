import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { App, Button, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../../shared/domain/problem';
import { escalationTargets, maySendBack, sendBackTargets, type EscalationMove } from '../../../../shared/escalation';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, instant } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import type { Lang } from '../../i18n';
import { usePlanT } from '../../i18n/usePlanT';
import { useRole } from '../../stores/sync';
import { EscalationModal } from './EscalationModal';

/**
 * 办理层级 in the problem drawer: the level, 升级 for anyone serving the project, 退回 for
 * coordinators, the level history (who, when, from → to, why) and the joint meetings' decisions.
 */
export function ProblemEscalation({ problem, onChanged }: { problem: Problem; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const tp = usePlanT();
  const lang = i18n.language as Lang;
  const { message } = App.useApp();
  const role = useRole();
  const [move, setMove] = useState<EscalationMove | null>(null);
  const tables = ['escalations', 'meeting_decisions', 'meetings', 'problems'] as const;
  const history = useAsync(`escalations:${problem.id}`, () => call('problems.escalations', { id: problem.id }), [
    ...tables,
  ]);
  const decisions = useAsync(`decisions:${problem.id}`, () => call('problems.decisions', { id: problem.id }), [
    ...tables,
  ]);
  const done = problem.status === 'resolved' || problem.status === 'closed';
  const canUp = !done && escalationTargets(problem.handlingLevel).length > 0;
  const canDown = !done && maySendBack(role) && sendBackTargets(problem.handlingLevel).length > 0;
  const level = (l: Problem['handlingLevel']) => t(`labels.handlingLevel.${l}`);

  return (
    <div className="problem-drawer-section" data-testid="problem-escalation">
      <h3>{tp('escalation.title')}</h3>
      <div className="problem-actions" style={{ alignItems: 'center' }}>
        <span>
          {tp('escalation.current')}：
          <Tag color="geekblue" data-testid="problem-level">
            {level(problem.handlingLevel)}
          </Tag>
        </span>
        {canUp && (
          <Button icon={<ArrowUpOutlined />} onClick={() => setMove('escalate')} data-testid="problem-escalate">
            {tp('escalation.escalate')}
          </Button>
        )}
        {canDown && (
          <Button icon={<ArrowDownOutlined />} onClick={() => setMove('send_back')} data-testid="problem-send-back">
            {tp('escalation.sendBack')}
          </Button>
        )}
        {done && <span className="muted">{tp('escalation.done')}</span>}
      </div>

      <div style={{ marginTop: 12 }} data-testid="escalation-history">
        <Typography.Text strong>{tp('escalation.history')}</Typography.Text>
        {history.error && <ErrorAlert error={history.error} onRetry={history.reload} />}
        {history.data && history.data.length === 0 && (
          <div className="muted" style={{ marginTop: 4 }}>
            {tp('escalation.historyEmpty')}
          </div>
        )}
        {history.data && history.data.length > 0 && (
          <Timeline
            style={{ marginTop: 10 }}
            items={history.data.map((e) => ({
              color: e.kind === 'escalate' ? 'blue' : 'orange',
              content: (
                <div data-testid="escalation-entry" data-kind={e.kind}>
                  <div>
                    <Tag color={e.kind === 'escalate' ? 'blue' : 'orange'}>{tp(`escalation.kind.${e.kind}`)}</Tag>
                    <b>{tp('escalation.move', { from: level(e.from), to: level(e.to) })}</b>
                  </div>
                  <div className="problem-note-meta">
                    {e.byName} · {instant(e.at, lang)}
                  </div>
                  <div className="problem-note-text">{e.reason}</div>
                </div>
              ),
            }))}
          />
        )}
      </div>

      {decisions.data && decisions.data.length > 0 && (
        <div style={{ marginTop: 4 }} data-testid="problem-decisions">
          <Typography.Text strong>{tp('escalation.decisions')}</Typography.Text>
          {decisions.data.map((d) => (
            <div key={d.id} className="problem-decision" data-testid="problem-decision">
              <div>
                {tp('escalation.decision', {
                  date: instant(d.at, lang),
                  unit: d.responsibleUnit ?? '—',
                  deadline: date(d.newDeadline, lang),
                })}
              </div>
              {d.remarks && <div className="problem-note-text">{d.remarks}</div>}
              <div className="problem-note-meta">{d.decidedByName}</div>
            </div>
          ))}
        </div>
      )}

      <EscalationModal
        problem={problem}
        move={move}
        onClose={() => setMove(null)}
        onDone={(p) => {
          setMove(null);
          void message.success(
            tp(move === 'send_back' ? 'escalation.sentBack' : 'escalation.escalated', {
              level: level(p.handlingLevel),
            }),
          );
          history.reload();
          onChanged();
        }}
      />
    </div>
  );
}
