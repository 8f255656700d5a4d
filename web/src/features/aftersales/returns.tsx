import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { returnReasons, returnResolutions } from '#shared/api/enums.ts';
import { ApiError, call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { ReturnStatus, type Return } from './shared.tsx';

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

export const orderReturnsKey = (orderId: string) => ['order-returns', orderId] as const;

export function useOrderReturns(orderId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: orderReturnsKey(orderId ?? ''),
    enabled: Boolean(orderId) && enabled,
    queryFn: () => call('listOrderReturns', { params: { id: orderId! } }),
  });
}

type Values = {
  resolution: (typeof returnResolutions)[number];
  notes?: string;
} & Record<string, unknown>;

const qField = (lineId: string) => `q_${lineId}`;
const rField = (lineId: string) => `r_${lineId}`;

/** 退货申请: per shipped line how many come back and why, and what the customer gets for them. */
export function RequestReturnModal({
  order,
  ticketId,
  onClose,
}: {
  order: Order;
  ticketId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const returns = useOrderReturns(order.id);
  const left = returns.data ? returnable(order, returns.data.items) : {};
  const lines = order.lines.filter((l) => (left[l.lineId] ?? 0) > 0);
  return (
    <ModalForm<Values, Return>
      open
      width={720}
      title={`${t('aftersales.returns.request')} · ${order.number}`}
      okText={t('aftersales.returns.request')}
      loading={returns.isLoading}
      initialValues={{
        resolution: 'refund',
        ...Object.fromEntries(order.lines.map((l) => [rField(l.lineId), 'damaged'])),
      }}
      submit={async (v) => {
        const body = lines
          .map((l) => ({
            lineId: l.lineId,
            quantity: Number(v[qField(l.lineId)] ?? 0),
            reason: v[rField(l.lineId)] as (typeof returnReasons)[number],
          }))
          .filter((l) => l.quantity > 0);
        // Nothing asked back: said in words above the form, like a refusal of the server's.
        if (!body.length) throw new ApiError(400, { code: 'nothing_to_return' });
        return call('createReturn', {
          params: { id: order.id },
          body: {
            lines: body,
            resolution: v.resolution,
            notes: v.notes?.trim() || undefined,
            ...(ticketId ? { ticketId } : {}),
          },
        });
      }}
      refresh={[orderReturnsKey(order.id), ['returns'], ['order', order.id], ['ticket-returns']]}
      successMessage={t('aftersales.returns.requested')}
      onDone={(ret) => navigate(`/returns/${ret.id}`)}
      onClose={onClose}
    >
      {returns.data && lines.length === 0 && (
        <Alert type="info" showIcon title={t('aftersales.returns.nothingToReturn')} style={{ marginBottom: 16 }} />
      )}
      {lines.map((l) => (
        <Row gutter={8} key={l.lineId} data-testid={`return-line-${l.lineId}`}>
          <Col xs={24}>
            <Typography.Text strong>
              {l.sku} · {l.name}
            </Typography.Text>{' '}
            <Typography.Text type="secondary" data-testid={`return-left-${l.lineId}`}>
              {t('aftersales.returns.returnable', { count: left[l.lineId] })}
            </Typography.Text>
          </Col>
          <Col xs={10} sm={8}>
            <Form.Item name={qField(l.lineId)} label={t('aftersales.returns.quantity')}>
              <InputNumber
                min={0}
                max={left[l.lineId]}
                precision={0}
                style={{ width: '100%' }}
                data-testid={`return-quantity-${l.lineId}`}
              />
            </Form.Item>
          </Col>
          <Col xs={14} sm={16}>
            <Form.Item name={rField(l.lineId)} label={t('aftersales.returns.reason')}>
              <Select
                options={returnReasons.map((r) => ({ value: r, label: t(`aftersales.returns.reasons.${r}`) }))}
                data-testid={`return-reason-${l.lineId}`}
              />
            </Form.Item>
          </Col>
        </Row>
      ))}
      <Form.Item name="resolution" label={t('aftersales.returns.resolution')}>
        <Radio.Group
          optionType="button"
          options={returnResolutions.map((r) => ({ value: r, label: t(`aftersales.returns.resolutions.${r}`) }))}
          data-testid="return-resolution"
        />
      </Form.Item>
      <Form.Item name="notes" label={t('aftersales.returns.notes')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="return-notes" />
      </Form.Item>
    </ModalForm>
  );
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

/** The return request reached from a ticket: its order read first. */
export function TicketReturnModal({
  orderId,
  ticketId,
  onClose,
}: {
  orderId: string;
  ticketId: string;
  onClose: () => void;
}) {
  const order = useQuery({
    queryKey: ['order', orderId],
    queryFn: () => call('getOrder', { params: { id: orderId } }),
  });
  if (!order.data) return null;
  return <RequestReturnModal order={order.data} ticketId={ticketId} onClose={onClose} />;
}
