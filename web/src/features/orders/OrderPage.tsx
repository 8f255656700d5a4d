import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Input, Space, Spin, Tag, Typography } from 'antd';
import { Steps, Timeline } from '../../kit/Timeline.tsx';
import { Card } from '../../kit/Card.tsx';
import { Table } from '../../kit/Table.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ExportOutlined, PrinterOutlined } from '@ant-design/icons';
import { call, openPrintable, type Output } from '../../api.ts';
import { HeaderCard } from '../../kit/HeaderCard.tsx';
import { readAll } from '../../kit/useCursorList.ts';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { TaxBasis, Totals, unitPriceLabel } from '../../components/Amounts.tsx';
import { currencyName } from '../../currencies.ts';
import { PaymentsTable, ReceivePaymentModal, useAllPayments } from '../finance/payments.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { invoiceColor, statusColor } from '../../status.ts';
import { transitions, type OrderAction } from '#shared/domain/order-state.ts';
import { mayDecide } from '#shared/domain/approval.ts';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { useCustomFields } from '../../kit/CustomFields.tsx';
import { usePeople } from '../../components/people.tsx';
import { OrderReturns } from '../aftersales/returns.tsx';
import { LateTag, carrierName, useCompanyToday } from './lifecycle.tsx';
import { OrderRevisions, ReviseModal, ShortageBanner, revisable } from './revisions.tsx';
import { onDemand } from '../../kit/on-demand.tsx';

type Order = Output<'getOrder'>;
type Action = 'submit' | 'approve' | 'reject' | 'cancel' | 'ship' | 'close' | 'deliver' | 'complete';
type Shipment = Output<'listShipments'>['items'][number];

// The ship dialog (quantities, carrier) loads when it is opened.
const ShipModal = onDemand(async () => (await import('./ship-dialog.tsx')).ShipModal);

/** A shipment's carrier, its tracking link (a new tab at the carrier's lookup) and what the carrier reported, oldest first. */
function ShipmentTracking({ shipment: s, number, index }: { shipment: Shipment; number: string; index: number }) {
  const { t, i18n } = useTranslation();
  const carrier = carrierName(s.carrierCode, s.carrier, i18n.language);
  return (
    <div data-testid={`shipment-tracking-${index}`}>
      <Space wrap size={[8, 4]} style={{ marginBottom: 8 }}>
        <Typography.Text strong>{number}</Typography.Text>
        {carrier && <span>{carrier}</span>}
        {s.trackingNumber &&
          (s.trackingUrl ? (
            <Typography.Link
              href={s.trackingUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid={`tracking-link-${index}`}
            >
              {s.trackingNumber} <ExportOutlined aria-label={t('orders.trackingLink')} />
            </Typography.Link>
          ) : (
            <span>{s.trackingNumber}</span>
          ))}
        {s.deliveredAt && (
          <Tag color="green" data-testid={`shipment-delivered-${index}`}>
            {t('orders.deliveredAt', { at: formatDateTime(s.deliveredAt) })}
          </Tag>
        )}
      </Space>
      {s.tracking.length ? (
        <Timeline
          data-testid={`tracking-timeline-${index}`}
          items={s.tracking.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: e.status === 'exception' ? 'red' : e.status === 'delivered' ? 'green' : 'blue',
            children: (
              <div>
                <Typography.Text strong>{t(`orders.trackingStatuses.${e.status}`)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {[formatDateTime(e.at), e.location].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      ) : (
        <Typography.Text type="secondary">{t('orders.noTracking')}</Typography.Text>
      )}
    </div>
  );
}

/** Deposits (定金 / 预收款) on the order: the customer's payments made against it, and how they were applied. */
function Deposits({ order }: { order: Order }) {
  const { t } = useTranslation();
  const payments = useAllPayments(order.customerId);
  const deposits = (payments.data ?? []).filter((p) => p.orderId === order.id);
  if (!deposits.length) return null;
  const received = deposits.filter((p) => p.status === 'received').reduce((s, p) => s + p.amount.amount, 0);
  return (
    <Card
      title={t('payments.deposits')}
      extra={
        <Typography.Text data-testid="deposits-total">
          {t('payments.depositsTotal', { amount: formatMoney(received, order.currency) })}
        </Typography.Text>
      }
    >
      <PaymentsTable payments={deposits} loading={payments.isFetching} testId="order-deposits" showOrder={false} />
    </Card>
  );
}

export function OrderPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const { id } = useParams();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [shipping, setShipping] = useState(false);
  const [depositing, setDepositing] = useState(false);
  const [revising, setRevising] = useState(false);
  const baseCurrency = useBaseCurrency();
  const people = usePeople();
  const cf = useCustomFields('order');
  const today = useCompanyToday();
  const order = useQuery({ queryKey: ['order', id], queryFn: () => call('getOrder', { params: { id: id! } }) });
  const timeline = useQuery({
    queryKey: ['order-timeline', id],
    queryFn: () => call('getOrderTimeline', { params: { id: id! } }),
  });
  const shipments = useQuery({
    queryKey: ['order-shipments', id],
    enabled: Boolean(order.data?.lines.some((l) => l.shipped > 0)),
    queryFn: () => call('listShipments', { params: { id: id! } }),
  });
  const printDeliveryNote = (shipmentId: string) =>
    openPrintable('printDeliveryNote', {
      params: { id: id!, shipmentId },
      query: { lang: i18n.language === 'en' ? 'en' : 'zh-CN' },
    }).catch((e: unknown) => {
      message.error(errorMessage(t, e));
    });
  // Who did what: names come with the timeline (users by name; API keys and the system by kind).
  const actorName = (a: { kind: string; name: string | null }) => a.name ?? t(`orders.actors.${a.kind}`, a.kind);
  const deciders = new Map((timeline.data?.items ?? []).map((e) => [e.actor.id, actorName(e.actor)]));
  // Invoices arrive from the invoicing consumer a moment after a shipment: look again for a while.
  const invoices = useQuery({
    queryKey: ['invoices', { orderId: id }],
    enabled: can('listInvoices'),
    queryFn: async () => ({
      items: await readAll((cursor) => call('listInvoices', { query: { orderId: id, cursor, limit: 100 } })),
    }),
    refetchInterval: (q) =>
      order.data?.lines.some((l) => l.shipped > l.invoiced) && (q.state.dataUpdateCount ?? 0) < 30 ? 1_000 : false,
  });
  const act = useMutation({
    mutationFn: async ({ action, body }: { action: Action; body?: Record<string, unknown> }) => {
      const o = order.data!;
      // Every action is made on the version shown: only people and partners change an order's
      // version (invoicing keeps its quantities in their own item), so a 412 means someone else acted.
      const common = { params: { id: o.id }, ifMatch: o.version };
      switch (action) {
        case 'submit':
          return call('submitOrder', common);
        case 'approve':
          return call('approveOrder', { ...common, body: body ?? {} });
        case 'reject':
          return call('rejectOrder', { ...common, body: body as { reason: string } });
        case 'cancel':
          return call('cancelOrder', { ...common, body: body as { reason: string } });
        case 'close':
          return call('closeOrder', { ...common, body: body as { reason: string } });
        case 'ship':
          return call('shipOrder', { ...common, body: body as { lines: { lineId: string; quantity: number }[] } });
        case 'deliver':
          return call('deliverOrder', common);
        default:
          return call('completeOrder', common);
      }
    },
    onSuccess: (next) => {
      queryClient.setQueryData(['order', id], next);
      void queryClient.invalidateQueries({ queryKey: ['order-timeline', id] });
      void queryClient.invalidateQueries({ queryKey: ['order-shipments', id] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      void queryClient.invalidateQueries({ queryKey: ['levels'] });
      void queryClient.invalidateQueries({ queryKey: ['invoices'] });
      setShipping(false);
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  // A new invoice takes the order's deposits (or a payment settles one): read the deposits again.
  const invoiceStates = invoices.data?.items.map((i) => `${i.id}:${i.status}`).join() ?? '';
  const customerId = order.data?.customerId;
  useEffect(() => {
    if (invoiceStates && customerId)
      void queryClient.invalidateQueries({ queryKey: ['customer-payments', customerId] });
  }, [invoiceStates, customerId, queryClient]);
  if (order.isLoading) return <Spin />;
  if (!order.data) return <Alert type="error" title={errorMessage(t, order.error)} />;
  const o = order.data;
  // Cost and gross margin (base currency, null or zero until something ships) are for owners, admins and finance.
  const seesCost = ['owner', 'admin', 'finance'].includes(me?.role ?? '');
  // A draft goes to the customer as a quotation (报价单, with its validity); a confirmed order as its confirmation.
  const printable = ['draft', 'confirmed', 'partially_shipped', 'shipped', 'delivered', 'completed'].includes(o.status);
  const printOrder = () =>
    openPrintable('printOrder', {
      params: { id: o.id },
      query: {
        doc: o.status === 'draft' ? 'quotation' : 'confirmation',
        lang: i18n.language === 'en' ? 'en' : 'zh-CN',
      },
    }).catch((e: unknown) => {
      message.error(errorMessage(t, e));
    });
  const closedAny = o.lines.some((l) => l.closedQuantity > 0);
  const backorderedAny = o.lines.some((l) => l.backordered > 0);
  const shipped = o.lines.some((l) => l.shipped > 0);
  const current = o.approval.steps.findIndex((s) => s.decision === null);
  const step = o.approval.steps[current];
  // The state machine and the approval rule are the server's own (shared/domain), not copies.
  const allowed = (action: OrderAction) => transitions[action].includes(o.status);
  const mayDecideStep = allowed('approve') && step !== undefined && mayDecide(step, me?.role ?? null);
  const withReason = (action: 'reject' | 'cancel' | 'close') => {
    let reason = '';
    modal.confirm({
      title: t(action === 'reject' ? 'orders.reject' : action === 'cancel' ? 'orders.cancel' : 'orders.closeTitle'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {action === 'close' && <Typography.Text type="secondary">{t('orders.closeHint')}</Typography.Text>}
          <Input.TextArea
            autoFocus
            placeholder={t(action === 'close' ? 'orders.closeReason' : 'orders.reason')}
            aria-label={t(action === 'close' ? 'orders.closeReason' : 'orders.reason')}
            onChange={(e) => {
              reason = e.target.value;
            }}
            data-testid="reason-input"
          />
        </Space>
      ),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => act.mutateAsync({ action, body: { reason: reason.trim() || '—' } }),
    });
  };
  const button = (action: Action, enabled: boolean, operationId: string, primary = false, onClick?: () => void) =>
    enabled &&
    can(operationId) && (
      <Button
        key={action}
        type={primary ? 'primary' : 'default'}
        danger={action === 'cancel' || action === 'reject' || action === 'close'}
        loading={act.isPending && act.variables?.action === action}
        onClick={onClick ?? (() => act.mutate({ action }))}
        data-testid={`order-${action}`}
      >
        {t(`orders.${action}`)}
      </Button>
    );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <HeaderCard
        title={
          <Space wrap>
            <PageHeading testId="order-number">{o.number}</PageHeading>
            <Tag color={statusColor[o.status]} data-testid="order-status">
              {t(`orders.statuses.${o.status}`)}
            </Tag>
            <LateTag order={o} today={today} />
            {o.flags.map((f) => (
              <Tag key={f} color="red">
                {t(`orders.flags.${f}`, f)}
              </Tag>
            ))}
          </Space>
        }
        actions={
          <Space wrap>
            {button('submit', allowed('submit'), 'submitOrder', true)}
            {mayDecideStep && button('approve', true, 'approveOrder', true)}
            {mayDecideStep && button('reject', true, 'rejectOrder', false, () => withReason('reject'))}
            {button('ship', allowed('ship'), 'shipOrder', true, () => setShipping(true))}
            {button('close', allowed('close'), 'closeOrder', false, () => withReason('close'))}
            {button('deliver', allowed('deliver'), 'deliverOrder', true)}
            {button('complete', allowed('complete'), 'completeOrder', true)}
            {revisable(o) && can('reviseOrder') && (
              <Button onClick={() => setRevising(true)} data-testid="order-revise">
                {t('orders.revise.button')}
              </Button>
            )}
            {button('cancel', allowed('cancel'), 'cancelOrder', false, () => withReason('cancel'))}
            {printable && (
              <Button icon={<PrinterOutlined />} onClick={() => void printOrder()} data-testid="order-print">
                {t(o.status === 'draft' ? 'orders.printQuotation' : 'orders.printConfirmation')}
              </Button>
            )}
            {allowed('edit') && can('updateOrder') && (
              <Button onClick={() => navigate(`/orders/${o.id}/edit`)} data-testid="order-edit">
                {t('orders.edit')}
              </Button>
            )}
            {can('createOrder') && (
              <Button onClick={() => navigate(`/orders/new?from=${o.id}`)} data-testid="order-copy">
                {t('orders.copy')}
              </Button>
            )}
            {can('receiveCustomerPayment') && !['cancelled', 'rejected'].includes(o.status) && (
              <Button onClick={() => setDepositing(true)} data-testid="record-deposit">
                {t('payments.recordDeposit')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label={t('orders.customer')}>
            <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('orders.salesRep')}>
            <span data-testid="order-sales-rep">{people.nameOf(o.salesRepId, deciders)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('money.basis')}>
            <TaxBasis includesTax={o.pricesIncludeTax} testId="order-tax-basis" />
          </Descriptions.Item>
          <Descriptions.Item label={t('money.currency')}>
            <span data-testid="order-currency">
              {o.currency} · {currencyName(o.currency)}
            </span>
          </Descriptions.Item>
          {o.currency !== baseCurrency && (
            <Descriptions.Item label={t('money.fxRate')}>
              <span data-testid="order-fx-rate">
                {t('money.fxRateValue', { currency: o.currency, rate: o.fxRate, base: baseCurrency })}
              </span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('orders.createdAt')}>{formatDateTime(o.createdAt)}</Descriptions.Item>
          {o.requestedDeliveryDate && (
            <Descriptions.Item label={t('orders.requestedDeliveryDate')}>
              <span data-testid="order-delivery-date">{o.requestedDeliveryDate}</span>
            </Descriptions.Item>
          )}
          {o.validUntil && (
            <Descriptions.Item label={t('orders.validUntil')}>
              <span data-testid="order-valid-until">{o.validUntil}</span>
            </Descriptions.Item>
          )}
          {(o.externalRef || o.channel !== 'manual') && (
            <Descriptions.Item label={t('orders.externalRef')}>
              <span data-testid="order-external-ref">
                {[t(`orders.channels.${o.channel}`), o.externalRef].filter(Boolean).join(' · ')}
              </span>
            </Descriptions.Item>
          )}
          {o.shippingAddress && (
            <Descriptions.Item label={t('orders.shippingAddress')}>
              {[o.shippingAddress.province, o.shippingAddress.city, o.shippingAddress.district, o.shippingAddress.line1]
                .filter(Boolean)
                .join(' ')}
              {(o.shippingAddress.name || o.shippingAddress.phone) &&
                ` · ${[o.shippingAddress.name, o.shippingAddress.phone].filter(Boolean).join(' ')}`}
            </Descriptions.Item>
          )}
          {o.notes && <Descriptions.Item label={t('orders.notes')}>{o.notes}</Descriptions.Item>}
          {cf.shown(o.customFields).map((v) => (
            <Descriptions.Item key={`cf.${v.key}`} label={v.label}>
              <span data-testid={`cf-shown-${v.key}`}>{v.value}</span>
            </Descriptions.Item>
          ))}
          {seesCost && shipped && o.cost !== null && o.cost !== undefined && (
            <Descriptions.Item label={t('orders.cost')}>
              <span data-testid="order-cost">{formatMoney(o.cost, baseCurrency)}</span>
            </Descriptions.Item>
          )}
          {seesCost && shipped && o.grossMargin !== null && o.grossMargin !== undefined && (
            <Descriptions.Item label={<span title={t('orders.marginHint')}>{t('orders.grossMargin')}</span>}>
              <Typography.Text strong type={o.grossMargin < 0 ? 'danger' : undefined} data-testid="order-gross-margin">
                {formatMoney(o.grossMargin, baseCurrency)}
              </Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Totals subtotal={o.subtotal} tax={o.tax} total={o.total} currency={o.currency} testId="order-totals" />
      </HeaderCard>
      <ShortageBanner order={o} />
      {o.approval.steps.length > 0 && (
        <Card title={t('orders.approval')}>
          {o.approval.matchedRules.length > 0 && (
            <Typography.Paragraph type="secondary" data-testid="approval-rules">
              {t('orders.matchedRules')}: {o.approval.matchedRules.join(' · ')}
            </Typography.Paragraph>
          )}
          <Steps
            current={current === -1 ? o.approval.steps.length : current}
            status={o.status === 'rejected' ? 'error' : undefined}
            data-testid="approval-steps"
            items={o.approval.steps.map((s) => ({
              title: t(`roles.${s.role}`),
              description: s.decision
                ? [
                    t(s.decision === 'approved' ? 'orders.approve' : 'orders.reject'),
                    s.decidedBy ? deciders.get(s.decidedBy) : null,
                    s.at ? formatDateTime(s.at) : null,
                    s.comment,
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : undefined,
            }))}
          />
        </Card>
      )}
      <Card
        title={t('orders.lines')}
        extra={
          backorderedAny ? (
            <Typography.Text type="warning" data-testid="backorder-hint">
              {t('orders.backorderHint')}
            </Typography.Text>
          ) : undefined
        }
      >
        <CardTable
          rowKey="lineId"
          dataSource={o.lines}
          pagination={false}
          scroll={{ x: true }}
          testId="order-lines"
          card={(l) => ({
            title: (
              <span>
                {l.name} <Typography.Text type="secondary">{l.sku}</Typography.Text>
              </span>
            ),
            extra: l.priceOverride ? <Tag color="red">{t('orders.override')}</Tag> : undefined,
            fields: [
              { label: t('orders.quantity'), value: l.quantity },
              { label: unitPriceLabel(t, o.pricesIncludeTax), value: formatMoney(l.unitPrice, o.currency) },
              { label: t('money.total'), value: formatMoney(l.total, o.currency) },
              { label: t('orders.reserved'), value: l.reserved },
              { label: t('orders.shipped'), value: l.shipped },
              ...(l.closedQuantity > 0 ? [{ label: t('orders.closed'), value: l.closedQuantity }] : []),
              ...(l.backordered > 0
                ? [
                    {
                      label: t('orders.backordered'),
                      value: (
                        <Typography.Text type="warning" data-testid="line-backordered">
                          {l.backordered}
                        </Typography.Text>
                      ),
                    },
                  ]
                : []),
            ],
          })}
          columns={[
            { title: t('products.sku'), dataIndex: 'sku' },
            { title: t('products.name'), dataIndex: 'name', responsive: ['md'] },
            { title: t('orders.quantity'), dataIndex: 'quantity', align: 'right' },
            {
              title: unitPriceLabel(t, o.pricesIncludeTax),
              render: (_, l) => (
                <>
                  <span style={nowrap}>{formatMoney(l.unitPrice, o.currency)}</span>{' '}
                  {l.priceOverride && <Tag color="red">{t('orders.override')}</Tag>}
                </>
              ),
            },
            {
              title: t('orders.rule'),
              render: (_, l) => <Tag>{t(`orders.rules.${l.priceRule.kind}`)}</Tag>,
              responsive: ['lg'],
            },
            {
              title: t('money.net'),
              render: (_, l) => <span style={nowrap}>{formatMoney(l.subtotal, o.currency)}</span>,
              align: 'right',
              responsive: ['lg'],
            },
            {
              title: t('money.tax'),
              render: (_, l) => <span style={nowrap}>{formatMoney(l.tax, o.currency)}</span>,
              align: 'right',
              responsive: ['lg'],
            },
            {
              title: t('money.total'),
              render: (_, l) => <span style={nowrap}>{formatMoney(l.total, o.currency)}</span>,
              align: 'right',
            },
            { title: t('orders.reserved'), dataIndex: 'reserved', responsive: ['md'], align: 'right' },
            ...(backorderedAny
              ? [
                  {
                    title: t('orders.backordered'),
                    dataIndex: 'backordered',
                    align: 'right' as const,
                    render: (v: number) => (
                      <Typography.Text type={v > 0 ? 'warning' : undefined} data-testid="line-backordered">
                        {v}
                      </Typography.Text>
                    ),
                  },
                ]
              : []),
            { title: t('orders.shipped'), dataIndex: 'shipped', align: 'right' },
            { title: t('orders.invoiced'), dataIndex: 'invoiced', responsive: ['md'], align: 'right' },
            ...(closedAny
              ? [
                  {
                    title: t('orders.closed'),
                    dataIndex: 'closedQuantity',
                    align: 'right' as const,
                    render: (v: number) => <span data-testid="line-closed">{v}</span>,
                  },
                ]
              : []),
            ...(o.lines.some((l) => l.returned > 0)
              ? [
                  {
                    title: t('orders.returned'),
                    dataIndex: 'returned',
                    responsive: ['md' as const],
                    align: 'right' as const,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {(shipments.data?.items.length ?? 0) > 0 && (
        <Card title={t('orders.shipments')}>
          <Table
            rowKey="id"
            dataSource={shipments.data!.items}
            pagination={false}
            size="small"
            scroll={{ x: true }}
            data-testid="order-shipments"
            columns={[
              { title: t('orders.deliveryNumber'), render: (_, _s, index) => `${o.number}-${index + 1}` },
              { title: t('orders.shippedAt'), render: (_, s) => formatDateTime(s.at), responsive: ['md'] },
              { title: t('orders.warehouse'), render: (_, s) => s.warehouseName ?? s.warehouseId, responsive: ['lg'] },
              {
                title: t('orders.quantity'),
                render: (_, s) => s.lines.reduce((sum, l) => sum + l.quantity, 0),
                align: 'right',
              },
              {
                title: t('orders.carrier'),
                render: (_, s) =>
                  [carrierName(s.carrierCode, s.carrier, i18n.language), s.trackingNumber].filter(Boolean).join(' · '),
                responsive: ['md'],
              },
              {
                title: '',
                render: (_, s, index) => (
                  <Button
                    size="small"
                    icon={<PrinterOutlined />}
                    onClick={() => void printDeliveryNote(s.id)}
                    data-testid={`print-delivery-${index}`}
                  >
                    {t('orders.deliveryNote')}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
      {(shipments.data?.items.length ?? 0) > 0 && (
        <Card title={t('orders.tracking')}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {shipments.data!.items.map((s, index) => (
              <ShipmentTracking key={s.id} shipment={s} number={`${o.number}-${index + 1}`} index={index} />
            ))}
          </Space>
        </Card>
      )}
      {can('listInvoices') && (invoices.data?.items.length ?? 0) > 0 && (
        <Card title={t('finance.invoices')}>
          <Table
            rowKey="id"
            dataSource={invoices.data!.items}
            pagination={false}
            size="small"
            scroll={{ x: true }}
            data-testid="order-invoices"
            columns={[
              { title: t('finance.number'), render: (_, i) => <Link to={`/invoices/${i.id}`}>{i.number}</Link> },
              {
                title: t('finance.status'),
                render: (_, i) => <Tag color={invoiceColor[i.status]}>{t(`finance.statuses.${i.status}`)}</Tag>,
              },
              { title: t('finance.total'), render: (_, i) => formatMoney(i.total, i.currency), align: 'right' },
              { title: t('finance.due'), render: (_, i) => formatMoney(i.amountDue, i.currency), align: 'right' },
              { title: t('finance.dueDate'), dataIndex: 'dueDate', responsive: ['md'] },
            ]}
          />
        </Card>
      )}
      <OrderRevisions order={o} known={deciders} />
      <OrderReturns order={o} />
      {can('listCustomerPayments') && <Deposits order={o} />}
      <Card title={t('orders.timeline')}>
        <Timeline
          data-testid="order-timeline"
          items={(timeline.data?.items ?? []).map((e) => ({
            key: e.id,
            children: (
              <div>
                <Typography.Text strong>{t(`orders.events.${e.type.replace('.', '_')}`, e.type)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {actorName(e.actor)} · {formatDateTime(e.at)}
                </Typography.Text>
                {e.comment && <div>{e.comment}</div>}
                {Boolean(e.data.shipment) && (
                  <div>
                    {(() => {
                      const s = e.data.shipment as {
                        carrier: string | null;
                        trackingNumber: string | null;
                        lines: { quantity: number }[];
                      };
                      return `${s.lines.reduce((a, l) => a + l.quantity, 0)} · ${s.carrier ?? ''} ${s.trackingNumber ?? ''}`;
                    })()}
                  </div>
                )}
              </div>
            ),
          }))}
        />
      </Card>
      {depositing && (
        <ReceivePaymentModal
          customerId={o.customerId}
          currency={o.currency}
          orderId={o.id}
          defaultAmount={o.total}
          title={t('payments.recordDeposit')}
          onClose={() => setDepositing(false)}
        />
      )}
      {revising && <ReviseModal key={o.version} order={o} onClose={() => setRevising(false)} />}
      {shipping && (
        <ShipModal
          key={o.version}
          order={o}
          onClose={() => setShipping(false)}
          onShip={(body) => act.mutate({ action: 'ship', body })}
        />
      )}
    </Space>
  );
}
