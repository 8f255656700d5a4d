import { useState } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { Table } from '../../kit/Table.tsx';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { Pager } from '../../kit/Pager.tsx';
import { readAll, useCursorList } from '../../kit/useCursorList.ts';
import { onDemand } from '../../kit/on-demand.tsx';

export type Payment = Output<'getPayment'>;

/** What a recorded, allocated or reversed payment changes: lists and figures to read again. */
export const paymentEffects = (customerId: string) =>
  [
    ['customer-payments', customerId],
    ['customer-summary', customerId],
    ['invoices'],
    ['invoice'],
    ['aging'],
    ['dashboard'],
  ] as const;

// The dialogs (amounts, dates, allocations) load when one is opened.
const dialogs = () => import('./payment-dialogs.tsx');
export const ReceivePaymentModal = onDemand(async () => (await dialogs()).ReceivePaymentModal);
const AllocateModal = onDemand(async () => (await dialogs()).AllocateModal);
const ReverseModal = onDemand(async () => (await dialogs()).ReverseModal);

/** Every payment of a customer (for the credit it holds and the deposits on an order). */
export function useAllPayments(customerId: string, enabled = true) {
  return useQuery({
    queryKey: ['customer-payments', customerId, 'all'],
    queryFn: () =>
      readAll((cursor) => call('listCustomerPayments', { params: { id: customerId }, query: { cursor, limit: 100 } })),
    enabled,
  });
}

/** A payment's amount: struck through once reversed, with the reversal's reason. */
export function PaymentAmount({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const amount = formatMoney(payment.amount.amount, payment.amount.currency);
  if (payment.status !== 'reversed') return <span>{amount}</span>;
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text delete type="secondary">
        {amount}
      </Typography.Text>
      <Tag color="red">{t('payments.statuses.reversed')}</Tag>
      {payment.reversal && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {payment.reversal.reason}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Payments as a table: when, how much (reversed ones struck through), how applied, what is left, and the actions. */
export function PaymentsTable({
  payments,
  loading,
  testId,
  showOrder = true,
}: {
  payments: Payment[];
  loading?: boolean;
  testId: string;
  showOrder?: boolean;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [allocating, setAllocating] = useState<Payment>();
  const [reversing, setReversing] = useState<Payment>();
  const money = (p: Payment, amount: number) => formatMoney(amount, p.amount.currency);
  return (
    <>
      <Table<Payment>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={payments}
        pagination={false}
        scroll={{ x: true }}
        data-testid={testId}
        locale={{ emptyText: t('payments.none') }}
        columns={[
          // The day only: on a phone the amount, what is left and the actions must fit beside it.
          { title: t('finance.receivedAt'), render: (_, p) => formatDate(p.receivedAt) },
          { title: t('finance.amount'), render: (_, p) => <PaymentAmount payment={p} />, align: 'right' },
          { title: t('finance.method'), render: (_, p) => t(`finance.methods.${p.method}`), responsive: ['md'] },
          { title: t('finance.reference'), render: (_, p) => p.reference ?? t('common.none'), responsive: ['lg'] },
          ...(showOrder
            ? [
                {
                  title: t('payments.depositFor'),
                  render: (_: unknown, p: Payment) =>
                    p.orderId ? <Link to={`/orders/${p.orderId}`}>{p.orderNumber}</Link> : t('common.none'),
                  responsive: ['md' as const],
                },
              ]
            : []),
          {
            title: t('payments.allocations'),
            render: (_, p) =>
              p.allocations.length ? (
                <Space direction="vertical" size={0}>
                  {p.allocations.map((a) => (
                    <span key={`${a.invoiceId}-${a.at}`}>
                      <Link to={`/invoices/${a.invoiceId}`}>{a.invoiceNumber}</Link> {money(p, a.amount)}
                    </span>
                  ))}
                </Space>
              ) : (
                t('common.none')
              ),
            responsive: ['md'],
          },
          {
            title: t('payments.unallocated'),
            render: (_, p) => (p.status === 'reversed' ? t('common.none') : money(p, p.unallocated)),
            align: 'right',
          },
          {
            title: t('common.actions'),
            render: (_, p) =>
              p.status === 'received' && (
                <Space wrap size={4}>
                  {can('allocatePayment') && p.unallocated > 0 && (
                    <Button size="small" onClick={() => setAllocating(p)} data-testid={`allocate-${p.id}`}>
                      {t('payments.allocate')}
                    </Button>
                  )}
                  {/* A credit note (红字) is no money received: it is refunded on its own page, never reversed. */}
                  {can('reversePayment') && p.method !== 'credit_note' && (
                    <Button size="small" danger onClick={() => setReversing(p)} data-testid={`reverse-${p.id}`}>
                      {t('payments.reverse')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {allocating && <AllocateModal payment={allocating} onClose={() => setAllocating(undefined)} />}
      {reversing && <ReverseModal payment={reversing} onClose={() => setReversing(undefined)} />}
    </>
  );
}

/** The customer page's payments: every payment page by page, the credit it leaves, and 收款. */
export function CustomerPayments({ customerId, currency }: { customerId: string; currency: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [receiving, setReceiving] = useState(false);
  const list = useCursorList(['customer-payments', customerId, 'list'], (cursor) =>
    call('listCustomerPayments', { params: { id: customerId }, query: { cursor, limit: 20 } }),
  );
  return (
    <Card
      title={t('payments.title')}
      extra={
        can('receiveCustomerPayment') && (
          <Button type="primary" onClick={() => setReceiving(true)} data-testid="receive-payment">
            {t('payments.receive')}
          </Button>
        )
      }
    >
      <PaymentsTable payments={list.items} loading={list.isFetching} testId="customer-payments" />
      <Pager {...list.pager} />
      {receiving && (
        <ReceivePaymentModal
          customerId={customerId}
          currency={currency}
          title={t('payments.receive')}
          onClose={() => setReceiving(false)}
        />
      )}
    </Card>
  );
}
