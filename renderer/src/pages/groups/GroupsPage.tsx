import { EditOutlined, PhoneOutlined, SearchOutlined } from '@ant-design/icons';
import { Card, Checkbox, Descriptions, Empty, Input, Skeleton, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { GroupProject, GroupView } from '../../../../shared/domain/plan';
import { call } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../hooks/useAsync';
import { useDebounced } from '../../hooks/useDebounced';
import { usePlanT } from '../../i18n/usePlanT';
import { useRole } from '../../stores/sync';
import { mayAdminister } from '../../sync/roles';
import { filterGroups } from './groupFilter';
import './groups.css';

function GroupCard({ view, canEdit }: { view: GroupView; canEdit: boolean }) {
  const tp = usePlanT();
  const navigate = useNavigate();
  const g = view.group;
  const chief = g.chiefOfficer ? `${g.chiefOfficer}${g.chiefOfficerPhone ? `（${g.chiefOfficerPhone}）` : ''}` : '—';
  return (
    <Card
      size="small"
      data-testid="group-card"
      data-group-id={g.id}
      title={
        <span>
          {g.name}
          {view.mine && (
            <Tag color="blue" style={{ marginInlineStart: 8 }}>
              {tp('groups.mine')}
            </Tag>
          )}
        </span>
      }
      extra={
        canEdit && (
          <Link to="/admin" data-testid="group-edit-link">
            <EditOutlined /> {tp('groups.editInAdmin')}
          </Link>
        )
      }
    >
      <Descriptions size="small" column={3} styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={tp('groups.leader')}>{view.leader ?? g.leader ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={tp('groups.chiefOfficer')}>{chief}</Descriptions.Item>
        <Descriptions.Item label={tp('groups.members')}>
          {tp('groups.memberCount', { count: view.members.length })} ·{' '}
          {tp('groups.projectCount', { count: view.projects.length })}
        </Descriptions.Item>
      </Descriptions>
      <div className="group-members" data-testid="group-members">
        {view.members.length === 0 ? (
          <span className="muted">{tp('groups.noMembers')}</span>
        ) : (
          view.members.map((m, i) => (
            <span key={`${m.name}-${i}`} className="group-member">
              <b>{m.name}</b>
              {m.role && <span className="muted"> · {m.role}</span>}
              {m.unit && <span className="muted"> · {m.unit}</span>}
              {m.phone && (
                <span className="muted num">
                  {' '}
                  <PhoneOutlined /> {m.phone}
                </span>
              )}
            </span>
          ))
        )}
      </div>
      <Table<GroupProject>
        size="small"
        rowKey="projectId"
        pagination={false}
        dataSource={view.projects}
        data-testid="group-projects"
        locale={{ emptyText: <span className="muted">{tp('groups.noProjects')}</span> }}
        onRow={(r) => ({ onClick: () => void navigate(`/projects/${encodeURIComponent(r.projectId)}`) })}
        columns={[
          { title: tp('groups.col.code'), dataIndex: 'projectCode', width: 130, className: 'num' },
          {
            title: tp('groups.col.project'),
            key: 'name',
            render: (_: unknown, r) => <span className="project-name-link">{r.projectName}</span>,
          },
          { title: tp('groups.col.district'), dataIndex: 'district', width: 100 },
          {
            title: tp('groups.col.leaderInCharge'),
            key: 'leader',
            width: 130,
            render: (_: unknown, r) => r.leaderInCharge ?? '—',
          },
          {
            title: tp('groups.col.chiefOfficer'),
            key: 'chief',
            width: 130,
            render: (_: unknown, r) => r.chiefOfficer ?? '—',
          },
          {
            title: tp('groups.col.phone'),
            key: 'phone',
            width: 140,
            render: (_: unknown, r) => <span className="num">{r.chiefOfficerPhone ?? '—'}</span>,
          },
        ]}
      />
    </Card>
  );
}

/** 包保服务组: who serves which projects, and whom to call. */
export function GroupsPage() {
  const tp = usePlanT();
  // Groups live on the server: only a signed-in coordinator or admin can edit them (admin page).
  const canEdit = mayAdminister(useRole());
  const [search, setSearch] = useState('');
  const [onlyMine, setOnlyMine] = useState(false);
  const query = useDebounced(search.trim(), 200);
  const groups = useAsync('groups.overview', () => call('groups.overview', {}), ['service_groups', 'projects']);
  const all = useMemo(() => groups.data ?? [], [groups.data]);
  const hasMine = all.some((g) => g.mine);
  const shown = useMemo(() => filterGroups(all, query, onlyMine), [all, query, onlyMine]);

  return (
    <div className="groups-page" data-testid="groups-page">
      <div className="page-head">
        <h1>{tp('groups.title')}</h1>
        <span className="page-sub">{tp('groups.subtitle')}</span>
      </div>
      <div className="panel plan-toolbar">
        <Input
          allowClear
          style={{ width: 300 }}
          prefix={<SearchOutlined className="muted" />}
          placeholder={tp('groups.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="groups-search"
          maxLength={100}
        />
        {hasMine && (
          <Checkbox checked={onlyMine} onChange={(e) => setOnlyMine(e.target.checked)} data-testid="groups-only-mine">
            {tp('groups.onlyMine')}
          </Checkbox>
        )}
      </div>
      {groups.error && <ErrorAlert error={groups.error} onRetry={groups.reload} />}
      {!groups.data && !groups.error ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : shown.length === 0 ? (
        <div className="panel">
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            data-testid="groups-empty"
            description={all.length === 0 ? tp('groups.empty') : tp('groups.emptyFiltered')}
          >
            {all.length === 0 && <div className="muted empty-hint">{tp('groups.emptyHint')}</div>}
          </Empty>
        </div>
      ) : (
        shown.map((g) => <GroupCard key={g.group.id} view={g} canEdit={canEdit} />)
      )}
    </div>
  );
}
