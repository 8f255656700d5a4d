import { useState } from 'react';
import { Alert, App, Button, Col, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { DateField } from '../../kit/DateField.tsx';
import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { ApiError, call, type Output } from '../../api.ts';
import { unitPriceLabel } from '../../components/Amounts.tsx';
import { ProductPicker } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';

type Order = Output<'getOrder'>;

interface NewLine {
  productId?: string;
  quantity?: number;
  unitPrice?: number | null;
  discountPercent?: number | null;
}

/**
 * 改单: the order's whole new set of lines — its lines (quantity not below what shipped or was
 * invoiced, price and discount), lines added from the catalog, lines with nothing shipped removed —,
 * its delivery date, and the reason, which is required.
 */
export function ReviseModal({ order: o, onClose }: { order: Order; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const digits = minorDigits(o.currency);
  const floor = (l: Order['lines'][number]) => Math.max(l.shipped, l.invoiced);
  const initialValues = {
    ...Object.fromEntries(
      o.lines.flatMap((l) => [
        [`q_${l.lineId}`, l.quantity],
        [`p_${l.lineId}`, fromMinor(l.unitPrice, o.currency)],
        [`d_${l.lineId}`, l.discountBps / 100],
      ]),
    ),
    requestedDeliveryDate: o.requestedDeliveryDate ? dayjs(o.requestedDeliveryDate) : null,
    added: [] as NewLine[],
  };
  const revise = useMutation({
    mutationFn: (
      v: Record<string, unknown> & { added?: NewLine[]; reason: string; requestedDeliveryDate?: Dayjs | null },
    ) => {
      const kept = o.lines
        .filter((l) => !removed.has(l.lineId))
        .map((l) => {
          const price = v[`p_${l.lineId}`] as number | null | undefined;
          const discount = v[`d_${l.lineId}`] as number | null | undefined;
          const unitPrice = price === null || price === undefined ? l.unitPrice : toMinor(price, o.currency);
          const discountBps = Math.round((discount ?? 0) * 100);
          // Only what changed: an unchanged price sent back would read as a price set by hand.
          return {
            lineId: l.lineId,
            quantity: v[`q_${l.lineId}`] as number,
            ...(unitPrice !== l.unitPrice ? { unitPrice } : {}),
            ...(discountBps !== l.discountBps ? { discountBps } : {}),
          };
        });
      const added = (v.added ?? [])
        .filter((l): l is NewLine & { productId: string; quantity: number } => Boolean(l?.productId && l.quantity))
        .map((l) => ({
          productId: l.productId,
          quantity: l.quantity,
          ...(l.unitPrice !== null && l.unitPrice !== undefined ? { unitPrice: toMinor(l.unitPrice, o.currency) } : {}),
          ...(l.discountPercent ? { discountBps: Math.round(l.discountPercent * 100) } : {}),
        }));
      const day = v.requestedDeliveryDate ? v.requestedDeliveryDate.format('YYYY-MM-DD') : null;
      return call('reviseOrder', {
        params: { id: o.id },
        ifMatch: o.version,
        body: {
          lines: [...kept, ...added],
          ...(day !== o.requestedDeliveryDate ? { requestedDeliveryDate: day } : {}),
          reason: v.reason.trim(),
        },
      });
    },
    onSuccess: (next) => {
      queryClient.setQueryData(['order', o.id], next);
      void queryClient.invalidateQueries({ queryKey: ['order-revisions', o.id] });
      void queryClient.invalidateQueries({ queryKey: ['order-timeline', o.id] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      void queryClient.invalidateQueries({ queryKey: ['levels'] });
      const status = t(`orders.statuses.${next.status}`);
      if (next.status === 'pending_approval') message.warning(t('orders.revise.doneApproval', { status }));
      else message.success(t('orders.revise.done', { status }));
      onClose();
    },
  });
  // A line the server refused (below what shipped or was invoiced): which one, and how much left.
  const refused = (() => {
    const e = revise.error;
    if (!(e instanceof ApiError) || e.code !== 'below_shipped') return null;
    const p = e.problem as { lineId?: string; shipped?: number; invoiced?: number };
    const line = o.lines.find((l) => l.lineId === p.lineId);
    return line
      ? t('orders.revise.belowShippedLine', {
          sku: line.sku,
          name: line.name,
          shipped: p.shipped ?? line.shipped,
          invoiced: p.invoiced ?? line.invoiced,
        })
      : null;
  })();
  const remaining = o.lines.length - removed.size;
  return (
    <Modal
      open
      title={t('orders.revise.title', { number: o.number })}
      onCancel={onClose}
      okText={t('orders.revise.save')}
      cancelText={t('common.cancel')}
      confirmLoading={revise.isPending}
      okButtonProps={{ 'data-testid': 'revise-save' } as Record<`data-${string}`, string>}
      width={760}
      onOk={() =>
        form
          .validateFields()
          .then((v) => revise.mutate(v))
          .catch(() => undefined)
      }
    >
      <Typography.Paragraph type="secondary">{t('orders.revise.hint')}</Typography.Paragraph>
      {revise.error && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(t, revise.error)}
          description={refused ?? undefined}
          style={{ marginBottom: 12 }}
          data-testid="revise-error"
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {o.lines.map((l) => {
          const gone = removed.has(l.lineId);
          const min = floor(l);
          return (
            <Card
              size="small"
              key={l.lineId}
              style={{ marginBottom: 8, opacity: gone ? 0.6 : 1 }}
              data-testid={`revise-line-${l.lineId}`}
              title={
                <span style={{ whiteSpace: 'normal' }}>
                  {l.name} <Typography.Text type="secondary">{l.sku}</Typography.Text>
                </span>
              }
              extra={
                gone ? (
                  <Button
                    size="small"
                    icon={<UndoOutlined />}
                    onClick={() => setRemoved((s) => new Set([...s].filter((x) => x !== l.lineId)))}
                    data-testid={`revise-restore-${l.lineId}`}
                  >
                    {t('orders.revise.restore')}
                  </Button>
                ) : (
                  min === 0 &&
                  remaining > 1 && (
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => setRemoved((s) => new Set([...s, l.lineId]))}
                      data-testid={`revise-remove-${l.lineId}`}
                    >
                      {t('orders.revise.remove')}
                    </Button>
                  )
                )
              }
            >
              {gone ? (
                <Typography.Text type="danger">{t('orders.revise.removed')}</Typography.Text>
              ) : (
                <Row gutter={8}>
                  <Col xs={8} md={6}>
                    <Form.Item
                      name={`q_${l.lineId}`}
                      label={t('orders.quantity')}
                      extra={
                        min > 0
                          ? t('orders.revise.shippedInfo', { shipped: l.shipped, invoiced: l.invoiced })
                          : undefined
                      }
                      rules={[
                        { required: true, message: t('errors.required') },
                        {
                          validator: (_, v: number | null) =>
                            v !== null && v !== undefined && v < min
                              ? Promise.reject(new Error(t('errors.below_shipped')))
                              : Promise.resolve(),
                        },
                      ]}
                    >
                      <InputNumber
                        min={1}
                        precision={0}
                        style={{ width: '100%' }}
                        data-testid={`revise-quantity-${l.lineId}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={6}>
                    <Form.Item name={`p_${l.lineId}`} label={unitPriceLabel(t, o.pricesIncludeTax)}>
                      <InputNumber
                        min={0}
                        precision={digits}
                        style={{ width: '100%' }}
                        data-testid={`revise-price-${l.lineId}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={8} md={6}>
                    <Form.Item name={`d_${l.lineId}`} label={t('orders.discount')}>
                      <InputNumber
                        min={0}
                        max={100}
                        style={{ width: '100%' }}
                        data-testid={`revise-discount-${l.lineId}`}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              )}
            </Card>
          );
        })}
        <Form.List name="added">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  size="small"
                  key={field.key}
                  style={{ marginBottom: 8 }}
                  title={t('orders.revise.newLine')}
                  extra={
                    <Button
                      size="small"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.remove')}
                      data-testid={`revise-new-remove-${i}`}
                    />
                  }
                >
                  <Row gutter={8}>
                    <Col xs={24} md={10}>
                      <Form.Item
                        name={[field.name, 'productId']}
                        label={t('orders.product')}
                        rules={[{ required: true, message: t('errors.required') }]}
                      >
                        <ProductPicker testId={`revise-new-product-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={5}>
                      <Form.Item
                        name={[field.name, 'quantity']}
                        label={t('orders.quantity')}
                        rules={[{ required: true, message: t('errors.required') }]}
                      >
                        <InputNumber
                          min={1}
                          precision={0}
                          style={{ width: '100%' }}
                          data-testid={`revise-new-quantity-${i}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={5}>
                      <Form.Item
                        name={[field.name, 'unitPrice']}
                        label={unitPriceLabel(t, o.pricesIncludeTax)}
                        tooltip={t('orders.revise.priceByRules')}
                      >
                        <InputNumber
                          min={0}
                          precision={digits}
                          style={{ width: '100%' }}
                          data-testid={`revise-new-price-${i}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={4}>
                      <Form.Item name={[field.name, 'discountPercent']} label={t('orders.discount')}>
                        <InputNumber min={0} max={100} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ quantity: 1 })}
                style={{ marginBottom: 16 }}
                data-testid="revise-add-line"
              >
                {t('orders.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={8}>
          <Col xs={24} md={8}>
            <Form.Item name="requestedDeliveryDate" label={t('orders.requestedDeliveryDate')}>
              <DateField style={{ width: '100%' }} data-testid="revise-delivery-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item
              name="reason"
              label={t('orders.revise.reason')}
              rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} data-testid="revise-reason" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
