import { useEffect } from 'react';
import { Alert, App, Button, Col, Empty, Form, Input, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { DateField } from '../../kit/DateField.tsx';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { RATE_PATTERN } from '#shared/domain/money.ts';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { currencyOptions } from '../../currencies.ts';
import { PageCard } from '../../kit/PageCard.tsx';

type Rates = Output<'getExchangeRates'>;
interface RateRow {
  currency?: string;
  rate?: string;
  validFrom?: Dayjs | null;
}

/** The rows in force today: per currency, the latest that starts on or before today. */
function inForce(rows: RateRow[], today: string): Set<RateRow> {
  const best = new Map<string, RateRow>();
  for (const r of rows) {
    const from = r.validFrom?.format('YYYY-MM-DD');
    if (!r.currency || !from || from > today) continue;
    const current = best.get(r.currency)?.validFrom?.format('YYYY-MM-DD');
    if (!current || from > current) best.set(r.currency, r);
  }
  return new Set(best.values());
}

/**
 * Exchange rates (汇率), kept by finance as one sheet: base-currency units per one unit of each
 * currency, each in force from its day on. Orders, statements and payments in another currency
 * take the rate in force when they are confirmed, issued or received, and keep it.
 */
export function ExchangeRatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ rates: RateRow[] }>();
  const rates = useQuery({ queryKey: ['exchange-rates'], queryFn: () => call('getExchangeRates') });
  const base = rates.data?.baseCurrency ?? '';
  useEffect(() => {
    if (rates.data)
      form.setFieldsValue({ rates: rates.data.rates.map((r) => ({ ...r, validFrom: dayjs(r.validFrom) })) });
  }, [rates.data, form]);
  const save = useMutation({
    mutationFn: (v: { rates?: RateRow[] }) =>
      call('putExchangeRates', {
        ifMatch: rates.data!.version,
        body: {
          rates: (v.rates ?? []).map((r) => ({
            currency: r.currency!,
            rate: r.rate!.trim(),
            validFrom: r.validFrom!.format('YYYY-MM-DD'),
          })),
        },
      }),
    onSuccess: (next: Rates) => {
      queryClient.setQueryData(['exchange-rates'], next);
      message.success(t('common.saved'));
    },
    onError: (e) => showFieldErrors(form, e),
  });
  const rows = (Form.useWatch('rates', form) ?? []) as RateRow[];
  const current = inForce(rows, dayjs().format('YYYY-MM-DD'));
  const readOnly = !can('putExchangeRates');
  if (rates.isLoading) return <Spin />;
  if (!rates.data) return <Alert type="error" title={errorMessage(t, rates.error)} />;
  const required = { required: true, message: t('errors.required') };
  return (
    <PageCard title={t('rates.title')}>
      <Typography.Paragraph type="secondary">{t('rates.hint', { base })}</Typography.Paragraph>
      {save.error && <Alert type="error" showIcon title={errorMessage(t, save.error)} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        disabled={readOnly}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ rates: [] }}
      >
        <Form.List name="rates">
          {(fields, { add, remove }) => (
            <>
              {!fields.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rates.none')} />}
              {fields.map((field, i) => {
                const row = rows[i];
                return (
                  <Card size="small" key={field.key} style={{ marginBottom: 8 }} data-testid={`rate-row-${i}`}>
                    <Row gutter={8} align="middle">
                      <Col xs={24} sm={7}>
                        <Form.Item name={[field.name, 'currency']} label={t('money.currency')} rules={[required]}>
                          <Select
                            showSearch={{ optionFilterProp: 'label' }}
                            options={currencyOptions(row?.currency).filter((o) => o.value !== base)}
                            data-testid={`rate-currency-${i}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={14} sm={8}>
                        <Form.Item
                          name={[field.name, 'rate']}
                          label={t('rates.rate', { currency: row?.currency ?? '…', base })}
                          rules={[required, { pattern: RATE_PATTERN, message: t('rates.rateRule') }]}
                        >
                          <Input inputMode="decimal" placeholder="7.1234" data-testid={`rate-value-${i}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={10} sm={6}>
                        <Form.Item name={[field.name, 'validFrom']} label={t('rates.validFrom')} rules={[required]}>
                          <DateField style={{ width: '100%' }} allowClear={false} data-testid={`rate-from-${i}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={3}>
                        <Space>
                          {row && current.has(row) && <Tag color="green">{t('rates.inForce')}</Tag>}
                          {!readOnly && (
                            <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                          )}
                        </Space>
                      </Col>
                    </Row>
                  </Card>
                );
              })}
              {!readOnly && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ validFrom: dayjs() })}
                  style={{ marginBottom: 16 }}
                  data-testid="add-rate"
                >
                  {t('rates.add')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        {!readOnly && (
          <div>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rates-save">
              {t('common.save')}
            </Button>
          </div>
        )}
      </Form>
    </PageCard>
  );
}
