import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Tag, Typography } from 'antd';
import { Tabs } from '../../kit/Tabs.tsx';
import { Table } from '../../kit/Table.tsx';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type Output } from '../../api.ts';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { errorMessage, showFieldErrors } from '../../errors.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { ProductPicker, useWarehouses } from '../../components/pickers.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';

type Kind = 'receipt' | 'adjustment' | 'transfer';
type Warehouse = Output<'listWarehouses'>['items'][number];

/** SKU and name of the products on the page shown, one cached read each (whatever the size of the catalog). */
function useProductNames(ids: string[]) {
  const unique = [...new Set(ids)];
  const products = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['product', id],
      queryFn: () => call('getProduct', { params: { id } }),
      staleTime: 60_000,
    })),
  });
  const byId = new Map(products.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
  return (id: string) => {
    const p = byId.get(id);
    return p ? `${p.sku} · ${p.name}` : id;
  };
}

function MovementModal({ kind, onClose }: { kind?: Kind; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const warehouses = useWarehouses();
  const record = useMutation({
    mutationFn: (v: {
      productId: string;
      warehouseId: string;
      toWarehouseId?: string;
      quantity: number;
      reason?: string;
    }) => call('recordMovement', { body: { kind: kind!, ...v, reason: v.reason || undefined } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['levels'] });
      void queryClient.invalidateQueries({ queryKey: ['movements'] });
      message.success(t('inventory.recorded'));
      form.resetFields();
      onClose();
    },
    onError: (e) => showFieldErrors(form, e),
  });
  const options = warehouses.items.filter((w) => w.active).map((w) => ({ value: w.id, label: w.name }));
  // Default to the default warehouse once the list has arrived (it may come after the dialog opens).
  const defaultId = warehouses.items.find((w) => w.isDefault)?.id;
  useEffect(() => {
    if (kind && defaultId && !form.getFieldValue('warehouseId')) form.setFieldsValue({ warehouseId: defaultId });
  }, [kind, defaultId, form]);
  return (
    <Modal
      open={Boolean(kind)}
      title={kind ? t(`inventory.${kind}`) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {record.error && (
        <Alert type="error" showIcon title={errorMessage(t, record.error)} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => record.mutate(v)}>
        <Form.Item
          name="productId"
          label={t('products.product')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <ProductPicker testId="movement-product" />
        </Form.Item>
        <Form.Item
          name="warehouseId"
          label={t('inventory.warehouse')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <Select options={options} />
        </Form.Item>
        {kind === 'transfer' && (
          <Form.Item
            name="toWarehouseId"
            label={t('inventory.toWarehouse')}
            rules={[{ required: true, message: t('errors.required') }]}
          >
            <Select options={options} />
          </Form.Item>
        )}
        <Form.Item
          name="quantity"
          label={t('inventory.quantity')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <InputNumber
            min={kind === 'adjustment' ? undefined : 1}
            precision={0}
            style={{ width: '100%' }}
            data-testid="movement-quantity"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('inventory.reason')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WarehousesTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [editing, setEditing] = useState<Warehouse | 'new'>();
  const warehouses = useWarehouses();
  const current = editing === 'new' ? undefined : editing;
  return (
    <>
      {can('createWarehouse') && (
        <Button onClick={() => setEditing('new')} style={{ marginBottom: 16 }}>
          {t('inventory.newWarehouse')}
        </Button>
      )}
      <Table<Warehouse>
        rowKey="id"
        dataSource={warehouses.items}
        pagination={false}
        onRow={(w) => ({
          onClick: () => can('updateWarehouse') && setEditing(w),
          style: { cursor: can('updateWarehouse') ? 'pointer' : undefined },
        })}
        columns={[
          { title: t('inventory.code'), dataIndex: 'code' },
          {
            title: t('products.name'),
            render: (_, w) => (
              <>
                {w.name} {w.isDefault && <Tag color="green">{t('inventory.default')}</Tag>}{' '}
                {!w.active && <Tag>{t('common.no')}</Tag>}
              </>
            ),
          },
          { title: t('inventory.address'), dataIndex: 'address', responsive: ['md'] },
        ]}
      />
      <ModalForm<{ code: string; name: string; address?: string; active?: boolean }>
        open={Boolean(editing)}
        title={current ? current.name : t('inventory.newWarehouse')}
        initialValues={current ? { ...current, address: current.address ?? undefined } : { active: true }}
        submit={(v) =>
          current
            ? call('updateWarehouse', {
                params: { id: current.id },
                body: { name: v.name, address: v.address || null, active: v.active ?? true },
                ifMatch: current.version,
              })
            : call('createWarehouse', { body: { code: v.code, name: v.name, address: v.address || null } })
        }
        refresh={[['warehouses']]}
        onClose={() => setEditing(undefined)}
      >
        <Form.Item name="code" label={t('inventory.code')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input disabled={Boolean(current)} />
        </Form.Item>
        <Form.Item name="name" label={t('products.name')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t('inventory.address')}>
          <Input />
        </Form.Item>
        {current && !current.isDefault && (
          <Form.Item name="active" label={t('products.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </ModalForm>
    </>
  );
}

export function InventoryPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [kind, setKind] = useState<Kind>();
  const [warehouseId, setWarehouseId] = useState<string>();
  const warehouses = useWarehouses();
  const levels = useCursorList(['levels', warehouseId], (cursor) =>
    call('listLevels', { query: { warehouseId, cursor, limit: 50 } }),
  );
  const movements = useCursorList(['movements'], (cursor) => call('listMovements', { query: { cursor, limit: 50 } }));
  const productName = useProductNames([...levels.items, ...movements.items].map((x) => x.productId));
  // Stock is valued at moving-average cost in the base currency: shown to whoever may read the stock value.
  const baseCurrency = useBaseCurrency();
  const showValue = can('getStockValue');
  const cost = (a: number | null) => (a === null ? t('common.none') : formatMoney(a, baseCurrency));
  return (
    <PageCard
      title={t('inventory.title')}
      extra={
        can('recordMovement') && (
          <Space wrap>
            <Button type="primary" onClick={() => setKind('receipt')} data-testid="receive-stock">
              {t('inventory.receipt')}
            </Button>
            <Button onClick={() => setKind('adjustment')}>{t('inventory.adjustment')}</Button>
            <Button onClick={() => setKind('transfer')}>{t('inventory.transfer')}</Button>
          </Space>
        )
      }
    >
      <Tabs
        items={[
          {
            key: 'levels',
            label: t('inventory.levels'),
            children: (
              <>
                <Select
                  allowClear
                  placeholder={t('inventory.warehouse')}
                  aria-label={t('inventory.warehouse')}
                  style={{ width: 200, marginBottom: 16 }}
                  value={warehouseId}
                  onChange={setWarehouseId}
                  options={warehouses.items.map((w) => ({ value: w.id, label: w.name }))}
                />
                <CardTable<Output<'listLevels'>['items'][number]>
                  rowKey={(l) => `${l.productId}:${l.warehouseId}`}
                  loading={levels.isFetching}
                  pagination={false}
                  dataSource={levels.items}
                  scroll={{ x: true }}
                  testId="levels-table"
                  card={(l) => ({
                    title: productName(l.productId),
                    fields: [
                      { label: t('inventory.warehouse'), value: warehouses.name(l.warehouseId) },
                      { label: t('inventory.onHand'), value: l.onHand },
                      { label: t('inventory.reserved'), value: l.reserved },
                      {
                        label: t('inventory.available'),
                        value: (
                          <Typography.Text strong type={l.available <= 0 ? 'danger' : undefined}>
                            {l.available}
                          </Typography.Text>
                        ),
                      },
                      ...(showValue
                        ? [
                            { label: t('inventory.unitCost'), value: cost(l.unitCost) },
                            { label: t('inventory.value'), value: cost(l.value) },
                          ]
                        : []),
                    ],
                  })}
                  columns={[
                    { title: t('products.product'), render: (_, l) => productName(l.productId) },
                    {
                      title: t('inventory.warehouse'),
                      render: (_, l) => warehouses.name(l.warehouseId),
                      responsive: ['md'],
                    },
                    {
                      title: t('inventory.onHand'),
                      dataIndex: 'onHand',
                      align: 'right',
                      onCell: () => ({ style: nowrap }),
                    },
                    {
                      title: t('inventory.reserved'),
                      dataIndex: 'reserved',
                      align: 'right',
                      onCell: () => ({ style: nowrap }),
                    },
                    {
                      title: t('inventory.available'),
                      dataIndex: 'available',
                      align: 'right',
                      onCell: () => ({ style: nowrap }),
                      render: (v: number) => (
                        <Typography.Text strong type={v <= 0 ? 'danger' : undefined}>
                          {v}
                        </Typography.Text>
                      ),
                    },
                    ...(showValue
                      ? [
                          {
                            title: t('inventory.unitCost'),
                            key: 'unitCost',
                            align: 'right' as const,
                            responsive: ['md' as const],
                            onCell: () => ({ style: nowrap }),
                            render: (_: unknown, l: Output<'listLevels'>['items'][number]) => cost(l.unitCost),
                          },
                          {
                            title: t('inventory.value'),
                            key: 'value',
                            align: 'right' as const,
                            onCell: () => ({ style: nowrap }),
                            render: (_: unknown, l: Output<'listLevels'>['items'][number]) => cost(l.value),
                          },
                        ]
                      : []),
                  ]}
                />
                <Pager {...levels.pager} />
              </>
            ),
          },
          {
            key: 'movements',
            label: t('inventory.movements'),
            children: (
              <>
                <Table<Output<'listMovements'>['items'][number]>
                  rowKey="id"
                  loading={movements.isFetching}
                  pagination={false}
                  scroll={{ x: true }}
                  dataSource={movements.items}
                  data-testid="movements-table"
                  columns={[
                    { title: t('inventory.at'), render: (_, r) => formatDateTime(r.at) },
                    { title: t('inventory.kind'), render: (_, r) => <Tag>{t(`inventory.kinds.${r.kind}`)}</Tag> },
                    { title: t('products.product'), render: (_, r) => productName(r.productId) },
                    {
                      title: t('inventory.warehouse'),
                      render: (_, r) => warehouses.name(r.warehouseId),
                      responsive: ['md'],
                    },
                    {
                      title: t('inventory.onHand'),
                      render: (_, r) => (r.onHandDelta > 0 ? `+${r.onHandDelta}` : r.onHandDelta),
                    },
                    {
                      title: t('inventory.reserved'),
                      render: (_, r) => (r.reservedDelta > 0 ? `+${r.reservedDelta}` : r.reservedDelta),
                      responsive: ['md'],
                    },
                    { title: t('inventory.reason'), dataIndex: 'reason', responsive: ['lg'] },
                  ]}
                />
                <Pager {...movements.pager} />
              </>
            ),
          },
          { key: 'warehouses', label: t('inventory.warehouses'), children: <WarehousesTab /> },
        ]}
      />
      <MovementModal kind={kind} onClose={() => setKind(undefined)} />
    </PageCard>
  );
}
