import { Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { mayDecide } from '#shared/domain/approval.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { usePeople } from '../../components/people.tsx';

type Order = Output<'getOrder'>;
/** The step an order waits for (the first one undecided). */
const stepOf = (o: Order) => o.approval.steps.find((s) => s.decision === null)!;

/** Short of stock when submitted: for the approver to see before deciding (requested vs available, per line). */
function StockShort({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  if (!o.flags.includes('stock_short')) return null;
  const detail = o.shortages
    .map((s) => {
      const line = o.lines.find((l) => l.lineId === s.lineId);
      return t('orders.shortLine', {
        sku: line?.sku ?? s.productId,
        name: line?.name ?? '',
        requested: s.requested,
        available: s.available,
      });
    })
    .join('; ');
  return (
    <Tag color="red" title={detail} data-testid="approval-stock-short" style={{ whiteSpace: 'normal' }}>
      {t('orders.flags.stock_short')}
      {detail ? `: ${detail}` : ''}
    </Tag>
  );
}

/** Orders whose current step waits for my role (owners and admins may decide any step). */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const people = usePeople();
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
      <CardTable<Order>
        rowKey="id"
        loading={isFetching}
        dataSource={waiting}
        pagination={false}
        scroll={{ x: true }}
        testId="approvals-table"
        emptyText={<Empty description={t('orders.noApprovals')} />}
        card={(o) => ({
          title: <Link to={`/orders/${o.id}`}>{o.number}</Link>,
          extra: <Tag color="gold">{t('orders.waitingFor', { role: t(`roles.${stepOf(o).role}`) })}</Tag>,
          fields: [
            { label: t('orders.customer'), value: <span style={{ whiteSpace: 'normal' }}>{o.customerName}</span> },
            { label: t('orders.total'), value: formatMoney(o.total, o.currency) },
            { label: t('orders.salesRep'), value: people.nameOf(o.salesRepId) },
            { label: t('orders.submittedAt'), value: formatDateTime(o.updatedAt) },
          ],
          footer: o.flags.includes('stock_short') ? <StockShort order={o} /> : undefined,
        })}
        columns={[
          { title: t('orders.number'), render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link> },
          { title: t('orders.customer'), dataIndex: 'customerName', render: (v: string) => <span>{v}</span> },
          {
            title: t('orders.total'),
            render: (_, o) => <span style={nowrap}>{formatMoney(o.total, o.currency)}</span>,
            align: 'right',
          },
          {
            title: t('orders.approval'),
            render: (_, o) => (
              <>
                <Tag color="gold">{t('orders.waitingFor', { role: t(`roles.${stepOf(o).role}`) })}</Tag>
                <StockShort order={o} />
              </>
            ),
          },
          { title: t('orders.salesRep'), render: (_, o) => people.nameOf(o.salesRepId), responsive: ['md'] },
          { title: t('orders.submittedAt'), render: (_, o) => formatDateTime(o.updatedAt), responsive: ['md'] },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
