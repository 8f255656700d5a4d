import { useEffect, useState } from 'react';
import { Alert, App, Button, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { Table } from '../../kit/Table.tsx';
import { ShoppingCartOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { call, type Output } from '../../api.ts';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { useWarehouses } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { poColor } from '../../status.ts';

type Suggestion = Output<'getReorderSuggestions'>['items'][number];
type PurchaseOrder = Output<'getPurchaseOrder'>;
const keyOf = (s: Suggestion) => `${s.productId}:${s.warehouseId}`;

/**
 * 补货建议: what to buy to get back to safety stock, per product and warehouse, from the cheapest
 * supplier. The low-stock alert links here with `?warehouseId=&productId=`: that product's row is
 * chosen and marked. The chosen rows become draft purchase orders, one per supplier.
 */
export function SuggestionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const warehouses = useWarehouses();
  const [params, setParams] = useSearchParams();
  const warehouseId = params.get('warehouseId') ?? undefined;
  const productId = params.get('productId') ?? undefined;
  const suggestions = useQuery({
    queryKey: ['suggestions', warehouseId],
    queryFn: () => call('getReorderSuggestions', { query: { warehouseId } }),
  });
  const items = suggestions.data?.items ?? [];
  // A suggestion's cost is in its supplier's currency: read each supplier once for it.
  const baseCurrency = useBaseCurrency();
  const supplierIds = [...new Set(items.flatMap((s) => (s.supplierId ? [s.supplierId] : [])))];
  const suppliers = useQueries({
    queries: supplierIds.map((sid) => ({
      queryKey: ['supplier', sid],
      queryFn: () => call('getSupplier', { params: { id: sid } }),
      staleTime: 60_000,
    })),
  });
  const currencyOf = (sid: string) => suppliers.find((q) => q.data?.id === sid)?.data?.currency ?? baseCurrency;
  const [quantities, setQuantities] = useState<Record<string, number | null>>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [created, setCreated] = useState<PurchaseOrder[]>([]);
  // Once the list arrives: the product the alert named is chosen; without one, every row a supplier sells.
  const loadedFor = suggestions.data ? `${warehouseId}:${productId}` : undefined;
  useEffect(() => {
    if (!loadedFor || !suggestions.data) return;
    const rows = suggestions.data.items.filter((s) => s.supplierId);
    setSelected(rows.filter((s) => !productId || s.productId === productId).map(keyOf));
  }, [loadedFor, suggestions.data, productId]);
  const quantityOf = (s: Suggestion) => quantities[keyOf(s)] ?? s.suggestedQuantity;
  const create = useMutation({
    mutationFn: () =>
      call('createPurchaseOrdersFromSuggestions', {
        body: {
          lines: items
            .filter((s) => selected.includes(keyOf(s)) && s.supplierId && quantityOf(s) > 0)
            .map((s) => ({
              productId: s.productId,
              warehouseId: s.warehouseId,
              quantity: quantityOf(s),
              supplierId: s.supplierId!,
            })),
        },
      }),
    onSuccess: (result) => {
      setCreated(result.items);
      setSelected([]);
      void queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['suggestions'] });
      message.success(t('purchasing.ordersCreated', { count: result.items.length }));
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const chosen = items.filter((s) => selected.includes(keyOf(s)) && s.supplierId && quantityOf(s) > 0);
  return (
    <PageCard
      title={t('purchasing.suggestions')}
      extra={
        can('createPurchaseOrdersFromSuggestions') && (
          <Button
            type="primary"
            icon={<ShoppingCartOutlined />}
            disabled={!chosen.length}
            loading={create.isPending}
            onClick={() => create.mutate()}
            data-testid="create-from-suggestions"
          >
            {t('purchasing.createOrders', { count: chosen.length })}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('purchasing.suggestionsHint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('purchasing.allWarehouses')}
          aria-label={t('purchasing.warehouse')}
          style={{ width: 200 }}
          value={warehouseId}
          onChange={(v?: string) => {
            const next = new URLSearchParams(params);
            if (v) next.set('warehouseId', v);
            else next.delete('warehouseId');
            setParams(next, { replace: true });
          }}
          options={warehouses.items.map((w) => ({ value: w.id, label: w.name }))}
          data-testid="suggestions-warehouse"
        />
      </Space>
      {created.length > 0 && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="created-orders"
          title={t('purchasing.createdOrders')}
          description={
            <Space direction="vertical" size={4}>
              {created.map((po) => (
                <Space key={po.id} wrap size={8}>
                  <Link to={`/purchase-orders/${po.id}`}>{po.number}</Link>
                  <span>{po.supplierName}</span>
                  <span style={nowrap}>{formatMoney(po.total, po.currency)}</span>
                  <Tag color={poColor[po.status]}>{t(`purchasing.statuses.${po.status}`)}</Tag>
                </Space>
              ))}
            </Space>
          }
        />
      )}
      {suggestions.error && <Alert type="error" showIcon title={errorMessage(t, suggestions.error)} />}
      <Table<Suggestion>
        rowKey={keyOf}
        size="small"
        loading={suggestions.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        data-testid="suggestions-table"
        locale={{ emptyText: t('purchasing.noSuggestions') }}
        onRow={(s) => ({
          'data-testid': `suggestion-${s.productId}`,
          style: s.productId === productId ? { background: '#fffbe6' } : undefined,
        })}
        rowSelection={
          can('createPurchaseOrdersFromSuggestions')
            ? {
                // No select-all box: in a table that scrolls sideways antd copies the header into a hidden row.
                hideSelectAll: true,
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as string[]),
                getCheckboxProps: (s) => ({ disabled: !s.supplierId, 'aria-label': `${s.sku} ${s.name}` }),
              }
            : undefined
        }
        columns={[
          {
            title: t('purchasing.product'),
            render: (_, s) => (
              <div style={{ minWidth: 120 }}>
                <div>{s.name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.sku}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('inventory.warehouse'), render: (_, s) => warehouses.name(s.warehouseId), responsive: ['lg'] },
          { title: t('purchasing.available'), dataIndex: 'available', align: 'right', responsive: ['sm'] },
          { title: t('purchasing.safetyStock'), dataIndex: 'safetyStock', align: 'right', responsive: ['sm'] },
          { title: t('purchasing.onOrder'), dataIndex: 'onOrder', align: 'right', responsive: ['md'] },
          { title: t('purchasing.openDemand'), dataIndex: 'openDemand', align: 'right', responsive: ['md'] },
          {
            title: t('purchasing.leadTime'),
            render: (_, s) => s.leadTimeDays ?? t('common.none'),
            align: 'right',
            responsive: ['lg'],
          },
          {
            title: t('purchasing.suggestedQuantity'),
            render: (_, s) => (
              <InputNumber
                min={1}
                precision={0}
                value={quantityOf(s)}
                onChange={(v) => setQuantities((q) => ({ ...q, [keyOf(s)]: v }))}
                aria-label={`${t('purchasing.suggestedQuantity')} ${s.sku}`}
                style={{ width: 96 }}
                data-testid={`suggestion-quantity-${s.productId}`}
              />
            ),
          },
          {
            title: t('purchasing.supplier'),
            render: (_, s) =>
              s.supplierId ? (
                <div>
                  <Link to={`/suppliers/${s.supplierId}`}>{s.supplierName}</Link>
                  {s.unitCost !== null && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12, ...nowrap }}>
                        {t('purchasing.cost')} {formatMoney(s.unitCost, currencyOf(s.supplierId))}
                      </Typography.Text>
                    </div>
                  )}
                </div>
              ) : (
                <Typography.Text type="warning">{t('purchasing.noSupplier')}</Typography.Text>
              ),
          },
        ]}
      />
    </PageCard>
  );
}
