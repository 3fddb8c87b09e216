import { Badge, Card, Empty, Space, Switch, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ConflictChoice } from '../../../../shared/channels/sync';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../hooks/useAsync';
import { useSyncStore } from '../../stores/sync';
import { groupConflicts, type ConflictGroup } from '../../sync/conflictGroups';
import { ConflictCard } from './ConflictCard';
import { SetAsideList } from './SetAsideList';
import './sync.css';

function GroupTitle({ group }: { group: ConflictGroup }) {
  const { t } = useTranslation();
  if (group.isOrg) return <span>{t('conflicts.orgScope')}</span>;
  return (
    <Link to={`/projects/${encodeURIComponent(group.scope)}`}>
      {group.projectName ?? t('conflicts.unknownProject')}
    </Link>
  );
}

function ConflictList() {
  const { t } = useTranslation();
  const [includeResolved, setIncludeResolved] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [resolveError, setResolveError] = useState<ApiError | null>(null);
  const openCount = useSyncStore((s) => s.status?.conflicts ?? 0);
  const refresh = useSyncStore((s) => s.refresh);
  const list = useAsync(
    `conflicts:${includeResolved}:${openCount}`,
    () => call('conflicts.list', { includeResolved }),
    ['conflicts'],
  );

  const resolve = async (id: string, choice: ConflictChoice) => {
    setBusyId(id);
    setResolveError(null);
    try {
      await call('conflicts.resolve', { id, choice });
      list.reload();
      void refresh();
    } catch (e) {
      setResolveError(toApiError(e));
    } finally {
      setBusyId(null);
    }
  };

  const groups = groupConflicts(list.data ?? []);
  return (
    <div className="conflict-list" data-testid="conflict-list">
      <div className="conflict-toolbar">
        <label className="conflict-toggle">
          <Switch size="small" checked={includeResolved} onChange={setIncludeResolved} data-testid="show-resolved" />
          <span>{t('conflicts.showResolved')}</span>
        </label>
      </div>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {resolveError && <ErrorAlert error={resolveError} />}
      {list.data && groups.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={includeResolved ? t('conflicts.emptyResolved') : t('conflicts.empty')}
          data-testid="conflicts-empty"
        >
          <div className="muted">{t('conflicts.emptyHint')}</div>
        </Empty>
      )}
      {groups.map((g) => (
        <Card
          key={g.scope}
          size="small"
          className="conflict-group"
          data-testid="conflict-group"
          title={
            <Space>
              <GroupTitle group={g} />
              {g.open > 0 && <Badge count={g.open} />}
            </Space>
          }
        >
          {g.conflicts.map((c) => (
            <ConflictCard
              key={c.id}
              conflict={c}
              busy={busyId !== null}
              onResolve={(choice) => void resolve(c.id, choice)}
            />
          ))}
        </Card>
      ))}
    </div>
  );
}

/** Every open conflict grouped by project, and the changes the server set aside. */
export function ConflictsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = useSyncStore((s) => s.status);
  const tab = params.get('tab') === 'setAside' ? 'setAside' : 'conflicts';
  return (
    <div className="conflicts-page" data-testid="conflicts-page">
      <div className="page-head">
        <h1>{t('conflicts.title')}</h1>
        <span className="page-sub">{t('conflicts.subtitle')}</span>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'setAside' ? { tab: 'setAside' } : {}, { replace: true })}
        items={[
          {
            key: 'conflicts',
            label: (
              <Space size={6} data-testid="tab-conflicts">
                {t('conflicts.tabConflicts')}
                <Badge count={status?.conflicts ?? 0} size="small" />
              </Space>
            ),
            children: <ConflictList />,
          },
          {
            key: 'setAside',
            label: (
              <Space size={6} data-testid="tab-set-aside">
                {t('conflicts.tabSetAside')}
                <Badge count={status?.setAside ?? 0} size="small" color="#faad14" />
              </Space>
            ),
            children: <SetAsideList count={status?.setAside ?? 0} />,
          },
        ]}
      />
    </div>
  );
}
