import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Space,
  Spin,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { List } from '../../kit/List.tsx';
import { Timeline } from '../../kit/Timeline.tsx';
import { Card } from '../../kit/Card.tsx';
import { DateField, DateRangeField } from '../../kit/DateField.tsx';
import { EditOutlined, InboxOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { statusColor } from '../../status.ts';
import { noteChannels } from '#shared/api/enums.ts';
import { call, openPrintable } from '../../api.ts';
import { HeaderCard } from '../../kit/HeaderCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDate, formatDateTime, formatMoney } from '../../format.ts';
import { currencyName } from '../../currencies.ts';
import { CustomerPayments } from '../finance/payments.tsx';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { usePeople } from '../../components/people.tsx';
import { OwnershipButton } from './ownership.tsx';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { CustomerAfterSales } from '../aftersales/CustomerAfterSales.tsx';
import { useCustomFields } from '../../kit/CustomFields.tsx';

type Customer = Awaited<ReturnType<typeof call<'getCustomer'>>>;

/** 开票信息: what the customer's fapiao must carry; empty until someone enters it. */
function BillingCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const b = customer.billing;
  const none = t('common.none');
  return (
    <Card title={t('billing.title')} data-testid="customer-billing">
      {b ? (
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t('billing.invoiceTitle')}>{b.title}</Descriptions.Item>
          <Descriptions.Item label={t('billing.taxId')}>{b.taxId ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('billing.bankName')}>{b.bankName ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('billing.bankAccount')}>{b.bankAccount ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('billing.address')}>{b.address ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('billing.phone')}>{b.phone ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('billing.fapiaoType')}>
            {t(`billing.fapiaoTypes.${b.fapiaoType}`)}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('billing.empty')} />
      )}
    </Card>
  );
}

function Notes({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const notes = useCursorList(['notes', customerId], (cursor) =>
    call('listCustomerNotes', { params: { id: customerId }, query: { cursor, limit: 20 } }),
  );
  const add = useMutation({
    mutationFn: (v: {
      channel: (typeof noteChannels)[number];
      body: string;
      at?: Dayjs;
      nextFollowUpAt?: Dayjs | null;
    }) =>
      call('addCustomerNote', {
        params: { id: customerId },
        body: {
          channel: v.channel,
          body: v.body,
          at: v.at?.toISOString(),
          // A day to follow up: the owner is reminded that morning (09:00 where the browser is).
          ...(v.nextFollowUpAt ? { nextFollowUpAt: v.nextFollowUpAt.hour(9).minute(0).second(0).toISOString() } : {}),
        },
      }),
    onSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['notes', customerId] });
    },
  });
  return (
    <Card title={t('customers.notes')}>
      {can('addCustomerNote') && (
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)} initialValues={{ channel: 'call' }}>
          {add.error && <Alert type="error" showIcon title={errorMessage(t, add.error)} style={{ marginBottom: 8 }} />}
          <Space wrap>
            <Form.Item name="channel" label={t('customers.channel')}>
              <Radio.Group
                optionType="button"
                options={noteChannels.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
                data-testid="note-channel"
              />
            </Form.Item>
            <Form.Item name="at" label={t('customers.at')}>
              <DateField showTime />
            </Form.Item>
            <Form.Item
              name="nextFollowUpAt"
              label={t('customers.nextFollowUp')}
              tooltip={t('customers.nextFollowUpHint')}
            >
              <DateField min={dayjs()} data-testid="note-follow-up" placeholder={t('customers.pickDay')} />
            </Form.Item>
          </Space>
          <Form.Item
            name="body"
            label={t('customers.noteBody')}
            rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
          >
            <Input.TextArea rows={3} maxLength={4000} data-testid="note-body" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="note-submit">
            {t('customers.addNote')}
          </Button>
        </Form>
      )}
      <div style={{ marginTop: 24 }} data-testid="notes">
        {notes.items.length ? (
          <Timeline
            items={notes.items.map((n) => ({
              key: n.id,
              children: (
                <div>
                  <Space wrap>
                    <Tag color="orange">{t(`channels.${n.channel}`)}</Tag>
                    <Typography.Text type="secondary">{formatDateTime(n.at)}</Typography.Text>
                    {n.nextFollowUpAt && (
                      <Tag color={n.followUpRemindedAt ? 'default' : 'blue'} data-testid="note-next-follow-up">
                        {t('customers.followUpOn', { date: formatDate(n.nextFollowUpAt) })}
                      </Tag>
                    )}
                  </Space>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{n.body}</Typography.Paragraph>
                </div>
              ),
            }))}
          />
        ) : (
          <Empty description={t('customers.noNotes')} />
        )}
        {(notes.pager.cursors.length > 0 || notes.pager.nextCursor) && <Pager {...notes.pager} />}
      </div>
    </Card>
  );
}

function CustomerOrders({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const summary = useQuery({
    queryKey: ['customer-summary', customerId],
    queryFn: () => call('getCustomerSummary', { params: { id: customerId } }),
  });
  const s = summary.data;
  const orders = useCursorList(['customer-orders', customerId], (cursor) =>
    call('listCustomerOrders', { params: { id: customerId }, query: { cursor, limit: 10 } }),
  );
  return (
    <Card title={t('orders.title')}>
      {s && (
        <Row gutter={16} style={{ marginBottom: 16 }} data-testid="customer-summary">
          <Col xs={12} md={6}>
            <Statistic title={t('customers.lifetimeValue')} value={formatMoney(s.lifetimeValue.amount, s.currency)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('customers.openOrders')} value={s.openOrders} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('customers.creditExposure')} value={formatMoney(s.creditExposure.amount, s.currency)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('customers.lastOrder')}
              value={s.lastOrderAt ? formatDateTime(s.lastOrderAt) : t('common.none')}
            />
          </Col>
        </Row>
      )}
      <CardTable
        rowKey="id"
        size="small"
        loading={orders.isFetching}
        dataSource={orders.items}
        pagination={false}
        scroll={{ x: true }}
        testId="customer-orders"
        card={(o) => ({
          title: <Link to={`/orders/${o.id}`}>{o.number}</Link>,
          extra: <Tag color={statusColor[o.status]}>{t(`orders.statuses.${o.status}`)}</Tag>,
          fields: [
            { label: t('orders.total'), value: formatMoney(o.total, o.currency) },
            { label: t('orders.createdAt'), value: formatDateTime(o.createdAt) },
          ],
        })}
        columns={[
          { title: t('orders.number'), render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link> },
          {
            title: t('orders.status'),
            render: (_, o) => <Tag color={statusColor[o.status]}>{t(`orders.statuses.${o.status}`)}</Tag>,
          },
          {
            title: t('orders.total'),
            render: (_, o) => <span style={nowrap}>{formatMoney(o.total, o.currency)}</span>,
            align: 'right' as const,
          },
          { title: t('orders.createdAt'), render: (_, o) => formatDateTime(o.createdAt), responsive: ['md' as const] },
        ]}
      />
      {(orders.pager.cursors.length > 0 || orders.pager.nextCursor) && <Pager {...orders.pager} />}
    </Card>
  );
}

/** The statement of account (对账单) for a period, this month by default, opened to print. */
function StatementButton({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const print = () =>
    openPrintable('printCustomerStatement', {
      params: { id: customerId },
      query: {
        from: range[0].format('YYYY-MM-DD'),
        to: range[1].format('YYYY-MM-DD'),
        lang: i18n.language === 'en' ? 'en' : 'zh-CN',
      },
    }).then(
      () => setOpen(false),
      (e: unknown) => {
        message.error(errorMessage(t, e));
      },
    );
  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => setOpen(true)} data-testid="customer-statement">
        {t('customers.statement')}
      </Button>
      <Modal
        open={open}
        title={t('customers.statement')}
        onCancel={() => setOpen(false)}
        onOk={() => void print()}
        okText={t('customers.printStatement')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('customers.statementHint')}</Typography.Paragraph>
        <DateRangeField
          value={range}
          allowClear={false}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
          data-testid="statement-range"
        />
      </Modal>
    </>
  );
}

export function CustomerPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const people = usePeople();
  const cf = useCustomFields('customer');
  const queryClient = useQueryClient();
  const {
    data: c,
    error,
    isLoading,
  } = useQuery({ queryKey: ['customer', id], queryFn: () => call('getCustomer', { params: { id: id! } }) });
  const archive = useMutation({
    mutationFn: () => call('archiveCustomer', { params: { id: id! }, ifMatch: c!.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['customer', id], updated);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      message.success(t('customers.archived'));
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  // The customer's credit (预收款) comes with its summary, in its own currency.
  const summary = useQuery({
    queryKey: ['customer-summary', id],
    queryFn: () => call('getCustomerSummary', { params: { id: id! } }),
  });
  if (isLoading) return <Spin />;
  if (error || !c) return <Alert type="error" title={errorMessage(t, error)} />;
  const none = t('common.none');
  const credit = summary.data?.credit;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <HeaderCard
        title={
          <Space wrap>
            <PageHeading testId="customer-title">{c.name}</PageHeading>
            <Tag>{t(`stages.${c.stage}`)}</Tag>
            {c.archivedAt && <Tag color="red">{t('customers.archived')}</Tag>}
          </Space>
        }
        actions={
          <Space wrap>
            <OwnershipButton customer={c} />
            {can('printCustomerStatement') && <StatementButton customerId={c.id} />}
            {can('updateCustomer') && !c.archivedAt && (
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(`/customers/${c.id}/edit`)}
                data-testid="edit-customer"
              >
                {t('common.edit')}
              </Button>
            )}
            {can('archiveCustomer') && !c.archivedAt && (
              <Popconfirm
                title={t('customers.archiveConfirm')}
                onConfirm={() => archive.mutate()}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button danger icon={<InboxOutlined />}>
                  {t('customers.archive')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('customers.owner')}>
            <span data-testid="customer-owner">{people.nameOf(c.ownerId)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.kind')}>{t(`kinds.${c.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('customers.tier')}>{c.tier ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('customers.tags')}>
            {c.tags.length
              ? c.tags.map((tag) => (
                  <Tag key={tag} color="orange">
                    {tag}
                  </Tag>
                ))
              : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('money.currency')}>
            <span data-testid="customer-currency">
              {c.currency} · {currencyName(c.currency)}
            </span>
          </Descriptions.Item>
          {credit && (
            <Descriptions.Item label={t('payments.credit')}>
              <span data-testid="customer-credit">{formatMoney(credit.amount, credit.currency)}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('customers.creditLimit')}>
            {c.creditLimit ? formatMoney(c.creditLimit.amount, c.creditLimit.currency) : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('customers.paymentTermsDays')}>{c.paymentTermsDays ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(c.updatedAt)}</Descriptions.Item>
          {cf.shown(c.customFields).map((v) => (
            <Descriptions.Item key={`cf.${v.key}`} label={v.label}>
              <span data-testid={`cf-shown-${v.key}`}>{v.value}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </HeaderCard>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('customers.contacts')}>
            <List
              dataSource={c.contacts}
              locale={{ emptyText: none }}
              renderItem={(x) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space>
                        {x.name}
                        {x.isPrimary && <Tag color="green">{t('customers.primary')}</Tag>}
                      </Space>
                    }
                    description={[x.title, x.phone, x.email].filter(Boolean).join(' · ') || none}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('customers.addresses')}>
            <List
              dataSource={c.addresses}
              locale={{ emptyText: none }}
              renderItem={(a) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space>
                        {a.label ?? t('customers.addresses')}
                        {a.isDefault && <Tag color="green">{t('customers.default')}</Tag>}
                      </Space>
                    }
                    description={[a.province, a.city, a.district, a.line1, a.postalCode].filter(Boolean).join(' ')}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <BillingCard customer={c} />
      <CustomerOrders customerId={c.id} />
      {can('listCustomerPayments') && <CustomerPayments customerId={c.id} currency={c.currency} />}
      <CustomerAfterSales customerId={c.id} />
      <Notes customerId={c.id} />
    </Space>
  );
}
