import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Table, Tag } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roles } from '#shared/api/enums.ts';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';

type User = Output<'getUser'>;

export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const [inviting, setInviting] = useState(false);
  const users = useCursorList(['users'], (cursor) => call('listUsers', { query: { cursor, limit: 50 } }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });
  const changeRole = useMutation({
    mutationFn: (v: { user: User; role: User['role'] }) =>
      call('updateUser', { params: { id: v.user.id }, body: { role: v.role }, ifMatch: v.user.version }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void refresh();
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const remove = useMutation({
    mutationFn: (user: User) => call('removeUser', { params: { id: user.id }, ifMatch: user.version }),
    onSuccess: () => void refresh(),
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const roleOptions = roles
    .filter((r) => r !== 'owner' || me?.role === 'owner')
    .map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <PageCard
      title={t('users.title')}
      extra={
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)} data-testid="invite-user">
          {t('users.invite')}
        </Button>
      }
    >
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
          {
            title: t('users.role'),
            render: (_, u) => (
              <Select
                value={u.role}
                style={{ width: 130 }}
                disabled={u.id === me?.user.id}
                options={roleOptions}
                onChange={(role) => changeRole.mutate({ user: u, role })}
              />
            ),
          },
          {
            title: t('users.status'),
            dataIndex: 'status',
            render: (s: User['status']) => <Tag color={s === 'active' ? 'green' : 'gold'}>{t(`users.${s}`)}</Tag>,
          },
          {
            title: t('common.actions'),
            render: (_, u) =>
              u.id !== me?.user.id && (
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
              ),
          },
        ]}
      />
      <Pager {...users.pager} />
      <ModalForm<{ email: string; role: User['role']; name?: string }>
        open={inviting}
        title={t('users.invite')}
        okText={t('users.invite')}
        initialValues={{ role: 'sales' }}
        submit={(body) => call('inviteUser', { body })}
        refresh={[['users']]}
        successMessage={t('users.inviteSent')}
        onClose={() => setInviting(false)}
      >
        <Form.Item
          name="email"
          label={t('auth.email')}
          rules={[{ required: true, type: 'email', message: t('errors.required') }]}
        >
          <Input data-testid="invite-email" />
        </Form.Item>
        <Form.Item name="name" label={t('users.name')}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <Select options={roleOptions} />
        </Form.Item>
      </ModalForm>
    </PageCard>
  );
}
