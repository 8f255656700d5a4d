import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { Tabs } from '../../kit/Tabs.tsx';
import { Table } from '../../kit/Table.tsx';
import type { FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type Output } from '../../api.ts';
import { useAuth, useBaseCurrency, useSettings } from '../../auth.tsx';
import { unitPriceLabel } from '../../components/Amounts.tsx';
import { currencyOptions } from '../../currencies.ts';
import { formatMoney } from '../../format.ts';
import { ProductPicker } from '../../components/pickers.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { SearchBox } from '../../kit/SearchBox.tsx';
import { errorMessage } from '../../errors.ts';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { CustomFieldFilters, CustomFieldInputs, cfQuery, useCustomFields } from '../../kit/CustomFields.tsx';

type Product = Output<'getProduct'>;
type PriceList = Output<'getPriceList'>;

interface ProductValues {
  sku: string;
  name: string;
  unit: string;
  price: number;
  taxPercent: number;
  safetyStock: number;
  active: boolean;
  description?: string | null;
  customFields?: Record<string, unknown>;
}

function ProductModal({ product, open, onClose }: { product?: Product; open: boolean; onClose: () => void }) {
  const base = useBaseCurrency();
  const settings = useSettings();
  const currency = product?.price.currency ?? base;
  const { t } = useTranslation();
  const includesTax = settings?.pricesIncludeTax ?? true;
  const cf = useCustomFields('product');
  return (
    <ModalForm<ProductValues>
      open={open}
      title={product ? t('products.edit') : t('products.new')}
      submit={(v) => {
        const body = {
          name: v.name,
          unit: v.unit,
          price: { amount: toMinor(v.price, currency), currency },
          taxRate: Math.round(v.taxPercent * 100),
          safetyStock: v.safetyStock,
          active: v.active,
          description: v.description?.trim() || null,
          customFields: cf.body(product?.customFields, v.customFields),
        };
        return product
          ? call('updateProduct', { params: { id: product.id }, body, ifMatch: product.version })
          : call('createProduct', { body: { ...body, sku: v.sku } });
      }}
      refresh={[['products']]}
      onClose={onClose}
      initialValues={
        product
          ? { ...product, price: fromMinor(product.price.amount, currency), taxPercent: product.taxRate / 100 }
          : { unit: '件', taxPercent: (settings?.defaultTaxRate ?? 1300) / 100, safetyStock: 0, active: true }
      }
    >
      <Form.Item name="sku" label={t('products.sku')} rules={[{ required: true, message: t('errors.required') }]}>
        <Input disabled={Boolean(product)} data-testid="product-sku" />
      </Form.Item>
      <Form.Item name="name" label={t('products.name')} rules={[{ required: true, message: t('errors.required') }]}>
        <Input data-testid="product-name" />
      </Form.Item>
      <Form.Item name="description" label={t('products.spec')}>
        <Input maxLength={2000} data-testid="product-spec" />
      </Form.Item>
      <Space wrap>
        <Form.Item name="unit" label={t('products.unit')}>
          <Input style={{ width: 80 }} />
        </Form.Item>
        <Form.Item
          name="price"
          label={unitPriceLabel(t, includesTax)}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <InputNumber min={0} precision={minorDigits(currency)} addonAfter={currency} data-testid="product-price" />
        </Form.Item>
        <Form.Item name="taxPercent" label={t('products.taxRate')}>
          <InputNumber min={0} max={100} precision={2} data-testid="product-tax-rate" />
        </Form.Item>
        <Form.Item name="safetyStock" label={t('products.safetyStock')}>
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name="active" label={t('products.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>
      <CustomFieldInputs entity="product" values={product?.customFields} title={t('customFields.section')} />
    </ModalForm>
  );
}

function ProductsTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const settings = useSettings();
  const [q, setQ] = useState<string>();
  const [order, setOrder] = useState<'newest' | 'sku'>('newest');
  const [editing, setEditing] = useState<Product | 'new'>();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const cf = useCustomFields('product');
  // A search answers best match first; the order is a choice only without one.
  const sort = q ? undefined : order;
  const list = useCursorList(['products', q, sort, filters], (cursor) =>
    call('listProducts', { query: { q, sort, cursor, limit: 50, ...cfQuery(filters) } }),
  );
  const editable = can('updateProduct');
  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <SearchBox
          placeholder={t('products.searchPlaceholder')}
          maxLength={40}
          testId="product-search"
          onSearch={setQ}
        />
        {!q && (
          <Select
            value={order}
            style={{ width: 140 }}
            data-testid="product-sort"
            options={(['newest', 'sku'] as const).map((s) => ({ value: s, label: t(`products.sorts.${s}`) }))}
            onChange={setOrder}
          />
        )}
        {can('createProduct') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-product">
            {t('products.new')}
          </Button>
        )}
        <CustomFieldFilters entity="product" value={filters} onChange={setFilters} />
      </Space>
      {list.error && <Typography.Text type="danger">{errorMessage(t, list.error)}</Typography.Text>}
      <CardTable<Product>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        testId="products-table"
        emptyText={q ? t('common.noMatch', { q }) : undefined}
        onRow={(p) => ({
          onClick: () => editable && setEditing(p),
          style: { cursor: editable ? 'pointer' : undefined },
        })}
        card={(p) => ({
          title: editable ? (
            <Typography.Link onClick={() => setEditing(p)} data-testid="product-card-edit">
              {p.name}
            </Typography.Link>
          ) : (
            p.name
          ),
          extra: p.active ? undefined : <Tag>{t('products.inactive')}</Tag>,
          fields: [
            { label: t('products.sku'), value: p.sku },
            ...(p.description ? [{ label: t('products.spec'), value: p.description }] : []),
            {
              label: unitPriceLabel(t, settings?.pricesIncludeTax ?? true),
              value: `${formatMoney(p.price.amount, p.price.currency)} / ${p.unit}`,
            },
            ...cf.cardFields(p.customFields),
          ],
        })}
        columns={[
          { title: t('products.sku'), dataIndex: 'sku' },
          {
            title: t('products.name'),
            render: (_, p) => (
              <>
                {p.name}
                {p.description && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.description}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          ...cf.columns<Product>(),
          { title: t('products.unit'), dataIndex: 'unit', responsive: ['md'] },
          {
            title: unitPriceLabel(t, settings?.pricesIncludeTax ?? true),
            render: (_, p) => <span style={nowrap}>{formatMoney(p.price.amount, p.price.currency)}</span>,
          },
          { title: t('products.taxRate'), render: (_, p) => `${p.taxRate / 100}%`, responsive: ['md'] },
          { title: t('products.safetyStock'), dataIndex: 'safetyStock', responsive: ['lg'] },
          {
            title: t('products.active'),
            render: (_, p) => (p.active ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
            responsive: ['md'],
          },
        ]}
      />
      <Pager {...list.pager} />
      <ProductModal
        open={Boolean(editing)}
        product={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}

interface PriceListValues {
  name: string;
  currency: string;
  tiers: string[];
  entries: { productId: string; price: number; minQuantity: number }[];
}

/** A price list is in one currency: the currency of the customers it prices (a USD list for USD customers). */
function PriceListModal({ list, open, onClose }: { list?: PriceList; open: boolean; onClose: () => void }) {
  const base = useBaseCurrency();
  const { t } = useTranslation();
  return (
    <ModalForm<PriceListValues>
      open={open}
      width={720}
      title={list ? list.name : t('products.newPriceList')}
      submit={(v) => {
        const currency = v.currency ?? base;
        const body = {
          name: v.name,
          tiers: v.tiers ?? [],
          entries: (v.entries ?? []).map((e) => ({
            productId: e.productId,
            price: { amount: toMinor(e.price, currency), currency },
            minQuantity: e.minQuantity ?? 1,
          })),
        };
        return list
          ? call('updatePriceList', { params: { id: list.id }, body, ifMatch: list.version })
          : call('createPriceList', { body });
      }}
      refresh={[['price-lists']]}
      onClose={onClose}
      initialValues={
        list
          ? {
              ...list,
              currency: list.entries[0]?.price.currency ?? base,
              entries: list.entries.map((e) => ({ ...e, price: fromMinor(e.price.amount, e.price.currency) })),
            }
          : { currency: base, tiers: [], entries: [] }
      }
    >
      {(form) => <PriceListFields form={form} />}
    </ModalForm>
  );
}

function PriceListFields({ form }: { form: FormInstance<PriceListValues> }) {
  const { t } = useTranslation();
  const base = useBaseCurrency();
  const settings = useSettings();
  const currency = (Form.useWatch('currency', form) as string | undefined) ?? base;
  return (
    <>
      <Space wrap>
        <Form.Item
          name="name"
          label={t('products.listName')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <Input style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="currency" label={t('money.currency')} tooltip={t('products.listCurrencyHint')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={currencyOptions(currency, base)}
            style={{ width: 200 }}
            data-testid="price-list-currency"
          />
        </Form.Item>
      </Space>
      <Form.Item name="tiers" label={t('products.tiers')}>
        <Select mode="tags" />
      </Form.Item>
      <Typography.Text strong>{t('products.entries')}</Typography.Text>
      <Form.List name="entries">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item
                  name={[field.name, 'productId']}
                  rules={[{ required: true, message: t('errors.required') }]}
                  style={{ width: 260 }}
                >
                  <ProductPicker />
                </Form.Item>
                <Form.Item name={[field.name, 'price']} rules={[{ required: true, message: t('errors.required') }]}>
                  <InputNumber
                    min={0}
                    precision={minorDigits(currency)}
                    placeholder={unitPriceLabel(t, settings?.pricesIncludeTax ?? true)}
                    addonAfter={currency}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'minQuantity']}>
                  <InputNumber min={1} precision={0} placeholder={t('products.minQuantity')} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({ minQuantity: 1 })} icon={<PlusOutlined />}>
              {t('products.addEntry')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

function PriceListsTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [editing, setEditing] = useState<PriceList | 'new'>();
  const { data, isFetching } = useQuery({ queryKey: ['price-lists'], queryFn: () => call('listPriceLists') });
  return (
    <>
      {can('createPriceList') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ marginBottom: 16 }}>
          {t('products.newPriceList')}
        </Button>
      )}
      <Table<PriceList>
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        onRow={(l) => ({ onClick: () => can('updatePriceList') && setEditing(l) })}
        columns={[
          { title: t('products.listName'), dataIndex: 'name' },
          { title: t('products.tiers'), render: (_, l) => l.tiers.map((tier) => <Tag key={tier}>{tier}</Tag>) },
          { title: t('products.entries'), render: (_, l) => l.entries.length },
        ]}
      />
      <PriceListModal
        open={Boolean(editing)}
        list={editing === 'new' ? undefined : editing}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}

export function ProductsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  App.useApp();
  return (
    <PageCard title={t('products.title')}>
      <Tabs
        items={[
          { key: 'products', label: t('products.title'), children: <ProductsTab /> },
          ...(can('listPriceLists')
            ? [{ key: 'lists', label: t('products.priceLists'), children: <PriceListsTab /> }]
            : []),
        ]}
      />
    </PageCard>
  );
}
