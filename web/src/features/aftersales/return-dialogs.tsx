import { Alert, Col, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { returnReasons, returnResolutions } from '#shared/api/enums.ts';
import { ApiError, call, type Output } from '../../api.ts';
import { ModalForm } from '../../kit/ModalForm.tsx';
import type { Return } from './shared.tsx';
import { orderReturnsKey, returnable, useOrderReturns } from './returns.tsx';

type Order = Output<'getOrder'>;

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
