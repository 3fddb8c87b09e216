import { CheckOutlined, EditOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AutosaveState } from './useAutosave';

/** Wall time in Asia/Shanghai, like every time the app shows (HH:mm:ss). */
function clock(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** "草稿已保存 14:03:21", or what the autosave is doing now. */
export function SaveStatus({ state }: { state: AutosaveState }) {
  const { t } = useTranslation();
  const saved = state.savedAt !== null ? t('visits.saved', { time: clock(state.savedAt) }) : null;
  let text: string;
  let icon = saved ? <CheckOutlined /> : <EditOutlined />;
  let cls = 'save-status';
  switch (state.kind) {
    case 'saving':
      // The last saved time stays up while the next save runs: no flicker on every pause in typing.
      text = saved ?? t('visits.saving');
      icon = <LoadingOutlined />;
      break;
    case 'failed':
      text = t('visits.saveFailed');
      icon = <ExclamationCircleOutlined />;
      cls += ' save-status-bad';
      break;
    case 'invalid':
      text = t('visits.saveInvalid');
      icon = <ExclamationCircleOutlined />;
      cls += ' save-status-bad';
      break;
    default:
      text = saved ?? t('visits.notSaved');
  }
  return (
    <span className={cls} data-testid="visit-saved-at" data-state={state.kind} aria-live="polite">
      {icon} {text}
    </span>
  );
}
