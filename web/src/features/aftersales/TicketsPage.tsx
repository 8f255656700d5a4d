import { useState } from 'react';
import { Button, Empty, Segmented, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ticketStatuses } from '#shared/api/enums.ts';
import { call } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { usePeople } from '../../components/people.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { CustomFieldFilters, cfQuery, useCustomFields } from '../../kit/CustomFields.tsx';
import { PriorityTag, SlaDue, TicketStatus, type Ticket } from './shared.tsx';

type View = 'mine' | 'unassigned' | 'all';
type Status = (typeof ticketStatuses)[number];

/** 工单: mine, unassigned or all, by status; each with its priority and the SLA time it runs against. */
export function TicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const people = usePeople();
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') ?? 'mine') as View;
  const status = (params.get('status') ?? undefined) as Status | undefined;
  const setFilter = (name: 'view' | 'status', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const assigneeId = view === 'mine' ? 'me' : view === 'unassigned' ? 'none' : undefined;
  const [filters, setFilters] = useState<Record<string, string>>({});
  const cf = useCustomFields('ticket');
  const list = useCursorList(['tickets', { view, status, filters }], (cursor) =>
    call('listTickets', { query: { status, assigneeId, cursor, limit: 20, ...cfQuery(filters) } }),
  );
  const link = (tk: Ticket) => <Link to={`/tickets/${tk.id}`}>{tk.number}</Link>;
  return (
    <PageCard
      title={t('aftersales.tickets.title')}
      extra={
        can('createTicket') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/tickets/new')}
            data-testid="new-ticket"
          >
            {t('aftersales.tickets.new')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={view}
          onChange={(v) => setFilter('view', v as string)}
          options={(['mine', 'unassigned', 'all'] as const).map((v) => ({
            value: v,
            label: t(`aftersales.tickets.views.${v}`),
          }))}
          data-testid="ticket-view"
        />
        <Select
          allowClear
          placeholder={t('aftersales.tickets.status')}
          aria-label={t('aftersales.tickets.status')}
          style={{ width: 150 }}
          value={status}
          onChange={(v) => setFilter('status', v)}
          options={ticketStatuses.map((s) => ({ value: s, label: t(`aftersales.tickets.statuses.${s}`) }))}
          data-testid="ticket-status-filter"
        />
        <CustomFieldFilters entity="ticket" value={filters} onChange={setFilters} />
      </Space>
      {list.error && <Typography.Text type="danger">{errorMessage(t, list.error)}</Typography.Text>}
      <CardTable<Ticket>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        testId="tickets-table"
        emptyText={<Empty description={t('aftersales.tickets.none')} />}
        card={(tk) => ({
          title: (
            <span>
              {link(tk)} {tk.subject}
            </span>
          ),
          extra: <TicketStatus status={tk.status} />,
          fields: [
            { label: t('aftersales.tickets.customer'), value: tk.customerName },
            { label: t('aftersales.tickets.priority'), value: <PriorityTag priority={tk.priority} /> },
            { label: t('aftersales.tickets.due'), value: <SlaDue ticket={tk} /> },
            { label: t('aftersales.tickets.assignee'), value: assigneeName(tk, people.nameOf, t) },
            ...cf.cardFields(tk.customFields),
          ],
        })}
        columns={[
          { title: t('aftersales.tickets.number'), render: (_, tk) => link(tk), onCell: () => ({ style: nowrap }) },
          { title: t('aftersales.tickets.subject'), dataIndex: 'subject' },
          { title: t('aftersales.tickets.customer'), dataIndex: 'customerName', responsive: ['md'] },
          ...cf.columns<Ticket>(),
          { title: t('aftersales.tickets.priority'), render: (_, tk) => <PriorityTag priority={tk.priority} /> },
          { title: t('aftersales.tickets.status'), render: (_, tk) => <TicketStatus status={tk.status} /> },
          { title: t('aftersales.tickets.due'), render: (_, tk) => <SlaDue ticket={tk} /> },
          {
            title: t('aftersales.tickets.assignee'),
            render: (_, tk) => assigneeName(tk, people.nameOf, t),
            responsive: ['lg'],
          },
          {
            title: t('aftersales.tickets.createdAt'),
            render: (_, tk) => formatDateTime(tk.createdAt),
            responsive: ['xl'],
          },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}

export const assigneeName = (
  tk: Ticket,
  nameOf: (id: string | null | undefined) => string,
  t: (key: string) => string,
) => (tk.assigneeId ? nameOf(tk.assigneeId) : t('aftersales.tickets.unassigned'));
