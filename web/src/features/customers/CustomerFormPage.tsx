import { useEffect } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Typography,
  App,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { customerKinds, customerStages } from '#shared/api/enums.ts';
import { call, type CallInput, type Output } from '../../api.ts';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { fromMinor, toMinor } from '#shared/domain/money.ts';
import { useBaseCurrency } from '../../auth.tsx';
import { PageCard } from '../../kit/PageCard.tsx';

type Customer = Output<'getCustomer'>;
type FormValues = Omit<CallInput<'createCustomer'>['body'] & object, 'creditLimit'> & { creditYuan?: number | null };

const toForm = (c: Customer) =>
  ({
    ...c,
    creditYuan: c.creditLimit ? fromMinor(c.creditLimit.amount, c.creditLimit.currency) : null,
  }) as unknown as FormValues;

function toBody({ creditYuan, ...values }: FormValues, currency: string) {
  return {
    ...values,
    tier: values.tier || null,
    paymentTermsDays: values.paymentTermsDays ?? null,
    creditLimit:
      creditYuan === null || creditYuan === undefined ? null : { amount: toMinor(creditYuan, currency), currency },
  };
}

export function CustomerFormPage() {
  const { t } = useTranslation();
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
  const currency = existing.data?.creditLimit?.currency ?? baseCurrency;
  useEffect(() => {
    if (existing.data) form.setFieldsValue(toForm(existing.data));
  }, [existing.data, form]);

  const save = useMutation({
    mutationFn: (values: FormValues) =>
      id
        ? call('updateCustomer', { params: { id }, body: toBody(values, currency), ifMatch: existing.data!.version })
        : call('createCustomer', { body: toBody(values, currency) }),
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
        initialValues={{ kind: 'company', stage: 'customer', tags: [], contacts: [], addresses: [] }}
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
          <Col xs={24} md={6}>
            <Form.Item name="creditYuan" label={t('customers.creditLimit')}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="tags" label={t('customers.tags')}>
              <Select mode="tags" tokenSeparators={[',', '，']} data-testid="customer-tags" />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('customers.contacts')}</Typography.Title>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="middle">
                  <Col xs={24} sm={6}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('customers.contactName')}
                      rules={[{ required: true, message: t('errors.required') }]}
                    >
                      <Input data-testid={`contact-name-${field.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item name={[field.name, 'phone']} label={t('customers.phone')}>
                      <Input data-testid={`contact-phone-${field.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6}>
                    <Form.Item
                      name={[field.name, 'email']}
                      label={t('customers.contactEmail')}
                      rules={[{ type: 'email' }]}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={4}>
                    <Form.Item name={[field.name, 'title']} label={t('customers.jobTitle')}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={2}>
                    <Form.Item name={[field.name, 'isPrimary']} valuePropName="checked" label={t('customers.primary')}>
                      <Checkbox />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={1}>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Col>
                </Row>
              ))}
              <div style={{ marginBottom: 24 }}>
                <Button
                  type="dashed"
                  onClick={() => add({ isPrimary: fields.length === 0 })}
                  icon={<PlusOutlined />}
                  data-testid="add-contact"
                >
                  {t('customers.addContact')}
                </Button>
              </div>
            </>
          )}
        </Form.List>

        <Typography.Title level={5}>{t('customers.addresses')}</Typography.Title>
        <Form.List name="addresses">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="middle">
                  <Col xs={12} sm={3}>
                    <Form.Item name={[field.name, 'label']} label={t('customers.label')}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={3}>
                    <Form.Item name={[field.name, 'province']} label={t('customers.province')}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={3}>
                    <Form.Item name={[field.name, 'city']} label={t('customers.city')}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={3}>
                    <Form.Item name={[field.name, 'district']} label={t('customers.district')}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={7}>
                    <Form.Item
                      name={[field.name, 'line1']}
                      label={t('customers.line1')}
                      rules={[{ required: true, message: t('errors.required') }]}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={2}>
                    <Form.Item name={[field.name, 'postalCode']} label={t('customers.postalCode')}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={2}>
                    <Form.Item name={[field.name, 'isDefault']} valuePropName="checked" label={t('customers.default')}>
                      <Checkbox />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={1}>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Col>
                </Row>
              ))}
              <div style={{ marginBottom: 24 }}>
                <Button
                  type="dashed"
                  onClick={() => add({ isDefault: fields.length === 0, country: 'CN' })}
                  icon={<PlusOutlined />}
                >
                  {t('customers.addAddress')}
                </Button>
              </div>
            </>
          )}
        </Form.List>

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
