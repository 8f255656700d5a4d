import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { Timeline } from '../../kit/Timeline.tsx';
import { Card } from '../../kit/Card.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ticketPriorities } from '#shared/api/enums.ts';
import { call } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { usePeople } from '../../components/people.tsx';
import { UserSelect } from '../../components/UserSelect.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { HeaderCard } from '../../kit/HeaderCard.tsx';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { readAll } from '../../kit/useCursorList.ts';
import { CustomFieldInputs, useCustomFields } from '../../kit/CustomFields.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { ReturnsTable, TicketReturnModal } from './returns.tsx';
import { PriorityTag, RatingLink, RatingShown, SlaDue, TicketStatus, ticketMoves, type Ticket } from './shared.tsx';

type Patch = { assigneeId?: string | null; priority?: Ticket['priority']; status?: Ticket['status'] };

/** The conversation: what was said to the customer and the team's internal notes, oldest first, and a new one. */
function Comments({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const people = usePeople();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ body: string; internal: boolean }>();
  const comments = useQuery({
    queryKey: ['ticket-comments', ticket.id],
    queryFn: () => call('listTicketComments', { params: { id: ticket.id } }),
  });
  const add = useMutation({
    mutationFn: (v: { body: string; internal: boolean }) =>
      call('addTicketComment', { params: { id: ticket.id }, body: { body: v.body.trim(), internal: v.internal } }),
    onSuccess: () => {
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['ticket-comments', ticket.id] });
      void queryClient.invalidateQueries({ queryKey: ['ticket', ticket.id] });
    },
  });
  const items = comments.data?.items ?? [];
  return (
    <Card title={t('aftersales.tickets.comments')}>
      {comments.isLoading ? (
        <Spin />
      ) : items.length ? (
        <Timeline
          data-testid="ticket-comments"
          items={items.map((c) => ({
            key: c.id,
            color: c.internal ? 'gray' : 'blue',
            children: (
              <div data-testid="ticket-comment">
                <Space wrap size={4}>
                  <Tag color={c.internal ? 'default' : 'blue'}>
                    {t(c.internal ? 'aftersales.tickets.internal' : 'aftersales.tickets.toCustomer')}
                  </Tag>
                  <Typography.Text type="secondary">
                    {people.nameOf(c.authorId)} · {formatDateTime(c.at)}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                  {c.body}
                </Typography.Paragraph>
              </div>
            ),
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('aftersales.tickets.noComments')} />
      )}
      {can('addTicketComment') && (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => add.mutate(v)}
          initialValues={{ internal: false }}
          style={{ marginTop: 16 }}
        >
          {add.error && <Alert type="error" showIcon title={errorMessage(t, add.error)} style={{ marginBottom: 8 }} />}
          <Form.Item
            name="body"
            label={t('aftersales.tickets.commentBody')}
            rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
          >
            <Input.TextArea rows={3} maxLength={5000} data-testid="comment-body" />
          </Form.Item>
          <Form.Item name="internal" valuePropName="checked" extra={t('aftersales.tickets.internalHint')}>
            <Checkbox data-testid="comment-internal">{t('aftersales.tickets.internal')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="comment-submit">
            {t('aftersales.tickets.addComment')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** The returns asked for from this ticket (its order's, picked by the ticket they name). */
function TicketReturns({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const returns = useQuery({
    queryKey: ['ticket-returns', ticket.id],
    enabled: Boolean(ticket.orderId) && can('listReturns'),
    queryFn: async () =>
      (
        await readAll((cursor) => call('listReturns', { query: { orderId: ticket.orderId!, cursor, limit: 100 } }))
      ).filter((r) => r.ticketId === ticket.id),
  });
  if (!returns.data?.length) return null;
  return (
    <Card title={t('aftersales.tickets.returns')}>
      <ReturnsTable returns={returns.data} loading={returns.isFetching} testId="ticket-returns" />
    </Card>
  );
}

/** 工单: who handles it, how urgent, where it stands against its SLA, the conversation, the return, the rating. */
export function TicketPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const { me, can } = useAuth();
  const people = usePeople();
  const queryClient = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [editingFields, setEditingFields] = useState(false);
  const cf = useCustomFields('ticket');
  const query = useQuery({ queryKey: ['ticket', id], queryFn: () => call('getTicket', { params: { id: id! } }) });
  const patch = useMutation({
    mutationFn: (body: Patch) =>
      call('updateTicket', { params: { id: query.data!.id }, ifMatch: query.data!.version, body }),
    onSuccess: (next) => {
      queryClient.setQueryData(['ticket', id], next);
      void queryClient.invalidateQueries({ queryKey: ['tickets'] });
      message.success(t('aftersales.tickets.updated'));
    },
    onError: (e) => {
      // A field the company made required since the ticket was opened is asked for first.
      const missing = cf.refusedLabels(e);
      if (!missing.length) return void message.error(errorMessage(t, e));
      message.error(t('customFields.fillFirst', { fields: missing.join(t('customFields.listSeparator')) }));
      setEditingFields(true);
    },
  });
  if (query.isLoading) return <Spin />;
  if (!query.data) return <Alert type="error" title={errorMessage(t, query.error)} />;
  const tk = query.data;
  const writable = can('updateTicket');
  const moveLabel = (to: Ticket['status']) =>
    to === 'in_progress' && (tk.status === 'resolved' || tk.status === 'closed')
      ? t('aftersales.tickets.moves.reopen')
      : t(`aftersales.tickets.moves.${to}`);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <HeaderCard
        title={
          <Space wrap>
            <PageHeading testId="ticket-number">{tk.number}</PageHeading>
            <TicketStatus status={tk.status} testId="ticket-status" />
            <PriorityTag priority={tk.priority} />
          </Space>
        }
        actions={
          <Space wrap>
            {writable &&
              ticketMoves[tk.status].map((to) => (
                <Button
                  key={to}
                  type={to === 'resolved' ? 'primary' : 'default'}
                  loading={patch.isPending && patch.variables?.status === to}
                  onClick={() => patch.mutate({ status: to })}
                  data-testid={`ticket-move-${to}`}
                >
                  {moveLabel(to)}
                </Button>
              ))}
            {writable && (cf.fields.length > 0 || cf.shown(tk.customFields).length > 0) && (
              <Button onClick={() => setEditingFields(true)} data-testid="ticket-edit-fields">
                {t('customFields.editValues')}
              </Button>
            )}
            {tk.orderId && can('createReturn') && (
              <Button onClick={() => setReturning(true)} data-testid="ticket-create-return">
                {t('aftersales.tickets.createReturn')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }} data-testid="ticket-subject-text">
          {tk.subject}
        </Typography.Title>
        {tk.description && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="ticket-description-text">
            {tk.description}
          </Typography.Paragraph>
        )}
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('aftersales.tickets.customer')}>
            <Link to={`/customers/${tk.customerId}`}>{tk.customerName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.tickets.order')}>
            {tk.orderId ? (
              <Link to={`/orders/${tk.orderId}`} data-testid="ticket-order-link">
                {tk.orderNumber}
              </Link>
            ) : (
              t('common.none')
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.tickets.kind')}>
            {t(`aftersales.tickets.kinds.${tk.kind}`)} · {t(`aftersales.tickets.channels.${tk.channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.tickets.assignee')}>
            {writable ? (
              <Space wrap size={4}>
                <UserSelect
                  value={tk.assigneeId}
                  onChange={(assigneeId) => patch.mutate({ assigneeId })}
                  placeholder={t('aftersales.tickets.unassigned')}
                  ariaLabel={t('aftersales.tickets.assignee')}
                  testId="ticket-assignee"
                  style={{ width: 200, maxWidth: '100%' }}
                />
                {tk.assigneeId !== me?.user.id && (
                  <Button
                    size="small"
                    onClick={() => patch.mutate({ assigneeId: me!.user.id })}
                    data-testid="ticket-take"
                  >
                    {t('aftersales.tickets.take')}
                  </Button>
                )}
              </Space>
            ) : (
              <span>{tk.assigneeId ? people.nameOf(tk.assigneeId) : t('aftersales.tickets.unassigned')}</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.tickets.priority')}>
            {writable ? (
              <Select
                value={tk.priority}
                onChange={(priority) => patch.mutate({ priority })}
                aria-label={t('aftersales.tickets.priority')}
                style={{ width: 120 }}
                options={ticketPriorities.map((p) => ({ value: p, label: t(`aftersales.tickets.priorities.${p}`) }))}
                data-testid="ticket-priority-select"
              />
            ) : (
              <PriorityTag priority={tk.priority} />
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.tickets.due')}>
            <SlaDue ticket={tk} testId="ticket-sla" />
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.tickets.firstResponseDue')}>
            {formatDateTime(tk.firstResponseDue)}
            {tk.firstRespondedAt && ` · ${t('aftersales.tickets.met')} ${formatDateTime(tk.firstRespondedAt)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.tickets.resolutionDue')}>
            {formatDateTime(tk.resolutionDue)}
            {tk.resolvedAt && ` · ${t('aftersales.tickets.statuses.resolved')} ${formatDateTime(tk.resolvedAt)}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('aftersales.tickets.createdAt')}>
            {formatDateTime(tk.createdAt)} · {people.nameOf(tk.createdBy)}
            {tk.reopened > 0 && ` · ${t('aftersales.tickets.reopened', { count: tk.reopened })}`}
          </Descriptions.Item>
          {cf.shown(tk.customFields).map((v) => (
            <Descriptions.Item key={`cf.${v.key}`} label={v.label}>
              <span data-testid={`cf-shown-${v.key}`}>{v.value}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </HeaderCard>
      {(tk.ratingUrl || tk.rating) && (
        <Card title={t('aftersales.rating.title')}>
          {tk.rating ? (
            <RatingShown rating={tk.rating} testId="ticket-rating" />
          ) : (
            tk.ratingUrl && <RatingLink url={tk.ratingUrl} testId="ticket-rating-url" />
          )}
        </Card>
      )}
      <TicketReturns ticket={tk} />
      <Comments ticket={tk} />
      <ModalForm<{ customFields?: Record<string, unknown> }, Ticket>
        open={editingFields}
        title={t('customFields.editValues')}
        initialValues={{ customFields: tk.customFields }}
        submit={(v) =>
          call('updateTicket', {
            params: { id: tk.id },
            ifMatch: tk.version,
            body: { customFields: cf.body(tk.customFields, v.customFields) },
          })
        }
        refresh={[['tickets']]}
        successMessage={t('aftersales.tickets.updated')}
        onDone={(next) => queryClient.setQueryData(['ticket', id], next)}
        onClose={() => setEditingFields(false)}
      >
        <CustomFieldInputs entity="ticket" values={tk.customFields} cols={{ xs: 24, sm: 12 }} />
      </ModalForm>
      {returning && tk.orderId && (
        <TicketReturnModal orderId={tk.orderId} ticketId={tk.id} onClose={() => setReturning(false)} />
      )}
    </Space>
  );
}
