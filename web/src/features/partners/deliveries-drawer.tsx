import { useState } from 'react';
import { App, Button, Drawer, Empty, Space, Tag, Typography } from 'antd';
import { DateField } from '../../kit/DateField.tsx';
import { Table } from '../../kit/Table.tsx';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { call } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';

function Deliveries({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const deliveries = useCursorList(
    ['deliveries', webhookId],
    (cursor) => call('listDeliveries', { params: { id: webhookId }, query: { cursor, limit: 50 } }),
    { refetchInterval: 2_000 },
  );
  const retry = useMutation({
    mutationFn: (deliveryId: string) => call('retryDelivery', { params: { id: webhookId, deliveryId } }),
    onSuccess: (d) => {
      message[d.status === 'succeeded' ? 'success' : 'warning'](t(`partners.statuses.${d.status}`));
      void queryClient.invalidateQueries({ queryKey: ['deliveries', webhookId] });
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const color = { pending: 'gold', succeeded: 'green', failed: 'red' } as const;
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        loading={deliveries.isLoading}
        dataSource={deliveries.items}
        pagination={false}
        scroll={{ x: true }}
        data-testid="deliveries-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('partners.noDeliveries')} /> }}
        expandable={{
          expandedRowRender: (d) => (
            <>
              {d.correlationId && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('partners.correlationId')}{' '}
                  <Typography.Text code copyable data-testid="delivery-correlation">
                    {d.correlationId}
                  </Typography.Text>
                </Typography.Paragraph>
              )}
              <Table
                rowKey="at"
                size="small"
                pagination={false}
                dataSource={d.attempts}
                columns={[
                  { title: t('partners.attemptAt'), render: (_, a) => formatDateTime(a.at) },
                  { title: 'HTTP', render: (_, a) => a.status ?? '—' },
                  { title: t('partners.duration'), render: (_, a) => `${a.durationMs} ms` },
                  {
                    title: t('partners.response'),
                    render: (_, a) => (
                      <Typography.Text code ellipsis style={{ maxWidth: 320 }}>
                        {a.error ?? a.responseExcerpt ?? ''}
                      </Typography.Text>
                    ),
                  },
                ]}
              />
            </>
          ),
        }}
        columns={[
          { title: t('partners.event'), render: (_, d) => <Typography.Text code>{d.eventType}</Typography.Text> },
          {
            title: t('partners.status'),
            render: (_, d) => (
              <Tag color={color[d.status]} data-testid={`delivery-status-${d.eventType}`}>
                {t(`partners.statuses.${d.status}`)}
              </Tag>
            ),
          },
          { title: t('partners.attempts'), render: (_, d) => d.attempts.length },
          {
            title: t('partners.lastStatus'),
            render: (_, d) => d.attempts.at(-1)?.status ?? d.attempts.at(-1)?.error ?? '—',
            responsive: ['md'],
          },
          { title: t('common.createdAt'), render: (_, d) => formatDateTime(d.createdAt), responsive: ['md'] },
          {
            title: t('common.actions'),
            render: (_, d) => (
              <Button
                size="small"
                icon={<ReloadOutlined />}
                loading={retry.isPending && retry.variables === d.id}
                onClick={() => retry.mutate(d.id)}
                data-testid={`retry-${d.eventType}`}
              >
                {t('partners.retry')}
              </Button>
            ),
          },
        ]}
      />
      {(deliveries.pager.cursors.length > 0 || deliveries.pager.nextCursor) && <Pager {...deliveries.pager} />}
    </>
  );
}

/** A webhook's deliveries, newest first, with their attempts; and 重放: every event since a moment, sent again. */
export function DeliveriesDrawer({ webhookId, onClose }: { webhookId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [replaySince, setReplaySince] = useState(dayjs().subtract(1, 'day'));
  const replay = useMutation({
    mutationFn: (id: string) => call('replayWebhook', { params: { id }, body: { since: replaySince.toISOString() } }),
    onSuccess: (r) => message.success(t('partners.replayed', { count: r.enqueued })),
    onError: (e) => message.error(errorMessage(t, e)),
  });
  return (
    <Drawer
      open={Boolean(webhookId)}
      onClose={onClose}
      width={Math.min(900, window.innerWidth)}
      title={t('partners.deliveries')}
      extra={
        webhookId && (
          <Space wrap>
            <DateField showTime value={replaySince} onChange={(d) => d && setReplaySince(d)} allowClear={false} />
            <Button onClick={() => replay.mutate(webhookId)} loading={replay.isPending} data-testid="replay">
              {t('partners.replaySince')}
            </Button>
          </Space>
        )
      }
    >
      {webhookId && <Deliveries webhookId={webhookId} />}
    </Drawer>
  );
}
