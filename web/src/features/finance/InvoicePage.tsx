import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import dayjs from 'dayjs';
import { paymentMethods } from '#shared/api/enums.ts';
import { call, openPrintable, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { invoiceColor } from '../../status.ts';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { ModalForm } from '../../kit/ModalForm.tsx';

type Invoice = Output<'getInvoice'>;

interface PaymentValues {
  amount: number;
  method: (typeof paymentMethods)[number];
  reference?: string;
  receivedAt: dayjs.Dayjs;
}

function PaymentModal({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation();
  const due = fromMinor(invoice.amountDue, invoice.currency);
  return (
    <ModalForm<PaymentValues>
      open
      title={t('finance.recordPayment')}
      initialValues={{ amount: due, method: 'bank_transfer', receivedAt: dayjs() }}
      submit={(v) =>
        call('recordPayment', {
          params: { id: invoice.id },
          ifMatch: invoice.version,
          body: {
            amount: { amount: toMinor(v.amount, invoice.currency), currency: invoice.currency },
            method: v.method,
            reference: v.reference || undefined,
            receivedAt: v.receivedAt.toISOString(),
          },
        })
      }
      refresh={[['invoice', invoice.id], ['invoices'], ['dashboard']]}
      successMessage={t('finance.paymentRecorded')}
      onClose={onClose}
    >
      <Form.Item
        name="amount"
        label={`${t('finance.amount')} (${invoice.currency})`}
        rules={[
          { required: true, message: t('errors.required') },
          {
            type: 'number',
            min: 0.01,
            max: due,
            message: t('finance.overpayment', { due: formatMoney(invoice.amountDue, invoice.currency) }),
          },
        ]}
      >
        <InputNumber
          min={0}
          precision={minorDigits(invoice.currency)}
          style={{ width: '100%' }}
          data-testid="payment-amount"
        />
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
      <Form.Item name="receivedAt" label={t('finance.receivedAt')}>
        <DatePicker showTime style={{ width: '100%' }} />
      </Form.Item>
    </ModalForm>
  );
}

export function InvoicePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const { can } = useAuth();
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
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {i.number}
            </Typography.Title>
            <Tag color={invoiceColor[i.status]} data-testid="invoice-status">
              {t(`finance.statuses.${i.status}`)}
            </Tag>
          </Space>
        }
        extra={
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
        <Descriptions column={{ xs: 1, sm: 2, md: 3 }} size="small">
          <Descriptions.Item label={t('finance.customer')}>{i.customerName}</Descriptions.Item>
          <Descriptions.Item label={t('finance.order')}>
            <Link to={`/orders/${i.orderId}`}>{i.orderNumber}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('finance.issueDate')}>{i.issueDate}</Descriptions.Item>
          <Descriptions.Item label={t('finance.dueDate')}>{i.dueDate}</Descriptions.Item>
          <Descriptions.Item label={t('finance.terms')}>{i.paymentTermsDays}</Descriptions.Item>
          <Descriptions.Item label={t('finance.total')}>{money(i.total)}</Descriptions.Item>
          <Descriptions.Item label={t('finance.paid')}>
            <span data-testid="invoice-paid">{money(i.amountPaid)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('finance.due')}>
            <Typography.Text strong data-testid="invoice-due">
              {money(i.amountDue)}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('finance.lines')}>
        <Table
          rowKey="lineId"
          dataSource={i.lines}
          pagination={false}
          scroll={{ x: true }}
          size="small"
          columns={[
            { title: 'SKU', dataIndex: 'sku' },
            { title: t('orders.product'), dataIndex: 'name' },
            { title: t('finance.quantity'), dataIndex: 'quantity', align: 'right' },
            { title: t('finance.unitPrice'), render: (_, l) => money(l.unitPrice), align: 'right', responsive: ['md'] },
            { title: t('finance.subtotal'), render: (_, l) => money(l.subtotal), align: 'right', responsive: ['md'] },
            { title: t('finance.tax'), render: (_, l) => money(l.tax), align: 'right', responsive: ['md'] },
            { title: t('finance.total'), render: (_, l) => money(l.total), align: 'right' },
          ]}
        />
      </Card>
      <Card title={t('finance.payments')}>
        <Table
          rowKey="id"
          dataSource={i.payments}
          pagination={false}
          size="small"
          data-testid="payments-table"
          scroll={{ x: true }}
          columns={[
            { title: t('finance.receivedAt'), render: (_, p) => formatDateTime(p.receivedAt) },
            { title: t('finance.method'), render: (_, p) => t(`finance.methods.${p.method}`) },
            { title: t('finance.reference'), render: (_, p) => p.reference ?? t('common.none'), responsive: ['md'] },
            {
              title: t('finance.amount'),
              render: (_, p) => formatMoney(p.amount.amount, p.amount.currency),
              align: 'right',
            },
          ]}
        />
      </Card>
      {paying && <PaymentModal invoice={i} onClose={() => setPaying(false)} />}
    </Space>
  );
}
