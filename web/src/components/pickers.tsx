import { useState, type ReactNode } from 'react';
import { Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api.ts';
import { useDebounced } from '../kit/SearchBox.tsx';

/**
 * A select that searches the API as you type (`?q=`, once the typing pauses: any part of a name,
 * its pinyin or initials, a code) in the server's order, best match first, and always shows the
 * chosen item, even when it is not among the results (it is read on its own).
 */
function SearchPicker<T extends { id: string }>({
  name,
  search,
  read,
  label,
  option,
  maxLength,
  placeholder,
  value,
  onChange,
  testId,
  disabled,
  minWidth,
  id,
  ariaLabel,
  allowClear,
}: {
  allowClear?: boolean;
  id?: string;
  ariaLabel?: string;
  name: string;
  search: (q: string | undefined) => Promise<{ items: T[] }>;
  read: (id: string) => Promise<T>;
  /** The chosen item's text in the box. */
  label: (item: T) => string;
  /** An item in the dropdown, when it shows more than its label (a product's SKU under its name). */
  option?: (item: T) => ReactNode;
  /** The API's longest `q`. */
  maxLength: number;
  placeholder: string;
  value?: string;
  onChange?: (id: string) => void;
  testId?: string;
  disabled?: boolean;
  minWidth?: number;
}) {
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim().slice(0, maxLength), 250);
  const { data, isFetching } = useQuery({
    queryKey: [`${name}-picker`, q],
    queryFn: () => search(q || undefined),
    // The last results stay while the next ones load, so the dropdown does not flash empty.
    placeholderData: keepPreviousData,
  });
  const selected = useQuery({ queryKey: [name, value], queryFn: () => read(value!), enabled: Boolean(value) });
  // The results in the server's order; the chosen item after them when the search did not find it.
  const found = data?.items ?? [];
  const chosen = selected.data;
  const items = chosen && !found.some((x) => x.id === chosen.id) ? [...found, chosen] : found;
  const options = items.map((x) => ({ value: x.id, label: label(x), item: x }));
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      optionRender={option ? (o) => option(o.data.item) : undefined}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
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
  /** Given by the form item, so its label names the picker. */
  id?: string;
  /** The picker's name where no label stands beside it (a filter). */
  ariaLabel?: string;
  value?: string;
  onChange?: (id: string) => void;
  testId?: string;
  disabled?: boolean;
  /** A filter can be emptied (its onChange then gets undefined). */
  allowClear?: boolean;
}

/** Finds a customer as you type: any part of the name, its pinyin or initials, a contact's phone digits. */
export function CustomerPicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <SearchPicker
      {...props}
      name="customer"
      search={(q) => call('listCustomers', { query: { q, limit: 20 } })}
      read={(id) => call('getCustomer', { params: { id } })}
      label={(c) => c.name}
      option={(c) => {
        const contact = c.contacts.find((x) => x.isPrimary) ?? c.contacts[0];
        return (
          <div>
            <div style={{ whiteSpace: 'normal' }}>{c.name}</div>
            {contact && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[contact.name, contact.phone].filter(Boolean).join(' ')}
              </Typography.Text>
            )}
          </div>
        );
      }}
      maxLength={120}
      placeholder={t('orders.customer')}
    />
  );
}

/** Finds an active product as you type: any part of the name, its pinyin or initials, the SKU. Shows name and SKU. */
export function ProductPicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <SearchPicker
      {...props}
      name="product"
      search={(q) => call('listProducts', { query: { q, limit: 20, active: 'true' } })}
      read={(id) => call('getProduct', { params: { id } })}
      label={(p) => `${p.name} · ${p.sku}`}
      option={(p) => (
        <div data-testid="product-option">
          <div style={{ whiteSpace: 'normal' }}>{p.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.sku}
            {p.description ? ` · ${p.description}` : ''}
          </Typography.Text>
        </div>
      )}
      maxLength={40}
      placeholder={t('orders.product')}
      minWidth={200}
    />
  );
}

/** Finds a supplier as you type: any part of the name, its pinyin, a contact's phone digits. */
export function SupplierPicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <SearchPicker
      {...props}
      name="supplier"
      search={(q) => call('listSuppliers', { query: { q, limit: 20 } })}
      read={(id) => call('getSupplier', { params: { id } })}
      label={(s) => s.name}
      maxLength={120}
      placeholder={t('purchasing.supplier')}
    />
  );
}

/** Warehouse names by id, for tables of levels and movements. */
export function useWarehouses() {
  const { data } = useQuery({ queryKey: ['warehouses'], queryFn: () => call('listWarehouses') });
  const items = data?.items ?? [];
  return { items, name: (id: string) => items.find((w) => w.id === id)?.name ?? id };
}
