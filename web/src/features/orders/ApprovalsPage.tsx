import { Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { mayDecide } from '#shared/domain/approval.ts';
import { PageCard } from '../../kit/PageCard.tsx';

type Order = Output<'getOrder'>;

/** Orders whose current step waits for my role (owners and admins may decide any step). */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const list = useCursorList(['orders', 'pending'], (cursor) =>
    call('listOrders', { query: { status: 'pending_approval', cursor, limit: 50 } }),
  );
  const { isFetching } = list;
  const waiting = list.items.filter((o) => {
    const step = o.approval.steps.find((s) => s.decision === null);
    return step !== undefined && mayDecide(step, me?.role ?? null);
  });
  return (
    <PageCard title={t('orders.approvals')}>
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
      <Pager {...list.pager} />
    </PageCard>
  );
}
