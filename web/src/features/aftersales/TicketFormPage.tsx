import { Alert, Button, Col, Form, Input, Row, Select, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ticketChannels, ticketKinds, ticketPriorities } from '#shared/api/enums.ts';
import { call } from '../../api.ts';
import { CustomerPicker } from '../../components/pickers.tsx';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { formatDate } from '../../format.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { CustomFieldInputs, useCustomFields } from '../../kit/CustomFields.tsx';

interface Values {
  customerId: string;
  orderId?: string;
  kind: (typeof ticketKinds)[number];
  priority: (typeof ticketPriorities)[number];
  channel: (typeof ticketChannels)[number];
  subject: string;
  description?: string;
  customFields?: Record<string, unknown>;
}

/** The customer's recent orders, to tie the ticket to one. */
function OrderSelect({
  customerId,
  value,
  onChange,
  id,
}: {
  customerId?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const orders = useQuery({
    queryKey: ['customer-orders', customerId, 'ticket-picker'],
    enabled: Boolean(customerId),
    queryFn: () => call('listCustomerOrders', { params: { id: customerId! }, query: { limit: 50 } }),
  });
  return (
    <Select
      id={id}
      allowClear
      disabled={!customerId}
      loading={orders.isFetching}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      options={(orders.data?.items ?? []).map((o) => ({
        value: o.id,
        label: `${o.number} · ${t(`orders.statuses.${o.status}`)} · ${formatDate(o.createdAt)}`,
      }))}
      data-testid="ticket-order"
    />
  );
}

/** A customer's call (or message) taken down as a ticket: who, about which order, what kind, how urgent. */
export function TicketFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const customerId = Form.useWatch('customerId', form);
  const cf = useCustomFields('ticket');
  const create = useMutation({
    mutationFn: (v: Values) =>
      call('createTicket', {
        body: {
          customerId: v.customerId,
          orderId: v.orderId || undefined,
          kind: v.kind,
          priority: v.priority,
          channel: v.channel,
          subject: v.subject.trim(),
          description: v.description?.trim() ?? '',
          customFields: cf.body(undefined, v.customFields),
        },
      }),
    onSuccess: (ticket) => {
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      navigate(`/tickets/${ticket.id}`, { replace: true });
    },
    onError: (e) => showFieldErrors(form, e),
  });
  return (
    <PageCard title={t('aftersales.tickets.new')}>
      {create.error && (
        <Alert type="error" showIcon title={errorMessage(t, create.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{
          customerId: params.get('customerId') ?? undefined,
          orderId: params.get('orderId') ?? undefined,
          kind: 'complaint',
          priority: 'normal',
          channel: 'phone',
        }}
        onValuesChange={(changed) => {
          if ('customerId' in changed) form.setFieldValue('orderId', undefined);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="customerId"
              label={t('aftersales.tickets.customer')}
              rules={[{ required: true, message: t('errors.required') }]}
            >
              <CustomerPicker testId="ticket-customer" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="orderId" label={t('aftersales.tickets.order')}>
              <OrderSelect customerId={customerId} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="kind" label={t('aftersales.tickets.kind')}>
              <Select
                options={ticketKinds.map((k) => ({ value: k, label: t(`aftersales.tickets.kinds.${k}`) }))}
                data-testid="ticket-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="priority" label={t('aftersales.tickets.priority')}>
              <Select
                options={ticketPriorities.map((p) => ({ value: p, label: t(`aftersales.tickets.priorities.${p}`) }))}
                data-testid="ticket-priority"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="channel" label={t('aftersales.tickets.channel')}>
              <Select
                options={ticketChannels.map((c) => ({ value: c, label: t(`aftersales.tickets.channels.${c}`) }))}
                data-testid="ticket-channel"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="subject"
              label={t('aftersales.tickets.subject')}
              rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
            >
              <Input maxLength={200} data-testid="ticket-subject" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('aftersales.tickets.description')}>
              <Input.TextArea rows={4} maxLength={5000} data-testid="ticket-description" />
            </Form.Item>
          </Col>
        </Row>
        <CustomFieldInputs entity="ticket" title={t('customFields.section')} cols={{ xs: 24, sm: 12, md: 8 }} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="ticket-submit">
            {t('common.create')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </PageCard>
  );
}
