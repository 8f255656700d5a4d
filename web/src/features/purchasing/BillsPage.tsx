import { Empty, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { billStatuses } from '#shared/api/purchasing.ts';
import { call, type Output } from '../../api.ts';
import { SupplierPicker } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { billColor } from '../../status.ts';

type Bill = Output<'getBill'>;
type Status = (typeof billStatuses)[number];

/** 应付账单: the suppliers' bills that receipts made, newest first, by status or supplier. */
export function BillsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? undefined) as Status | undefined;
  const supplierId = params.get('supplierId') ?? undefined;
  const setFilter = (name: 'status' | 'supplierId', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const list = useCursorList(['bills', { status, supplierId }], (cursor) =>
    call('listBills', { query: { status, supplierId, cursor, limit: 20 } }),
  );
  const statusTag = (b: Bill) => <Tag color={billColor[b.status]}>{t(`purchasing.billStatuses.${b.status}`)}</Tag>;
  return (
    <PageCard title={t('purchasing.bills')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('purchasing.status')}
          aria-label={t('purchasing.status')}
          style={{ width: 150 }}
          value={status}
          onChange={(v) => setFilter('status', v)}
          options={billStatuses.map((s) => ({ value: s, label: t(`purchasing.billStatuses.${s}`) }))}
          data-testid="bill-status-filter"
        />
        <div style={{ width: 220 }}>
          <SupplierPicker
            allowClear
            ariaLabel={t('purchasing.supplier')}
            value={supplierId}
            onChange={(v) => setFilter('supplierId', v)}
            testId="bill-supplier-filter"
          />
        </div>
      </Space>
      {list.error && <Typography.Text type="danger">{errorMessage(t, list.error)}</Typography.Text>}
      <CardTable<Bill>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        testId="bills-table"
        emptyText={<Empty description={t('purchasing.noBills')} />}
        card={(b) => ({
          title: <Link to={`/bills/${b.id}`}>{b.number}</Link>,
          extra: statusTag(b),
          fields: [
            { label: t('purchasing.supplier'), value: b.supplierName },
            { label: t('purchasing.total'), value: formatMoney(b.total, b.currency) },
            { label: t('purchasing.amountDue'), value: formatMoney(b.amountDue, b.currency) },
            { label: t('purchasing.dueDate'), value: b.dueDate },
          ],
        })}
        columns={[
          {
            title: t('purchasing.billNumber'),
            render: (_, b) => <Link to={`/bills/${b.id}`}>{b.number}</Link>,
            onCell: () => ({ style: nowrap }),
          },
          { title: t('purchasing.supplier'), dataIndex: 'supplierName' },
          {
            title: t('purchasing.order'),
            render: (_, b) => <Link to={`/purchase-orders/${b.purchaseOrderId}`}>{b.purchaseOrderNumber}</Link>,
            responsive: ['md'],
          },
          { title: t('purchasing.status'), render: (_, b) => statusTag(b) },
          {
            title: t('purchasing.total'),
            render: (_, b) => formatMoney(b.total, b.currency),
            align: 'right',
            onCell: () => ({ style: nowrap }),
          },
          {
            title: t('purchasing.amountDue'),
            render: (_, b) => formatMoney(b.amountDue, b.currency),
            align: 'right',
            onCell: () => ({ style: nowrap }),
          },
          { title: t('purchasing.dueDate'), dataIndex: 'dueDate', responsive: ['md'] },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
