import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Directory, DirectoryGroup, GroupSave } from '../../../../shared/sync/wire';
import { call } from '../../api/client';
import { AddToolbar, AdminFormModal, emptyLocale } from './adminKit';

interface GroupForm {
  name: string;
  leaderId: string | null;
  memberIds: string[];
}

function GroupModal({
  group,
  directory,
  open,
  onClose,
  onSaved,
}: {
  group: DirectoryGroup | null;
  directory: Directory | undefined;
  open: boolean;
  onClose: () => void;
  onSaved: (d: Directory) => void;
}) {
  const { t } = useTranslation();
  const userOptions = (directory?.users ?? [])
    .filter((u) => !u.disabled || group?.memberIds.includes(u.id) || group?.leaderId === u.id)
    .map((u) => ({ value: u.id, label: `${u.name}（${u.login}）` }));

  const save = (v: GroupForm) => {
    // The leader is a member too: the server gives members the group's projects.
    const memberIds = v.leaderId && !v.memberIds.includes(v.leaderId) ? [v.leaderId, ...v.memberIds] : v.memberIds;
    const input: GroupSave = {
      ...(group ? { id: group.id } : {}),
      name: v.name.trim(),
      leaderId: v.leaderId,
      memberIds,
    };
    return call('admin.saveGroup', input);
  };

  return (
    <AdminFormModal<GroupForm>
      open={open}
      title={group ? t('admin.groups.editTitle', { name: group.name }) : t('admin.groups.addTitle')}
      initialValues={
        group
          ? { name: group.name, leaderId: group.leaderId, memberIds: group.memberIds }
          : { name: '', leaderId: null, memberIds: [] }
      }
      testId="group-form"
      save={save}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="name"
        label={t('admin.groups.name')}
        rules={[{ required: true, whitespace: true, message: t('admin.groups.required') }]}
      >
        <Input data-testid="group-name" />
      </Form.Item>
      <Form.Item name="leaderId" label={t('admin.groups.leader')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={userOptions}
          placeholder={t('admin.groups.noLeader')}
        />
      </Form.Item>
      <Form.Item name="memberIds" label={t('admin.groups.members')}>
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={userOptions} />
      </Form.Item>
    </AdminFormModal>
  );
}

/** Service groups: name, leader, members (projects are given under Assignments). */
export function GroupsTab({
  directory,
  onSaved,
}: {
  directory: Directory | undefined;
  onSaved: (d: Directory) => void;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<DirectoryGroup | 'new' | null>(null);
  const names = new Map((directory?.users ?? []).map((u) => [u.id, u.name]));
  const sep = i18n.language === 'zh-CN' ? '、' : ', ';
  const groups = directory?.groups ?? [];
  return (
    <div data-testid="admin-groups">
      <AddToolbar
        icon={<PlusOutlined />}
        label={t('admin.groups.add')}
        testId="add-group"
        onClick={() => setEditing('new')}
      />
      <Table<DirectoryGroup>
        size="small"
        rowKey="id"
        loading={!directory}
        dataSource={groups}
        pagination={false}
        locale={emptyLocale(t('admin.groups.empty'), t('admin.groups.emptyHint'))}
        columns={[
          { key: 'name', title: t('admin.groups.name'), dataIndex: 'name', width: 200 },
          {
            key: 'leader',
            title: t('admin.groups.leader'),
            width: 120,
            render: (_, g) => (g.leaderId ? (names.get(g.leaderId) ?? g.leaderId) : t('admin.groups.noLeader')),
          },
          {
            key: 'members',
            title: t('admin.groups.members'),
            render: (_, g) => g.memberIds.map((id) => names.get(id) ?? id).join(sep),
          },
          {
            key: 'projects',
            title: t('admin.groups.projects'),
            width: 120,
            render: (_, g) => t('admin.groups.projectCount', { count: g.projectIds.length }),
          },
          {
            key: 'actions',
            title: t('admin.actions'),
            width: 100,
            render: (_, g) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(g)} data-testid="edit-group">
                {t('admin.edit')}
              </Button>
            ),
          },
        ]}
      />
      <GroupModal
        // A fresh form for each record: a kept form instance would show the previous record's values.
        key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.id}
        open={editing !== null}
        group={editing === 'new' ? null : editing}
        directory={directory}
        onClose={() => setEditing(null)}
        onSaved={onSaved}
      />
    </div>
  );
}
