import { Alert, App, Button, Empty, Form, InputNumber, Space, Spin, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { ApiError, call, type Output } from '../../api.ts';
import { useWarehouses } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { poColor } from '../../status.ts';

type PurchaseOrder = Output<'getPurchaseOrder'>;
type Values = Record<string, number | null | undefined>;
const qty = (lineId: string) => `q_${lineId}`;
const cost = (lineId: string) => `c_${lineId}`;

/**
 * 收货 on a phone at the dock: one big block per line with what is left to receive, the quantity
 * (the remainder unless changed) and, when the delivery's price differs, its unit cost; one button.
 * The server decides what is left (a receipt made meanwhile on another phone counts): more than that
 * answers 422 over_receipt, shown in words. No If-Match, so a receipt of another line in between
 * does not refuse this one.
 */
export function ReceivePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const order = useQuery({
    queryKey: ['purchase-order', id],
    queryFn: () => call('getPurchaseOrder', { params: { id: id! } }),
  });
  if (order.isLoading) return <Spin />;
  if (!order.data) return <Alert type="error" title={errorMessage(t, order.error)} />;
  return <ReceiveForm key={order.data.version} po={order.data} />;
}

function ReceiveForm({ po }: { po: PurchaseOrder }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const warehouses = useWarehouses();
  const [form] = Form.useForm<Values>();
  const values = (Form.useWatch([], form) as Values | undefined) ?? {};
  const digits = minorDigits(po.currency);
  const open = po.lines.filter((l) => l.quantity > l.received);
  const receivable = po.status === 'approved' || po.status === 'partially_received';
  const receive = useMutation({
    mutationFn: (v: Values) => {
      const lines = open
        .map((l) => {
          const unitCost = v[cost(l.lineId)];
          return {
            lineId: l.lineId,
            quantity: v[qty(l.lineId)] ?? 0,
            ...(unitCost !== null && unitCost !== undefined ? { unitCost: toMinor(unitCost, po.currency) } : {}),
          };
        })
        .filter((l) => l.quantity > 0);
      if (!lines.length) return Promise.reject(new ApiError(400, { code: 'nothing_to_receive' }));
      return call('receivePurchaseOrder', { params: { id: po.id }, body: { lines } });
    },
    onSuccess: (result) => {
      const { receipt: _receipt, bill, ...next } = result;
      queryClient.setQueryData(['purchase-order', po.id], next);
      for (const key of ['purchase-orders', 'bills', 'payables', 'levels', 'movements', 'suggestions', 'stock-value'])
        void queryClient.invalidateQueries({ queryKey: [key] });
      message.success({
        content: <span data-testid="receipt-done">{t('purchasing.receivedDone', { number: bill.number })}</span>,
        duration: 8,
      });
      navigate(`/purchase-orders/${po.id}`);
    },
  });
  const problem = receive.error instanceof ApiError ? receive.error : undefined;
  const remainingOfProblem = problem?.problem && (problem.problem as { remaining?: number }).remaining;
  return (
    <PageCard
      title={t('purchasing.receiveTitle', { number: po.number })}
      extra={
        <Link to={`/purchase-orders/${po.id}`}>
          <ArrowLeftOutlined /> {t('purchasing.backToOrder')}
        </Link>
      }
      styles={{ body: { padding: 12 } }}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color={poColor[po.status]} data-testid="receive-status">
          {t(`purchasing.statuses.${po.status}`)}
        </Tag>
        <Typography.Text type="secondary">
          {po.supplierName} · {warehouses.name(po.warehouseId)}
        </Typography.Text>
      </Space>
      {!receivable ? (
        <Alert
          type="info"
          showIcon
          title={t('purchasing.notReceivable', { status: t(`purchasing.statuses.${po.status}`) })}
        />
      ) : !open.length ? (
        <Empty description={t('purchasing.nothingLeft')} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => receive.mutate(v)}
          initialValues={Object.fromEntries(open.map((l) => [qty(l.lineId), l.quantity - l.received]))}
        >
          {receive.error && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="receive-error"
              title={
                problem?.code === 'nothing_to_receive'
                  ? t('purchasing.nothingToReceive')
                  : [
                      errorMessage(t, receive.error),
                      typeof remainingOfProblem === 'number'
                        ? t('purchasing.leftToReceive', { count: remainingOfProblem })
                        : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')
              }
            />
          )}
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            {open.map((l) => {
              const left = l.quantity - l.received;
              const entered = values[qty(l.lineId)] ?? 0;
              return (
                <Card key={l.lineId} size="small" data-testid={`receive-line-${l.lineId}`}>
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, alignItems: 'baseline' }}>
                    <div style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                      <Typography.Text strong style={{ fontSize: 16 }}>
                        {l.name}
                      </Typography.Text>
                      <div>
                        <Typography.Text type="secondary">{l.sku}</Typography.Text>
                      </div>
                    </div>
                    <Typography.Text
                      strong
                      style={{ fontSize: 20, whiteSpace: 'nowrap' }}
                      data-testid={`receive-left-${l.lineId}`}
                    >
                      {t('purchasing.leftToReceive', { count: left })}
                    </Typography.Text>
                  </div>
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
                    {t('purchasing.orderedOf', { quantity: l.quantity, received: l.received })} · {l.unit}
                  </Typography.Paragraph>
                  <Form.Item
                    name={qty(l.lineId)}
                    label={t('purchasing.receiveQuantity')}
                    style={{ marginBottom: 8 }}
                    validateStatus={entered > left ? 'warning' : undefined}
                    help={entered > left ? t('purchasing.overRemaining', { count: left }) : undefined}
                  >
                    <InputNumber
                      size="large"
                      min={0}
                      precision={0}
                      inputMode="numeric"
                      style={{ width: '100%' }}
                      data-testid={`receive-quantity-${l.lineId}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={cost(l.lineId)}
                    label={t('purchasing.receiveCost', { currency: po.currency })}
                    style={{ marginBottom: 0 }}
                  >
                    <InputNumber
                      min={0}
                      precision={digits}
                      inputMode="decimal"
                      style={{ width: '100%' }}
                      placeholder={fromMinor(l.unitCost, po.currency).toFixed(digits)}
                      data-testid={`receive-cost-${l.lineId}`}
                    />
                  </Form.Item>
                </Card>
              );
            })}
            <Button
              type="primary"
              size="large"
              block
              htmlType="submit"
              loading={receive.isPending}
              data-testid="receive-submit"
            >
              {t('purchasing.confirmReceipt')}
            </Button>
          </Space>
        </Form>
      )}
    </PageCard>
  );
}
