import { useState } from 'react';
import { App, Button, Select, Space, Tag } from 'antd';
import { Tabs } from '../../kit/Tabs.tsx';
import { Table } from '../../kit/Table.tsx';
import { DownloadOutlined, FileDoneOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { invoiceStatuses } from '#shared/api/enums.ts';
import { call, callBlob, downloadBlob, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { CustomerPicker } from '../../components/pickers.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { fapiaoColor, invoiceColor } from '../../status.ts';
import { PageCard } from '../../kit/PageCard.tsx';

type Invoice = Output<'listInvoices'>['items'][number];
type View = 'all' | 'not_requested' | 'requested';

/** The server takes at most this many invoices per fapiao request. */
const REQUEST_BATCH = 50;

/**
 * Sales statements (销售结算单), and finance's daily screen: which still need a fapiao (待开票),
 * which are requested (已申请) and go to the tax system as one Excel sheet.
 */
export function InvoicesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [view, setView] = useState<View>('all');
  const [filters, setFilters] = useState<{ status?: (typeof invoiceStatuses)[number]; customerId?: string }>({});
  const [selected, setSelected] = useState<string[]>([]);
  const query = { ...filters, ...(view === 'all' ? {} : { fapiaoStatus: view }) };
  const list = useCursorList(['invoices', query], (cursor) =>
    call('listInvoices', { query: { ...query, cursor, limit: 20 } }),
  );
  const change = (next: Partial<typeof filters>) => {
    setFilters({ ...filters, ...next });
    setSelected([]);
  };
  const request = useMutation({
    mutationFn: async (ids: string[]) => {
      for (let i = 0; i < ids.length; i += REQUEST_BATCH)
        await call('requestFapiao', { body: { invoiceIds: ids.slice(i, i + REQUEST_BATCH) } });
      return ids.length;
    },
    onSuccess: (count) => {
      setSelected([]);
      void queryClient.invalidateQueries({ queryKey: ['invoices'] });
      void queryClient.invalidateQueries({ queryKey: ['invoice'] });
      message.success(t('fapiao.requestedCount', { count }));
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const [exporting, setExporting] = useState(false);
  const exportRequests = async () => {
    setExporting(true);
    try {
      const blob = await callBlob('exportFapiaoRequests', {
        query: { status: 'requested', lang: i18n.language === 'en' ? 'en' : 'zh-CN' },
      });
      downloadBlob(blob, `${t('fapiao.exportFile')}-${dayjs().format('YYYY-MM-DD')}.xlsx`);
    } catch (e) {
      message.error(errorMessage(t, e));
    } finally {
      setExporting(false);
    }
  };
  const selectable = can('requestFapiao') && view !== 'requested';
  return (
    <PageCard
      title={t('finance.invoices')}
      extra={
        can('exportFapiaoRequests') && (
          <Button icon={<DownloadOutlined />} onClick={exportRequests} loading={exporting} data-testid="export-fapiao">
            {t('fapiao.export')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={view}
        onChange={(k) => {
          setView(k as View);
          setSelected([]);
        }}
        items={[
          { key: 'all', label: t('fapiao.views.all') },
          {
            key: 'not_requested',
            label: <span data-testid="tab-not-requested">{t('fapiao.views.not_requested')}</span>,
          },
          { key: 'requested', label: <span data-testid="tab-requested">{t('fapiao.views.requested')}</span> },
        ]}
      />
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
        {selectable && (
          <Button
            type="primary"
            icon={<FileDoneOutlined />}
            disabled={!selected.length}
            loading={request.isPending}
            onClick={() => request.mutate(selected)}
            data-testid="request-fapiao-bulk"
          >
            {t('fapiao.requestSelected', { count: selected.length })}
          </Button>
        )}
      </Space>
      <Table<Invoice>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        data-testid="invoices-table"
        locale={{ emptyText: t(view === 'all' ? 'finance.noInvoices' : 'fapiao.nothingWaiting') }}
        rowSelection={
          selectable
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (i) => ({
                  disabled: i.status === 'void' || i.fapiao.status !== 'not_requested',
                }),
              }
            : undefined
        }
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
          {
            title: t('fapiao.title'),
            render: (_, i) => <Tag color={fapiaoColor[i.fapiao.status]}>{t(`fapiao.statuses.${i.fapiao.status}`)}</Tag>,
          },
          { title: t('money.total'), render: (_, i) => formatMoney(i.total, i.currency), align: 'right' },
          { title: t('finance.due'), render: (_, i) => formatMoney(i.amountDue, i.currency), align: 'right' },
          { title: t('finance.dueDate'), dataIndex: 'dueDate', responsive: ['md'] },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
