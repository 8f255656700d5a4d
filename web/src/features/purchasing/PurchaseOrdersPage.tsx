import { Button, Empty, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { purchaseOrderStatuses } from '#shared/api/purchasing.ts';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { SupplierPicker } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDate, formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { poColor } from '../../status.ts';

type PurchaseOrder = Output<'getPurchaseOrder'>;
type Status = (typeof purchaseOrderStatuses)[number];

/** 采购订单: newest first, by status or supplier (kept in the URL, so a supplier's page can link here). */
export function PurchaseOrdersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? undefined) as Status | undefined;
  const supplierId = params.get('supplierId') ?? undefined;
  const setFilter = (name: 'status' | 'supplierId', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const list = useCursorList(['purchase-orders', { status, supplierId }], (cursor) =>
    call('listPurchaseOrders', { query: { status, supplierId, cursor, limit: 20 } }),
  );
  const statusTag = (po: PurchaseOrder) => (
    <Tag color={poColor[po.status]}>{t(`purchasing.statuses.${po.status}`)}</Tag>
  );
  return (
    <PageCard
      title={t('purchasing.orders')}
      extra={
        can('createPurchaseOrder') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate(`/purchase-orders/new${supplierId ? `?supplierId=${supplierId}` : ''}`)}
            data-testid="new-purchase-order"
          >
            {t('purchasing.newOrder')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('purchasing.status')}
          aria-label={t('purchasing.status')}
          style={{ width: 150 }}
          value={status}
          onChange={(v) => setFilter('status', v)}
          options={purchaseOrderStatuses.map((s) => ({ value: s, label: t(`purchasing.statuses.${s}`) }))}
          data-testid="po-status-filter"
        />
        <div style={{ width: 220 }}>
          <SupplierPicker
            allowClear
            ariaLabel={t('purchasing.supplier')}
            value={supplierId}
            onChange={(v) => setFilter('supplierId', v)}
            testId="po-supplier-filter"
          />
        </div>
      </Space>
      {list.error && <Typography.Text type="danger">{errorMessage(t, list.error)}</Typography.Text>}
      <CardTable<PurchaseOrder>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        testId="purchase-orders-table"
        emptyText={<Empty description={t('purchasing.noOrders')} />}
        card={(po) => ({
          title: <Link to={`/purchase-orders/${po.id}`}>{po.number}</Link>,
          extra: statusTag(po),
          fields: [
            { label: t('purchasing.supplier'), value: po.supplierName },
            { label: t('purchasing.total'), value: formatMoney(po.total, po.currency) },
            { label: t('purchasing.expectedAt'), value: po.expectedAt ?? t('common.none') },
          ],
        })}
        columns={[
          {
            title: t('purchasing.number'),
            render: (_, po) => <Link to={`/purchase-orders/${po.id}`}>{po.number}</Link>,
            onCell: () => ({ style: nowrap }),
          },
          { title: t('purchasing.supplier'), dataIndex: 'supplierName' },
          { title: t('purchasing.status'), render: (_, po) => statusTag(po) },
          {
            title: t('purchasing.total'),
            render: (_, po) => formatMoney(po.total, po.currency),
            align: 'right',
            onCell: () => ({ style: nowrap }),
          },
          {
            title: t('purchasing.expectedAt'),
            render: (_, po) => po.expectedAt ?? t('common.none'),
            responsive: ['md'],
          },
          { title: t('purchasing.createdAt'), render: (_, po) => formatDate(po.createdAt), responsive: ['lg'] },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
