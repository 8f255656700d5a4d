import { Card, Empty, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, type Output } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { formatDateTime, formatMoney } from '../format.ts';

type Order = Output<'getOrder'>;

/** Orders whose current step waits for my role (owners and admins may decide any step). */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { data, isFetching } = useQuery({
    queryKey: ['orders', 'pending'],
    queryFn: () => call('listOrders', { query: { status: 'pending_approval', limit: 100 } }),
  });
  const waiting = (data?.items ?? []).filter((o) => {
    const step = o.approval.steps.find((s) => s.decision === null);
    return step && (step.role === me?.role || me?.role === 'owner' || me?.role === 'admin');
  });
  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('orders.approvals')}
        </Typography.Title>
      }
    >
      <Table<Order>
        rowKey="id"
        loading={isFetching}
        dataSource={waiting}
        pagination={false}
        scroll={{ x: true }}
        data-testid="approvals-table"
        locale={{ emptyText: <Empty description={t('orders.noApprovals')} /> }}
        columns={[
          { title: t('orders.number'), render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link> },
          { title: t('orders.customer'), dataIndex: 'customerName' },
          { title: t('orders.total'), render: (_, o) => formatMoney(o.total, o.currency) },
          {
            title: t('orders.approval'),
            render: (_, o) => {
              const step = o.approval.steps.find((s) => s.decision === null)!;
              return <Tag color="gold">{t('orders.waitingFor', { role: t(`roles.${step.role}`) })}</Tag>;
            },
          },
          { title: t('orders.createdAt'), render: (_, o) => formatDateTime(o.updatedAt), responsive: ['md'] },
        ]}
      />
    </Card>
  );
}
