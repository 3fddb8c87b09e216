import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Directory, DirectoryGroup, GroupSave } from '../../../../shared/sync/wire';
import { call, toApiError, type ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

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
  const { message } = App.useApp();
  const [form] = Form.useForm<GroupForm>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const userOptions = (directory?.users ?? [])
    .filter((u) => !u.disabled || group?.memberIds.includes(u.id) || group?.leaderId === u.id)
    .map((u) => ({ value: u.id, label: `${u.name}（${u.login}）` }));

  const save = async (v: GroupForm) => {
    setBusy(true);
    setError(null);
    // The leader is a member too: the server gives members the group's projects.
    const memberIds = v.leaderId && !v.memberIds.includes(v.leaderId) ? [v.leaderId, ...v.memberIds] : v.memberIds;
    const input: GroupSave = {
      ...(group ? { id: group.id } : {}),
      name: v.name.trim(),
      leaderId: v.leaderId,
      memberIds,
    };
    try {
      onSaved(await call('admin.saveGroup', input));
      void message.success(t('admin.saved'));
      onClose();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      destroyOnHidden
      title={group ? t('admin.groups.editTitle', { name: group.name }) : t('admin.groups.addTitle')}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterOpenChange={(visible) => visible || setError(null)}
    >
      {error && <ErrorAlert error={error} />}
      <Form<GroupForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        initialValues={
          group
            ? { name: group.name, leaderId: group.leaderId, memberIds: group.memberIds }
            : { name: '', leaderId: null, memberIds: [] }
        }
        onFinish={(v) => void save(v)}
        data-testid="group-form"
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
      </Form>
    </Modal>
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
      <div className="admin-toolbar">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          className="admin-toolbar-end"
          onClick={() => setEditing('new')}
          data-testid="add-group"
        >
          {t('admin.groups.add')}
        </Button>
      </div>
      <Table<DirectoryGroup>
        size="small"
        rowKey="id"
        loading={!directory}
        dataSource={groups}
        pagination={false}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.groups.empty')}>
              <div className="muted">{t('admin.groups.emptyHint')}</div>
            </Empty>
          ),
        }}
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
        open={editing !== null}
        group={editing === 'new' ? null : editing}
        directory={directory}
        onClose={() => setEditing(null)}
        onSaved={onSaved}
      />
    </div>
  );
}
