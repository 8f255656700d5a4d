import { useState } from 'react';
import { Alert, Button, Descriptions, Space, Spin, Tag } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call } from '../../api.ts';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { HeaderCard } from '../../kit/HeaderCard.tsx';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { billColor } from '../../status.ts';
import { onDemand } from '../../kit/on-demand.tsx';

// The payment dialog (amount, date) loads when it is opened.
const PayModal = onDemand(async () => (await import('./bill-payment-dialog.tsx')).PayModal);

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
