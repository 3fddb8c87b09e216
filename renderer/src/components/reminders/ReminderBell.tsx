import { BellOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Drawer, Empty, List, Space, Tag, Tooltip } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Reminder, ReminderKind } from '../../../../shared/domain/plan';
import { date } from '../../format';
import type { Lang } from '../../i18n';
import { usePlanT } from '../../i18n/usePlanT';
import { startReminders, useRemindersStore } from '../../stores/reminders';
import { ErrorAlert } from '../ErrorAlert';
import { groupReminders, isLate, reminderLink, reminderWords } from './reminderLogic';
import './reminders.css';

const SECTION_COLORS: Record<ReminderKind, string> = {
  problem_overdue: 'error',
  problem_due_soon: 'warning',
  visit_due: 'processing',
};

/** Alt+R opens the reminders from anywhere (e.code: Alt+letter types other characters on macOS). */
function useReminderShortcut(open: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !e.altKey || e.ctrlKey || e.metaKey || e.code !== 'KeyR') return;
      e.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}

function ReminderItem({ r, onOpen }: { r: Reminder; onOpen: (r: Reminder) => void }) {
  const { i18n } = useTranslation();
  const tp = usePlanT();
  const lang = i18n.language as Lang;
  const words = reminderWords(r, date(r.date, lang));
  const late = isLate(r);
  return (
    <List.Item
      className="reminder-item"
      data-testid="reminder-item"
      data-kind={r.kind}
      tabIndex={0}
      onClick={() => onOpen(r)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(r);
      }}
    >
      <div className="reminder-main">
        <div className="reminder-title">{r.text ?? r.projectName}</div>
        {r.text && <div className="reminder-project muted">{r.projectName}</div>}
      </div>
      <span className={late ? 'reminder-when reminder-late' : 'reminder-when'}>{tp(words.key, words.params)}</span>
    </List.Item>
  );
}

/** The header's bell: a count badge and a drawer listing what is due, each leading to its page. */
export function ReminderBell() {
  const { i18n } = useTranslation();
  const tp = usePlanT();
  const lang = i18n.language as Lang;
  const navigate = useNavigate();
  const list = useRemindersStore((s) => s.list);
  const error = useRemindersStore((s) => s.error);
  const open = useRemindersStore((s) => s.open);
  const setOpen = useRemindersStore((s) => s.setOpen);
  const refresh = useRemindersStore((s) => s.refresh);
  useEffect(() => startReminders(), []);
  useReminderShortcut(() => setOpen(true));
  const count = list?.count ?? 0;

  const go = (path: string) => {
    setOpen(false);
    void navigate(path);
  };
  const sections = groupReminders(list?.items ?? []);
  const hidden = list ? list.count - list.items.length : 0;

  return (
    <>
      <Tooltip title={`${tp('reminders.bellCount', { count })} (Alt+R)`}>
        <button
          type="button"
          className="reminder-bell"
          data-testid="reminder-bell"
          data-count={count}
          aria-label={tp('reminders.bellCount', { count })}
          onClick={() => setOpen(true)}
        >
          <Badge count={count} size="small" overflowCount={99} data-testid="reminder-badge">
            <BellOutlined className="reminder-bell-icon" />
          </Badge>
        </button>
      </Tooltip>
      <Drawer
        title={tp('reminders.title')}
        open={open}
        onClose={() => setOpen(false)}
        size={460}
        afterOpenChange={(o) => o && void refresh()}
        extra={
          <Space>
            <Button size="small" onClick={() => go('/plan')}>
              {tp('reminders.openPlan')}
            </Button>
            <Button size="small" onClick={() => go('/deadlines')}>
              {tp('reminders.openDeadlines')}
            </Button>
          </Space>
        }
      >
        <div data-testid="reminder-list">
          {error && <ErrorAlert error={error} onRetry={() => void refresh()} />}
          {list && (
            <div className="muted reminder-asof">{tp('reminders.subtitle', { date: date(list.today, lang) })}</div>
          )}
          {list && sections.length === 0 && (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={tp('reminders.empty')}
              data-testid="reminders-empty"
            >
              <span className="muted">{tp('reminders.emptyHint')}</span>
            </Empty>
          )}
          {sections.map((s) => (
            <section key={s.kind} className="reminder-section" data-testid={`reminder-section-${s.kind}`}>
              <h3>
                <Tag color={SECTION_COLORS[s.kind]}>{list?.counts[s.kind] ?? s.items.length}</Tag>
                {tp(`reminders.section.${s.kind}`)}
              </h3>
              <List
                size="small"
                dataSource={s.items}
                renderItem={(r) => <ReminderItem key={r.id} r={r} onOpen={(x) => go(reminderLink(x))} />}
              />
            </section>
          ))}
          {hidden > 0 && <Alert type="info" title={tp('reminders.more', { count: hidden })} />}
        </div>
      </Drawer>
    </>
  );
}
