import type { CreateCustomerBody, Customer, PatchCustomerBody } from '../api/customers.ts';

/**
 * The key a name is found by: NFKC (full-width letters and digits become ASCII), lower case,
 * spaces removed. A prefix of it finds the customer, Chinese names included, with a Query.
 */
export function nameSearchKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

type Listed<T> = T & { isPrimary?: boolean; isDefault?: boolean };

/** Exactly one primary contact and one default address when there are any: the first one wins. */
function oneMarked<T extends Record<string, unknown>>(
  items: Listed<T>[],
  flag: 'isPrimary' | 'isDefault',
): Listed<T>[] {
  if (items.length === 0) return items;
  const first = Math.max(
    0,
    items.findIndex((i) => i[flag]),
  );
  return items.map((item, index) => ({ ...item, [flag]: index === first }));
}

const nullables = <T extends Record<string, unknown>>(o: T, keys: string[]) =>
  Object.fromEntries([...Object.entries(o), ...keys.filter((k) => !(k in o)).map((k) => [k, null])]);

export type CustomerFields = Omit<Customer, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'archivedAt'>;

export function normalizeCustomer(fields: CreateCustomerBody | (PatchCustomerBody & CustomerFields)): CustomerFields {
  return {
    ...fields,
    tags: [...new Set(fields.tags)],
    contacts: oneMarked(
      fields.contacts.map((c) => nullables(c, ['phone', 'email', 'title'])),
      'isPrimary',
    ) as CustomerFields['contacts'],
    addresses: oneMarked(
      fields.addresses.map((a) => nullables(a, ['label', 'province', 'city', 'district', 'postalCode'])),
      'isDefault',
    ) as CustomerFields['addresses'],
  } as CustomerFields;
}

/** A patch replaces the fields it names (lists included) and keeps the rest. */
export function applyCustomerPatch(current: Customer, patch: PatchCustomerBody): CustomerFields {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, archivedAt: _a, ...fields } = current;
  return normalizeCustomer({ ...fields, ...patch } as PatchCustomerBody & CustomerFields);
}

/**
 * An order's ship-to from one of the customer's addresses (by default its default address, else its
 * first), addressed to the customer's primary contact; null when the customer has no address.
 */
export function shipToOf(customer: Pick<Customer, 'addresses' | 'contacts'>, index?: number) {
  const address =
    index === undefined
      ? (customer.addresses.find((a) => a.isDefault) ?? customer.addresses[0])
      : customer.addresses[index];
  if (!address) return null;
  const contact = customer.contacts.find((c) => c.isPrimary) ?? customer.contacts[0];
  const fields = {
    name: contact?.name,
    phone: contact?.phone,
    province: address.province,
    city: address.city,
    district: address.district,
    line1: address.line1,
    postalCode: address.postalCode,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && v !== '')) as {
    line1: string;
    name?: string;
    phone?: string;
    province?: string;
    city?: string;
    district?: string;
    postalCode?: string;
  };
}
