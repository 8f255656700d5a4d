import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Segmented, Select, Space, Switch, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { DateRangeField } from '../../kit/DateField.tsx';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { bulkActions } from '#shared/api/orders.ts';
import { orderStatuses } from '#shared/api/enums.ts';
import { call, callText, downloadText, type Output } from '../../api.ts';
import { errorMessage, problemText } from '../../errors.ts';
import { Pager } from '../../kit/Pager.tsx';
import { readAll, useCursorList } from '../../kit/useCursorList.ts';
import { LateTag, isLate, useCompanyToday } from './lifecycle.tsx';
import { useAuth } from '../../auth.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { CustomerPicker } from '../../components/pickers.tsx';
import { statusColor } from '../../status.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { SearchBox } from '../../kit/SearchBox.tsx';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { usePeople } from '../../components/people.tsx';
import { UserSelect } from '../../components/UserSelect.tsx';
import { CustomFieldFilters, cfQuery, useCustomFields } from '../../kit/CustomFields.tsx';

type Order = Output<'getOrder'>;
type BulkAction = (typeof bulkActions)[number];
type BulkResult = Output<'bulkOrders'>;
/** What each bulk action needs of the caller, by the single action's operation. */
const bulkOperation: Record<BulkAction, string> = {
  submit: 'submitOrder',
  approve: 'approveOrder',
  ship: 'shipOrder',
  cancel: 'cancelOrder',
};
const MAX_BULK = 50;

/** The bulk bar: what is selected, the actions the caller may take on it, and the result of the last one. */
function BulkBar({
  selected,
  onClear,
  onDone,
}: {
  selected: string[];
  onClear: () => void;
  onDone: (result: BulkResult) => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: ({ action, reason }: { action: BulkAction; reason?: string }) =>
      call('bulkOrders', { body: { action, ids: selected, ...(reason ? { reason } : {}) } }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      onDone(result);
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const start = (action: BulkAction) => {
    if (action === 'submit') return void run.mutate({ action });
    let reason = '';
    modal.confirm({
      title: `${t(`orders.bulk.${action}`)} · ${t('orders.bulk.selected', { count: selected.length })}`,
      content:
        action === 'ship' ? (
          t('orders.bulk.shipConfirm')
        ) : (
          <Input.TextArea
            autoFocus
            placeholder={t(action === 'cancel' ? 'orders.bulk.cancelReason' : 'orders.bulk.approveComment')}
            aria-label={t(action === 'cancel' ? 'orders.bulk.cancelReason' : 'orders.bulk.approveComment')}
            onChange={(e) => {
              reason = e.target.value;
            }}
            data-testid="bulk-reason"
          />
        ),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: action === 'cancel' },
      // A cancellation says why (the server requires it); an approval's comment is optional.
      onOk: () => {
        if (action === 'cancel' && !reason.trim()) {
          message.error(t('orders.bulk.cancelReason'));
          return Promise.reject(new Error('reason'));
        }
        return run.mutateAsync({ action, reason: reason.trim() || undefined });
      },
    });
  };
  const tooMany = selected.length > MAX_BULK;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="bulk-bar">
      <Space wrap>
        <Typography.Text strong data-testid="bulk-selected">
          {t('orders.bulk.selected', { count: selected.length })}
        </Typography.Text>
        {tooMany && <Typography.Text type="danger">{t('orders.bulk.max', { count: MAX_BULK })}</Typography.Text>}
        {can('bulkOrders') &&
          bulkActions
            .filter((a) => can(bulkOperation[a]))
            .map((a) => (
              <Button
                key={a}
                danger={a === 'cancel'}
                type={a === 'cancel' ? 'default' : 'primary'}
                disabled={tooMany}
                loading={run.isPending && run.variables?.action === a}
                onClick={() => start(a)}
                data-testid={`bulk-${a}`}
              >
                {t(`orders.bulk.${a}`)}
              </Button>
            ))}
        <Button type="link" onClick={onClear} data-testid="bulk-clear">
          {t('orders.bulk.clear')}
        </Button>
      </Space>
    </Card>
  );
}

/** What a bulk action did: how many went through, and each failed order with its problem in the reader's words. */
function BulkOutcome({
  result,
  numbers,
  onClose,
}: {
  result: BulkResult;
  numbers: Map<string, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const failed = result.results.filter((r) => !r.ok);
  return (
    <Alert
      type={failed.length ? 'warning' : 'success'}
      showIcon
      closable
      onClose={onClose}
      style={{ marginBottom: 12 }}
      data-testid="bulk-result"
      title={t('orders.bulk.done', {
        action: t(`orders.bulk.${result.action}`),
        succeeded: result.succeeded,
        failed: result.failed,
      })}
      description={
        failed.length > 0 && (
          <div>
            <Typography.Text type="secondary">{t('orders.bulk.failedTitle')}</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="bulk-failures">
              {failed.map((r) => (
                <li key={r.id}>
                  <Link to={`/orders/${r.id}`}>{r.number ?? numbers.get(r.id) ?? r.id}</Link>
                  {r.problem ? `: ${problemText(t, r.problem)}` : ''}
                </li>
              ))}
            </ul>
          </div>
        )
      }
    />
  );
}

export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me, can } = useAuth();
  const people = usePeople();
  const [filters, setFilters] = useState<{
    salesRepId?: string;
    q?: string;
    status?: (typeof orderStatuses)[number];
    customerId?: string;
    from?: string;
    to?: string;
    cf?: Record<string, string>;
  }>({});
  const cf = useCustomFields('order');
  const today = useCompanyToday();
  // Late orders (逾期, the dashboard's link): confirmed or partly shipped past the requested day.
  const [params, setParams] = useSearchParams();
  const late = params.get('late') === '1';
  const list = useCursorList(
    ['orders', filters],
    (cursor) => call('listOrders', { query: { ...filters, cursor, limit: 20 } }),
    { enabled: !late },
  );
  // The API has no "late" filter: the open orders (confirmed, partly shipped) are read whole and sifted here.
  const lateList = useQuery({
    queryKey: ['orders', 'late', filters, today],
    enabled: late,
    queryFn: async () => {
      const open = await Promise.all(
        (['confirmed', 'partially_shipped'] as const).map((status) =>
          readAll((cursor) => call('listOrders', { query: { ...filters, status, cursor, limit: 100 } })),
        ),
      );
      return open
        .flat()
        .filter((o) => isLate(o, today))
        .sort((a, b) => (a.requestedDeliveryDate ?? '').localeCompare(b.requestedDeliveryDate ?? ''));
    },
  });
  const data = late ? { items: lateList.data ?? [] } : list.data;
  const isFetching = late ? lateList.isFetching : list.isFetching;
  const error = late ? lateList.error : list.error;
  const [selected, setSelected] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<BulkResult | null>(null);
  const [numbers, setNumbers] = useState(new Map<string, string>());
  const selectable = can('bulkOrders');
  const change = (next: Partial<typeof filters>) => {
    setFilters((current) => ({ ...current, ...next }));
  };
  // The export takes the filters shown (every page of them), with headers in the reader's language.
  const download = async () => {
    try {
      downloadText(
        await callText('exportOrders', { query: { ...filters, lang: i18n.language === 'en' ? 'en' : 'zh-CN' } }),
        'orders.csv',
        'text/csv',
      );
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  };
  return (
    <PageCard
      title={t('orders.title')}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => void download()} data-testid="export-orders">
            {t('orders.exportCsv')}
          </Button>
          {can('createOrder') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/orders/new')}
              data-testid="new-order"
            >
              {t('orders.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<'all' | 'mine'>
          value={filters.salesRepId && filters.salesRepId === me?.user.id ? 'mine' : 'all'}
          onChange={(v) => change({ salesRepId: v === 'mine' ? me?.user.id : undefined })}
          options={[
            { value: 'all', label: t('team.whose.all') },
            { value: 'mine', label: t('team.whose.mineOrders') },
          ]}
          data-testid="order-whose"
        />
        {people.canList && (
          <UserSelect
            value={filters.salesRepId}
            onChange={(salesRepId) => change({ salesRepId: salesRepId ?? undefined })}
            placeholder={t('orders.salesRep')}
            ariaLabel={t('orders.salesRep')}
            testId="order-rep-filter"
            style={{ width: 180 }}
          />
        )}
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <SearchBox
          placeholder={t('orders.searchPlaceholder')}
          maxLength={100}
          testId="order-search"
          onSearch={(q) => change({ q })}
        />
        <Select
          allowClear
          placeholder={t('orders.status')}
          aria-label={t('orders.status')}
          style={{ width: 150 }}
          value={filters.status}
          onChange={(status) => change({ status })}
          options={orderStatuses.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))}
          data-testid="order-status-filter"
        />
        <div style={{ width: 220 }}>
          <CustomerPicker
            value={filters.customerId}
            onChange={(customerId) => change({ customerId })}
            ariaLabel={t('orders.customer')}
          />
        </div>
        <DateRangeField
          aria-label={t('orders.dates')}
          placeholder={[t('orders.dateFrom'), t('orders.dateTo')]}
          onChange={(range) => change({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
        {filters.customerId && <Button onClick={() => change({ customerId: undefined })}>{t('common.all')}</Button>}
        <CustomFieldFilters
          entity="order"
          value={filters.cf ?? {}}
          onChange={(next) => change({ cf: cfQuery(next).cf })}
        />
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Switch
          checked={late}
          onChange={(on) => {
            setParams(on ? { late: '1' } : {});
          }}
          aria-label={t('orders.lateOnly')}
          data-testid="order-late-filter"
        />
        <Typography.Text>{t('orders.lateOnly')}</Typography.Text>
      </Space>
      {error && <Typography.Text type="danger">{errorMessage(t, error)}</Typography.Text>}
      {outcome && <BulkOutcome result={outcome} numbers={numbers} onClose={() => setOutcome(null)} />}
      {selectable && selected.length > 0 && (
        <BulkBar
          selected={selected}
          onClear={() => setSelected([])}
          onDone={(result) => {
            setOutcome(result);
            // What went through leaves the selection; what failed stays picked, to look at or try again.
            setSelected(result.results.filter((r) => !r.ok).map((r) => r.id));
          }}
        />
      )}
      <CardTable<Order>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        emptyText={filters.q ? t('common.noMatch', { q: filters.q }) : undefined}
        scroll={selectable ? undefined : { x: true }}
        testId="orders-table"
        rowSelection={
          selectable
            ? {
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                onChange: (keys, rows) => {
                  setSelected(keys as string[]);
                  // The numbers of what is picked, for the result of a bulk action (a failure names none).
                  setNumbers(
                    (current) => new Map([...current, ...rows.filter(Boolean).map((r) => [r.id, r.number] as const)]),
                  );
                },
                getCheckboxProps: (o) => ({ 'aria-label': o.number }) as never,
              }
            : undefined
        }
        pickLabel={(o) => o.number}
        card={(o) => ({
          title: <Link to={`/orders/${o.id}`}>{o.number}</Link>,
          extra: (
            <Space size={4} wrap>
              <Tag color={statusColor[o.status]}>{t(`orders.statuses.${o.status}`)}</Tag>
              <LateTag order={o} today={today} />
            </Space>
          ),
          fields: [
            { label: t('orders.customer'), value: <span style={{ whiteSpace: 'normal' }}>{o.customerName}</span> },
            { label: t('orders.total'), value: formatMoney(o.total, o.currency) },
            { label: t('orders.salesRep'), value: people.nameOf(o.salesRepId) },
            { label: t('orders.createdAt'), value: formatDate(o.createdAt) },
            ...(o.requestedDeliveryDate
              ? [{ label: t('orders.requestedDeliveryDate'), value: o.requestedDeliveryDate }]
              : []),
            ...cf.cardFields(o.customFields),
          ],
        })}
        columns={[
          { title: t('orders.number'), render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link> },
          { title: t('orders.customer'), dataIndex: 'customerName' },
          {
            title: t('orders.status'),
            render: (_, o) => (
              <Space size={4} wrap>
                <Tag color={statusColor[o.status]}>{t(`orders.statuses.${o.status}`)}</Tag>
                <LateTag order={o} today={today} />
              </Space>
            ),
          },
          {
            title: t('orders.total'),
            render: (_, o) => <span style={nowrap}>{formatMoney(o.total, o.currency)}</span>,
            align: 'right',
          },
          ...cf.columns<Order>(),
          {
            title: t('orders.requestedDeliveryDate'),
            render: (_, o) => o.requestedDeliveryDate ?? '',
            responsive: ['lg'],
          },
          { title: t('orders.salesRep'), render: (_, o) => people.nameOf(o.salesRepId), responsive: ['md'] },
          { title: t('orders.createdAt'), render: (_, o) => formatDate(o.createdAt), responsive: ['md'] },
        ]}
      />
      {!late && <Pager {...list.pager} />}
    </PageCard>
  );
}
