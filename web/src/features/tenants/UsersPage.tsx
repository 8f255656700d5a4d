import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { Tabs } from '../../kit/Tabs.tsx';
import { Table } from '../../kit/Table.tsx';
import { ApartmentOutlined, EditOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roles } from '#shared/api/enums.ts';
import type { Department } from '#shared/api/tenants.ts';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { useDepartments, usePeople } from '../../components/people.tsx';
import { UserSelect } from '../../components/UserSelect.tsx';
import { onDemand } from '../../kit/on-demand.tsx';

// Only in the user's and the department's dialogs: antd's tree select loads the first time one opens.
const DepartmentSelect = onDemand(async () => (await import('./departments.tsx')).DepartmentSelect);

type User = Output<'getUser'>;
type Role = User['role'];

/** A mobile number as the API takes it: digits, spaces and dashes, an optional leading +. */
const phoneRule = { pattern: /^\+?[0-9][0-9 -]{5,19}$/, message: '' };

interface PersonValues {
  email?: string;
  name?: string;
  role: Role;
  departmentId?: string | null;
  phone?: string;
}

function PeopleTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const [editing, setEditing] = useState<User | 'new'>();
  const users = useCursorList(['users'], (cursor) => call('listUsers', { query: { cursor, limit: 50 } }));
  const remove = useMutation({
    mutationFn: (user: User) => call('removeUser', { params: { id: user.id }, ifMatch: user.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['users'] }),
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const roleOptions = roles
    .filter((r) => r !== 'owner' || me?.role === 'owner')
    .map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const current = editing === 'new' ? undefined : editing;
  const none = t('common.none');
  return (
    <>
      <Button
        type="primary"
        icon={<UserAddOutlined />}
        onClick={() => setEditing('new')}
        data-testid="invite-user"
        style={{ marginBottom: 16 }}
      >
        {t('users.invite')}
      </Button>
      <Table<User>
        rowKey="id"
        loading={users.isLoading}
        dataSource={users.items}
        pagination={false}
        scroll={{ x: true }}
        data-testid="users-table"
        columns={[
          {
            title: t('users.name'),
            render: (_, u) => (
              <>
                {u.name ?? u.email}
                {u.id === me?.user.id && t('users.you')}
              </>
            ),
          },
          { title: t('auth.email'), dataIndex: 'email', responsive: ['md'] },
          { title: t('users.role'), render: (_, u) => t(`roles.${u.role}`) },
          { title: t('team.department'), render: (_, u) => departments.nameOf(u.departmentId) ?? none },
          { title: t('team.phone'), render: (_, u) => u.phone ?? none, responsive: ['md'] },
          {
            title: t('users.status'),
            dataIndex: 'status',
            responsive: ['sm'],
            render: (s: User['status']) => <Tag color={s === 'active' ? 'green' : 'gold'}>{t(`users.${s}`)}</Tag>,
          },
          {
            title: t('common.actions'),
            render: (_, u) => (
              <Space size={0}>
                <Button
                  type="link"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(u)}
                  data-testid={`edit-user-${u.email}`}
                  aria-label={`${t('common.edit')} ${u.name ?? u.email}`}
                />
                {u.id !== me?.user.id && (
                  <Popconfirm
                    title={t('users.removeConfirm')}
                    onConfirm={() => remove.mutate(u)}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                  >
                    <Button danger type="link">
                      {t('common.remove')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Pager {...users.pager} />
      <ModalForm<PersonValues>
        open={Boolean(editing)}
        title={current ? (current.name ?? current.email) : t('users.invite')}
        okText={current ? t('common.save') : t('users.invite')}
        initialValues={
          current
            ? {
                name: current.name ?? undefined,
                role: current.role,
                departmentId: current.departmentId,
                phone: current.phone ?? undefined,
              }
            : { role: 'sales' }
        }
        submit={(v) => {
          const common = {
            role: v.role,
            departmentId: v.departmentId ?? null,
            phone: v.phone?.trim() || null,
          };
          return current
            ? call('updateUser', {
                params: { id: current.id },
                body: {
                  ...common,
                  name: v.name?.trim() || null,
                  // Nobody changes their own role (an owner cannot demote the last owner by mistake).
                  ...(current.id === me?.user.id ? { role: undefined } : {}),
                },
                ifMatch: current.version,
              })
            : call('inviteUser', { body: { ...common, email: v.email!.trim(), name: v.name?.trim() || undefined } });
        }}
        refresh={[['users']]}
        successMessage={current ? t('common.saved') : t('users.inviteSent')}
        onClose={() => setEditing(undefined)}
      >
        {!current && (
          <Form.Item
            name="email"
            label={t('auth.email')}
            rules={[{ required: true, type: 'email', message: t('errors.required') }]}
          >
            <Input data-testid="invite-email" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('users.name')}>
          <Input maxLength={80} data-testid="user-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <Select options={roleOptions} disabled={current?.id === me?.user.id} data-testid="user-role" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('team.department')}>
          <DepartmentSelect testId="user-department" placeholder={t('team.noDepartment')} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('team.phone')}
          extra={t('team.phoneHint')}
          rules={[{ ...phoneRule, message: t('team.phoneRule') }]}
        >
          <Input inputMode="tel" maxLength={20} data-testid="user-phone" />
        </Form.Item>
      </ModalForm>
    </>
  );
}

type DepartmentRow = Department & { children?: DepartmentRow[] };

function DepartmentsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const people = usePeople();
  const [editing, setEditing] = useState<Department | 'new'>();
  const remove = useMutation({
    mutationFn: (d: Department) => call('deleteDepartment', { params: { id: d.id } }),
    onSuccess: () => {
      message.success(t('team.deleted'));
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const ids = new Set(departments.items.map((d) => d.id));
  const rowOf = (d: Department): DepartmentRow => {
    const children = departments.items.filter((c) => c.parentId === d.id).map(rowOf);
    return children.length ? { ...d, children } : d;
  };
  const tree = departments.items.filter((d) => !d.parentId || !ids.has(d.parentId)).map(rowOf);
  const members = (id: string) => people.users.filter((u) => u.departmentId === id).length;
  const current = editing === 'new' ? undefined : editing;
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setEditing('new')}
        data-testid="new-department"
        style={{ marginBottom: 16 }}
      >
        {t('team.newDepartment')}
      </Button>
      <Table<DepartmentRow>
        rowKey="id"
        loading={departments.loading}
        dataSource={tree}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        scroll={{ x: true }}
        data-testid="departments-table"
        locale={{ emptyText: t('team.noDepartments') }}
        columns={[
          {
            title: t('team.department'),
            render: (_, d) => (
              <span>
                <ApartmentOutlined /> {d.name}
              </span>
            ),
          },
          {
            title: t('team.manager'),
            render: (_, d) => (d.managerId ? people.nameOf(d.managerId) : t('common.none')),
          },
          { title: t('team.members'), render: (_, d) => members(d.id), align: 'right' },
          {
            title: t('common.actions'),
            render: (_, d) => (
              <Space size={0}>
                <Button
                  type="link"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(d)}
                  aria-label={`${t('common.edit')} ${d.name}`}
                  data-testid={`edit-department-${d.name}`}
                />
                <Popconfirm
                  title={t('team.deleteConfirm')}
                  onConfirm={() => remove.mutate(d)}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                >
                  <Button danger type="link">
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <ModalForm<{ name: string; parentId?: string | null; managerId?: string | null }>
        open={Boolean(editing)}
        title={current ? current.name : t('team.newDepartment')}
        initialValues={current ? { name: current.name, parentId: current.parentId, managerId: current.managerId } : {}}
        submit={(v) => {
          const body = { name: v.name.trim(), parentId: v.parentId ?? null, managerId: v.managerId ?? null };
          return current
            ? call('updateDepartment', { params: { id: current.id }, body, ifMatch: current.version })
            : call('createDepartment', { body });
        }}
        refresh={[['departments'], ['users']]}
        successMessage={t('common.saved')}
        onClose={() => setEditing(undefined)}
      >
        <Form.Item
          name="name"
          label={t('team.departmentName')}
          rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
        >
          <Input maxLength={60} data-testid="department-name" />
        </Form.Item>
        <Form.Item name="parentId" label={t('team.parent')}>
          <DepartmentSelect exclude={current?.id} placeholder={t('team.topLevel')} testId="department-parent" />
        </Form.Item>
        <Form.Item name="managerId" label={t('team.manager')} extra={t('team.managerHint')}>
          <UserSelect testId="department-manager" placeholder={t('common.none')} />
        </Form.Item>
      </ModalForm>
    </>
  );
}

/** The team: people (invited with their role, department and phone) and the departments they belong to. */
export function UsersPage() {
  const { t } = useTranslation();
  return (
    <PageCard title={t('users.title')}>
      <Tabs
        items={[
          { key: 'people', label: t('team.people'), children: <PeopleTab /> },
          { key: 'departments', label: t('team.departments'), children: <DepartmentsTab /> },
        ]}
      />
    </PageCard>
  );
}
