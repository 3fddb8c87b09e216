import { CheckOutlined, EditOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Select, Tag, Tooltip } from 'antd';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { AgendaItem, Meeting } from '../../../../shared/domain/plan';
import { call, toApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { date, todayShanghai } from '../../format';
import { useAsync } from '../../hooks/useAsync';
import type { Lang } from '../../i18n';
import { usePlanT } from '../../i18n/usePlanT';
import { useRole } from '../../stores/sync';
import { mayCoordinate } from '../plan/access';
import { moveSelection } from '../plan/planLogic';
import { ProblemDrawer } from '../problems/ProblemDrawer';
import { AgendaTable } from './AgendaTable';
import { DecisionModal } from './DecisionModal';
import { MeetingFormModal } from './MeetingFormModal';
import { decidedCount, pickDefaultMeeting } from './meetingLogic';
import '../plan/plan.css';
import './meetings.css';
import { AgendaExportButton } from '../../components/exports/PageExports';

const AGENDA_TABLES = ['problems', 'meetings', 'meeting_decisions', 'escalations', 'projects'] as const;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(el.tagName));
}

/** 联审会办会: pick or create a meeting; its agenda is every open problem at 市级会办; coordinators record decisions. */
export function MeetingsPage() {
  const { t, i18n } = useTranslation();
  const tp = usePlanT();
  const lang = i18n.language as Lang;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const routeId = useParams().id ?? null;
  const canEdit = mayCoordinate(useRole());
  const today = todayShanghai();
  const [formFor, setFormFor] = useState<Meeting | 'new' | null>(null);
  const [deciding, setDeciding] = useState<AgendaItem | null>(null);
  const [problemId, setProblemId] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const meetings = useAsync('meetings', () => call('meetings.list', {}), ['meetings']);
  const list = meetings.data ?? [];
  const meetingId = routeId ?? pickDefaultMeeting(list, today)?.id ?? null;
  const agenda = useAsync(
    `agenda:${meetingId ?? ''}`,
    () => (meetingId ? call('meetings.agenda', { meetingId }) : Promise.resolve(null)),
    [...AGENDA_TABLES],
  );
  const current = agenda.data && agenda.data.meeting.id === meetingId ? agenda.data : null;
  const items = current?.items ?? [];

  const setStatus = async (m: Meeting, status: Meeting['status']) => {
    try {
      await call('meetings.save', { id: m.id, date: m.date, title: m.title, status });
      meetings.reload();
      agenda.reload();
    } catch (e) {
      void message.error(t(`errors.${toApiError(e).code}`));
    }
  };

  // N creates a meeting; ↑↓ pick an agenda item, Enter records its decision (or opens the problem).
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
    if (document.querySelector('.ant-modal-wrap, .ant-drawer-open')) return;
    const index = items.findIndex((x) => x.problemId === selectedId);
    if ((e.key === 'n' || e.key === 'N') && canEdit) {
      e.preventDefault();
      setFormFor('new');
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = items[moveSelection(index, e.key === 'ArrowDown' ? 1 : -1, items.length)];
      if (next) setSelectedId(next.problemId);
    } else if (e.key === 'Enter' && index >= 0) {
      e.preventDefault();
      const row = items[index]!;
      if (canEdit) setDeciding(row);
      else setProblemId(row.problemId);
    }
  });
  useEffect(() => {
    const handler = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);

  const meeting = current?.meeting ?? null;
  return (
    <div className="meetings-page" data-testid="meetings-page">
      <div className="page-head">
        <h1>{tp('meetings.title')}</h1>
        <span className="page-sub">{tp('meetings.subtitle')}</span>
        <AgendaExportButton meetingId={meetingId ?? null} />
      </div>
      <div className="panel plan-toolbar">
        <span>{tp('meetings.meeting')}</span>
        <Select
          className="meeting-select"
          data-testid="meeting-select"
          placeholder={tp('meetings.pickMeeting')}
          value={meetingId ?? undefined}
          onChange={(id: string) => void navigate(`/meetings/${encodeURIComponent(id)}`)}
          options={list.map((m) => ({
            value: m.id,
            label: `${date(m.date, lang)} · ${m.title} · ${tp(`meetings.status.${m.status}`)}`,
          }))}
          notFoundContent={tp('meetings.noMeetings')}
        />
        {canEdit && (
          <Tooltip title="N">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormFor('new')} data-testid="meeting-new">
              {tp('meetings.create')}
            </Button>
          </Tooltip>
        )}
        {canEdit && meeting && (
          <>
            <Button icon={<EditOutlined />} onClick={() => setFormFor(meeting)} data-testid="meeting-edit">
              {tp('meetings.edit')}
            </Button>
            {meeting.status === 'planned' ? (
              <Button
                icon={<CheckOutlined />}
                onClick={() => void setStatus(meeting, 'held')}
                data-testid="meeting-held"
              >
                {tp('meetings.markHeld')}
              </Button>
            ) : (
              <Button icon={<UndoOutlined />} onClick={() => void setStatus(meeting, 'planned')}>
                {tp('meetings.markPlanned')}
              </Button>
            )}
          </>
        )}
        {meeting && (
          <span className="plan-totals" data-testid="agenda-count">
            <Tag color={meeting.status === 'held' ? 'green' : 'blue'}>{tp(`meetings.status.${meeting.status}`)}</Tag>
            {tp('meetings.agendaCount', { count: items.length, decided: decidedCount(items) })}
          </span>
        )}
      </div>
      {meetings.error && <ErrorAlert error={meetings.error} onRetry={meetings.reload} />}
      {agenda.error && <ErrorAlert error={agenda.error} onRetry={agenda.reload} />}
      {!canEdit && <Alert type="info" showIcon title={tp('meetings.readOnly')} />}
      {meetings.data && list.length === 0 && !routeId ? (
        <div className="panel">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={tp('meetings.noMeetings')}
            data-testid="meetings-empty"
          >
            <div className="muted empty-hint">
              {canEdit ? tp('meetings.noMeetingsHint') : tp('meetings.noMeetingsReadOnly')}
            </div>
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormFor('new')}>
                {tp('meetings.create')}
              </Button>
            )}
          </Empty>
        </div>
      ) : (
        <div className="panel plan-table-panel">
          <AgendaTable
            items={items}
            loading={agenda.loading || !meetings.data}
            today={today}
            selectedId={selectedId}
            canDecide={canEdit}
            onSelect={setSelectedId}
            onDecide={setDeciding}
            onOpenProblem={setProblemId}
          />
          {canEdit && <div className="plan-hint kbd-hint">{tp('meetings.keyboardHint')}</div>}
        </div>
      )}
      <MeetingFormModal
        open={formFor !== null}
        meeting={formFor === 'new' ? null : formFor}
        onClose={() => setFormFor(null)}
        onSaved={(m) => {
          setFormFor(null);
          void message.success(tp('meetings.form.saved'));
          meetings.reload();
          agenda.reload();
          void navigate(`/meetings/${encodeURIComponent(m.id)}`);
        }}
      />
      {meetingId && (
        <DecisionModal
          meetingId={meetingId}
          item={deciding}
          onClose={() => setDeciding(null)}
          onSaved={() => {
            setDeciding(null);
            void message.success(tp('meetings.decision.saved'));
            agenda.reload();
          }}
        />
      )}
      <ProblemDrawer problemId={problemId} onClose={() => setProblemId(null)} />
    </div>
  );
}
