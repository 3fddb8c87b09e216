import { StopOutlined } from '@ant-design/icons';
import { App, Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceInfo } from '../../../../shared/sync/wire';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../hooks/useAsync';
import { useSyncWords } from '../../sync/useSyncWords';
import { emptyLocale, pageOf50 } from './adminKit';

/** Devices that signed in; revoking one (confirmed) stops its sync until it signs in again. */
export function DevicesTab() {
  const { t } = useTranslation();
  const { when } = useSyncWords();
  const { modal, message } = App.useApp();
  const loaded = useAsync('admin.devices', () => call('admin.devices', {}));
  const [revoked, setRevoked] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const devices = revoked ?? loaded.data ?? [];

  const revoke = (d: DeviceInfo) => {
    modal.confirm({
      title: t('admin.devices.revokeTitle', { name: d.deviceName || d.deviceId }),
      content: t('admin.devices.revokeBody'),
      okText: t('admin.devices.revokeOk'),
      cancelText: t('admin.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        setError(null);
        try {
          setRevoked(await call('admin.revokeDevice', { id: d.id }));
          void message.success(t('admin.devices.revokedOk'));
        } catch (e) {
          setError(toApiError(e));
        }
      },
    });
  };

  return (
    <div data-testid="admin-devices">
      {loaded.error && <ErrorAlert error={loaded.error} onRetry={loaded.reload} />}
      {error && <ErrorAlert error={error} />}
      <Table<DeviceInfo>
        size="small"
        rowKey="id"
        loading={loaded.loading && !loaded.data}
        dataSource={devices}
        pagination={pageOf50(devices)}
        locale={emptyLocale(t('admin.devices.empty'), t('admin.devices.emptyHint'))}
        columns={[
          { key: 'user', title: t('admin.devices.user'), dataIndex: 'userName' },
          {
            key: 'name',
            title: t('admin.devices.name'),
            render: (_, d) => d.deviceName || <span className="muted">{d.deviceId}</span>,
          },
          { key: 'createdAt', title: t('admin.devices.createdAt'), width: 170, render: (_, d) => when(d.createdAt) },
          {
            key: 'lastSeen',
            title: t('admin.devices.lastSeen'),
            width: 170,
            render: (_, d) => (d.lastSeenAt ? when(d.lastSeenAt) : t('admin.devices.never')),
          },
          {
            key: 'status',
            title: t('admin.devices.status'),
            width: 90,
            render: (_, d) =>
              d.revokedAt ? (
                <Tag>{t('admin.devices.revoked')}</Tag>
              ) : (
                <Tag color="green">{t('admin.devices.active')}</Tag>
              ),
          },
          {
            key: 'actions',
            title: t('admin.actions'),
            width: 100,
            render: (_, d) =>
              d.revokedAt ? null : (
                <Button
                  size="small"
                  danger
                  icon={<StopOutlined />}
                  onClick={() => revoke(d)}
                  data-testid="revoke-device"
                >
                  {t('admin.devices.revoke')}
                </Button>
              ),
          },
        ]}
      />
    </div>
  );
}
