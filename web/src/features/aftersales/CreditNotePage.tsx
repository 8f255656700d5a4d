import { useState } from 'react';
import { Alert, App, Button, Col, Descriptions, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { Table } from '../../kit/Table.tsx';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call, openPrintable } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { unitPriceLabel } from '../../components/Amounts.tsx';
import { usePeople } from '../../components/people.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { HeaderCard } from '../../kit/HeaderCard.tsx';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { creditNoteColor } from '../../status.ts';
import { onDemand } from '../../kit/on-demand.tsx';

// The refund dialog (amount, date) loads when it is opened.
const RefundModal = onDemand(async () => (await import('./refund-dialog.tsx')).RefundModal);

/** 红字结算单: what was credited line by line, which invoices it took off, the credit left, refunds, print. */
export function CreditNotePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const { can } = useAuth();
  const people = usePeople();
  const queryClient = useQueryClient();
  const [refunding, setRefunding] = useState(false);
  const query = useQuery({
    queryKey: ['credit-note', id],
    queryFn: () => call('getCreditNote', { params: { id: id! } }),
  });
  if (query.isLoading) return <Spin />;
  if (!query.data) return <Alert type="error" title={errorMessage(t, query.error)} />;
  const n = query.data;
  const money = (a: number) => formatMoney(a, n.currency);
  const refundable = Math.max(0, n.credited - n.refunded);
  const print = async () => {
    try {
      await openPrintable('printCreditNote', {
        params: { id: n.id },
        query: { lang: i18n.language === 'en' ? 'en' : 'zh-CN' },
      });
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <HeaderCard
        title={
          <Space wrap>
            <PageHeading testId="credit-note-number">{n.number}</PageHeading>
            <Tag color={creditNoteColor[n.status]} data-testid="credit-note-status">
              {t(`aftersales.creditNotes.statuses.${n.status}`)}
            </Tag>
          </Space>
        }
        actions={
          <Space wrap>
            {refundable > 0 && can('refundCreditNote') && (
              <Button type="primary" onClick={() => setRefunding(true)} data-testid="credit-note-refund">
                {t('aftersales.creditNotes.refund')}
              </Button>
            )}
            {can('printCreditNote') && (
              <Button icon={<PrinterOutlined />} onClick={print} data-testid="credit-note-print">
                {t('aftersales.creditNotes.print')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('aftersales.creditNotes.customer')}>
            <Link to={`/customers/${n.customerId}`}>{n.customerName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.creditNotes.order')}>
            <Link to={`/orders/${n.orderId}`}>{n.orderNumber}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.creditNotes.return')}>
            <Link to={`/returns/${n.returnId}`} data-testid="credit-note-return">
              {n.returnNumber}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.creditNotes.issueDate')}>{n.issueDate}</Descriptions.Item>
          <Descriptions.Item label={t('money.currency')}>{n.currency}</Descriptions.Item>
          <Descriptions.Item label={t('money.basis')}>
            {t(n.pricesIncludeTax ? 'money.inclusive' : 'money.exclusive')}
          </Descriptions.Item>
        </Descriptions>
        <Row gutter={[16, 16]} style={{ marginTop: 8 }} data-testid="credit-note-figures">
          <Col xs={12} md={6}>
            <div data-testid="credit-note-total">
              <Statistic title={t('aftersales.creditNotes.total')} value={money(n.total)} />
            </div>
          </Col>
          <Col xs={12} md={6}>
            <div data-testid="credit-note-applied-total">
              <Statistic
                title={t('aftersales.creditNotes.applied')}
                value={money(n.applied.reduce((s, a) => s + a.amount, 0))}
              />
            </div>
          </Col>
          <Col xs={12} md={6}>
            <div data-testid="credit-note-credited">
              <Statistic title={t('aftersales.creditNotes.credited')} value={money(n.credited)} />
            </div>
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('aftersales.creditNotes.refunded')} value={money(n.refunded)} />
          </Col>
        </Row>
      </HeaderCard>
      <Card title={t('aftersales.creditNotes.lines')}>
        <CardTable
          rowKey="lineId"
          dataSource={n.lines}
          pagination={false}
          scroll={{ x: true }}
          testId="credit-note-lines"
          card={(l) => ({
            title: (
              <span>
                {l.name} <Typography.Text type="secondary">{l.sku}</Typography.Text>
              </span>
            ),
            fields: [
              { label: t('finance.quantity'), value: `${l.quantity} ${l.unit}` },
              { label: unitPriceLabel(t, n.pricesIncludeTax), value: money(l.unitPrice) },
              { label: t('money.tax'), value: money(l.tax) },
              { label: t('money.total'), value: money(l.total) },
            ],
          })}
          columns={[
            { title: t('products.sku'), dataIndex: 'sku', onCell: () => ({ style: nowrap }) },
            { title: t('products.name'), dataIndex: 'name', responsive: ['md'] },
            { title: t('finance.quantity'), dataIndex: 'quantity', align: 'right' },
            {
              title: unitPriceLabel(t, n.pricesIncludeTax),
              render: (_, l) => money(l.unitPrice),
              align: 'right',
              responsive: ['md'],
            },
            {
              title: t('finance.taxRate'),
              render: (_, l) => `${l.taxRate / 100}%`,
              align: 'right',
              responsive: ['lg'],
            },
            { title: t('money.net'), render: (_, l) => money(l.subtotal), align: 'right', responsive: ['lg'] },
            { title: t('money.tax'), render: (_, l) => money(l.tax), align: 'right', responsive: ['md'] },
            {
              title: t('money.total'),
              render: (_, l) => money(l.total),
              align: 'right',
              onCell: () => ({ style: nowrap }),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <strong>{t('money.total')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} colSpan={6} align="right">
                <span style={nowrap}>
                  {t('money.net')} {money(n.subtotal)} · {t('money.tax')} {money(n.tax)} ·{' '}
                  <strong>{money(n.total)}</strong>
                </span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Card title={t('aftersales.creditNotes.applied')}>
        <Table
          rowKey="invoiceId"
          size="small"
          dataSource={n.applied}
          pagination={false}
          data-testid="credit-note-applied"
          locale={{ emptyText: t('aftersales.creditNotes.appliedNone') }}
          columns={[
            {
              title: t('finance.number'),
              render: (_, a) => <Link to={`/invoices/${a.invoiceId}`}>{a.invoiceNumber}</Link>,
            },
            {
              title: t('finance.amount'),
              render: (_, a) => money(a.amount),
              align: 'right',
              onCell: () => ({ style: nowrap }),
            },
          ]}
        />
      </Card>
      {n.refunds.length > 0 && (
        <Card title={t('aftersales.creditNotes.refunds')}>
          <Table
            rowKey={(r) => `${r.paidAt}-${r.amount}`}
            size="small"
            dataSource={n.refunds}
            pagination={false}
            scroll={{ x: true }}
            data-testid="credit-note-refunds"
            columns={[
              { title: t('aftersales.creditNotes.paidAt'), render: (_, r) => formatDateTime(r.paidAt) },
              { title: t('aftersales.creditNotes.method'), render: (_, r) => t(`finance.methods.${r.method}`) },
              {
                title: t('finance.reference'),
                render: (_, r) => r.reference ?? t('common.none'),
                responsive: ['md'],
              },
              { title: t('users.name'), render: (_, r) => people.nameOf(r.recordedBy), responsive: ['lg'] },
              {
                title: t('finance.amount'),
                render: (_, r) => money(r.amount),
                align: 'right',
                onCell: () => ({ style: nowrap }),
              },
            ]}
          />
        </Card>
      )}
      {refunding && (
        <RefundModal
          note={n}
          refundable={refundable}
          onDone={(next) => queryClient.setQueryData(['credit-note', id], next)}
          onClose={() => setRefunding(false)}
        />
      )}
    </Space>
  );
}
