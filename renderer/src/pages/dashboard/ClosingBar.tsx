import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Table, Tag, Tooltip, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { KpiDashboard } from '../../../../shared/channels/kpi';
import type { FigureAmendment, ProjectAmendment } from '../../../../shared/kpi/amend';
import { call, toApiError } from '../../api/client';
import { instant } from '../../format';
import type { Lang } from '../../i18n';
import { amendFigureValue, amendValue } from './dashboardLogic';
import { useDashboardT, type DashboardT } from './useDashboardT';

function monthLabel(month: string, td: DashboardT): string {
  return td('month', { year: month.slice(0, 4), month: Number(month.slice(5, 7)) });
}

/** Close the month (with a confirmation) or reopen it (with a reason); who closed it and when. */
export function ClosingBar({ data, lang }: { data: KpiDashboard; lang: Lang }) {
  const td = useDashboardT();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [closing, setClosing] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const c = data.closing;
  const month = monthLabel(data.month, td);
  const closed = data.source === 'snapshot';

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      void message.success(done);
      setClosing(false);
      setReopening(false);
    } catch (e) {
      const err = toApiError(e);
      void message.error(`${t(`errors.${err.code}`)}: ${err.message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kpi-closing" data-testid="closing-bar">
      {closed ? (
        <Tooltip title={c?.note || undefined}>
          <Tag icon={<LockOutlined />} color="blue" data-testid="closing-status">
            {td('closing.closed')}
          </Tag>
        </Tooltip>
      ) : (
        <Tag icon={<UnlockOutlined />} data-testid="closing-status">
          {td('closing.open')}
        </Tag>
      )}
      {closed && c?.closedAt && (
        <span className="muted kpi-small">
          {td('closing.closedBy', { name: c.closedByName ?? '—', time: instant(c.closedAt, lang) })}
        </span>
      )}
      {!closed && c?.status === 'reopened' && c.reopenedAt && (
        <span className="muted kpi-small">
          {td('closing.reopenedBy', {
            name: c.reopenedByName ?? '—',
            time: instant(c.reopenedAt, lang),
            reason: c.reopenReason ?? '',
          })}
        </span>
      )}
      {c?.status === 'closed' && !c.snapshotReady && <Alert type="warning" showIcon title={td('closing.syncing')} />}
      {data.mayManage && !closed && (
        <Tooltip title={data.mayClose ? undefined : td('closing.notEnded')}>
          <Button
            size="small"
            icon={<LockOutlined />}
            disabled={!data.mayClose}
            onClick={() => setClosing(true)}
            data-testid="close-month"
          >
            {td('closing.close')}
          </Button>
        </Tooltip>
      )}
      {data.mayManage && closed && (
        <Button size="small" onClick={() => setReopening(true)} data-testid="reopen-month">
          {td('closing.reopen')}
        </Button>
      )}
      <Modal
        open={closing}
        title={td('closing.confirmTitle', { month })}
        okText={td('closing.confirm')}
        confirmLoading={busy}
        onCancel={() => setClosing(false)}
        onOk={() => void run(() => call('kpi.close', { month: data.month, note }), td('closing.done', { month }))}
        okButtonProps={{ 'data-testid': 'close-month-ok' } as ButtonProps}
        destroyOnHidden
      >
        <p>{td('closing.confirmBody')}</p>
        <Input.TextArea
          rows={2}
          maxLength={2000}
          placeholder={td('closing.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
      <Modal
        open={reopening}
        title={td('closing.reopenTitle', { month })}
        okText={td('closing.reopen')}
        confirmLoading={busy}
        okButtonProps={{ disabled: reason.trim() === '' }}
        onCancel={() => setReopening(false)}
        onOk={() =>
          void run(
            () => call('kpi.reopen', { month: data.month, reason: reason.trim() }),
            td('closing.reopened', { month }),
          )
        }
        destroyOnHidden
      >
        <p>{td('closing.reopenBody')}</p>
        <Input.TextArea
          rows={2}
          maxLength={2000}
          placeholder={td('closing.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </div>
  );
}

function figureName(f: FigureAmendment, td: DashboardT): string {
  switch (f.figure) {
    case 'raised':
    case 'resolved':
    case 'overdue':
    case 'resolveDays':
      return td(`amendment.figures.${f.figure}`);
    default:
      return td(`rate.${f.figure}`);
  }
}

/** Data that arrived for a closed month after it was closed: the figures that moved, the projects. */
export function AmendmentPanel({ data, lang }: { data: KpiDashboard; lang: Lang }) {
  const td = useDashboardT();
  const navigate = useNavigate();
  const a = data.amendment;
  if (!a || (a.figures.length === 0 && a.projects.length === 0)) return null;
  const words = {
    yes: td('amendment.yes'),
    no: td('amendment.no'),
    kind: (k: 'new' | 'continuing') => td(`drawer.kind.${k}`),
  };
  const changes = (p: ProjectAmendment) =>
    p.kind === 'added'
      ? td('amendment.added')
      : p.kind === 'removed'
        ? td('amendment.removed')
        : p.changes
            .map(
              (c) =>
                `${td(`amendment.field.${c.field}`)} ${amendValue(c.field, c.before, words, lang)} → ${amendValue(c.field, c.after, words, lang)}`,
            )
            .join('；');
  return (
    <div className="panel kpi-panel kpi-amendment" data-testid="amendment">
      <div className="kpi-panel-head">
        <span className="kpi-panel-title">{td('amendment.title', { count: a.projects.length })}</span>
        <span className="muted kpi-panel-sub">{td('amendment.hint')}</span>
      </div>
      <div className="kpi-amendment-body">
        <Table<FigureAmendment>
          size="small"
          rowKey="figure"
          pagination={false}
          dataSource={a.figures}
          columns={[
            { title: td('amendment.figure'), key: 'f', render: (_: unknown, f) => figureName(f, td) },
            {
              title: td('amendment.before'),
              key: 'b',
              align: 'right',
              render: (_: unknown, f) => <span className="num">{amendFigureValue(f.figure, f.before)}</span>,
            },
            {
              title: td('amendment.after'),
              key: 'a',
              align: 'right',
              render: (_: unknown, f) => <span className="num">{amendFigureValue(f.figure, f.after)}</span>,
            },
          ]}
        />
        <Table<ProjectAmendment>
          size="small"
          rowKey="projectId"
          pagination={a.projects.length > 8 ? { pageSize: 8, showSizeChanger: false, size: 'small' } : false}
          dataSource={a.projects}
          onRow={(p) => ({ onClick: () => void navigate(`/projects/${p.projectId}`), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: td('amendment.project'),
              key: 'p',
              width: 220,
              render: (_: unknown, p) => <span className="project-name-link">{p.name}</span>,
            },
            { title: td('amendment.changes'), key: 'c', render: (_: unknown, p) => changes(p) },
          ]}
        />
      </div>
    </div>
  );
}
