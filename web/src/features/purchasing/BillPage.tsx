import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Space, Spin, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import dayjs from 'dayjs';
import { paymentMethods } from '#shared/api/enums.ts';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { call, type Output } from '../../api.ts';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { HeaderCard } from '../../kit/HeaderCard.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { billColor } from '../../status.ts';

type Bill = Output<'getBill'>;
interface PayValues {
  amount: number;
  method: (typeof paymentMethods)[number];
  reference?: string;
  paidAt: dayjs.Dayjs;
}

/** 付款: what is due by default, how, the bank's reference and when. */
function PayModal({ bill, onClose }: { bill: Bill; onClose: () => void }) {
  const { t } = useTranslation();
  const due = fromMinor(bill.amountDue, bill.currency);
  return (
    <ModalForm<PayValues>
      open
      title={t('purchasing.payTitle', { number: bill.number })}
      okText={t('purchasing.pay')}
      initialValues={{ amount: due, method: 'bank_transfer', paidAt: dayjs() }}
      submit={(v) =>
        call('payBill', {
          params: { id: bill.id },
          ifMatch: bill.version,
          body: {
            amount: { amount: toMinor(v.amount, bill.currency), currency: bill.currency },
            method: v.method,
            reference: v.reference?.trim() || undefined,
            paidAt: v.paidAt.toISOString(),
          },
        })
      }
      refresh={[['bill', bill.id], ['bills'], ['payables']]}
      successMessage={t('purchasing.paymentRecorded')}
      onClose={onClose}
    >
      <Form.Item
        name="amount"
        label={`${t('purchasing.amount')} (${bill.currency})`}
        rules={[
          { required: true, message: t('errors.required') },
          {
            type: 'number',
            min: 10 ** -minorDigits(bill.currency),
            message: t('purchasing.positive'),
          },
          {
            type: 'number',
            max: due,
            message: t('purchasing.overpayment', { due: formatMoney(bill.amountDue, bill.currency) }),
          },
        ]}
      >
        <InputNumber
          min={0}
          precision={minorDigits(bill.currency)}
          style={{ width: '100%' }}
          data-testid="bill-payment-amount"
        />
      </Form.Item>
      <Form.Item name="method" label={t('purchasing.method')}>
        <Radio.Group
          optionType="button"
          options={paymentMethods.map((m) => ({ value: m, label: t(`finance.methods.${m}`) }))}
          data-testid="bill-payment-method"
        />
      </Form.Item>
      <Form.Item name="reference" label={t('purchasing.reference')}>
        <Input maxLength={100} data-testid="bill-payment-reference" />
      </Form.Item>
      <Form.Item
        name="paidAt"
        label={t('purchasing.paidAt')}
        rules={[{ required: true, message: t('errors.required') }]}
      >
        <DatePicker showTime style={{ width: '100%' }} data-testid="bill-payment-paid-at" />
      </Form.Item>
    </ModalForm>
  );
}

/** 应付账单: one receipt's bill from the supplier, what is paid and due, and 付款. */
export function BillPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useAuth();
  const baseCurrency = useBaseCurrency();
  const [paying, setPaying] = useState(false);
  const bill = useQuery({ queryKey: ['bill', id], queryFn: () => call('getBill', { params: { id: id! } }) });
  if (bill.isLoading) return <Spin />;
  if (!bill.data) return <Alert type="error" title={errorMessage(t, bill.error)} />;
  const b = bill.data;
  const money = (a: number) => formatMoney(a, b.currency);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <HeaderCard
        title={
          <Space wrap>
            <PageHeading testId="bill-title">{`${t('purchasing.bill')} ${b.number}`}</PageHeading>
            <Tag color={billColor[b.status]} data-testid="bill-status">
              {t(`purchasing.billStatuses.${b.status}`)}
            </Tag>
          </Space>
        }
        actions={
          can('payBill') &&
          b.amountDue > 0 && (
            <Button type="primary" onClick={() => setPaying(true)} data-testid="pay-bill">
              {t('purchasing.pay')}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, md: 3 }} size="small">
          <Descriptions.Item label={t('purchasing.supplier')}>
            <Link to={`/suppliers/${b.supplierId}`}>{b.supplierName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('purchasing.order')}>
            <Link to={`/purchase-orders/${b.purchaseOrderId}`}>{b.purchaseOrderNumber}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('purchasing.issueDate')}>{b.issueDate}</Descriptions.Item>
          <Descriptions.Item label={t('purchasing.dueDate')}>{b.dueDate}</Descriptions.Item>
          {b.currency !== baseCurrency && (
            <Descriptions.Item label={t('money.fxRate')}>
              {t('money.fxRateValue', { currency: b.currency, rate: b.fxRate, base: baseCurrency })}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('purchasing.total')}>
            <span data-testid="bill-total">{money(b.total)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('purchasing.amountPaid')}>
            <span data-testid="bill-paid">{money(b.amountPaid)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('purchasing.amountDue')}>
            <strong data-testid="bill-due">{money(b.amountDue)}</strong>
          </Descriptions.Item>
          {b.paidAt && <Descriptions.Item label={t('purchasing.paidAt')}>{formatDateTime(b.paidAt)}</Descriptions.Item>}
        </Descriptions>
      </HeaderCard>
      <Card title={t('purchasing.lines')}>
        <CardTable
          rowKey="lineId"
          dataSource={b.lines}
          pagination={false}
          scroll={{ x: true }}
          testId="bill-lines"
          card={(l) => ({
            title: <BillLineName productId={l.productId} />,
            fields: [
              { label: t('purchasing.quantity'), value: l.quantity },
              { label: t('purchasing.unitCost'), value: money(l.unitCost) },
              { label: t('purchasing.lineTotal'), value: money(l.total) },
            ],
          })}
          columns={[
            { title: t('purchasing.product'), render: (_, l) => <BillLineName productId={l.productId} /> },
            { title: t('purchasing.quantity'), dataIndex: 'quantity', align: 'right' },
            {
              title: t('purchasing.unitCost'),
              render: (_, l) => money(l.unitCost),
              align: 'right',
              onCell: () => ({ style: nowrap }),
            },
            {
              title: t('purchasing.lineTotal'),
              render: (_, l) => money(l.total),
              align: 'right',
              onCell: () => ({ style: nowrap }),
            },
          ]}
        />
      </Card>
      {paying && <PayModal bill={b} onClose={() => setPaying(false)} />}
    </Space>
  );
}

/** A bill line names its product by id only: its SKU and name, read once. */
function BillLineName({ productId }: { productId: string }) {
  const product = useQuery({
    queryKey: ['product', productId],
    queryFn: () => call('getProduct', { params: { id: productId } }),
    staleTime: 60_000,
  });
  return <span>{product.data ? `${product.data.sku} · ${product.data.name}` : productId}</span>;
}
