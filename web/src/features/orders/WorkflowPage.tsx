import { useEffect } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roles } from '#shared/api/enums.ts';
import { call, type Output } from '../../api.ts';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { PageCard } from '../../kit/PageCard.tsx';

type Workflow = Output<'getApprovalWorkflow'>;
type RuleKind = 'order' | 'purchase';
const ruleKinds: RuleKind[] = ['order', 'purchase'];
interface RuleValues {
  name: string;
  /** Sales orders or purchase orders: a rule applies to its own kind. */
  kind?: RuleKind;
  totalGte?: number | null;
  discountGte?: number | null;
  priceOverride?: boolean;
  creditExceeded?: boolean;
  customerTiers?: string[];
  steps: Workflow['rules'][number]['steps'];
}

const toValues = (w: Workflow): RuleValues[] =>
  w.rules.map((r) => ({
    name: r.name,
    kind: r.kind ?? 'order',
    totalGte: r.when.orderTotalGte ? fromMinor(r.when.orderTotalGte.amount, r.when.orderTotalGte.currency) : null,
    discountGte: r.when.discountBpsGte !== undefined ? r.when.discountBpsGte / 100 : null,
    priceOverride: r.when.priceOverride,
    creditExceeded: r.when.creditExceeded,
    customerTiers: r.when.customerTiers ?? [],
    steps: r.steps,
  }));
const toRules = (values: RuleValues[], currency: string) =>
  values.map((v) => ({
    name: v.name,
    kind: v.kind ?? 'order',
    steps: v.steps,
    when: {
      ...(v.totalGte !== null && v.totalGte !== undefined
        ? { orderTotalGte: { amount: toMinor(v.totalGte, currency), currency } }
        : {}),
      ...(v.kind === 'purchase'
        ? {}
        : {
            ...(v.discountGte !== null && v.discountGte !== undefined
              ? { discountBpsGte: Math.round(v.discountGte * 100) }
              : {}),
            ...(v.priceOverride ? { priceOverride: true } : {}),
            ...(v.creditExceeded ? { creditExceeded: true } : {}),
            ...(v.customerTiers?.length ? { customerTiers: v.customerTiers } : {}),
          }),
    },
  }));

/** Tenant admins edit the approval rules; a rule matches when all its conditions hold. */
export function WorkflowPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const currency = useBaseCurrency();
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const workflow = useQuery({ queryKey: ['workflow'], queryFn: () => call('getApprovalWorkflow') });
  useEffect(() => {
    if (workflow.data) form.setFieldsValue({ rules: toValues(workflow.data) });
  }, [workflow.data, form]);
  const save = useMutation({
    mutationFn: (v: { rules: RuleValues[] }) =>
      call('putApprovalWorkflow', {
        body: { rules: toRules(v.rules ?? [], currency) },
        ifMatch: workflow.data!.version,
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(['workflow'], next);
      message.success(t('common.saved'));
    },
    onError: (e) => showFieldErrors(form, e),
  });
  if (workflow.isLoading) return <Spin />;
  const readOnly = !can('putApprovalWorkflow');
  return (
    <PageCard title={t('orders.workflow')}>
      {save.error && <Alert type="error" showIcon title={errorMessage(t, save.error)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={readOnly}>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {!fields.length && <Typography.Paragraph type="secondary">{t('orders.noRules')}</Typography.Paragraph>}
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  extra={!readOnly && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                >
                  <Space wrap align="start">
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('orders.ruleName')}
                      rules={[{ required: true, message: t('errors.required') }]}
                    >
                      <Input data-testid={`rule-name-${field.name}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} label={t('orders.ruleKind')}>
                      <Select
                        style={{ minWidth: 120 }}
                        options={ruleKinds.map((k) => ({ value: k, label: t(`orders.ruleKinds.${k}`) }))}
                        data-testid={`rule-kind-${field.name}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'totalGte']} label={t('orders.totalGte')}>
                      <InputNumber
                        min={0}
                        precision={minorDigits(currency)}
                        addonAfter={currency}
                        data-testid={`rule-total-${field.name}`}
                      />
                    </Form.Item>
                    <Form.Item
                      noStyle
                      shouldUpdate={(prev, next) => prev.rules?.[field.name]?.kind !== next.rules?.[field.name]?.kind}
                    >
                      {({ getFieldValue }) =>
                        getFieldValue(['rules', field.name, 'kind']) !== 'purchase' && (
                          <>
                            <Form.Item name={[field.name, 'discountGte']} label={t('orders.discountGte')}>
                              <InputNumber min={0} max={100} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'customerTiers']} label={t('orders.customerTiers')}>
                              <Select mode="tags" style={{ minWidth: 140 }} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'priceOverride']} valuePropName="checked" label=" ">
                              <Checkbox>{t('orders.priceOverride')}</Checkbox>
                            </Form.Item>
                            <Form.Item name={[field.name, 'creditExceeded']} valuePropName="checked" label=" ">
                              <Checkbox>{t('orders.creditExceeded')}</Checkbox>
                            </Form.Item>
                          </>
                        )
                      }
                    </Form.Item>
                  </Space>
                  <Form.Item
                    name={[field.name, 'steps']}
                    label={t('orders.steps')}
                    rules={[{ required: true, message: t('errors.required') }]}
                  >
                    <Select
                      mode="multiple"
                      options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                      data-testid={`rule-steps-${field.name}`}
                    />
                  </Form.Item>
                </Card>
              ))}
              {!readOnly && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ steps: [], kind: 'order' })}
                  style={{ marginBottom: 16 }}
                  data-testid="add-rule"
                >
                  {t('orders.addRule')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        {!readOnly && (
          <div>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-rules">
              {t('common.save')}
            </Button>
          </div>
        )}
      </Form>
    </PageCard>
  );
}
