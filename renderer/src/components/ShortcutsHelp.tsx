import { Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

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

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/** Alt+1 / Alt+2 / Alt+3 switch pages (Alt+S, sync now, lives with the sync indicator), `?` opens the help (not while typing, where `?` is a character). */
export function useGlobalShortcuts(): { helpOpen: boolean; setHelpOpen: (open: boolean) => void } {
  const navigate = useNavigate();
  const [helpOpen, setHelpOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // e.code, not e.key: Alt+digit types other characters on macOS and some layouts.
      if (e.altKey && !e.ctrlKey && !e.metaKey) {
        const digit = e.code.replace(/^(Digit|Numpad)/, '');
        const to = digit === '1' ? '/projects' : digit === '2' ? '/problems' : digit === '3' ? '/conflicts' : null;
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
        </tbody>
      </table>
    </Modal>
  );
}
