import { Alert, Empty, Table, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SetAsideChange } from '../../../../shared/channels/sync';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../hooks/useAsync';
import { columnLabel, tableLabel } from '../../sync/cells';
import { useSyncWords } from '../../sync/useSyncWords';

/** Changes the server refused: shown with the reason, kept on this device, never silently dropped. */
export function SetAsideList({ count }: { count: number }) {
  const { t } = useTranslation();
  const { tr, cell, when } = useSyncWords();
  // The count in the key: a new refusal (or one cleared) reloads the list.
  const list = useAsync(`setAside:${count}`, () => call('sync.setAside', {}));

  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  const rows = list.data ?? [];
  return (
    <div className="set-aside" data-testid="set-aside">
      <Alert type="warning" showIcon title={t('conflicts.setAside.intro')} className="set-aside-intro" />
      <Table<SetAsideChange>
        size="small"
        rowKey="opId"
        loading={list.loading && !list.data}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('conflicts.setAside.empty')}>
              <div className="muted">{t('conflicts.setAside.emptyHint')}</div>
            </Empty>
          ),
        }}
        columns={[
          {
            key: 'record',
            title: t('conflicts.setAside.record'),
            render: (_, r) => (
              <span>
                {r.projectName && r.table !== 'projects' ? `${r.projectName} › ` : ''}
                {tableLabel(r.table, tr)}
                {r.label ? ` · ${r.label}` : ''}
              </span>
            ),
          },
          { key: 'field', title: t('conflicts.setAside.field'), render: (_, r) => columnLabel(r.table, r.column, tr) },
          {
            key: 'value',
            title: t('conflicts.setAside.value'),
            ellipsis: true,
            render: (_, r) => cell(r.table, r.column, r.value),
          },
          {
            key: 'reason',
            title: t('conflicts.setAside.reason'),
            render: (_, r) => (
              <Tooltip title={r.message}>
                <span data-testid="set-aside-reason">{t(`conflicts.setAside.reasons.${r.reason}`)}</span>
              </Tooltip>
            ),
          },
          { key: 'at', title: t('conflicts.setAside.at'), width: 170, render: (_, r) => when(r.at) },
        ]}
      />
    </div>
  );
}
