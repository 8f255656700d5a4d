import { Button, Empty, Space, Spin, Tag, Typography } from 'antd';
import { Timeline } from '../../kit/Timeline.tsx';
import { Card } from '../../kit/Card.tsx';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { call } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { PriorityTag, ReturnStatus, TicketStatus } from './shared.tsx';

/**
 * The customer's after-sales history: their tickets and returns (the latest 50 of each) in one
 * timeline, newest first, each leading to its page; a new ticket for them from here.
 */
export function CustomerAfterSales({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const tickets = useQuery({
    queryKey: ['tickets', { customerId }],
    enabled: can('listTickets'),
    queryFn: () => call('listTickets', { query: { customerId, limit: 50 } }),
  });
  const returns = useQuery({
    queryKey: ['returns', { customerId }],
    enabled: can('listReturns'),
    queryFn: () => call('listReturns', { query: { customerId, limit: 50 } }),
  });
  if (!can('listTickets') && !can('listReturns')) return null;
  const entries = [
    ...(tickets.data?.items ?? []).map((tk) => ({
      key: tk.id,
      at: tk.createdAt,
      node: (
        <div data-testid="customer-aftersales-ticket">
          <Space wrap size={4}>
            <Tag color="orange">{t('aftersales.customer.ticket')}</Tag>
            <Link to={`/tickets/${tk.id}`}>{tk.number}</Link>
            <TicketStatus status={tk.status} />
            <PriorityTag priority={tk.priority} />
            <Typography.Text type="secondary">{formatDateTime(tk.createdAt)}</Typography.Text>
          </Space>
          <div style={{ overflowWrap: 'anywhere' }}>
            {t(`aftersales.tickets.kinds.${tk.kind}`)} · {tk.subject}
            {tk.rating && ` · ${t('aftersales.rating.score', { score: tk.rating.score })}`}
          </div>
        </div>
      ),
    })),
    ...(returns.data?.items ?? []).map((r) => ({
      key: r.id,
      at: r.createdAt,
      node: (
        <div data-testid="customer-aftersales-return">
          <Space wrap size={4}>
            <Tag color="purple">{t('aftersales.customer.return')}</Tag>
            <Link to={`/returns/${r.id}`}>{r.number}</Link>
            <ReturnStatus status={r.status} />
            <Typography.Text type="secondary">{formatDateTime(r.createdAt)}</Typography.Text>
          </Space>
          <div>
            {r.orderNumber} · {t(`aftersales.returns.resolutions.${r.resolution}`)} ·{' '}
            <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(r.total, r.currency)}</span>
          </div>
        </div>
      ),
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Card
      title={t('aftersales.customer.title')}
      extra={
        can('createTicket') && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => navigate(`/tickets/new?customerId=${customerId}`)}
            data-testid="customer-new-ticket"
          >
            {t('aftersales.tickets.new')}
          </Button>
        )
      }
    >
      {tickets.isLoading || returns.isLoading ? (
        <Spin />
      ) : entries.length ? (
        <Timeline data-testid="customer-aftersales" items={entries.map((e) => ({ key: e.key, children: e.node }))} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('aftersales.customer.empty')} />
      )}
    </Card>
  );
}
