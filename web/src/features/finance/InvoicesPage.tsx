import { useState } from 'react';
import { Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { invoiceStatuses } from '#shared/api/enums.ts';
import { call, type Output } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { CustomerPicker } from '../../components/pickers.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { invoiceColor } from '../../status.ts';
import { PageCard } from '../../kit/PageCard.tsx';

type Invoice = Output<'getInvoice'>;

export function InvoicesPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<{ status?: (typeof invoiceStatuses)[number]; customerId?: string }>({});
  const list = useCursorList(['invoices', filters], (cursor) =>
    call('listInvoices', { query: { ...filters, cursor, limit: 20 } }),
  );
  const { data, isFetching } = list;
  const change = (next: Partial<typeof filters>) => {
    setFilters({ ...filters, ...next });
  };
  return (
    <PageCard title={t('finance.invoices')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('finance.status')}
          style={{ width: 150 }}
          value={filters.status}
          onChange={(status) => change({ status })}
          options={invoiceStatuses.map((s) => ({ value: s, label: t(`finance.statuses.${s}`) }))}
          data-testid="invoice-status-filter"
        />
        <div style={{ width: 220 }}>
          <CustomerPicker value={filters.customerId} onChange={(customerId) => change({ customerId })} />
        </div>
      </Space>
      <Table<Omit<Invoice, 'payments'>>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="invoices-table"
        locale={{ emptyText: t('finance.noInvoices') }}
        columns={[
          { title: t('finance.number'), render: (_, i) => <Link to={`/invoices/${i.id}`}>{i.number}</Link> },
          { title: t('finance.customer'), dataIndex: 'customerName' },
          {
            title: t('finance.order'),
            render: (_, i) => <Link to={`/orders/${i.orderId}`}>{i.orderNumber}</Link>,
            responsive: ['md'],
          },
          {
            title: t('finance.status'),
            render: (_, i) => <Tag color={invoiceColor[i.status]}>{t(`finance.statuses.${i.status}`)}</Tag>,
          },
          { title: t('finance.total'), render: (_, i) => formatMoney(i.total, i.currency), align: 'right' },
          { title: t('finance.due'), render: (_, i) => formatMoney(i.amountDue, i.currency), align: 'right' },
          { title: t('finance.dueDate'), dataIndex: 'dueDate', responsive: ['md'] },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
