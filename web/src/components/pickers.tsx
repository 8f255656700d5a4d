import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api.ts';

/**
 * A select that searches the API as you type (`?q=`) and always shows the chosen item, even when
 * it is not among the results (it is read on its own).
 */
function SearchPicker<T extends { id: string }>({
  name,
  search,
  read,
  label,
  placeholder,
  value,
  onChange,
  testId,
  disabled,
  minWidth,
}: {
  name: string;
  search: (q: string | undefined) => Promise<{ items: T[] }>;
  read: (id: string) => Promise<T>;
  label: (item: T) => string;
  placeholder: string;
  value?: string;
  onChange?: (id: string) => void;
  testId?: string;
  disabled?: boolean;
  minWidth?: number;
}) {
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({ queryKey: [`${name}-picker`, q], queryFn: () => search(q || undefined) });
  const selected = useQuery({ queryKey: [name, value], queryFn: () => read(value!), enabled: Boolean(value) });
  const options = [...(data?.items ?? []), ...(selected.data ? [selected.data] : [])]
    .filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i)
    .map((x) => ({ value: x.id, label: label(x) }));
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={isFetching}
      disabled={disabled}
      options={options}
      placeholder={placeholder}
      data-testid={testId}
      style={{ width: '100%', minWidth }}
    />
  );
}

interface PickerProps {
  value?: string;
  onChange?: (id: string) => void;
  testId?: string;
  disabled?: boolean;
}

/** Finds a customer as you type (the API's q search). */
export function CustomerPicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <SearchPicker
      {...props}
      name="customer"
      search={(q) => call('listCustomers', { query: { q, limit: 20 } })}
      read={(id) => call('getCustomer', { params: { id } })}
      label={(c) => c.name}
      placeholder={t('orders.customer')}
    />
  );
}

/** Finds an active product as you type. */
export function ProductPicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <SearchPicker
      {...props}
      name="product"
      search={(q) => call('listProducts', { query: { q, limit: 20, active: 'true' } })}
      read={(id) => call('getProduct', { params: { id } })}
      label={(p) => `${p.sku} · ${p.name}`}
      placeholder={t('orders.product')}
      minWidth={200}
    />
  );
}

/** Warehouse names by id, for tables of levels and movements. */
export function useWarehouses() {
  const { data } = useQuery({ queryKey: ['warehouses'], queryFn: () => call('listWarehouses') });
  const items = data?.items ?? [];
  return { items, name: (id: string) => items.find((w) => w.id === id)?.name ?? id };
}
