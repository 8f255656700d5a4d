import { Alert, Button, Col, Form, Input, InputNumber, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { DateField } from '../../kit/DateField.tsx';
import dayjs, { type Dayjs } from 'dayjs';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { orderChannels } from '#shared/api/enums.ts';
import { fromMinor, lineAmounts, minorDigits, sumAmounts, toMinor } from '#shared/domain/money.ts';
import { shipToOf } from '#shared/domain/customers.ts';
import { ApiError, call } from '../../api.ts';
import { useBaseCurrency, useSettings } from '../../auth.tsx';
import { TaxBasis, Totals, unitPriceLabel } from '../../components/Amounts.tsx';
import { currencyName } from '../../currencies.ts';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { CustomerPicker, ProductPicker, useWarehouses } from '../../components/pickers.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { readAll } from '../../kit/useCursorList.ts';
import { usePeople } from '../../components/people.tsx';
import { UserSelect } from '../../components/UserSelect.tsx';
import { CustomFieldInputs, useCustomFields } from '../../kit/CustomFields.tsx';

interface LineValues {
  productId?: string;
  quantity?: number;
  unitPrice?: number | null;
  discountPercent?: number | null;
}
type Customer = Awaited<ReturnType<typeof call<'getCustomer'>>>;

const addressText = (a: Customer['addresses'][number]) =>
  [a.province, a.city, a.district, a.line1].filter(Boolean).join(' ');
type Order = Awaited<ReturnType<typeof call<'getOrder'>>>;

/** The form's starting values: empty, or an order's (re-priced by today's rules unless priced by hand; its note only when editing it). */
const startingValues = (source?: Order, editing = false) =>
  source
    ? {
        customerId: source.customerId,
        warehouseId: source.warehouseId,
        notes: editing ? (source.notes ?? undefined) : undefined,
        // The customer's own reference and dates belong to the order edited, not to a copy of it.
        channel: editing ? source.channel : ('manual' as const),
        externalRef: editing ? (source.externalRef ?? undefined) : undefined,
        requestedDeliveryDate:
          editing && source.requestedDeliveryDate ? dayjs(source.requestedDeliveryDate) : undefined,
        validUntil: editing && source.validUntil ? dayjs(source.validUntil) : undefined,
        // The company's own fields belong to the order edited; a copy is filled in afresh.
        customFields: editing ? source.customFields : undefined,
        lines: source.lines.map((l) => ({
          productId: l.productId,
          quantity: l.quantity,
          discountPercent: l.discountBps ? l.discountBps / 100 : undefined,
          unitPrice: l.priceRule.kind === 'manual' ? fromMinor(l.unitPrice, source.currency) : undefined,
        })),
      }
    : { lines: [{ quantity: 1 }], channel: 'manual' as const };

/** New order, "order again" (filled from the order in `?from=`), or editing a draft (`/orders/:id/edit`). */
export function OrderFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const sourceId = id ?? params.get('from');
  const source = useQuery({
    queryKey: ['order', sourceId],
    queryFn: () => call('getOrder', { params: { id: sourceId! } }),
    enabled: Boolean(sourceId),
  });
  if (sourceId && source.isLoading) return <Spin />;
  if (sourceId && !source.data) return <Alert type="error" title={errorMessage(t, source.error)} />;
  return (
    <>
      {!id && source.data && (
        <Alert
          type="info"
          showIcon
          title={t('orders.copiedFrom', { number: source.data.number })}
          style={{ marginBottom: 16 }}
          data-testid="copied-from"
        />
      )}
      <OrderForm
        key={sourceId ?? 'new'}
        initialValues={startingValues(source.data, Boolean(id))}
        editing={id ? source.data : undefined}
      />
    </>
  );
}

/** Order entry: live prices with the rule that produced them, stock per line, totals as the server will compute them. */
function OrderForm({ initialValues, editing }: { initialValues: ReturnType<typeof startingValues>; editing?: Order }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const baseCurrency = useBaseCurrency();
  const settings = useSettings();
  const warehouses = useWarehouses();
  const people = usePeople();
  const cf = useCustomFields('order');
  const customerId = Form.useWatch('customerId', form) as string | undefined;
  const customer = useQuery({
    queryKey: ['customer', customerId],
    queryFn: () => call('getCustomer', { params: { id: customerId! } }),
    enabled: Boolean(customerId),
  });
  const warehouseId =
    (Form.useWatch('warehouseId', form) as string | undefined) ?? warehouses.items.find((w) => w.isDefault)?.id;
  const lines = (Form.useWatch('lines', form) as LineValues[] | undefined) ?? [];
  const complete = lines.filter((l): l is LineValues & { productId: string; quantity: number } =>
    Boolean(l?.productId && l.quantity),
  );
  const quote = useQuery({
    queryKey: ['quote', customerId, complete.map((l) => [l.productId, l.quantity])],
    queryFn: () =>
      call('quotePrice', {
        body: {
          customerId: customerId!,
          lines: complete.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        },
      }),
    enabled: Boolean(customerId && complete.length),
  });
  const products = useQueries({
    queries: complete.map((l) => ({
      queryKey: ['product', l.productId],
      queryFn: () => call('getProduct', { params: { id: l.productId } }),
    })),
  });
  const levels = useQueries({
    queries: complete.map((l) => ({
      queryKey: ['levels', 'product', l.productId],
      queryFn: async () => ({
        items: await readAll((cursor) => call('listLevels', { query: { productId: l.productId, cursor, limit: 100 } })),
      }),
    })),
  });
  // The order is in the customer's currency (a draft keeps its own), never assumed to be the base currency.
  const currency = editing?.currency ?? customer.data?.currency ?? quote.data?.currency ?? baseCurrency;
  const foreign = currency !== baseCurrency;
  // A draft keeps the 含税 reading it was made with; a new order takes the company's setting.
  const includesTax = editing?.pricesIncludeTax ?? settings?.pricesIncludeTax ?? true;
  const rows = complete.map((l, i) => {
    // A quoted price in another currency (a CNY list price for a USD customer) is no price for this order.
    const quoted = quote.data?.lines[i]?.unitPrice.currency === currency ? quote.data.lines[i] : undefined;
    const unquoted = Boolean(quote.data?.lines[i]) && !quoted;
    const product = products[i]?.data;
    const unitPrice =
      l.unitPrice !== null && l.unitPrice !== undefined
        ? toMinor(l.unitPrice, currency)
        : (quoted?.unitPrice.amount ?? 0);
    const discountBps = Math.round((l.discountPercent ?? 0) * 100);
    const available = levels[i]?.data?.items.find((x) => x.warehouseId === warehouseId)?.available ?? 0;
    return {
      key: i,
      line: l,
      quoted,
      unquoted,
      product,
      unitPrice,
      available,
      amounts: lineAmounts(l.quantity, unitPrice, discountBps, product?.taxRate ?? 0, includesTax),
    };
  });
  const totals = sumAmounts(rows.map((r) => r.amounts));
  // Who the order is credited to when nobody is chosen, as the server decides: the customer's owner, else me.
  const defaultRep = customer.data?.ownerId ?? people.me?.id;

  const save = useMutation({
    mutationFn: (v: {
      customerId: string;
      warehouseId?: string;
      address?: number;
      notes?: string;
      salesRepId?: string | null;
      channel?: (typeof orderChannels)[number];
      externalRef?: string;
      requestedDeliveryDate?: Dayjs | null;
      validUntil?: Dayjs | null;
      lines: LineValues[];
      customFields?: Record<string, unknown>;
    }) => {
      const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);
      const lines = v.lines.map((l) => ({
        productId: l.productId!,
        quantity: l.quantity!,
        discountBps: Math.round((l.discountPercent ?? 0) * 100),
        ...(l.unitPrice !== null && l.unitPrice !== undefined ? { unitPrice: toMinor(l.unitPrice, currency) } : {}),
      }));
      // No choice made: a new order ships to the customer's default address, an edited one keeps its own.
      const shippingAddress =
        v.address !== undefined && customer.data ? { shippingAddress: shipToOf(customer.data, v.address)! } : {};
      if (editing) {
        return call('updateOrder', {
          params: { id: editing.id },
          ifMatch: editing.version,
          body: {
            warehouseId: v.warehouseId ?? editing.warehouseId,
            lines,
            notes: v.notes?.trim() || null,
            externalRef: v.externalRef?.trim() || null,
            requestedDeliveryDate: day(v.requestedDeliveryDate),
            validUntil: day(v.validUntil),
            ...shippingAddress,
            customFields: cf.body(editing.customFields, v.customFields),
          },
        });
      }
      return call('createOrder', {
        body: {
          customerId: v.customerId,
          currency,
          warehouseId: v.warehouseId,
          lines,
          ...shippingAddress,
          ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
          channel: v.channel ?? 'manual',
          ...(v.externalRef?.trim() ? { externalRef: v.externalRef.trim() } : {}),
          ...(v.requestedDeliveryDate ? { requestedDeliveryDate: day(v.requestedDeliveryDate)! } : {}),
          ...(v.validUntil ? { validUntil: day(v.validUntil)! } : {}),
          // No choice: the server credits the customer's owner, else whoever enters it.
          ...(v.salesRepId ? { salesRepId: v.salesRepId } : {}),
          customFields: cf.body(undefined, v.customFields),
        },
      });
    },
    onSuccess: (order) => {
      queryClient.setQueryData(['order', order.id], order);
      void queryClient.invalidateQueries({ queryKey: ['order-timeline', order.id] });
      // The lists it now belongs to (the orders page, the customer's orders) show it when opened.
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      void queryClient.invalidateQueries({ queryKey: ['customer-orders', order.customerId] });
      navigate(`/orders/${order.id}`);
    },
    onError: (e) => showFieldErrors(form, e),
  });

  return (
    <PageCard title={editing ? t('orders.editTitle', { number: editing.number }) : t('orders.new')}>
      {save.error && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(t, save.error)}
          description={
            // The same channel reference was ordered already: the order that has it, to open instead.
            save.error instanceof ApiError &&
            save.error.code === 'duplicate_external_ref' &&
            typeof (save.error.problem as { orderId?: unknown }).orderId === 'string' ? (
              <Link
                to={`/orders/${(save.error.problem as { orderId: string }).orderId}`}
                data-testid="duplicate-order-link"
              >
                {t('orders.duplicateOpen')}
              </Link>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
          data-testid="order-save-error"
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={initialValues}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="customerId"
              label={t('orders.customer')}
              rules={[{ required: true, message: t('errors.required') }]}
            >
              <CustomerPicker testId="order-customer" disabled={Boolean(editing)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="warehouseId" label={t('orders.warehouse')}>
              <Select
                placeholder={warehouses.items.find((w) => w.isDefault)?.name}
                options={warehouses.items.filter((w) => w.active).map((w) => ({ value: w.id, label: w.name }))}
                allowClear
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('orders.shippingAddress')}>
              <Select
                allowClear
                data-testid="order-address"
                disabled={!customer.data?.addresses.length}
                placeholder={(() => {
                  const c = customer.data;
                  const d = c?.addresses.find((a) => a.isDefault) ?? c?.addresses[0];
                  return d ? addressText(d) : t('orders.noAddress');
                })()}
                options={(customer.data?.addresses ?? []).map((a, i) => ({
                  value: i,
                  label: `${a.label ? `${a.label} · ` : ''}${addressText(a)}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="notes" label={t('orders.notes')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} data-testid="order-notes" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {editing || !people.canList ? (
              <Form.Item label={t('orders.salesRep')}>
                <Typography.Text data-testid="order-sales-rep">
                  {people.nameOf(editing ? editing.salesRepId : defaultRep)}
                </Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item name="salesRepId" label={t('orders.salesRep')} tooltip={t('orders.salesRepHint')}>
                <UserSelect
                  testId="order-sales-rep"
                  placeholder={t('orders.salesRepDefault', { name: people.nameOf(defaultRep) })}
                />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="channel" label={t('orders.channel')}>
              <Select
                disabled={Boolean(editing)}
                options={orderChannels.map((c) => ({ value: c, label: t(`orders.channels.${c}`) }))}
                data-testid="order-channel"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="externalRef" label={t('orders.externalRef')} tooltip={t('orders.externalRefHint')}>
              <Input maxLength={100} data-testid="order-external-ref" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="requestedDeliveryDate" label={t('orders.requestedDeliveryDate')}>
              <DateField style={{ width: '100%' }} data-testid="order-delivery-date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="validUntil" label={t('orders.validUntil')}>
              <DateField style={{ width: '100%' }} data-testid="order-valid-until" />
            </Form.Item>
          </Col>
        </Row>
        <CustomFieldInputs
          entity="order"
          values={editing?.customFields}
          title={t('customFields.section')}
          cols={{ xs: 24, sm: 12, md: 6 }}
        />
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('orders.lines')}
        </Typography.Title>
        <Space wrap style={{ marginBottom: 12 }} data-testid="order-basis">
          <TaxBasis includesTax={includesTax} />
          <Tag>
            {currency} · {currencyName(currency)}
          </Tag>
          {foreign && <Typography.Text type="secondary">{t('orders.foreignHint', { currency })}</Typography.Text>}
        </Space>

        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => {
                const row = rows.find((r) => r.line === lines[i]);
                return (
                  <Card size="small" key={field.key} style={{ marginBottom: 8 }}>
                    <Row gutter={8} align="middle">
                      <Col xs={24} md={8}>
                        <Form.Item
                          name={[field.name, 'productId']}
                          label={t('orders.product')}
                          rules={[{ required: true, message: t('errors.required') }]}
                        >
                          <ProductPicker testId={`line-product-${i}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={3}>
                        <Form.Item
                          name={[field.name, 'quantity']}
                          label={t('orders.quantity')}
                          rules={[{ required: true, message: t('errors.required') }]}
                        >
                          <InputNumber
                            min={1}
                            precision={0}
                            style={{ width: '100%' }}
                            data-testid={`line-quantity-${i}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={3}>
                        <Form.Item
                          name={[field.name, 'unitPrice']}
                          label={unitPriceLabel(t, includesTax)}
                          rules={
                            row?.unquoted ? [{ required: true, message: t('orders.priceIn', { currency }) }] : undefined
                          }
                        >
                          <InputNumber
                            min={0}
                            precision={minorDigits(currency)}
                            style={{ width: '100%' }}
                            data-testid={`line-price-${i}`}
                            placeholder={
                              row?.quoted
                                ? fromMinor(row.quoted.unitPrice.amount, currency).toFixed(minorDigits(currency))
                                : undefined
                            }
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={8} md={2}>
                        <Form.Item name={[field.name, 'discountPercent']} label={t('orders.discount')}>
                          <InputNumber min={0} max={100} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={7}>
                        {row && (
                          <Space direction="vertical" size={0} data-testid={`line-info-${i}`}>
                            {row.quoted && (
                              <span>
                                {t('orders.rule')}:{' '}
                                <Tag color="orange" data-testid={`line-rule-${i}`}>
                                  {t(`orders.rules.${row.quoted.rule.kind}`)}
                                </Tag>
                              </span>
                            )}
                            <span>
                              {t('orders.stock')}:{' '}
                              <Typography.Text type={row.available < row.line.quantity ? 'danger' : 'success'}>
                                {row.available}
                              </Typography.Text>
                            </span>
                            {row.unquoted && (
                              <Typography.Text type="warning" data-testid={`line-unquoted-${i}`}>
                                {t('orders.priceIn', { currency })}
                              </Typography.Text>
                            )}
                            <span data-testid={`line-total-${i}`}>
                              {t('money.total')}: {formatMoney(row.amounts.total, currency)}
                            </span>
                          </Space>
                        )}
                      </Col>
                      <Col xs={24} md={1}>
                        {fields.length > 1 && (
                          <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                        )}
                      </Col>
                    </Row>
                  </Card>
                );
              })}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ quantity: 1 })}
                style={{ marginBottom: 16 }}
                data-testid="add-line"
              >
                {t('orders.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginBottom: 16 }}>
          <Totals {...totals} currency={currency} testId="order-totals" />
        </div>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-order">
            {t('orders.saveDraft')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </PageCard>
  );
}
