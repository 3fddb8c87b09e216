import { EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Directory, DirectoryUser, UserSave } from '../../../../shared/sync/wire';
import { call } from '../../api/client';
import { AddToolbar, AdminFormModal, emptyLocale, pageOf50 } from './adminKit';
import { ROLES } from '../../sync/roles';

interface UserForm {
  login: string;
  name: string;
  role: DirectoryUser['role'];
  password: string;
  disabled: boolean;
}

function UserModal({
  user,
  open,
  onClose,
  onSaved,
}: {
  user: DirectoryUser | null;
  open: boolean;
  onClose: () => void;
  onSaved: (d: Directory) => void;
}) {
  const { t } = useTranslation();

  const save = (v: UserForm) => {
    const input: UserSave = {
      ...(user ? { id: user.id } : {}),
      login: v.login.trim(),
      name: v.name.trim(),
      role: v.role,
      disabled: v.disabled,
      ...(v.password ? { password: v.password } : {}),
    };
    return call('admin.saveUser', input);
  };

  return (
    <AdminFormModal<UserForm>
      open={open}
      title={user ? t('admin.users.editTitle', { name: user.name }) : t('admin.users.addTitle')}
      initialValues={
        user
          ? { login: user.login, name: user.name, role: user.role, password: '', disabled: user.disabled }
          : { login: '', name: '', role: 'inspector', password: '', disabled: false }
      }
      testId="user-form"
      save={save}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item
        name="login"
        label={t('admin.users.login')}
        rules={[{ required: true, whitespace: true, message: t('admin.users.required') }]}
      >
        <Input autoComplete="off" data-testid="user-login" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('admin.users.name')}
        rules={[{ required: true, whitespace: true, message: t('admin.users.required') }]}
      >
        <Input data-testid="user-name-input" />
      </Form.Item>
      <Form.Item name="role" label={t('admin.users.role')}>
        <Select options={ROLES.map((r) => ({ value: r, label: t(`sync.role.${r}`) }))} data-testid="user-role" />
      </Form.Item>
      <Form.Item
        name="password"
        label={user ? t('admin.users.passwordEdit') : t('admin.users.passwordNew')}
        rules={[
          { required: !user, message: t('admin.users.passwordShort') },
          { min: 8, message: t('admin.users.passwordShort') },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="user-password" />
      </Form.Item>
      <Form.Item name="disabled" valuePropName="checked">
        <Checkbox>{t('admin.users.disable')}</Checkbox>
      </Form.Item>
    </AdminFormModal>
  );
}

/** The accounts: list, add, edit (name, role, password), disable. */
export function UsersTab({
  directory,
  onSaved,
}: {
  directory: Directory | undefined;
  onSaved: (d: Directory) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<DirectoryUser | 'new' | null>(null);
  const users = directory?.users ?? [];
  return (
    <div data-testid="admin-users">
      <AddToolbar
        icon={<UserAddOutlined />}
        label={t('admin.users.add')}
        testId="add-user"
        onClick={() => setEditing('new')}
      />
      <Table<DirectoryUser>
        size="small"
        rowKey="id"
        loading={!directory}
        dataSource={users}
        pagination={pageOf50(users)}
        locale={emptyLocale(t('admin.users.empty'), t('admin.users.emptyHint'))}
        columns={[
          { key: 'name', title: t('admin.users.name'), dataIndex: 'name' },
          { key: 'login', title: t('admin.users.login'), dataIndex: 'login' },
          { key: 'role', title: t('admin.users.role'), render: (_, u) => t(`sync.role.${u.role}`) },
          {
            key: 'status',
            title: t('admin.users.status'),
            render: (_, u) =>
              u.disabled ? <Tag>{t('admin.users.disabled')}</Tag> : <Tag color="green">{t('admin.users.active')}</Tag>,
          },
          {
            key: 'actions',
            title: t('admin.actions'),
            width: 100,
            render: (_, u) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} data-testid="edit-user">
                {t('admin.edit')}
              </Button>
            ),
          },
        ]}
      />
      <UserModal
        // A fresh form for each record: a kept form instance would show the previous record's values.
        key={editing === null ? 'closed' : editing === 'new' ? 'new' : editing.id}
        open={editing !== null}
        user={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={onSaved}
      />
    </div>
  );
}
