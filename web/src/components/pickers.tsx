import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api.ts';

/** Finds a customer by name prefix as you type (the API's q search). */
export function CustomerPicker({
  value,
  onChange,
  testId,
  disabled,
}: {
  value?: string;
  onChange?: (id: string) => void;
  testId?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['customer-picker', q],
    queryFn: () => call('listCustomers', { query: { q: q || undefined, limit: 20 } }),
  });
  const selected = useQuery({
    queryKey: ['customer', value],
    queryFn: () => call('getCustomer', { params: { id: value! } }),
    enabled: Boolean(value),
  });
  const options = [...(data?.items ?? []), ...(selected.data ? [selected.data] : [])]
    .filter((c, i, all) => all.findIndex((x) => x.id === c.id) === i)
    .map((c) => ({ value: c.id, label: c.name }));
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={isFetching}
      disabled={disabled}
      options={options}
      placeholder={t('orders.customer')}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}

/** Finds a product by SKU prefix as you type. */
export function ProductPicker({
  value,
  onChange,
  testId,
}: {
  value?: string;
  onChange?: (id: string) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['product-picker', q],
    queryFn: () => call('listProducts', { query: { q: q || undefined, limit: 20, active: 'true' } }),
  });
  const selected = useQuery({
    queryKey: ['product', value],
    queryFn: () => call('getProduct', { params: { id: value! } }),
    enabled: Boolean(value),
  });
  const options = [...(data?.items ?? []), ...(selected.data ? [selected.data] : [])]
    .filter((p, i, all) => all.findIndex((x) => x.id === p.id) === i)
    .map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }));
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={isFetching}
      options={options}
      placeholder={t('orders.product')}
      data-testid={testId}
      style={{ width: '100%', minWidth: 200 }}
    />
  );
}

/** Warehouse names by id, for tables of levels and movements. */
export function useWarehouses() {
  const { data } = useQuery({ queryKey: ['warehouses'], queryFn: () => call('listWarehouses') });
  const items = data?.items ?? [];
  return { items, name: (id: string) => items.find((w) => w.id === id)?.name ?? id };
}
