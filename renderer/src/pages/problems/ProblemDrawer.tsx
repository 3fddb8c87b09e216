import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ProblemDetail } from '../../../../shared/channels/problems';
import type { ProblemStatus } from '../../../../shared/domain/problem';
import { allowedTransitions, isReopen } from '../../../../shared/problem-flow';
import type { CellValue } from '../../../../shared/records';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { ProblemStatusTag } from '../../components/tags';
import { date } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import type { Lang } from '../../i18n';
import { ProblemFormDrawer } from './ProblemFormDrawer';
import { ProblemEscalation } from './ProblemEscalation';
import { ProblemNotes } from './ProblemNotes';
import { ProblemTransitionModal } from './ProblemTransitionModal';
import './problems.css';

interface Props {
  /** The problem to show; null keeps the drawer closed. */
  problemId: string | null;
  onClose: () => void;
}

/** 问题详情: fields, the status actions the flow allows, progress notes, and the change history. */
export function ProblemDrawer({ problemId, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [moveTo, setMoveTo] = useState<ProblemStatus | null>(null);
  const [editing, setEditing] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const open = problemId !== null;
  const detail = useAsync(
    `problem:${problemId ?? ''}`,
    () => (problemId ? call('problems.get', { id: problemId }) : Promise.resolve(null)),
    open ? ['problems', 'progress_notes', 'visits', 'photos'] : [],
  );
  // A stale answer for another problem must not show under this id.
  const d: ProblemDetail | null = detail.data && detail.data.problem.id === problemId ? detail.data : null;

  const formatValue = useCallback(
    (column: string, v: CellValue): string | undefined => {
      if (v === null || v === '') return undefined;
      if (column === 'status' && typeof v === 'string')
        return t(`labels.problemStatus.${v}` as 'labels.problemStatus.open', v);
      if (column === 'category' && typeof v === 'string')
        return t(`labels.problemCategory.${v}` as 'labels.problemCategory.land', v);
      if (column === 'handling_level' && typeof v === 'string')
        return t(`labels.handlingLevel.${v}` as 'labels.handlingLevel.onsite', v);
      // Ids say nothing to a reader: the project by its name, a visit by its date.
      if (column === 'project_id' && d && v === d.problem.projectId) return d.projectName;
      if (column === 'visit_id' || column === 'closing_visit_id') {
        const visit = [d?.raisedBy, d?.closedBy, ...(d?.verifyingVisits ?? [])].find((x) => x?.id === v);
        if (visit) return t('problems.drawer.visitOn', { date: date(visit.date, lang) });
      }
      if (column === 'cooperating_units' && typeof v === 'string') {
        try {
          const units = JSON.parse(v) as unknown;
          return Array.isArray(units) ? units.join('、') || '—' : undefined;
        } catch {
          return undefined;
        }
      }
      return undefined;
    },
    [t, d, lang],
  );

  const p = d?.problem;
  const visitText = (v: ProblemDetail['raisedBy']) =>
    v ? t('problems.drawer.visitOn', { date: date(v.date, lang) }) : null;

  return (
    <Drawer
      title={t('problems.drawer.title')}
      open={open}
      onClose={onClose}
      size={680}
      destroyOnHidden
      extra={
        p && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="problem-edit">
              {t('problems.drawer.edit')}
            </Button>
            <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="problem-history">
              {t('problems.drawer.history')}
            </Button>
          </Space>
        )
      }
    >
      <div data-testid="problem-drawer">
        {detail.error && <ErrorAlert error={detail.error} onRetry={detail.reload} />}
        {!d || !p ? (
          !detail.error && <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <>
            <Space size={8} wrap style={{ marginBottom: 12 }}>
              <span data-testid="problem-status">
                <ProblemStatusTag status={p.status} />
              </span>
              <Tag>{t(`labels.problemCategory.${p.category}`)}</Tag>
              {d.daysOverdue > 0 && (
                <Tag color="error" variant="solid" data-testid="problem-drawer-overdue">
                  {t('problems.overdue', { days: d.daysOverdue })}
                </Tag>
              )}
            </Space>
            <Typography.Paragraph className="problem-note-text" style={{ fontSize: 15 }}>
              {p.description}
            </Typography.Paragraph>
            <Descriptions size="small" column={2} bordered styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label={t('problems.drawer.project')} span={2}>
                <Typography.Link onClick={() => void navigate(`/projects/${encodeURIComponent(p.projectId)}`)}>
                  {d.projectName}
                </Typography.Link>{' '}
                <span className="muted num">{d.projectCode}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('problems.fields.leadUnit')}>{p.leadUnit ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('problems.fields.handlingLevel')}>
                {t(`labels.handlingLevel.${p.handlingLevel}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('problems.fields.cooperatingUnits')} span={2}>
                {p.cooperatingUnits.length ? p.cooperatingUnits.join('、') : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('problems.fields.raisedOn')}>{date(p.raisedOn, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('problems.fields.deadline')}>{date(p.deadline, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('problems.drawer.raisedBy')}>
                {visitText(d.raisedBy) ?? t('problems.drawer.fromProjectPage')}
              </Descriptions.Item>
              <Descriptions.Item label={t('problems.drawer.photos')}>
                {t('problems.drawer.photoCounts', {
                  before: d.photoCounts.before,
                  after: d.photoCounts.after,
                  evidence: d.photoCounts.problem_evidence,
                })}
              </Descriptions.Item>
              {p.resolvedOn && (
                <Descriptions.Item label={t('problems.fields.resolvedOn')}>
                  {date(p.resolvedOn, lang)}
                </Descriptions.Item>
              )}
              {p.closedOn && (
                <Descriptions.Item label={t('problems.fields.closedOn')}>
                  {date(p.closedOn, lang)}
                  {d.closedBy && <span className="muted"> · {visitText(d.closedBy)}</span>}
                </Descriptions.Item>
              )}
              {p.resolution && (
                <Descriptions.Item label={t('problems.fields.resolution')} span={2}>
                  <span className="problem-note-text">{p.resolution}</span>
                </Descriptions.Item>
              )}
            </Descriptions>

            <div className="problem-drawer-section">
              <h3>{t('problems.drawer.actions')}</h3>
              <div className="problem-actions">
                {allowedTransitions(p.status).map((to) => (
                  <Button
                    key={to}
                    type={to === 'closed' || to === 'resolved' ? 'primary' : 'default'}
                    danger={isReopen(p.status, to)}
                    data-testid={`problem-transition-${to}`}
                    onClick={() => setMoveTo(to)}
                  >
                    {isReopen(p.status, to) ? t('problems.action.reopen') : t(`problems.action.${to}`)}
                  </Button>
                ))}
              </div>
            </div>

            <ProblemEscalation problem={p} onChanged={detail.reload} />

            <div className="problem-drawer-section">
              <h3>{t('problems.notes.title')}</h3>
              <ProblemNotes
                problemId={p.id}
                notes={d.notes}
                onAdded={() => {
                  void message.success(t('problems.notes.added'));
                  detail.reload();
                }}
              />
            </div>

            <ProblemTransitionModal
              detail={d}
              to={moveTo}
              onClose={() => setMoveTo(null)}
              onDone={() => {
                setMoveTo(null);
                void message.success(t('problems.transition.done'));
                detail.reload();
              }}
            />
            <ProblemFormDrawer
              projectId={p.projectId}
              visitId={p.visitId}
              problem={p}
              open={editing}
              onClose={() => setEditing(false)}
              onSaved={() => detail.reload()}
            />
            <HistoryDrawer
              open={historyOpen}
              onClose={() => setHistoryOpen(false)}
              table="problems"
              rowId={p.id}
              groupNames={{}}
              fieldsKey="problems.fields"
              formatValue={formatValue}
            />
          </>
        )}
      </div>
    </Drawer>
  );
}
