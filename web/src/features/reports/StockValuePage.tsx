import { useState } from 'react';
import { Select, Space, Statistic, Typography } from 'antd';
import { DateField } from '../../kit/DateField.tsx';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { call, type Output } from '../../api.ts';
import { useBaseCurrency } from '../../auth.tsx';
import { useWarehouses } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';

type Row = Output<'getStockValue'>['rows'][number];

/** 库存价值: stock on hand at moving-average cost per product and warehouse, as of a day's end, and its total. */
export function StockValuePage() {
  const { t } = useTranslation();
  const baseCurrency = useBaseCurrency();
  const warehouses = useWarehouses();
  const [asOf, setAsOf] = useState<string>();
  const [warehouseId, setWarehouseId] = useState<string>();
  const { data, isFetching, error } = useQuery({
    queryKey: ['stock-value', asOf, warehouseId],
    queryFn: () => call('getStockValue', { query: { asOf, warehouseId } }),
  });
  const currency = data?.currency ?? baseCurrency;
  const money = (a: number | null) => (a === null ? t('common.none') : formatMoney(a, currency));
  return (
    <PageCard title={t('purchasing.stockValue')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('purchasing.asOf')}</span>
        <DateField
          aria-label={t('purchasing.asOf')}
          value={asOf ? dayjs(asOf) : dayjs()}
          onChange={(d) => setAsOf(d?.format('YYYY-MM-DD'))}
          allowClear={false}
          data-testid="stock-value-as-of"
        />
        <Select
          allowClear
          placeholder={t('purchasing.allWarehouses')}
          aria-label={t('inventory.warehouse')}
          style={{ width: 180 }}
          value={warehouseId}
          onChange={setWarehouseId}
          options={warehouses.items.map((w) => ({ value: w.id, label: w.name }))}
        />
      </Space>
      <Statistic
        title={t('purchasing.totalValue')}
        value={data ? formatMoney(data.totalValue, currency) : '—'}
        data-testid="stock-value-total"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('purchasing.valueBase', { currency })}
      </Typography.Paragraph>
      {error && <Typography.Text type="danger">{errorMessage(t, error)}</Typography.Text>}
      <CardTable<Row>
        rowKey={(r) => `${r.productId}:${r.warehouseId}`}
        loading={isFetching}
        dataSource={data?.rows ?? []}
        pagination={false}
        scroll={{ x: true }}
        testId="stock-value-table"
        card={(r) => ({
          title: `${r.sku} · ${r.name}`,
          fields: [
            { label: t('inventory.warehouse'), value: warehouses.name(r.warehouseId) },
            { label: t('purchasing.onHand'), value: r.onHand },
            { label: t('purchasing.avgCost'), value: money(r.unitCost) },
            { label: t('purchasing.value'), value: money(r.value) },
          ],
        })}
        columns={[
          { title: 'SKU', dataIndex: 'sku', onCell: () => ({ style: nowrap }) },
          { title: t('purchasing.product'), dataIndex: 'name' },
          { title: t('inventory.warehouse'), render: (_, r) => warehouses.name(r.warehouseId), responsive: ['md'] },
          { title: t('purchasing.onHand'), dataIndex: 'onHand', align: 'right' },
          {
            title: t('purchasing.avgCost'),
            render: (_, r) => money(r.unitCost),
            align: 'right',
            onCell: () => ({ style: nowrap }),
          },
          {
            title: t('purchasing.value'),
            render: (_, r) => money(r.value),
            align: 'right',
            onCell: () => ({ style: nowrap }),
          },
        ]}
      />
    </PageCard>
  );
}
