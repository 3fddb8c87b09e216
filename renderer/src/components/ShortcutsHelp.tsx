import { Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePlanT, type PlanKey } from '../i18n/usePlanT';
import { useDashboardT } from '../pages/dashboard/useDashboardT';
import { useLockT } from './lock/useLockT';

/** Global shortcuts; the ledger's own keys (/, ↑↓, Enter) live on the ledger page and are listed here too. */
const SHORTCUTS = [
  { keys: ['Alt', '1'], label: 'shortcuts.ledger' },
  { keys: ['Alt', '2'], label: 'shortcuts.problems' },
  { keys: ['Alt', '3'], label: 'sync.shortcuts.conflicts' },
  { keys: ['Alt', 'S'], label: 'sync.shortcuts.syncNow' },
  { keys: ['?'], label: 'shortcuts.help' },
  { keys: ['/', 'Ctrl+F'], label: 'shortcuts.search', alternatives: true },
  { keys: ['↑', '↓'], label: 'shortcuts.rows', alternatives: true },
  { keys: ['Enter'], label: 'shortcuts.open' },
  { keys: ['Esc'], label: 'shortcuts.close' },
] as const;

/** Issue 6's pages and the reminders (labels in the `plan` namespace). */
const PLAN_SHORTCUTS: readonly { keys: readonly string[]; label: PlanKey }[] = [
  { keys: ['Alt', '4'], label: 'nav.shortcutPlan' },
  { keys: ['Alt', '5'], label: 'nav.shortcutDeadlines' },
  { keys: ['Alt', '6'], label: 'nav.shortcutMeetings' },
  { keys: ['Alt', '7'], label: 'nav.shortcutGroups' },
  { keys: ['Alt', 'R'], label: 'nav.shortcutReminders' },
];

const DIGIT_ROUTES: Readonly<Record<string, string>> = {
  '1': '/projects',
  '2': '/problems',
  '3': '/conflicts',
  '4': '/plan',
  '5': '/deadlines',
  '6': '/meetings',
  '7': '/groups',
  '8': '/dashboard',
};

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/** Alt+1 … Alt+8 switch pages (Alt+S, sync now, lives with the sync indicator), `?` opens the help (not while typing, where `?` is a character). */
export function useGlobalShortcuts(): { helpOpen: boolean; setHelpOpen: (open: boolean) => void } {
  const navigate = useNavigate();
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // e.code, not e.key: Alt+digit types other characters on macOS and some layouts.
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const digit = e.code.replace(/^(Digit|Numpad)/, '');
        const to = DIGIT_ROUTES[digit] ?? null;
        if (to) {
          e.preventDefault();
          setHelpOpen(false);
          void navigate(to);
        }
        return;
      }
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !isTyping(e.target)) {
        e.preventDefault();
        setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return { helpOpen, setHelpOpen };
}

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const tp = usePlanT();
  const td = useDashboardT();
  const tl = useLockT();
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('shortcuts.title')} width={440}>
      <table className="shortcuts-table" data-testid="shortcuts-help">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.label}>
              <td style={{ padding: '6px 16px 6px 0', whiteSpace: 'nowrap' }}>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="muted">{'alternatives' in s ? ' / ' : ' + '}</span>}
                    <kbd className="kbd">{k}</kbd>
                  </span>
                ))}
              </td>
              <td style={{ padding: '6px 0' }}>{t(s.label)}</td>
            </tr>
          ))}
          {PLAN_SHORTCUTS.map((s) => (
            <tr key={s.label}>
              <td style={{ padding: '6px 16px 6px 0', whiteSpace: 'nowrap' }}>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="muted"> + </span>}
                    <kbd className="kbd">{k}</kbd>
                  </span>
                ))}
              </td>
              <td style={{ padding: '6px 0' }}>{tp(s.label)}</td>
            </tr>
          ))}
          <tr>
            <td style={{ padding: '6px 16px 6px 0', whiteSpace: 'nowrap' }}>
              <kbd className="kbd">Alt</kbd>
              <span className="muted"> + </span>
              <kbd className="kbd">8</kbd>
            </td>
            <td style={{ padding: '6px 0' }}>{td('shortcut')}</td>
          </tr>
          <tr>
            <td style={{ padding: '6px 16px 6px 0', whiteSpace: 'nowrap' }}>
              <kbd className="kbd">Ctrl</kbd>
              <span className="muted"> + </span>
              <kbd className="kbd">L</kbd>
            </td>
            <td style={{ padding: '6px 0' }}>{tl('shortcut')}</td>
          </tr>
        </tbody>
      </table>
    </Modal>
  );
}
