import { Alert, App, Descriptions, Space, Spin, Switch, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { Table } from '../../kit/Table.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notificationKinds, type NotificationKind } from '#shared/domain/notification-text.ts';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { useDepartments } from '../../components/people.tsx';

type Preferences = Output<'getNotificationPreferences'>;
type Way = 'email' | 'robot';

/** My settings: who I am in the company, and how I want to hear of what concerns me besides the inbox. */
export function AccountPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const departments = useDepartments();
  const queryClient = useQueryClient();
  const prefs = useQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => call('getNotificationPreferences'),
  });
  const save = useMutation({
    mutationFn: (v: { kind: NotificationKind; way: Way; on: boolean }) => {
      const current = prefs.data?.kinds[v.kind] ?? { email: false, robot: false };
      return call('putNotificationPreferences', { body: { kinds: { [v.kind]: { ...current, [v.way]: v.on } } } });
    },
    onSuccess: (next) => {
      queryClient.setQueryData<Preferences>(['notification-preferences'], next);
      message.success(t('common.saved'));
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const user = me?.user;
  const none = t('common.none');
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageCard title={t('account.title')}>
        <Descriptions column={{ xs: 1, sm: 2 }} data-testid="account-profile">
          <Descriptions.Item label={t('users.name')}>{user?.name ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('auth.email')}>{user?.email}</Descriptions.Item>
          <Descriptions.Item label={t('users.role')}>{me ? t(`roles.${me.role}`) : none}</Descriptions.Item>
          <Descriptions.Item label={t('team.department')}>
            {departments.nameOf(user?.departmentId) ?? none}
          </Descriptions.Item>
          <Descriptions.Item label={t('team.phone')}>{user?.phone ?? none}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('account.profileHint')}
        </Typography.Paragraph>
      </PageCard>
      <Card title={t('account.notifications')}>
        <Typography.Paragraph type="secondary">{t('account.notificationsHint')}</Typography.Paragraph>
        {!user?.phone && <Alert type="info" showIcon title={t('account.noPhone')} style={{ marginBottom: 16 }} />}
        {prefs.error && <Alert type="error" showIcon title={errorMessage(t, prefs.error)} />}
        {prefs.isLoading ? (
          <Spin />
        ) : (
          <Table
            rowKey="kind"
            size="small"
            pagination={false}
            data-testid="notification-preferences"
            dataSource={notificationKinds.map((kind) => ({ kind, ...(prefs.data?.kinds[kind] ?? {}) }))}
            columns={[
              { title: t('account.kind'), render: (_, r) => t(`inbox.kinds.${r.kind}`) },
              { title: t('account.inApp'), render: () => <Tag>{t('account.always')}</Tag>, responsive: ['sm'] },
              ...(['email', 'robot'] as const).map((way) => ({
                title: t(`account.${way}`),
                align: 'center' as const,
                render: (_: unknown, r: { kind: NotificationKind; email?: boolean; robot?: boolean }) => (
                  <Switch
                    checked={Boolean(r[way])}
                    aria-label={`${t(`inbox.kinds.${r.kind}`)} · ${t(`account.${way}`)}`}
                    loading={save.isPending && save.variables?.kind === r.kind && save.variables.way === way}
                    onChange={(on) => save.mutate({ kind: r.kind, way, on })}
                    data-testid={`pref-${r.kind}-${way}`}
                  />
                ),
              })),
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
