import { useEffect } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  Divider,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Spin,
  Switch,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { invoicingPolicies, roles, ticketPriorities } from '#shared/api/enums.ts';
import { ticketAssignments } from '#shared/api/tenants.ts';
import { call } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { currencyOptions, timeZoneLabel, timeZones } from '../../currencies.ts';

/** VAT rates of general (13 %, 9 %, 6 %) and small-scale (3 %, 1 %) taxpayers, and exempt (0 %), in bps. */
const taxRates = [1300, 900, 600, 300, 100, 0];

export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => call('getSettings') });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      call('updateSettings', {
        body: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' ? null : x])) as never,
        ifMatch: settings.data!.version,
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(['settings'], next);
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      message.success(t('common.saved'));
    },
    onError: (e) => showFieldErrors(form, e),
  });
  if (settings.isLoading) return <Spin />;
  const readOnly = !can('updateSettings');
  return (
    <PageCard title={t('settings.title')}>
      {save.error && <Alert type="error" showIcon title={errorMessage(t, save.error)} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={readOnly}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="companyName"
              label={t('settings.companyName')}
              rules={[{ required: true, message: t('errors.required') }]}
            >
              <Input data-testid="settings-company" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="legalName" label={t('settings.legalName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="taxId" label={t('settings.taxId')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="phone" label={t('settings.phone')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="address" label={t('settings.address')}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="locale" label={t('settings.locale')}>
              <Select
                options={[
                  { value: 'zh-CN', label: '简体中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="baseCurrency" label={t('settings.baseCurrency')} tooltip={t('settings.baseCurrencyHint')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={currencyOptions(settings.data?.baseCurrency)}
                data-testid="settings-base-currency"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['numbering', 'order']} label={t('settings.orderPrefix')}>
              <Input maxLength={8} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name={['numbering', 'invoice']} label={t('settings.invoicePrefix')}>
              <Input maxLength={8} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="invoicingPolicy" label={t('settings.invoicingPolicy')}>
              <Select options={invoicingPolicies.map((p) => ({ value: p, label: t(`settings.${p}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="defaultPaymentTermsDays" label={t('settings.defaultPaymentTermsDays')}>
              <InputNumber min={0} max={365} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="approvalWaitingHours" label={t('settings.approvalWaitingHours')}>
              <InputNumber min={1} max={720} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="backorders" label={t('settings.backorders')} extra={t('settings.backordersHint')}>
              <Radio.Group
                aria-label={t('settings.backorders')}
                data-testid="settings-backorders"
                options={(['refuse', 'allow'] as const).map((m) => ({
                  value: m,
                  label: t(`settings.backorderModes.${m}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="timeZone" label={t('settings.timeZone')} tooltip={t('settings.timeZoneHint')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={[...new Set([...timeZones, settings.data?.timeZone ?? 'Asia/Shanghai'])].map((z) => ({
                  value: z,
                  label: timeZoneLabel(z),
                }))}
                data-testid="settings-time-zone"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="pricesIncludeTax"
              label={t('settings.pricesIncludeTax')}
              tooltip={t('settings.pricesIncludeTaxHint')}
              valuePropName="checked"
            >
              <Switch
                checkedChildren={t('money.inclusive')}
                unCheckedChildren={t('money.exclusive')}
                data-testid="settings-prices-include-tax"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="defaultTaxRate"
              label={t('settings.defaultTaxRate')}
              tooltip={t('settings.defaultTaxRateHint')}
            >
              <Select
                options={[...new Set([...taxRates, settings.data?.defaultTaxRate ?? 1300])].map((bps) => ({
                  value: bps,
                  label: `${bps / 100}%`,
                }))}
                data-testid="settings-default-tax-rate"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="bankName" label={t('settings.bankName')}>
              <Input maxLength={100} data-testid="settings-bank-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="bankAccount" label={t('settings.bankAccount')}>
              <Input maxLength={40} data-testid="settings-bank-account" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="appUrl"
              label={t('settings.appUrl')}
              tooltip={t('settings.appUrlHint')}
              rules={[{ type: 'url', message: t('settings.appUrlRule') }]}
            >
              <Input maxLength={300} placeholder="https://" data-testid="settings-app-url" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t('scopes.title')}</Divider>
        <Typography.Paragraph type="secondary">{t('scopes.hint')}</Typography.Paragraph>
        <Row gutter={16} data-testid="data-scopes">
          {roles.map((role) => (
            <Col xs={12} md={6} key={role}>
              <Form.Item name={['dataScopes', role]} label={t(`roles.${role}`)}>
                <Select
                  disabled={role === 'owner'}
                  options={(['own', 'department', 'all'] as const).map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
                  data-testid={`scope-${role}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Divider titlePlacement="start">{t('nav.groups.aftersales')}</Divider>
        <Row gutter={16} data-testid="ticket-settings">
          <Col xs={24} md={8}>
            <Form.Item name="ticketAssignment" label={t('settings.ticketAssignment')}>
              <Select
                options={ticketAssignments.map((a) => ({ value: a, label: t(`settings.assignments.${a}`) }))}
                data-testid="settings-ticket-assignment"
              />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph strong style={{ marginBottom: 4 }}>
          {t('settings.ticketSla')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('settings.ticketSlaHint')}</Typography.Paragraph>
        <Row gutter={16} data-testid="ticket-sla">
          {ticketPriorities.map((p) => (
            <Col xs={24} sm={12} lg={6} key={p}>
              <Typography.Text>{t(`aftersales.tickets.priorities.${p}`)}</Typography.Text>
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item name={['ticketSla', p, 'firstResponseMinutes']} label={t('settings.firstResponseMinutes')}>
                    <InputNumber
                      min={1}
                      max={43_200}
                      precision={0}
                      style={{ width: '100%' }}
                      data-testid={`sla-${p}-first`}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['ticketSla', p, 'resolutionMinutes']} label={t('settings.resolutionMinutes')}>
                    <InputNumber
                      min={1}
                      max={129_600}
                      precision={0}
                      style={{ width: '100%' }}
                      data-testid={`sla-${p}-resolution`}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Col>
          ))}
        </Row>
        {!readOnly && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </PageCard>
  );
}
