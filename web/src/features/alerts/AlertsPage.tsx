import { useState } from 'react';
import { App, Button, Segmented, Select, Space, Tag, Tooltip } from 'antd';
import { Table } from '../../kit/Table.tsx';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { alertKinds } from '#shared/api/enums.ts';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { severityColor } from '../../status.ts';
import { PageCard } from '../../kit/PageCard.tsx';

type Alert = Output<'listAlerts'>['items'][number];

/** Where an alert's subject lives in the app. */
function subjectLink(a: Alert, canSuggest: boolean): string | null {
  if (a.subject.type === 'invoice') return `/invoices/${a.subject.id}`;
  if (a.subject.type === 'order') return `/orders/${a.subject.id}`;
  if (a.subject.type === 'ticket' || a.kind === 'ticket_sla_breached')
    return `/tickets/${String(a.params.ticketId ?? a.subject.id)}`;
  if (a.subject.type === 'inventory_level') {
    // Low stock: what to buy for it. The subject is `productId:warehouseId`; newer alerts also name both.
    const [fromSubject, warehouseOfSubject] = a.subject.id.split(':');
    const productId = String(a.params.productId ?? fromSubject ?? '');
    const warehouseId = String(a.params.warehouseId ?? warehouseOfSubject ?? '');
    if (!canSuggest || !productId || !warehouseId) return '/inventory';
    return `/purchasing/suggestions?${new URLSearchParams({ warehouseId, productId })}`;
  }
  return null;
}

/**
 * A missed ticket SLA names its priority and timer as codes (and the timer in the company's
 * language, for robots): both are shown in the reader's language.
 */
function slaParams(a: Alert, t: (key: string) => string): Record<string, string> {
  if (a.kind !== 'ticket_sla_breached') return {};
  const priority = String(a.params.priority ?? '');
  const timer = String(a.params.timer ?? '');
  return {
    ...(priority ? { priority: t(`aftersales.tickets.priorities.${priority}`) } : {}),
    ...(timer === 'first_response' || timer === 'resolution'
      ? { timerText: t(`aftersales.tickets.timers.${timer}`) }
      : {}),
  };
}

export function AlertsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'open' | 'acknowledged'>('open');
  const [kind, setKind] = useState<(typeof alertKinds)[number] | undefined>();
  const list = useCursorList(['alerts', status, kind], (cursor) =>
    call('listAlerts', { query: { status, kind, cursor, limit: 20 } }),
  );
  const { data, isFetching } = list;
  const ack = useMutation({
    mutationFn: (a: Alert) => call('acknowledgeAlert', { params: { id: a.id }, ifMatch: a.version }),
    onSuccess: () => {
      message.success(t('alerts.acknowledgedDone'));
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  return (
    <PageCard title={t('alerts.inbox')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
          }}
          options={[
            { value: 'open', label: t('alerts.open') },
            { value: 'acknowledged', label: t('alerts.acknowledged') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('notify.kind')}
          style={{ width: 160 }}
          value={kind}
          onChange={(k) => {
            setKind(k);
          }}
          options={alertKinds.map((k) => ({ value: k, label: t(`alerts.kinds.${k}`) }))}
        />
      </Space>
      <Table<Alert>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="alerts-table"
        locale={{ emptyText: t('alerts.none') }}
        columns={[
          {
            title: t('alerts.severity'),
            render: (_, a) => <Tag color={severityColor[a.severity]}>{t(`alerts.severities.${a.severity}`)}</Tag>,
          },
          { title: t('notify.kind'), render: (_, a) => t(`alerts.kinds.${a.kind}`), responsive: ['md'] },
          {
            title: t('alerts.message'),
            render: (_, a) => {
              const text = t(`alerts.messages.${a.kind}`, {
                ...a.params,
                ...slaParams(a, t),
                interpolation: { escapeValue: false },
              });
              const link = subjectLink(a, can('getReorderSuggestions'));
              return link ? (
                <Link to={link} data-testid={`alert-link-${a.kind}`}>
                  {text}
                </Link>
              ) : (
                text
              );
            },
          },
          { title: t('alerts.openedAt'), render: (_, a) => formatDateTime(a.openedAt), responsive: ['md'] },
          {
            title: t('alerts.notifications'),
            responsive: ['lg'],
            render: (_, a) => {
              const failed = a.notifications.filter((n) => !n.ok);
              return (
                <Space size={4} wrap>
                  {a.notifications.length > failed.length && (
                    <Tag color="green">{t('alerts.notifiedOk', { count: a.notifications.length - failed.length })}</Tag>
                  )}
                  {failed.length > 0 && (
                    <Tooltip title={failed.map((n) => n.error).join('; ')}>
                      <Tag color="red">{t('alerts.notifiedFailed', { count: failed.length })}</Tag>
                    </Tooltip>
                  )}
                </Space>
              );
            },
          },
          {
            title: t('common.actions'),
            render: (_, a) =>
              a.status === 'open' && can('acknowledgeAlert') ? (
                <Button
                  size="small"
                  onClick={() => ack.mutate(a)}
                  loading={ack.isPending && ack.variables?.id === a.id}
                  data-testid={`ack-${a.kind}`}
                >
                  {t('alerts.acknowledge')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
