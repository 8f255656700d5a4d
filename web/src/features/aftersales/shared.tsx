import { Rate, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { priorityColor, returnColor, ticketColor } from '../../status.ts';

export type Ticket = Output<'getTicket'>;
export type Return = Output<'getReturn'>;
export type CreditNote = Output<'getCreditNote'>;

/** A ticket's status moves (the server's state machine), each as the button that makes it. */
export const ticketMoves: Record<Ticket['status'], Ticket['status'][]> = {
  open: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

export function TicketStatus({ status, testId }: { status: Ticket['status']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={ticketColor[status]} data-testid={testId}>
      {t(`aftersales.tickets.statuses.${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: Ticket['priority'] }) {
  const { t } = useTranslation();
  return <Tag color={priorityColor[priority]}>{t(`aftersales.tickets.priorities.${priority}`)}</Tag>;
}

export function ReturnStatus({ status, testId }: { status: Return['status']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={returnColor[status]} data-testid={testId}>
      {t(`aftersales.returns.statuses.${status}`)}
    </Tag>
  );
}

/**
 * The SLA time a ticket is working against now: the first response until someone answered the
 * customer, then the resolution until it is resolved. Red once it has passed (or was missed).
 */
export function SlaDue({ ticket, testId }: { ticket: Ticket; testId?: string }) {
  const { t } = useTranslation();
  const done = ticket.status === 'resolved' || ticket.status === 'closed';
  const timer: 'first_response' | 'resolution' = !ticket.firstRespondedAt && !done ? 'first_response' : 'resolution';
  const due = timer === 'first_response' ? ticket.firstResponseDue : ticket.resolutionDue;
  const missed = ticket.breached.includes(timer) || (!done && new Date(due).getTime() < Date.now());
  if (done)
    return (
      <Typography.Text type={ticket.breached.length ? 'danger' : 'success'} data-testid={testId}>
        {ticket.breached.length
          ? t('aftersales.tickets.breached', {
              list: ticket.breached.map((b) => t(`aftersales.tickets.timers.${b}`)).join(', '),
            })
          : t('aftersales.tickets.met')}
      </Typography.Text>
    );
  return (
    <Space size={4} wrap data-testid={testId}>
      <Typography.Text type={missed ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {t(`aftersales.tickets.timers.${timer}`)} {formatDateTime(due)}
      </Typography.Text>
      {missed && <Tag color="red">{t('aftersales.tickets.overdue')}</Tag>}
    </Space>
  );
}

/** A rating link as the customer will open it: absolute, on this app's address when the server gave a path. */
export const absoluteUrl = (url: string) => (url.startsWith('/') ? `${window.location.origin}${url}` : url);

/** The customer's rating link with a copy button, for staff to send on (WeChat, SMS). */
export function RatingLink({ url, testId }: { url: string; testId: string }) {
  const { t } = useTranslation();
  const full = absoluteUrl(url);
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('aftersales.rating.linkHint')}
      </Typography.Paragraph>
      <Typography.Paragraph
        code
        copyable={{
          text: full,
          tooltips: [t('aftersales.rating.copy'), t('aftersales.rating.copied')],
        }}
        style={{ overflowWrap: 'anywhere', marginBottom: 0 }}
        data-testid={testId}
      >
        {full}
      </Typography.Paragraph>
    </div>
  );
}

/** A given rating: the stars (read only) and the customer's words. */
export function RatingShown({ rating, testId }: { rating: NonNullable<Ticket['rating']>; testId: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId}>
      <Space wrap>
        <Rate disabled value={rating.score} aria-label={t('aftersales.rating.score', { score: rating.score })} />
        <Typography.Text strong data-testid={`${testId}-score`}>
          {t('aftersales.rating.score', { score: rating.score })}
        </Typography.Text>
        <Typography.Text type="secondary">{formatDateTime(rating.at)}</Typography.Text>
      </Space>
      {rating.comment && (
        <Typography.Paragraph style={{ marginTop: 8, whiteSpace: 'pre-wrap' }} data-testid={`${testId}-comment`}>
          {rating.comment}
        </Typography.Paragraph>
      )}
    </div>
  );
}
