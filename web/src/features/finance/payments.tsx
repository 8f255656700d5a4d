import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { paymentMethods } from '#shared/api/enums.ts';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { ApiError, call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { readAll, useCursorList } from '../../kit/useCursorList.ts';
import { invoiceColor } from '../../status.ts';

export type Payment = Output<'getPayment'>;
type Invoice = Output<'listInvoices'>['items'][number];

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

/** Every payment of a customer (for the credit it holds and the deposits on an order). */
export function useAllPayments(customerId: string, enabled = true) {
  return useQuery({
    queryKey: ['customer-payments', customerId, 'all'],
    queryFn: () =>
      readAll((cursor) => call('listCustomerPayments', { params: { id: customerId }, query: { cursor, limit: 100 } })),
    enabled,
  });
}

interface PaymentValues {
  amount: number;
  method: (typeof paymentMethods)[number];
  reference?: string;
  receivedAt: dayjs.Dayjs;
}

/**
 * Money received from a customer (收款), in `currency`: its rest is the customer's credit. With
 * `orderId` it is a deposit (定金 / 预收款) that the order's invoices take as they are issued.
 */
export function ReceivePaymentModal({
  customerId,
  currency,
  orderId,
  defaultAmount,
  title,
  onClose,
}: {
  customerId: string;
  currency: string;
  orderId?: string;
  /** Minor units. */
  defaultAmount?: number;
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ModalForm<PaymentValues>
      open
      title={title}
      initialValues={{
        amount: defaultAmount ? fromMinor(defaultAmount, currency) : undefined,
        method: 'bank_transfer',
        receivedAt: dayjs(),
      }}
      submit={(v) =>
        call('receiveCustomerPayment', {
          params: { id: customerId },
          body: {
            amount: { amount: toMinor(v.amount, currency), currency },
            method: v.method,
            reference: v.reference?.trim() || undefined,
            receivedAt: v.receivedAt.toISOString(),
            ...(orderId ? { orderId } : {}),
          },
        })
      }
      refresh={[...paymentEffects(customerId), ...(orderId ? [['order', orderId]] : [])]}
      successMessage={t('finance.paymentRecorded')}
      onClose={onClose}
    >
      {orderId && (
        <Typography.Paragraph type="secondary" data-testid="deposit-hint">
          {t('payments.depositHint')}
        </Typography.Paragraph>
      )}
      <Form.Item
        name="amount"
        label={`${t('finance.amount')} (${currency})`}
        rules={[
          { required: true, message: t('errors.required') },
          { type: 'number', min: 10 ** -minorDigits(currency), message: t('payments.positive') },
        ]}
      >
        <InputNumber min={0} precision={minorDigits(currency)} style={{ width: '100%' }} data-testid="payment-amount" />
      </Form.Item>
      <Form.Item name="method" label={t('finance.method')}>
        <Radio.Group
          optionType="button"
          options={paymentMethods.map((m) => ({ value: m, label: t(`finance.methods.${m}`) }))}
          data-testid="payment-method"
        />
      </Form.Item>
      <Form.Item name="reference" label={t('finance.reference')}>
        <Input maxLength={100} data-testid="payment-reference" />
      </Form.Item>
      <Form.Item
        name="receivedAt"
        label={t('finance.receivedAt')}
        rules={[{ required: true, message: t('errors.required') }]}
      >
        <DatePicker showTime style={{ width: '100%' }} />
      </Form.Item>
    </ModalForm>
  );
}

const invoiceField = (id: string) => `a_${id}`;

/** The running sum of the amounts typed, against what the payment has left. */
function AllocationSum({ form, invoices, payment }: { form: FormInstance; invoices: Invoice[]; payment: Payment }) {
  const { t } = useTranslation();
  const values = (Form.useWatch([], form) ?? {}) as Record<string, number | null>;
  const currency = payment.amount.currency;
  const total = invoices.reduce((s, i) => s + toMinor(values[invoiceField(i.id)] ?? 0, currency), 0);
  const rest = payment.unallocated - total;
  return (
    <Typography.Paragraph data-testid="allocation-sum">
      {t('payments.allocating', { amount: formatMoney(total, currency) })} ·{' '}
      <Typography.Text type={rest < 0 ? 'danger' : undefined}>
        {t('payments.restAfter', { amount: formatMoney(rest, currency) })}
      </Typography.Text>
    </Typography.Paragraph>
  );
}

/**
 * 核销: applies a payment's rest to the customer's open invoices in its currency, oldest first
 * (prefilled so; every amount can be changed). One request, one transaction on the server.
 */
export function AllocateModal({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const { t } = useTranslation();
  const currency = payment.amount.currency;
  const digits = minorDigits(currency);
  const open = useQuery({
    // Read afresh each time the dialog opens: the amounts are prefilled from what is owed now.
    gcTime: 0,
    queryKey: ['invoices', { customerId: payment.customerId, open: true }],
    queryFn: async () => {
      const lists = await Promise.all(
        (['open', 'partially_paid', 'overdue'] as const).map((status) =>
          readAll((cursor) =>
            call('listInvoices', { query: { customerId: payment.customerId, status, cursor, limit: 100 } }),
          ),
        ),
      );
      return lists
        .flat()
        .filter((i) => i.currency === currency && i.amountDue > 0)
        .sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number));
    },
  });
  const invoices = open.data ?? [];
  // Oldest first, each up to its balance, until the payment's rest is used up.
  let rest = payment.unallocated;
  const initialValues = Object.fromEntries(
    invoices.map((i) => {
      const amount = Math.min(i.amountDue, rest);
      rest -= amount;
      return [invoiceField(i.id), fromMinor(amount, currency)];
    }),
  );
  return (
    <ModalForm<Record<string, number | null>>
      open
      width={640}
      loading={open.isLoading}
      title={t('payments.allocateTitle', { amount: formatMoney(payment.unallocated, currency) })}
      okText={t('payments.allocate')}
      initialValues={initialValues}
      submit={(v) => {
        const allocations = invoices
          .map((i) => ({ invoiceId: i.id, amount: toMinor(v[invoiceField(i.id)] ?? 0, currency) }))
          .filter((a) => a.amount > 0);
        const total = allocations.reduce((s, a) => s + a.amount, 0);
        if (!allocations.length) return Promise.reject(new ApiError(400, { code: 'nothing_to_allocate' }));
        if (total > payment.unallocated) return Promise.reject(new ApiError(422, { code: 'over_allocation' }));
        return call('allocatePayment', { params: { id: payment.id }, ifMatch: payment.version, body: { allocations } });
      }}
      refresh={paymentEffects(payment.customerId)}
      successMessage={t('payments.allocated')}
      onClose={onClose}
    >
      {(form) =>
        invoices.length ? (
          <>
            {invoices.map((i) => (
              <Form.Item
                key={i.id}
                name={invoiceField(i.id)}
                label={
                  <Space wrap size={4}>
                    <span>{i.number}</span>
                    <Tag color={invoiceColor[i.status]}>{t(`finance.statuses.${i.status}`)}</Tag>
                    <Typography.Text type="secondary">
                      {t('payments.invoiceDue', { date: i.issueDate, amount: formatMoney(i.amountDue, currency) })}
                    </Typography.Text>
                  </Space>
                }
                rules={[
                  {
                    type: 'number',
                    max: fromMinor(i.amountDue, currency),
                    message: t('payments.overInvoice', { amount: formatMoney(i.amountDue, currency) }),
                  },
                ]}
              >
                <InputNumber
                  min={0}
                  precision={digits}
                  style={{ width: '100%' }}
                  addonAfter={currency}
                  data-testid={`allocate-${i.number}`}
                />
              </Form.Item>
            ))}
            <AllocationSum form={form} invoices={invoices} payment={payment} />
          </>
        ) : (
          <Alert type="info" showIcon title={t('payments.noOpenInvoices', { currency })} />
        )
      }
    </ModalForm>
  );
}

/** 冲销: undoes a payment recorded by mistake, with the reason; the invoices it paid are owed again. */
export function ReverseModal({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ModalForm<{ reason: string }>
      open
      title={t('payments.reverseTitle', { amount: formatMoney(payment.amount.amount, payment.amount.currency) })}
      okText={t('payments.reverse')}
      submit={(v) =>
        call('reversePayment', {
          params: { id: payment.id },
          ifMatch: payment.version,
          body: { reason: v.reason.trim() },
        })
      }
      refresh={[...paymentEffects(payment.customerId), ...(payment.orderId ? [['order', payment.orderId]] : [])]}
      successMessage={t('payments.reversed')}
      onClose={onClose}
    >
      <Alert type="warning" showIcon title={t('payments.reverseHint')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="reason"
        label={t('payments.reason')}
        rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
      >
        <Input.TextArea rows={3} maxLength={500} data-testid="reverse-reason" />
      </Form.Item>
    </ModalForm>
  );
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
