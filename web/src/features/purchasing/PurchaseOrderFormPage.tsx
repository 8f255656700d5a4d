import { Alert, Button, Col, Form, Input, InputNumber, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { DateField } from '../../kit/DateField.tsx';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { call, type Output } from '../../api.ts';
import { ProductPicker, SupplierPicker, useWarehouses } from '../../components/pickers.tsx';
import { currencyName } from '../../currencies.ts';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { PageCard } from '../../kit/PageCard.tsx';

type PurchaseOrder = Output<'getPurchaseOrder'>;
interface LineValues {
  productId?: string;
  quantity?: number | null;
  unitCost?: number | null;
}
interface FormValues {
  supplierId: string;
  warehouseId?: string;
  expectedAt?: dayjs.Dayjs | null;
  notes?: string;
  lines: LineValues[];
}

/** A new purchase order (`?supplierId=` picks the supplier) or a draft's edit (`/purchase-orders/:id/edit`). */
export function PurchaseOrderFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useQuery({
    queryKey: ['purchase-order', id],
    queryFn: () => call('getPurchaseOrder', { params: { id: id! } }),
    enabled: Boolean(id),
  });
  if (id && existing.isLoading) return <Spin />;
  if (id && !existing.data) return <Alert type="error" title={errorMessage(t, existing.error)} />;
  return <PurchaseOrderForm key={id ?? 'new'} editing={existing.data} />;
}

function PurchaseOrderForm({ editing }: { editing?: PurchaseOrder }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const warehouses = useWarehouses();
  const supplierId = (Form.useWatch('supplierId', form) as string | undefined) ?? editing?.supplierId;
  const supplier = useQuery({
    queryKey: ['supplier', supplierId],
    queryFn: () => call('getSupplier', { params: { id: supplierId! } }),
    enabled: Boolean(supplierId),
  });
  const currency = editing?.currency ?? supplier.data?.currency;
  const digits = minorDigits(currency ?? 'CNY');
  const lines = (Form.useWatch('lines', form) as LineValues[] | undefined) ?? [];
  const offer = (productId?: string) => supplier.data?.products.find((p) => p.productId === productId);
  const costOf = (l?: LineValues) =>
    l?.unitCost !== null && l?.unitCost !== undefined && currency
      ? toMinor(l.unitCost, currency)
      : (offer(l?.productId)?.cost ?? 0);
  const total = lines.reduce((s, l) => s + (l?.quantity ?? 0) * costOf(l), 0);
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = {
        lines: v.lines.map((l) => ({
          productId: l.productId!,
          quantity: l.quantity!,
          ...(l.unitCost !== null && l.unitCost !== undefined ? { unitCost: toMinor(l.unitCost, currency!) } : {}),
        })),
        ...(v.notes?.trim() ? { notes: v.notes.trim() } : {}),
        ...(v.expectedAt ? { expectedAt: v.expectedAt.format('YYYY-MM-DD') } : {}),
      };
      return editing
        ? call('updatePurchaseOrder', {
            params: { id: editing.id },
            ifMatch: editing.version,
            body: { ...body, notes: v.notes?.trim() || null, expectedAt: v.expectedAt?.format('YYYY-MM-DD') ?? null },
          })
        : call('createPurchaseOrder', { body: { ...body, supplierId: v.supplierId, warehouseId: v.warehouseId } });
    },
    onSuccess: (po) => {
      queryClient.setQueryData(['purchase-order', po.id], po);
      void queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
      navigate(`/purchase-orders/${po.id}`);
    },
    onError: (e) => showFieldErrors(form, e),
  });
  const initialValues: Partial<FormValues> = editing
    ? {
        supplierId: editing.supplierId,
        warehouseId: editing.warehouseId,
        expectedAt: editing.expectedAt ? dayjs(editing.expectedAt) : null,
        notes: editing.notes ?? undefined,
        lines: editing.lines.map((l) => ({
          productId: l.productId,
          quantity: l.quantity,
          unitCost: fromMinor(l.unitCost, editing.currency),
        })),
      }
    : { supplierId: params.get('supplierId') ?? undefined, lines: [{ quantity: 1 }] };
  return (
    <PageCard title={editing ? `${t('common.edit')} ${editing.number}` : t('purchasing.newOrder')}>
      {save.error && <Alert type="error" showIcon title={errorMessage(t, save.error)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={initialValues}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="supplierId"
              label={t('purchasing.supplier')}
              rules={[{ required: true, message: t('errors.required') }]}
            >
              <SupplierPicker testId="po-supplier" disabled={Boolean(editing)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="warehouseId" label={t('purchasing.warehouse')}>
              <Select
                allowClear
                disabled={Boolean(editing)}
                placeholder={warehouses.items.find((w) => w.isDefault)?.name}
                options={warehouses.items.filter((w) => w.active).map((w) => ({ value: w.id, label: w.name }))}
                data-testid="po-warehouse"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="expectedAt" label={t('purchasing.expectedAt')}>
              <DateField style={{ width: '100%' }} data-testid="po-expected-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="notes" label={t('purchasing.notes')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} data-testid="po-notes" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('purchasing.lines')}
        </Typography.Title>
        {currency && (
          <Tag style={{ marginBottom: 12 }} data-testid="po-currency">
            {currency} · {currencyName(currency)}
          </Tag>
        )}
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => {
                const line = lines[i];
                const known = offer(line?.productId);
                return (
                  <Card size="small" key={field.key} style={{ marginBottom: 8 }}>
                    <Row gutter={8} align="middle">
                      <Col xs={24} md={10}>
                        <Form.Item
                          name={[field.name, 'productId']}
                          label={t('purchasing.product')}
                          rules={[{ required: true, message: t('errors.required') }]}
                        >
                          <ProductPicker testId={`po-line-product-${i}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item
                          name={[field.name, 'quantity']}
                          label={t('purchasing.quantity')}
                          rules={[{ required: true, message: t('errors.required') }]}
                        >
                          <InputNumber
                            min={1}
                            precision={0}
                            style={{ width: '100%' }}
                            data-testid={`po-line-quantity-${i}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item
                          name={[field.name, 'unitCost']}
                          label={t('purchasing.unitCost')}
                          rules={
                            line?.productId && supplier.data && !known
                              ? [{ required: true, message: t('errors.required') }]
                              : undefined
                          }
                        >
                          <InputNumber
                            min={0}
                            precision={digits}
                            style={{ width: '100%' }}
                            data-testid={`po-line-cost-${i}`}
                            placeholder={
                              known && currency ? fromMinor(known.cost, currency).toFixed(digits) : undefined
                            }
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={20} md={4}>
                        {line?.productId && currency && (
                          <Typography.Text data-testid={`po-line-total-${i}`}>
                            {formatMoney((line.quantity ?? 0) * costOf(line), currency)}
                          </Typography.Text>
                        )}
                      </Col>
                      <Col xs={4} md={1}>
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
                data-testid="po-add-line"
              >
                {t('purchasing.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        {currency && (
          <Typography.Paragraph strong data-testid="po-form-total">
            {t('purchasing.total')}: {formatMoney(total, currency)}
          </Typography.Paragraph>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="po-save">
            {t('purchasing.saveDraft')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </PageCard>
  );
}
