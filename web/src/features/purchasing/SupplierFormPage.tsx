import { useEffect } from 'react';
import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { call, type Output } from '../../api.ts';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { ProductPicker } from '../../components/pickers.tsx';
import { currencyOptions } from '../../currencies.ts';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { RowList } from '../../kit/RowList.tsx';
import { CustomFieldInputs, useCustomFields } from '../../kit/CustomFields.tsx';

type Supplier = Output<'getSupplier'>;
const billingFields = ['title', 'taxId', 'bankName', 'bankAccount', 'address', 'phone'] as const;
type BillingValues = Partial<Record<(typeof billingFields)[number], string | null>> & { fapiaoType?: string };
interface ProductValues {
  productId?: string;
  supplierSku?: string | null;
  cost?: number | null;
  leadTimeDays?: number | null;
  minOrderQuantity?: number | null;
}
interface FormValues {
  name: string;
  paymentTermsDays?: number | null;
  currency: string;
  contacts?: {
    name?: string;
    phone?: string | null;
    email?: string | null;
    title?: string | null;
    isPrimary?: boolean;
  }[];
  billing?: BillingValues;
  products?: ProductValues[];
  customFields?: Record<string, unknown>;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const textOrNull = (v: unknown) => (blank(v) ? null : String(v).trim());

const toForm = (s: Supplier): FormValues => ({
  name: s.name,
  paymentTermsDays: s.paymentTermsDays,
  currency: s.currency,
  contacts: s.contacts.map((c) => ({
    name: String(c.name ?? ''),
    phone: (c.phone as string | null) ?? null,
    email: (c.email as string | null) ?? null,
    title: (c.title as string | null) ?? null,
    isPrimary: Boolean(c.isPrimary),
  })),
  billing: (s.billing ?? {}) as BillingValues,
  products: s.products.map((p) => ({ ...p, cost: fromMinor(p.cost, s.currency) })),
  customFields: s.customFields,
});

/** 开票信息 left empty is none (null); else its empty fields are null. */
function billingOf(values?: BillingValues) {
  if (!values || billingFields.every((f) => blank(values[f]))) return null;
  return {
    title: textOrNull(values.title) ?? '',
    taxId: textOrNull(values.taxId),
    bankName: textOrNull(values.bankName),
    bankAccount: textOrNull(values.bankAccount),
    address: textOrNull(values.address),
    phone: textOrNull(values.phone),
    ...(values.fapiaoType ? { fapiaoType: values.fapiaoType as 'e_normal' } : {}),
  };
}

function toBody(v: FormValues) {
  return {
    name: v.name.trim(),
    paymentTermsDays: v.paymentTermsDays ?? 30,
    currency: v.currency,
    contacts: (v.contacts ?? []).map((c) => ({
      name: (c.name ?? '').trim(),
      phone: textOrNull(c.phone),
      email: textOrNull(c.email),
      title: textOrNull(c.title),
      isPrimary: Boolean(c.isPrimary),
    })),
    billing: billingOf(v.billing),
    products: (v.products ?? []).map((p) => ({
      productId: p.productId!,
      supplierSku: textOrNull(p.supplierSku),
      cost: toMinor(p.cost ?? 0, v.currency),
      leadTimeDays: p.leadTimeDays ?? 7,
      minOrderQuantity: p.minOrderQuantity ?? 1,
    })),
  };
}

/** A new supplier (`/suppliers/new`) or one to see and change (`/suppliers/:id`): contacts, terms, billing and what it sells us. */
export function SupplierFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useQuery({
    queryKey: ['supplier', id],
    queryFn: () => call('getSupplier', { params: { id: id! } }),
    enabled: Boolean(id),
  });
  if (id && existing.isLoading) return <Spin />;
  if (id && !existing.data) return <Alert type="error" title={errorMessage(t, existing.error)} />;
  return <SupplierForm key={`${id ?? 'new'}:${existing.data?.version ?? 0}`} supplier={existing.data} />;
}

function SupplierForm({ supplier }: { supplier?: Supplier }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { can } = useAuth();
  const baseCurrency = useBaseCurrency();
  const [form] = Form.useForm<FormValues>();
  const cf = useCustomFields('supplier');
  const currency = (Form.useWatch('currency', form) as string | undefined) ?? supplier?.currency ?? baseCurrency;
  const required = [{ required: true, message: t('errors.required') }];
  const readOnly = supplier ? !can('updateSupplier') : !can('createSupplier');
  useEffect(() => {
    if (supplier) form.setFieldsValue(toForm(supplier));
  }, [supplier, form]);
  const done = (next: Supplier) => {
    queryClient.setQueryData(['supplier', next.id], next);
    void queryClient.invalidateQueries({ queryKey: ['suppliers'] });
    void queryClient.invalidateQueries({ queryKey: ['supplier-picker'] });
  };
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      supplier
        ? call('updateSupplier', {
            params: { id: supplier.id },
            ifMatch: supplier.version,
            body: { ...toBody(v), customFields: cf.body(supplier.customFields, v.customFields) },
          })
        : call('createSupplier', { body: { ...toBody(v), customFields: cf.body(undefined, v.customFields) } }),
    onSuccess: (next) => {
      done(next);
      message.success(supplier ? t('common.saved') : t('purchasing.supplierCreated'));
      if (!supplier) navigate(`/suppliers/${next.id}`, { replace: true });
    },
    onError: (e) => showFieldErrors(form, e),
  });
  const archive = useMutation({
    mutationFn: () => call('archiveSupplier', { params: { id: supplier!.id }, ifMatch: supplier!.version }),
    onSuccess: (next) => {
      done(next);
      message.success(t('purchasing.supplierArchived'));
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const title = supplier ? supplier.name : t('purchasing.newSupplier');
  return (
    <PageCard
      title={
        supplier?.archivedAt ? (
          <Space wrap>
            {title}
            <Tag>{t('purchasing.archived')}</Tag>
          </Space>
        ) : (
          title
        )
      }
      extra={
        supplier && (
          <Space wrap>
            <Button onClick={() => navigate(`/purchase-orders?supplierId=${supplier.id}`)}>
              {t('purchasing.ordersOfSupplier')}
            </Button>
            {can('createPurchaseOrder') && !supplier.archivedAt && (
              <Button
                onClick={() => navigate(`/purchase-orders/new?supplierId=${supplier.id}`)}
                data-testid="order-from-supplier"
              >
                {t('purchasing.orderFromSupplier')}
              </Button>
            )}
            {can('archiveSupplier') && !supplier.archivedAt && (
              <Button
                danger
                loading={archive.isPending}
                onClick={() =>
                  modal.confirm({
                    title: t('purchasing.archive'),
                    content: t('purchasing.archiveConfirm'),
                    okText: t('common.confirm'),
                    cancelText: t('common.cancel'),
                    onOk: () => archive.mutateAsync(),
                  })
                }
                data-testid="archive-supplier"
              >
                {t('purchasing.archive')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {save.error && <Alert type="error" showIcon title={errorMessage(t, save.error)} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={readOnly}
        scrollToFirstError
        onFinish={(v) => save.mutate(v)}
        initialValues={
          supplier ? toForm(supplier) : { currency: baseCurrency, paymentTermsDays: 30, contacts: [], products: [] }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('purchasing.supplierName')}
              rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
            >
              <Input maxLength={120} data-testid="supplier-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="paymentTermsDays" label={t('purchasing.paymentTermsDays')}>
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} data-testid="supplier-terms" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="currency" label={t('purchasing.currency')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={currencyOptions(supplier?.currency, baseCurrency)}
                data-testid="supplier-currency"
              />
            </Form.Item>
          </Col>
        </Row>

        <CustomFieldInputs
          entity="supplier"
          values={supplier?.customFields}
          title={t('customFields.section')}
          cols={{ xs: 24, sm: 12, md: 6 }}
        />

        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('purchasing.contacts')}
        </Typography.Title>
        <RowList
          name="contacts"
          addLabel={t('purchasing.addContact')}
          addTestId="add-supplier-contact"
          newRow={(count) => ({ isPrimary: count === 0 })}
          fields={[
            {
              name: 'name',
              label: t('purchasing.contactName'),
              xs: 24,
              sm: 6,
              rules: required,
              testId: 'contact-name',
            },
            { name: 'phone', label: t('purchasing.phone'), xs: 12, sm: 5, testId: 'contact-phone' },
            { name: 'email', label: t('purchasing.email'), xs: 12, sm: 6, rules: [{ type: 'email' }] },
            { name: 'title', label: t('purchasing.jobTitle'), xs: 12, sm: 4 },
            { name: 'isPrimary', label: t('purchasing.primary'), xs: 8, sm: 2, checkbox: true },
          ]}
        />

        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('purchasing.products')}
        </Typography.Title>
        <Form.List name="products">
          {(rows, { add, remove }) => (
            <>
              {!rows.length && (
                <Typography.Paragraph type="secondary">{t('purchasing.noProducts')}</Typography.Paragraph>
              )}
              {rows.map((row) => (
                <Card size="small" key={row.key} style={{ marginBottom: 8 }}>
                  <Row gutter={8} align="middle">
                    <Col xs={24} md={8}>
                      <Form.Item name={[row.name, 'productId']} label={t('purchasing.product')} rules={required}>
                        <ProductPicker testId={`supplier-product-${row.name}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[row.name, 'supplierSku']} label={t('purchasing.supplierSku')}>
                        <Input maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[row.name, 'cost']}
                        label={`${t('purchasing.cost')} (${currency})`}
                        rules={required}
                      >
                        <InputNumber
                          min={0}
                          precision={minorDigits(currency)}
                          style={{ width: '100%' }}
                          data-testid={`supplier-cost-${row.name}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={3}>
                      <Form.Item name={[row.name, 'leadTimeDays']} label={t('purchasing.leadTimeDays')}>
                        <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={3}>
                      <Form.Item name={[row.name, 'minOrderQuantity']} label={t('purchasing.minOrderQuantity')}>
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={2}>
                      {!readOnly && (
                        <MinusCircleOutlined onClick={() => remove(row.name)} aria-label={t('common.remove')} />
                      )}
                    </Col>
                  </Row>
                </Card>
              ))}
              <div style={{ marginBottom: 24 }}>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ leadTimeDays: 7, minOrderQuantity: 1 })}
                  data-testid="add-supplier-product"
                >
                  {t('purchasing.addProduct')}
                </Button>
              </div>
            </>
          )}
        </Form.List>

        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('purchasing.billing')}
        </Typography.Title>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name={['billing', 'title']}
              label={t('purchasing.billingTitle')}
              dependencies={billingFields.filter((f) => f !== 'title').map((f) => ['billing', f])}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    blank(value) && billingFields.some((f) => f !== 'title' && !blank(getFieldValue(['billing', f])))
                      ? Promise.reject(new Error(t('billing.titleRequired')))
                      : Promise.resolve(),
                }),
              ]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['billing', 'taxId']}
              label={t('billing.taxId')}
              rules={[{ pattern: /^[0-9A-Za-z]{15,20}$/, message: t('billing.taxIdRule') }]}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['billing', 'bankName']} label={t('billing.bankName')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['billing', 'bankAccount']} label={t('billing.bankAccount')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['billing', 'address']} label={t('billing.address')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['billing', 'phone']} label={t('billing.phone')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        {!readOnly && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="supplier-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        )}
      </Form>
    </PageCard>
  );
}
