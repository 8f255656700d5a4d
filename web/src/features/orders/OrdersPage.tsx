import { useState } from 'react';
import { App, Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
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

type Order = Output<'getOrder'>;

export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [filters, setFilters] = useState<{
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
  // The export takes the filters shown (every page of them, not the search), with headers in the reader's language.
  const download = async () => {
    const { q: _search, ...shown } = filters;
    try {
      downloadText(
        await callText('exportOrders', { query: { ...shown, lang: i18n.language === 'en' ? 'en' : 'zh-CN' } }),
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
          style={{ width: 150 }}
          value={filters.status}
          onChange={(status) => change({ status })}
          options={orderStatuses.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))}
          data-testid="order-status-filter"
        />
        <div style={{ width: 220 }}>
          <CustomerPicker value={filters.customerId} onChange={(customerId) => change({ customerId })} />
        </div>
        <DatePicker.RangePicker
          onChange={(range) => change({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
        {filters.customerId && <Button onClick={() => change({ customerId: undefined })}>{t('common.all')}</Button>}
      </Space>
      {error && <Typography.Text type="danger">{errorMessage(t, error)}</Typography.Text>}
      <Table<Order>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={filters.q ? { emptyText: t('common.noMatch', { q: filters.q }) } : undefined}
        scroll={{ x: true }}
        data-testid="orders-table"
        columns={[
          { title: t('orders.number'), render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link> },
          { title: t('orders.customer'), dataIndex: 'customerName' },
          {
            title: t('orders.status'),
            render: (_, o) => <Tag color={statusColor[o.status]}>{t(`orders.statuses.${o.status}`)}</Tag>,
          },
          { title: t('orders.total'), render: (_, o) => formatMoney(o.total, o.currency), align: 'right' },
          { title: t('orders.createdAt'), render: (_, o) => formatDate(o.createdAt), responsive: ['md'] },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
