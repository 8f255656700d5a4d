import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { Card } from '../../kit/Card.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { dispositions } from '#shared/api/enums.ts';
import { call } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { usePeople } from '../../components/people.tsx';
import { useWarehouses } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { HeaderCard } from '../../kit/HeaderCard.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { RatingLink, RatingShown, ReturnStatus, type Return } from './shared.tsx';

type Action = 'approve' | 'cancel' | 'close';

/** 退货收货: the warehouse, and per line what came back and what becomes of it. */
function ReceiveModal({ ret, onDone, onClose }: { ret: Return; onDone: (r: Return) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const byDefault = warehouses.items.find((w) => (w as { isDefault?: boolean }).isDefault) ?? warehouses.items[0];
  return (
    <ModalForm<Record<string, unknown>, Return>
      open
      width={680}
      title={`${t('aftersales.returns.receive')} · ${ret.number}`}
      okText={t('aftersales.returns.receive')}
      loading={!warehouses.items.length}
      initialValues={{
        warehouseId: byDefault?.id,
        ...Object.fromEntries(
          ret.lines.flatMap((l) => [
            [`q_${l.lineId}`, l.quantity],
            [`d_${l.lineId}`, 'restock'],
          ]),
        ),
      }}
      submit={(v) =>
        call('receiveReturn', {
          params: { id: ret.id },
          ifMatch: ret.version,
          body: {
            warehouseId: v.warehouseId as string,
            lines: ret.lines.map((l) => ({
              lineId: l.lineId,
              quantity: Number(v[`q_${l.lineId}`] ?? 0),
              disposition: v[`d_${l.lineId}`] as (typeof dispositions)[number],
            })),
          },
        })
      }
      refresh={[['returns'], ['order-returns', ret.orderId], ['order', ret.orderId], ['invoices'], ['levels']]}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item
        name="warehouseId"
        label={t('aftersales.returns.warehouse')}
        rules={[{ required: true, message: t('errors.required') }]}
      >
        <Select
          options={warehouses.items.map((w) => ({ value: w.id, label: w.name }))}
          data-testid="receive-return-warehouse"
        />
      </Form.Item>
      {ret.lines.map((l) => (
        <Row gutter={8} key={l.lineId} data-testid={`receive-return-line-${l.lineId}`}>
          <Col xs={24}>
            <Typography.Text strong>
              {l.sku} · {l.name}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {t('aftersales.returns.quantity')} {l.quantity}
            </Typography.Text>
          </Col>
          <Col xs={10} sm={8}>
            <Form.Item name={`q_${l.lineId}`} label={t('aftersales.returns.received')}>
              <InputNumber
                min={0}
                max={l.quantity}
                precision={0}
                style={{ width: '100%' }}
                data-testid={`receive-return-quantity-${l.lineId}`}
              />
            </Form.Item>
          </Col>
          <Col xs={14} sm={16}>
            <Form.Item name={`d_${l.lineId}`} label={t('aftersales.returns.disposition')}>
              <Select
                options={dispositions.map((d) => ({ value: d, label: t(`aftersales.returns.dispositions.${d}`) }))}
                data-testid={`receive-return-disposition-${l.lineId}`}
              />
            </Form.Item>
          </Col>
        </Row>
      ))}
    </ModalForm>
  );
}

/** 退货单: its lines, the decision, the receipt with its credit note or replacement order, the customer's rating. */
export function ReturnPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { id } = useParams();
  const { can } = useAuth();
  const people = usePeople();
  const warehouses = useWarehouses();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [receiving, setReceiving] = useState(false);
  const query = useQuery({ queryKey: ['return', id], queryFn: () => call('getReturn', { params: { id: id! } }) });
  const updated = (next: Return) => {
    queryClient.setQueryData(['return', id], next);
    void queryClient.invalidateQueries({ queryKey: ['returns'] });
    void queryClient.invalidateQueries({ queryKey: ['order-returns', next.orderId] });
    void queryClient.invalidateQueries({ queryKey: ['credit-notes'] });
    void queryClient.invalidateQueries({ queryKey: ['ticket-returns'] });
  };
  const act = useMutation({
    mutationFn: (action: Action) => {
      const common = { params: { id: query.data!.id }, ifMatch: query.data!.version };
      if (action === 'approve') return call('approveReturn', common);
      if (action === 'cancel') return call('cancelReturn', common);
      return call('closeReturn', common);
    },
    onSuccess: updated,
    onError: (e) => message.error(errorMessage(t, e)),
  });
  if (query.isLoading) return <Spin />;
  if (!query.data) return <Alert type="error" title={errorMessage(t, query.error)} />;
  const r = query.data;
  const money = (a: number) => formatMoney(a, r.currency);
  const button = (action: Action, show: boolean, primary = false, onClick?: () => void) =>
    show && (
      <Button
        type={primary ? 'primary' : 'default'}
        danger={action === 'cancel'}
        loading={act.isPending && act.variables === action}
        onClick={onClick ?? (() => act.mutate(action))}
        data-testid={`return-${action}`}
      >
        {t(`aftersales.returns.${action}`)}
      </Button>
    );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <HeaderCard
        title={
          <Space wrap>
            <PageHeading testId="return-number">{r.number}</PageHeading>
            <ReturnStatus status={r.status} testId="return-status" />
          </Space>
        }
        actions={
          <Space wrap>
            {button('approve', r.status === 'requested' && can('approveReturn'), true)}
            {r.status === 'requested' && can('rejectReturn') && (
              <Button danger onClick={() => setRejecting(true)} data-testid="return-reject">
                {t('aftersales.returns.reject')}
              </Button>
            )}
            {r.status === 'approved' && can('receiveReturn') && (
              <Button type="primary" onClick={() => setReceiving(true)} data-testid="return-receive">
                {t('aftersales.returns.receive')}
              </Button>
            )}
            {button('close', r.status === 'received' && can('closeReturn'), true)}
            {button('cancel', (r.status === 'requested' || r.status === 'approved') && can('cancelReturn'), false, () =>
              modal.confirm({
                title: t('aftersales.returns.cancel'),
                content: t('aftersales.returns.cancelConfirm'),
                okText: t('common.confirm'),
                cancelText: t('common.cancel'),
                onOk: () => act.mutateAsync('cancel'),
              }),
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('aftersales.returns.customer')}>
            <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.returns.order')}>
            <Link to={`/orders/${r.orderId}`} data-testid="return-order">
              {r.orderNumber}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.returns.resolution')}>
            <span data-testid="return-resolution-value">{t(`aftersales.returns.resolutions.${r.resolution}`)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.returns.total')}>
            <Typography.Text strong data-testid="return-total">
              {money(r.total)}
            </Typography.Text>
          </Descriptions.Item>
          {r.ticketId && (
            <Descriptions.Item label={t('aftersales.returns.ticket')}>
              <Link to={`/tickets/${r.ticketId}`} data-testid="return-ticket">
                {t('aftersales.returns.ticket')}
              </Link>
            </Descriptions.Item>
          )}
          {r.creditNoteId && (
            <Descriptions.Item label={t('aftersales.returns.creditNote')}>
              <Link to={`/credit-notes/${r.creditNoteId}`} data-testid="return-credit-note">
                {r.creditNoteNumber}
              </Link>
            </Descriptions.Item>
          )}
          {r.replacementOrderId && (
            <Descriptions.Item label={t('aftersales.returns.replacementOrder')}>
              <Link to={`/orders/${r.replacementOrderId}`} data-testid="return-replacement">
                {r.replacementOrderNumber}
              </Link>
            </Descriptions.Item>
          )}
          {r.warehouseId && (
            <Descriptions.Item label={t('aftersales.returns.warehouse')}>
              {warehouses.name(r.warehouseId)}
            </Descriptions.Item>
          )}
          {r.receivedAt && (
            <Descriptions.Item label={t('aftersales.returns.receivedAt')}>
              {formatDateTime(r.receivedAt)}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('aftersales.returns.createdAt')}>
            {formatDateTime(r.createdAt)} · {people.nameOf(r.createdBy)}
          </Descriptions.Item>
          {r.notes && <Descriptions.Item label={t('aftersales.returns.notes')}>{r.notes}</Descriptions.Item>}
          {r.rejectionReason && (
            <Descriptions.Item label={t('aftersales.returns.rejectReason')}>
              <span data-testid="return-rejection">{r.rejectionReason}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </HeaderCard>
      <Card title={t('aftersales.returns.lines')}>
        <CardTable
          rowKey="lineId"
          dataSource={r.lines}
          pagination={false}
          scroll={{ x: true }}
          testId="return-lines"
          card={(l) => ({
            title: (
              <span>
                {l.name} <Typography.Text type="secondary">{l.sku}</Typography.Text>
              </span>
            ),
            fields: [
              { label: t('aftersales.returns.quantity'), value: l.quantity },
              { label: t('aftersales.returns.reason'), value: t(`aftersales.returns.reasons.${l.reason}`) },
              { label: t('aftersales.returns.received'), value: l.received },
              {
                label: t('aftersales.returns.disposition'),
                value: l.disposition ? t(`aftersales.returns.dispositions.${l.disposition}`) : t('common.none'),
              },
              { label: t('money.total'), value: money(l.total) },
            ],
          })}
          columns={[
            { title: t('products.sku'), dataIndex: 'sku', onCell: () => ({ style: nowrap }) },
            { title: t('products.name'), dataIndex: 'name', responsive: ['md'] },
            { title: t('aftersales.returns.quantity'), dataIndex: 'quantity', align: 'right' },
            { title: t('aftersales.returns.reason'), render: (_, l) => t(`aftersales.returns.reasons.${l.reason}`) },
            { title: t('aftersales.returns.received'), dataIndex: 'received', align: 'right' },
            {
              title: t('aftersales.returns.disposition'),
              render: (_, l) =>
                l.disposition ? t(`aftersales.returns.dispositions.${l.disposition}`) : t('common.none'),
              responsive: ['md'],
            },
            {
              title: t('money.total'),
              render: (_, l) => money(l.total),
              align: 'right',
              onCell: () => ({ style: nowrap }),
            },
          ]}
        />
      </Card>
      {(r.ratingUrl || r.rating) && (
        <Card title={t('aftersales.rating.title')}>
          {r.rating ? (
            <RatingShown rating={r.rating} testId="return-rating" />
          ) : (
            r.ratingUrl && <RatingLink url={r.ratingUrl} testId="return-rating-url" />
          )}
        </Card>
      )}
      <ModalForm<{ reason: string }, Return>
        open={rejecting}
        title={t('aftersales.returns.reject')}
        okText={t('aftersales.returns.reject')}
        submit={(v) =>
          call('rejectReturn', { params: { id: r.id }, ifMatch: r.version, body: { reason: v.reason.trim() } })
        }
        onDone={updated}
        onClose={() => setRejecting(false)}
      >
        <Form.Item
          name="reason"
          label={t('aftersales.returns.rejectReason')}
          rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="return-reject-reason" />
        </Form.Item>
      </ModalForm>
      {receiving && <ReceiveModal ret={r} onDone={updated} onClose={() => setReceiving(false)} />}
    </Space>
  );
}
