import { useState } from 'react';
import { Alert, App, Button, Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { Table } from '../../kit/Table.tsx';
import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call, openPrintable, type Output } from '../../api.ts';
import { HeaderCard } from '../../kit/HeaderCard.tsx';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { fapiaoColor, invoiceColor } from '../../status.ts';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { TaxBasis, Totals, unitPriceLabel } from '../../components/Amounts.tsx';
import { onDemand } from '../../kit/on-demand.tsx';

type Invoice = Output<'getInvoice'>;

// The payment and fapiao dialogs (amounts, dates) load when one is opened.
const dialogs = () => import('./invoice-dialogs.tsx');
const PaymentModal = onDemand(async () => (await dialogs()).PaymentModal);
const FapiaoModal = onDemand(async () => (await dialogs()).FapiaoModal);

/** The fapiao side of a statement: where it stands, what was recorded, and the two actions finance takes. */
function FapiaoCard({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [recording, setRecording] = useState(false);
  const f = invoice.fapiao;
  const money = (a: number) => formatMoney(a, invoice.currency);
  const request = useMutation({
    mutationFn: () => call('requestFapiao', { body: { invoiceIds: [invoice.id] } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['invoice', invoice.id] });
      void queryClient.invalidateQueries({ queryKey: ['invoices'] });
      message.success(t('fapiao.requested'));
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const open = invoice.status !== 'void';
  return (
    <HeaderCard
      title={
        <Space wrap>
          {t('fapiao.title')}
          <Tag color={fapiaoColor[f.status]} data-testid="fapiao-status">
            {t(`fapiao.statuses.${f.status}`)}
          </Tag>
        </Space>
      }
      actions={
        <Space wrap>
          {open && f.status === 'not_requested' && can('requestFapiao') && (
            <Button onClick={() => request.mutate()} loading={request.isPending} data-testid="request-fapiao">
              {t('fapiao.request')}
            </Button>
          )}
          {open && can('recordFapiao') && (invoice.total > f.issuedAmount || f.issuedAmount > 0) && (
            <Button type="primary" onClick={() => setRecording(true)} data-testid="record-fapiao">
              {t('fapiao.record')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, sm: 3 }} size="small">
        <Descriptions.Item label={t('fapiao.issuedAmount')}>
          <span data-testid="fapiao-issued">{money(f.issuedAmount)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('fapiao.remaining')}>
          <span data-testid="fapiao-remaining">{money(invoice.total - f.issuedAmount)}</span>
        </Descriptions.Item>
        {f.requestedAt && (
          <Descriptions.Item label={t('fapiao.requestedAt')}>{formatDateTime(f.requestedAt)}</Descriptions.Item>
        )}
      </Descriptions>
      <Table
        rowKey="id"
        size="small"
        dataSource={f.records}
        pagination={false}
        scroll={{ x: true }}
        data-testid="fapiao-records"
        locale={{ emptyText: t('fapiao.none') }}
        columns={[
          { title: t('fapiao.number'), dataIndex: 'number' },
          { title: t('fapiao.type'), render: (_, r) => t(`billing.fapiaoTypes.${r.type}`), responsive: ['sm'] },
          { title: t('fapiao.issuedAt'), dataIndex: 'issuedAt' },
          {
            title: t('fapiao.amount'),
            render: (_, r) => (
              <Space size={4}>
                {r.amount < 0 && <Tag color="red">{t('fapiao.red')}</Tag>}
                <Typography.Text type={r.amount < 0 ? 'danger' : undefined}>{money(r.amount)}</Typography.Text>
              </Space>
            ),
            align: 'right',
          },
        ]}
      />
      {recording && <FapiaoModal invoice={invoice} onClose={() => setRecording(false)} />}
    </HeaderCard>
  );
}

/** 开票信息 the statement was issued with (the buyer as it stood then). */
function BuyerCard({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const b = invoice.buyer;
  const none = t('common.none');
  return (
    <Card title={t('billing.buyer')} data-testid="invoice-buyer">
      {b ? (
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('billing.invoiceTitle')}>{b.title}</Descriptions.Item>
          <Descriptions.Item label={t('billing.taxId')}>{b.taxId ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('billing.bankName')}>{b.bankName ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('billing.bankAccount')}>{b.bankAccount ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('billing.address')}>{b.address ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('billing.phone')}>{b.phone ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('billing.fapiaoType')}>
            {t(`billing.fapiaoTypes.${b.fapiaoType}`)}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <Space direction="vertical" size={0}>
              {t('billing.noBuyer')}
              <Link to={`/customers/${invoice.customerId}/edit`}>{t('billing.enter')}</Link>
            </Space>
          }
        />
      )}
    </Card>
  );
}

/** 销售结算单: the company's own statement of a sale (not a VAT fapiao), its payments and its fapiao. */
export function InvoicePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const { can } = useAuth();
  const baseCurrency = useBaseCurrency();
  const [paying, setPaying] = useState(false);
  const invoice = useQuery({ queryKey: ['invoice', id], queryFn: () => call('getInvoice', { params: { id: id! } }) });
  if (invoice.isLoading) return <Spin />;
  if (!invoice.data) return <Alert type="error" title={errorMessage(t, invoice.error)} />;
  const i = invoice.data;
  const print = async () => {
    try {
      await openPrintable('printInvoice', {
        params: { id: i.id },
        query: { lang: i18n.language === 'en' ? 'en' : 'zh-CN' },
      });
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  };
  const money = (a: number) => formatMoney(a, i.currency);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <HeaderCard
        title={
          <Space wrap>
            <PageHeading testId="invoice-title">{`${t('finance.invoice')} ${i.number}`}</PageHeading>
            <Tag color={invoiceColor[i.status]} data-testid="invoice-status">
              {t(`finance.statuses.${i.status}`)}
            </Tag>
          </Space>
        }
        actions={
          <Space wrap>
            <Button icon={<PrinterOutlined />} onClick={print} data-testid="invoice-print">
              {t('finance.print')}
            </Button>
            {can('recordPayment') && i.amountDue > 0 && i.status !== 'void' && (
              <Button type="primary" onClick={() => setPaying(true)} data-testid="record-payment">
                {t('finance.recordPayment')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" data-testid="not-fapiao">
          {t('finance.notFapiao')}
        </Typography.Paragraph>
        <Descriptions column={{ xs: 1, sm: 2, md: 3 }} size="small">
          <Descriptions.Item label={t('finance.customer')}>
            <Link to={`/customers/${i.customerId}`}>{i.customerName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('finance.order')}>
            <Link to={`/orders/${i.orderId}`}>{i.orderNumber}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('money.basis')}>
            <TaxBasis includesTax={i.pricesIncludeTax} testId="invoice-tax-basis" />
          </Descriptions.Item>
          <Descriptions.Item label={t('finance.issueDate')}>{i.issueDate}</Descriptions.Item>
          <Descriptions.Item label={t('finance.dueDate')}>{i.dueDate}</Descriptions.Item>
          <Descriptions.Item label={t('finance.terms')}>{i.paymentTermsDays}</Descriptions.Item>
          {i.currency !== baseCurrency && (
            <Descriptions.Item label={t('money.fxRate')}>
              <span data-testid="invoice-fx-rate">
                {t('money.fxRateValue', { currency: i.currency, rate: i.fxRate, base: baseCurrency })}
              </span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('finance.paid')}>
            <span data-testid="invoice-paid">{money(i.amountPaid)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('finance.due')}>
            <Typography.Text strong data-testid="invoice-due">
              {money(i.amountDue)}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Totals
          subtotal={i.subtotal}
          tax={i.tax}
          total={i.total}
          currency={i.currency}
          capitals
          testId="invoice-totals"
        />
      </HeaderCard>
      <BuyerCard invoice={i} />
      <Card title={t('finance.lines')}>
        <Table
          rowKey="lineId"
          dataSource={i.lines}
          pagination={false}
          scroll={{ x: true }}
          size="small"
          columns={[
            { title: 'SKU', dataIndex: 'sku', responsive: ['sm'] },
            { title: t('orders.product'), dataIndex: 'name' },
            { title: t('finance.quantity'), dataIndex: 'quantity', align: 'right' },
            {
              title: unitPriceLabel(t, i.pricesIncludeTax),
              render: (_, l) => money(l.unitPrice),
              align: 'right',
              responsive: ['md'],
            },
            {
              title: t('finance.taxRate'),
              render: (_, l) => `${l.taxRate / 100}%`,
              align: 'right',
              responsive: ['md'],
            },
            { title: t('money.net'), render: (_, l) => money(l.subtotal), align: 'right', responsive: ['md'] },
            { title: t('money.tax'), render: (_, l) => money(l.tax), align: 'right', responsive: ['md'] },
            { title: t('money.total'), render: (_, l) => money(l.total), align: 'right' },
          ]}
        />
      </Card>
      <Card title={t('finance.payments')}>
        <Table
          rowKey={(p) => `${p.id}-${p.createdAt}`}
          dataSource={i.payments}
          pagination={false}
          size="small"
          data-testid="payments-table"
          scroll={{ x: true }}
          locale={{ emptyText: t('payments.none') }}
          columns={[
            { title: t('finance.receivedAt'), render: (_, p) => formatDateTime(p.receivedAt) },
            { title: t('finance.method'), render: (_, p) => t(`finance.methods.${p.method}`) },
            { title: t('finance.reference'), render: (_, p) => p.reference ?? t('common.none'), responsive: ['md'] },
            {
              title: t('finance.amount'),
              render: (_, p) =>
                p.reversedAt ? (
                  <Space size={4} wrap>
                    <Typography.Text delete type="secondary">
                      {formatMoney(p.amount.amount, p.amount.currency)}
                    </Typography.Text>
                    <Tag color="red">{t('payments.statuses.reversed')}</Tag>
                  </Space>
                ) : (
                  formatMoney(p.amount.amount, p.amount.currency)
                ),
              align: 'right',
            },
          ]}
        />
      </Card>
      <FapiaoCard invoice={i} />
      {paying && <PaymentModal invoice={i} onClose={() => setPaying(false)} />}
    </Space>
  );
}
