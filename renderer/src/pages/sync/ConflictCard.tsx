import { CheckOutlined, DeleteOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictChoice, ConflictView } from '../../../../shared/channels/sync';
import { columnLabel, tableLabel } from '../../sync/cells';
import { useSyncWords } from '../../sync/useSyncWords';

type Side = ConflictView['kept'];

const KIND_COLORS: Record<ConflictView['kind'], string> = { field: 'gold', status: 'orange', edit_deleted: 'red' };

function SideValue({
  conflict,
  side,
  title,
  chosen,
  showDevice,
  action,
}: {
  conflict: ConflictView;
  side: Side;
  title: string;
  chosen: boolean;
  showDevice: boolean;
  action: ReactNode;
}) {
  const { t } = useTranslation();
  const { cell, when } = useSyncWords();
  return (
    <div className={`conflict-side${chosen ? ' conflict-side-chosen' : ''}`} data-testid="conflict-side">
      <div className="conflict-side-title">
        {title}
        {chosen && (
          <Tag color="green" className="conflict-chosen-tag">
            {t('conflicts.chosen')}
          </Tag>
        )}
      </div>
      <div className="conflict-value" data-testid="conflict-value">
        {cell(conflict.table, conflict.column, side.value)}
      </div>
      <div className="muted conflict-who">
        {t('conflicts.by', { name: side.byName ?? t('conflicts.unknownUser'), when: when(side.at) })}
        {showDevice && side.deviceId && <span> · {t('conflicts.device', { id: side.deviceId })}</span>}
      </div>
      {action}
    </div>
  );
}

/** One collision: both values side by side with who and when, and one click to choose. */
export function ConflictCard({
  conflict: c,
  busy,
  onResolve,
}: {
  conflict: ConflictView;
  busy: boolean;
  onResolve: (choice: ConflictChoice) => void;
}) {
  const { t } = useTranslation();
  const { tr, cell, when } = useSyncWords();
  const column = columnLabel(c.table, c.column, tr);
  const open = c.resolution === null;
  const deletedNow = c.kind === 'edit_deleted' && c.column === 'deleted' ? c.current === true : false;
  // "The value the record shows" only while it still does: a resolution or a later edit changes it.
  const keptTitle = open && c.current === c.kept.value ? t('conflicts.kept') : t('conflicts.keptAtSync');
  // Device ids are noise to a reader, except to tell one person's two devices apart.
  const showDevice = c.kept.byName === null || c.kept.byName === c.other.byName;
  const button = (choice: ConflictChoice, label: string, icon: ReactNode, primary = false) =>
    open ? (
      <Button
        size="small"
        type={primary ? 'primary' : 'default'}
        icon={icon}
        disabled={busy}
        onClick={() => onResolve(choice)}
        data-testid={`resolve-${choice}`}
      >
        {label}
      </Button>
    ) : null;

  return (
    <div className={`conflict-card${open ? '' : ' conflict-resolved'}`} data-testid="conflict-card" data-id={c.id}>
      <div className="conflict-head">
        <span className="conflict-record">
          {tableLabel(c.table, tr)}
          {c.label ? ` · ${c.label}` : ''}
        </span>
        <span className="conflict-field">{column}</span>
        <Tag color={KIND_COLORS[c.kind]}>{t(`conflicts.kind.${c.kind}`)}</Tag>
        {!open && <Tag color="green">{t('conflicts.resolvedTag')}</Tag>}
      </div>
      <div className="muted conflict-explain">{t(`conflicts.explain.${c.kind}`, { column })}</div>
      <div className="conflict-sides">
        <SideValue
          conflict={c}
          side={c.kept}
          title={keptTitle}
          chosen={c.resolution === 'keep'}
          showDevice={showDevice}
          action={c.kind !== 'edit_deleted' && button('keep', t('conflicts.keep'), <CheckOutlined />)}
        />
        <SideValue
          conflict={c}
          side={c.other}
          title={t('conflicts.other')}
          chosen={c.resolution === 'other'}
          showDevice={showDevice}
          action={c.kind !== 'edit_deleted' && button('other', t('conflicts.takeOther'), <CheckOutlined />)}
        />
      </div>
      <div className="conflict-foot">
        <span data-testid="conflict-current">
          {deletedNow
            ? t('conflicts.currentDeleted')
            : t('conflicts.current', { value: cell(c.table, c.column, c.current) })}
        </span>
        {c.kind === 'edit_deleted' && (
          <span className="conflict-foot-actions">
            {button('restore', t('conflicts.restore'), <RollbackOutlined />, true)}
            {button('keep_deleted', t('conflicts.keepDeleted'), <DeleteOutlined />)}
          </span>
        )}
        {c.resolution && (
          <span className="muted" data-testid="conflict-resolution">
            {c.resolvedByName
              ? t('conflicts.resolvedBy', {
                  name: c.resolvedByName,
                  when: c.resolvedAt ? when(c.resolvedAt) : '',
                  choice: t(`conflicts.choice.${c.resolution}`),
                })
              : t('conflicts.resolvedNoName', {
                  when: c.resolvedAt ? when(c.resolvedAt) : '',
                  choice: t(`conflicts.choice.${c.resolution}`),
                })}
          </span>
        )}
      </div>
    </div>
  );
}
