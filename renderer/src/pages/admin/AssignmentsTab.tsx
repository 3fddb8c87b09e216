import { Alert, App, Input, Select, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectListItem } from '../../../../shared/api';
import type { Directory } from '../../../../shared/sync/wire';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../hooks/useAsync';
import { emptyLocale, pageOf50 } from './adminKit';
import { assignmentDiff } from './assignmentDiff';

/** Which groups serve which project, picked from the projects on this device. */
export function AssignmentsTab({
  directory,
  onSaved,
}: {
  directory: Directory | undefined;
  onSaved: (d: Directory) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [busyProject, setBusyProject] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const projects = useAsync(
    'admin.projects',
    () => call('projects.list', { limit: 1000, sort: { field: 'code', order: 'asc' } }),
    ['projects'],
  );

  const groupsOf = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const g of directory?.groups ?? []) {
      for (const p of g.projectIds) m.set(p, [...(m.get(p) ?? []), g.id]);
    }
    return m;
  }, [directory]);
  const groupOptions = (directory?.groups ?? []).map((g) => ({ value: g.id, label: g.name }));

  const q = search.trim().toLowerCase();
  const rows = (projects.data?.rows ?? []).filter(
    (p) => !q || p.name.toLowerCase().includes(q) || p.code.toLowerCase().includes(q),
  );

  const change = async (projectId: string, next: string[]) => {
    setBusyProject(projectId);
    setError(null);
    try {
      let latest: Directory | null = null;
      for (const c of assignmentDiff(groupsOf.get(projectId) ?? [], next)) {
        latest = await call('admin.assign', { projectId, ...c });
      }
      if (latest) {
        onSaved(latest);
        void message.success(t('admin.saved'));
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusyProject(null);
    }
  };

  return (
    <div data-testid="admin-assignments">
      <div className="admin-toolbar">
        <span className="muted">{t('admin.assignments.hint')}</span>
        <Input.Search
          allowClear
          className="admin-toolbar-end"
          style={{ width: 260 }}
          placeholder={t('admin.assignments.search')}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {directory && directory.groups.length === 0 && (
        <Alert type="info" showIcon title={t('admin.assignments.noGroups')} style={{ marginBottom: 12 }} />
      )}
      {projects.error && <ErrorAlert error={projects.error} onRetry={projects.reload} />}
      {error && <ErrorAlert error={error} />}
      <Table<ProjectListItem>
        size="small"
        rowKey="id"
        loading={!projects.data || !directory}
        dataSource={rows}
        pagination={pageOf50(rows)}
        locale={emptyLocale(t('admin.assignments.empty'), t('admin.assignments.emptyHint'))}
        columns={[
          { key: 'code', title: t('ledger.col.code'), dataIndex: 'code', width: 130 },
          { key: 'name', title: t('admin.assignments.project'), dataIndex: 'name' },
          { key: 'district', title: t('admin.assignments.district'), dataIndex: 'district', width: 90 },
          {
            key: 'groups',
            title: t('admin.assignments.groups'),
            width: 320,
            render: (_, p) => (
              <Select
                mode="multiple"
                style={{ width: '100%' }}
                placeholder={t('admin.assignments.choose')}
                options={groupOptions}
                value={groupsOf.get(p.id) ?? []}
                loading={busyProject === p.id}
                disabled={busyProject !== null}
                onChange={(next: string[]) => void change(p.id, next)}
                data-testid="assign-select"
              />
            ),
          },
        ]}
      />
    </div>
  );
}
