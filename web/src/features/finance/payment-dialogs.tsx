import { Alert, Form, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { DateField } from '../../kit/DateField.tsx';
import type { FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { paymentMethods } from '#shared/api/enums.ts';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { ApiError, call, type Output } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { readAll } from '../../kit/useCursorList.ts';
import { invoiceColor } from '../../status.ts';
import { paymentEffects, type Payment } from './payments.tsx';

type Invoice = Output<'listInvoices'>['items'][number];

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
        <DateField showTime style={{ width: '100%' }} />
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
