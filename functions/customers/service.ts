import type {
  CreateCustomerBody,
  Customer,
  ListCustomersQuery,
  Note,
  PatchCustomerBody,
} from '#shared/api/customers.ts';
import { applyCustomerPatch, normalizeCustomer } from '#shared/domain/customers.ts';
import { NotFoundError, PreconditionFailedError, UnprocessableError } from '#functions/platform/errors.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { retryOnConflict, staleError } from '#functions/platform/db.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import * as store from './store.ts';

/** For other modules: undefined (not 404) when missing. */
export { getCustomer as findCustomer } from './store.ts';

export async function createCustomer(
  t: TenantContext,
  body: CreateCustomerBody,
  options: { id?: string } = {},
): Promise<Customer> {
  const now = nowIso();
  const currency = body.currency ?? (await getSettings(t)).baseCurrency;
  const customer: Customer = {
    id: options.id ?? newId('customer'),
    ...normalizeCustomer({ ...body, currency }),
    archivedAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  checkCreditCurrency(customer);
  await store.insertCustomer(t, customer);
  return customer;
}

/** A credit limit is counted in the customer's own currency (its orders and invoices are in it). */
function checkCreditCurrency(customer: Customer) {
  if (customer.creditLimit && customer.currency && customer.creditLimit.currency !== customer.currency) {
    throw new UnprocessableError(
      'currency_mismatch',
      `The credit limit is in ${customer.creditLimit.currency} but the customer trades in ${customer.currency}.`,
    );
  }
}

export async function getCustomer(t: TenantContext, id: string): Promise<Customer> {
  const customer = await store.getCustomer(t, id);
  if (!customer) throw new NotFoundError('customer');
  return customer;
}

export const listCustomers = (t: TenantContext, query: ListCustomersQuery) => store.listCustomers(t, query);

/**
 * Read, change, write back conditionally on the version read. With If-Match a concurrent
 * change answers 412; without it we re-read and apply the patch again (last writer merges).
 */
async function changeCustomer(
  t: TenantContext,
  id: string,
  expectedVersion: number | undefined,
  change: (current: Customer) => Omit<Customer, 'id' | 'version' | 'createdAt' | 'updatedAt'>,
): Promise<Customer> {
  return retryOnConflict(async () => {
    const current = await getCustomer(t, id);
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new PreconditionFailedError();
    const next: Customer = {
      ...change(current),
      id,
      version: current.version + 1,
      createdAt: current.createdAt,
      updatedAt: nowIso(),
    };
    checkCreditCurrency(next);
    await store.replaceCustomer(t, next, current.version, staleError(expectedVersion));
    return next;
  });
}

export function updateCustomer(t: TenantContext, id: string, patch: PatchCustomerBody, expectedVersion?: number) {
  return changeCustomer(t, id, expectedVersion, (current) => ({
    ...applyCustomerPatch(current, patch),
    archivedAt: current.archivedAt,
  }));
}

/** Archiving keeps the customer (orders and invoices refer to it) but takes it out of lists. */
export function archiveCustomer(t: TenantContext, id: string, expectedVersion?: number) {
  return changeCustomer(t, id, expectedVersion, (current) => {
    const { id: _i, version: _v, createdAt: _c, updatedAt: _u, ...fields } = current;
    return { ...fields, stage: 'inactive', archivedAt: current.archivedAt ?? nowIso() };
  });
}

export async function addNote(
  t: TenantContext,
  customerId: string,
  input: { channel: Note['channel']; body: string; at?: string },
) {
  const now = nowIso();
  const note: Note = {
    id: newId('note'),
    customerId,
    channel: input.channel,
    body: input.body,
    at: input.at ?? now,
    authorId: t.principal.id,
    createdAt: now,
  };
  await store.insertNote(t, note);
  return note;
}

export async function listNotes(t: TenantContext, customerId: string, limit: number, cursor?: string) {
  await getCustomer(t, customerId);
  return store.listNotes(t, customerId, limit, cursor);
}
