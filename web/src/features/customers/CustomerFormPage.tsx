import { useEffect } from 'react';
import { Alert, Button, Col, Form, Input, InputNumber, Row, Select, Space, Spin, Typography, App } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { customerKinds, customerStages, fapiaoTypes } from '#shared/api/enums.ts';
import { call, type CallInput, type Output } from '../../api.ts';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { currencyOptions } from '../../currencies.ts';
import { useBaseCurrency } from '../../auth.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { RowList } from '../../kit/RowList.tsx';
import { usePeople } from '../../components/people.tsx';
import { UserSelect } from '../../components/UserSelect.tsx';
import { CustomFieldInputs, useCustomFields } from '../../kit/CustomFields.tsx';

type Customer = Output<'getCustomer'>;
type Billing = NonNullable<Customer['billing']>;
type BillingValues = { [K in keyof Billing]?: Billing[K] | '' };
type FormValues = Omit<CallInput<'createCustomer'>['body'] & object, 'creditLimit' | 'billing'> & {
  creditAmount?: number | null;
  billing?: BillingValues;
};

const toForm = (c: Customer) =>
  ({
    ...c,
    creditAmount: c.creditLimit ? fromMinor(c.creditLimit.amount, c.creditLimit.currency) : null,
    billing: c.billing ?? { fapiaoType: 'e_normal' },
  }) as unknown as FormValues;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const billingFields = ['title', 'taxId', 'bankName', 'bankAccount', 'address', 'phone'] as const;

/** 开票信息 left empty is no billing at all (null); otherwise its empty fields are null. */
function billingOf(values?: BillingValues): Billing | null {
  if (!values || billingFields.every((f) => blank(values[f]))) return null;
  const text = (f: (typeof billingFields)[number]) => (blank(values[f]) ? null : String(values[f]).trim());
  return {
    title: text('title') ?? '',
    taxId: text('taxId'),
    bankName: text('bankName'),
    bankAccount: text('bankAccount'),
    address: text('address'),
    phone: text('phone'),
    fapiaoType: (values.fapiaoType || 'e_normal') as Billing['fapiaoType'],
  };
}

function toBody({ creditAmount, billing, ...values }: FormValues, currency: string) {
  return {
    ...values,
    currency,
    tier: values.tier || null,
    paymentTermsDays: values.paymentTermsDays ?? null,
    creditLimit:
      creditAmount === null || creditAmount === undefined
        ? null
        : { amount: toMinor(creditAmount, currency), currency },
    billing: billingOf(billing),
  };
}

export function CustomerFormPage() {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('errors.required') }];
  const { message } = App.useApp();
  const { id } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const existing = useQuery({
    queryKey: ['customer', id],
    queryFn: () => call('getCustomer', { params: { id: id! } }),
    enabled: Boolean(id),
  });
  const baseCurrency = useBaseCurrency();
  const people = usePeople();
  const cf = useCustomFields('customer');
  const currency = (Form.useWatch('currency', form) as string | undefined) ?? existing.data?.currency ?? baseCurrency;
  useEffect(() => {
    if (existing.data) form.setFieldsValue(toForm(existing.data));
  }, [existing.data, form]);

  const save = useMutation({
    mutationFn: (values: FormValues) =>
      id
        ? call('updateCustomer', {
            params: { id },
            body: {
              ...toBody(values, currency),
              customFields: cf.body(existing.data?.customFields, values.customFields),
            },
            ifMatch: existing.data!.version,
          })
        : call('createCustomer', {
            body: { ...toBody(values, currency), customFields: cf.body(undefined, values.customFields) },
          }),
    onSuccess: (customer) => {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      queryClient.setQueryData(['customer', customer.id], customer);
      message.success(id ? t('common.saved') : t('customers.created'));
      navigate(`/customers/${customer.id}`);
    },
    onError: (error) => showFieldErrors(form, error),
  });

  if (id && existing.isLoading) return <Spin />;
  return (
    <PageCard title={id ? t('customers.edit') : t('customers.new')}>
      {save.error && <Alert type="error" showIcon title={errorMessage(t, save.error)} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
        initialValues={{
          kind: 'company',
          stage: 'customer',
          currency: baseCurrency,
          tags: [],
          contacts: [],
          addresses: [],
          billing: { fapiaoType: 'e_normal' },
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('customers.name')}
              rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
            >
              <Input data-testid="customer-name" maxLength={120} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="kind" label={t('customers.kind')}>
              <Select options={customerKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="stage" label={t('customers.stage')}>
              <Select
                options={customerStages.map((s) => ({ value: s, label: t(`stages.${s}`) }))}
                data-testid="customer-stage"
              />
            </Form.Item>
          </Col>
          {people.canList && (
            <Col xs={24} md={6}>
              <Form.Item name="ownerId" label={t('customers.owner')} tooltip={t('team.ownerHint')}>
                <UserSelect testId="customer-owner" placeholder={t('team.pool')} />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={6}>
            <Form.Item name="tier" label={t('customers.tier')}>
              <Input maxLength={30} data-testid="customer-tier" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="paymentTermsDays" label={t('customers.paymentTermsDays')}>
              <InputNumber min={0} max={365} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="currency" label={t('money.currency')} tooltip={t('customers.currencyHint')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={currencyOptions(existing.data?.currency, baseCurrency)}
                data-testid="customer-currency"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="creditAmount" label={t('customers.creditLimit')}>
              <InputNumber
                min={0}
                precision={minorDigits(currency)}
                style={{ width: '100%' }}
                addonAfter={currency}
                data-testid="customer-credit-limit"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="tags" label={t('customers.tags')}>
              <Select mode="tags" tokenSeparators={[',', '，']} data-testid="customer-tags" />
            </Form.Item>
          </Col>
        </Row>

        <CustomFieldInputs
          entity="customer"
          values={existing.data?.customFields}
          title={t('customFields.section')}
          cols={{ xs: 24, sm: 12, md: 6 }}
        />

        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('customers.contacts')}
        </Typography.Title>
        <RowList
          name="contacts"
          addLabel={t('customers.addContact')}
          addTestId="add-contact"
          newRow={(count) => ({ isPrimary: count === 0 })}
          fields={[
            { name: 'name', label: t('customers.contactName'), xs: 24, sm: 6, rules: required, testId: 'contact-name' },
            { name: 'phone', label: t('customers.phone'), xs: 12, sm: 5, testId: 'contact-phone' },
            { name: 'email', label: t('customers.contactEmail'), xs: 12, sm: 6, rules: [{ type: 'email' }] },
            { name: 'title', label: t('customers.jobTitle'), xs: 12, sm: 4 },
            { name: 'isPrimary', label: t('customers.primary'), xs: 8, sm: 2, checkbox: true },
          ]}
        />

        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('customers.addresses')}
        </Typography.Title>
        <RowList
          name="addresses"
          addLabel={t('customers.addAddress')}
          newRow={(count) => ({ isDefault: count === 0, country: 'CN' })}
          fields={[
            { name: 'label', label: t('customers.label'), xs: 12, sm: 3 },
            { name: 'province', label: t('customers.province'), xs: 12, sm: 3 },
            { name: 'city', label: t('customers.city'), xs: 12, sm: 3 },
            { name: 'district', label: t('customers.district'), xs: 12, sm: 3 },
            { name: 'line1', label: t('customers.line1'), xs: 24, sm: 7, rules: required },
            { name: 'postalCode', label: t('customers.postalCode'), xs: 12, sm: 2 },
            { name: 'isDefault', label: t('customers.default'), xs: 8, sm: 2, checkbox: true },
          ]}
        />

        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('billing.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('billing.hint')}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name={['billing', 'title']}
              label={t('billing.invoiceTitle')}
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
              <Input maxLength={200} data-testid="billing-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['billing', 'taxId']}
              label={t('billing.taxId')}
              rules={[{ pattern: /^[0-9A-Za-z]{15,20}$/, message: t('billing.taxIdRule') }]}
            >
              <Input maxLength={20} data-testid="billing-tax-id" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['billing', 'bankName']} label={t('billing.bankName')}>
              <Input maxLength={100} data-testid="billing-bank-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['billing', 'bankAccount']} label={t('billing.bankAccount')}>
              <Input maxLength={40} data-testid="billing-bank-account" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['billing', 'address']} label={t('billing.address')}>
              <Input maxLength={200} data-testid="billing-address" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['billing', 'phone']} label={t('billing.phone')}>
              <Input maxLength={40} data-testid="billing-phone" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['billing', 'fapiaoType']} label={t('billing.fapiaoType')}>
              <Select
                options={fapiaoTypes.map((f) => ({ value: f, label: t(`billing.fapiaoTypes.${f}`) }))}
                data-testid="billing-fapiao-type"
              />
            </Form.Item>
          </Col>
        </Row>

        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="customer-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </PageCard>
  );
}
