import { Alert, Empty, Space, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type Output } from '../../api.ts';
import { usePeople } from '../../components/people.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { statusColor } from '../../status.ts';
import { nowrap } from '../../kit/CardTable.tsx';
import { onDemand } from '../../kit/on-demand.tsx';

type Order = Output<'getOrder'>;
type Revision = Output<'listOrderRevisions'>['items'][number];

/** The statuses an order may be revised in (改单): confirmed, or partly shipped. */
export const revisable = (o: Order) => o.status === 'confirmed' || o.status === 'partially_shipped';

const fieldValue = (t: (k: string) => string, v: unknown): string => {
  if (v === null || v === undefined || v === '') return t('orders.revisions.empty');
  if (typeof v === 'object') {
    const a = v as Record<string, unknown>;
    return [a.province, a.city, a.district, a.line1, a.name, a.phone].filter(Boolean).join(' ') || JSON.stringify(v);
  }
  return String(v);
};

/** One revision's changes, a line each: added, removed, quantity / price / discount from → to, and other fields. */
function RevisionDiff({ revision: r, currency }: { revision: Revision; currency: string }) {
  const { t } = useTranslation();
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
      {r.lines.map((l) => {
        const parts = [
          l.change !== 'removed' && l.quantity
            ? t('orders.revisions.quantity', { from: l.quantity.from, to: l.quantity.to })
            : null,
          l.change !== 'removed' && l.unitPrice
            ? t('orders.revisions.unitPrice', {
                from: formatMoney(l.unitPrice.from, currency),
                to: formatMoney(l.unitPrice.to, currency),
              })
            : null,
          l.discountBps
            ? t('orders.revisions.discount', { from: l.discountBps.from / 100, to: l.discountBps.to / 100 })
            : null,
        ].filter(Boolean);
        return (
          <li key={l.lineId} data-testid={`revision-${r.n}-line-${l.lineId}`} style={{ overflowWrap: 'anywhere' }}>
            <Tag color={l.change === 'added' ? 'green' : l.change === 'removed' ? 'red' : 'blue'}>
              {t(`orders.revisions.changes.${l.change}`)}
            </Tag>
            {l.sku} {l.name}
            {l.change === 'added' && l.quantity ? ` × ${l.quantity.to}` : ''}
            {l.change === 'added' && l.unitPrice ? ` @ ${formatMoney(l.unitPrice.to, currency)}` : ''}
            {l.change === 'changed' && parts.length ? `：${parts.join('；')}` : ''}
          </li>
        );
      })}
      {r.fields.map((f) => (
        <li key={f.field} data-testid={`revision-${r.n}-field-${f.field}`} style={{ overflowWrap: 'anywhere' }}>
          {t('orders.revisions.field', {
            field: t(`orders.revisions.fields.${f.field}`, f.field),
            from: fieldValue(t, f.from),
            to: fieldValue(t, f.to),
          })}
        </li>
      ))}
    </ul>
  );
}

// 改单's dialog (lines, prices, dates) loads when it is opened.
export const ReviseModal = onDemand(async () => (await import('./revise-dialog.tsx')).ReviseModal);

/** 修改记录: each revision after confirmation — who, when, why, the totals before and after, and its diff. */
export function OrderRevisions({ order: o, known }: { order: Order; known?: Map<string, string> }) {
  const { t } = useTranslation();
  const people = usePeople();
  const revisions = useQuery({
    queryKey: ['order-revisions', o.id],
    queryFn: () => call('listOrderRevisions', { params: { id: o.id } }),
    enabled: o.revision > 0,
  });
  if (o.revision === 0) return null;
  const items = [...(revisions.data?.items ?? [])].sort((a, b) => b.n - a.n);
  return (
    <Card title={t('orders.revisions.title')} loading={revisions.isLoading} data-testid="order-revisions">
      {items.length === 0 ? (
        <Empty description={t('orders.revisions.none')} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {items.map((r) => (
            <div key={r.n} data-testid={`revision-${r.n}`}>
              <Space wrap size={[8, 4]}>
                <Typography.Text strong>{t('orders.revisions.n', { n: r.n })}</Typography.Text>
                <Typography.Text type="secondary">
                  {formatDateTime(r.at)} · {people.nameOf(r.by, known)}
                </Typography.Text>
                <Tag color={statusColor[r.status]}>{t(`orders.statuses.${r.status}`)}</Tag>
              </Space>
              <div style={{ overflowWrap: 'anywhere' }} data-testid={`revision-${r.n}-reason`}>
                {t('orders.revisions.reason')}：{r.reason}
              </div>
              <div data-testid={`revision-${r.n}-totals`}>
                {t('orders.revisions.totals')}：<span style={nowrap}>{formatMoney(r.totalBefore, o.currency)}</span> →{' '}
                <span style={nowrap}>{formatMoney(r.totalAfter, o.currency)}</span>
              </div>
              <RevisionDiff revision={r} currency={o.currency} />
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}

/** For the approvers: the lines short of stock when the order was submitted (requested vs available). */
export function ShortageBanner({ order: o }: { order: Order }) {
  const { t } = useTranslation();
  if (o.status !== 'pending_approval' || !o.flags.includes('stock_short') || !o.shortages.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('orders.shortTitle')}
      data-testid="order-shortages"
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {o.shortages.map((s) => {
            const line = o.lines.find((l) => l.lineId === s.lineId);
            return (
              <li key={s.lineId} data-testid={`shortage-${s.lineId}`} style={{ overflowWrap: 'anywhere' }}>
                {t('orders.shortLine', {
                  sku: line?.sku ?? s.productId,
                  name: line?.name ?? '',
                  requested: s.requested,
                  available: s.available,
                })}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
