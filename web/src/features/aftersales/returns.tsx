import { useState } from 'react';
import { Button, Spin } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { ReturnStatus, type Return } from './shared.tsx';
import { onDemand } from '../../kit/on-demand.tsx';

type Order = Output<'getOrder'>;

/**
 * What of each order line may still be asked back: shipped, less what other returns claim (the
 * requested quantity until they are received, then what was received; rejected and cancelled
 * returns claim nothing). The server checks the same and answers `over_return` otherwise.
 */
export function returnable(order: Order, returns: Return[]): Record<string, number> {
  const claimed: Record<string, number> = {};
  for (const r of returns) {
    if (r.status === 'rejected' || r.status === 'cancelled') continue;
    const taken = r.status === 'received' || r.status === 'closed';
    for (const l of r.lines) claimed[l.lineId] = (claimed[l.lineId] ?? 0) + (taken ? l.received : l.quantity);
  }
  return Object.fromEntries(order.lines.map((l) => [l.lineId, Math.max(0, l.shipped - (claimed[l.lineId] ?? 0))]));
}

// The request dialog (quantities, reasons) loads when it is opened.
const dialogs = () => import('./return-dialogs.tsx');
const RequestReturnModal = onDemand(async () => (await dialogs()).RequestReturnModal);
export const TicketReturnModal = onDemand(async () => (await dialogs()).TicketReturnModal);

export const orderReturnsKey = (orderId: string) => ['order-returns', orderId] as const;

export function useOrderReturns(orderId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: orderReturnsKey(orderId ?? ''),
    enabled: Boolean(orderId) && enabled,
    queryFn: () => call('listOrderReturns', { params: { id: orderId! } }),
  });
}

/** A list of returns: number, status, resolution, value; the order shown when it is not the page's own. */
export function ReturnsTable({
  returns,
  loading,
  testId,
  showOrder = true,
  showCustomer = false,
}: {
  returns: Return[];
  loading?: boolean;
  testId: string;
  showOrder?: boolean;
  showCustomer?: boolean;
}) {
  const { t } = useTranslation();
  const link = (r: Return) => <Link to={`/returns/${r.id}`}>{r.number}</Link>;
  const units = (r: Return) => r.lines.reduce((s, l) => s + l.quantity, 0);
  return (
    <CardTable<Return>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={returns}
      pagination={false}
      scroll={{ x: true }}
      testId={testId}
      emptyText={t('aftersales.returns.none')}
      card={(r) => ({
        title: link(r),
        extra: <ReturnStatus status={r.status} />,
        fields: [
          ...(showCustomer ? [{ label: t('aftersales.returns.customer'), value: r.customerName }] : []),
          ...(showOrder
            ? [
                {
                  label: t('aftersales.returns.order'),
                  value: <Link to={`/orders/${r.orderId}`}>{r.orderNumber}</Link>,
                },
              ]
            : []),
          { label: t('aftersales.returns.resolution'), value: t(`aftersales.returns.resolutions.${r.resolution}`) },
          { label: t('aftersales.returns.quantity'), value: units(r) },
          { label: t('aftersales.returns.total'), value: formatMoney(r.total, r.currency) },
        ],
      })}
      columns={[
        { title: t('aftersales.returns.number'), render: (_, r) => link(r), onCell: () => ({ style: nowrap }) },
        ...(showCustomer ? [{ title: t('aftersales.returns.customer'), dataIndex: 'customerName' }] : []),
        ...(showOrder
          ? [
              {
                title: t('aftersales.returns.order'),
                render: (_: unknown, r: Return) => <Link to={`/orders/${r.orderId}`}>{r.orderNumber}</Link>,
                responsive: ['md' as const],
              },
            ]
          : []),
        { title: t('aftersales.returns.status'), render: (_, r) => <ReturnStatus status={r.status} /> },
        {
          title: t('aftersales.returns.resolution'),
          render: (_, r) => t(`aftersales.returns.resolutions.${r.resolution}`),
          responsive: ['sm'],
        },
        { title: t('aftersales.returns.quantity'), render: (_, r) => units(r), align: 'right' },
        {
          title: t('aftersales.returns.total'),
          render: (_, r) => formatMoney(r.total, r.currency),
          align: 'right',
          onCell: () => ({ style: nowrap }),
        },
        {
          title: t('aftersales.returns.createdAt'),
          render: (_, r) => formatDateTime(r.createdAt),
          responsive: ['lg'],
        },
      ]}
    />
  );
}

/** The order page's returns: the request button for what shipped, and the order's returns. */
export function OrderReturns({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [requesting, setRequesting] = useState(false);
  const shipped = order.lines.some((l) => l.shipped > 0);
  const returns = useOrderReturns(order.id, shipped && can('listOrderReturns'));
  if (!shipped || (!can('listOrderReturns') && !can('createReturn'))) return null;
  return (
    <Card
      title={t('aftersales.returns.ofOrder')}
      extra={
        can('createReturn') && (
          <Button onClick={() => setRequesting(true)} data-testid="request-return">
            {t('aftersales.returns.request')}
          </Button>
        )
      }
    >
      {returns.isLoading ? (
        <Spin />
      ) : (
        <ReturnsTable
          returns={returns.data?.items ?? []}
          loading={returns.isFetching}
          testId="order-returns"
          showOrder={false}
        />
      )}
      {requesting && <RequestReturnModal order={order} onClose={() => setRequesting(false)} />}
    </Card>
  );
}
