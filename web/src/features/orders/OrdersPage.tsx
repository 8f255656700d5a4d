import { useState } from 'react';
import { App, Button, DatePicker, Segmented, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { orderStatuses } from '#shared/api/enums.ts';
import { call, callText, downloadText, type Output } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { useAuth } from '../../auth.tsx';
import { formatDate, formatMoney } from '../../format.ts';
import { CustomerPicker } from '../../components/pickers.tsx';
import { statusColor } from '../../status.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { SearchBox } from '../../kit/SearchBox.tsx';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { UserSelect, usePeople } from '../../components/people.tsx';

type Order = Output<'getOrder'>;

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
  }>({});
  const list = useCursorList(['orders', filters], (cursor) =>
    call('listOrders', { query: { ...filters, cursor, limit: 20 } }),
  );
  const { data, isFetching, error } = list;
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
        <DatePicker.RangePicker
          aria-label={t('orders.dates')}
          placeholder={[t('orders.dateFrom'), t('orders.dateTo')]}
          onChange={(range) => change({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
        {filters.customerId && <Button onClick={() => change({ customerId: undefined })}>{t('common.all')}</Button>}
      </Space>
      {error && <Typography.Text type="danger">{errorMessage(t, error)}</Typography.Text>}
      <CardTable<Order>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        emptyText={filters.q ? t('common.noMatch', { q: filters.q }) : undefined}
        scroll={{ x: true }}
        testId="orders-table"
        card={(o) => ({
          title: <Link to={`/orders/${o.id}`}>{o.number}</Link>,
          extra: <Tag color={statusColor[o.status]}>{t(`orders.statuses.${o.status}`)}</Tag>,
          fields: [
            { label: t('orders.customer'), value: <span style={{ whiteSpace: 'normal' }}>{o.customerName}</span> },
            { label: t('orders.total'), value: formatMoney(o.total, o.currency) },
            { label: t('orders.salesRep'), value: people.nameOf(o.salesRepId) },
            { label: t('orders.createdAt'), value: formatDate(o.createdAt) },
          ],
        })}
        columns={[
          { title: t('orders.number'), render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link> },
          { title: t('orders.customer'), dataIndex: 'customerName' },
          {
            title: t('orders.status'),
            render: (_, o) => <Tag color={statusColor[o.status]}>{t(`orders.statuses.${o.status}`)}</Tag>,
          },
          {
            title: t('orders.total'),
            render: (_, o) => <span style={nowrap}>{formatMoney(o.total, o.currency)}</span>,
            align: 'right',
          },
          { title: t('orders.salesRep'), render: (_, o) => people.nameOf(o.salesRepId), responsive: ['md'] },
          { title: t('orders.createdAt'), render: (_, o) => formatDate(o.createdAt), responsive: ['md'] },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
