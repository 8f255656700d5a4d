import { checkCustomFields, filteredPage } from '#functions/tenants/custom-fields.ts';
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
import { seesCustomer, visibility } from '#functions/tenants/scope.ts';
import { ConflictError } from '#functions/platform/errors.ts';
import { retryOnConflict, staleError } from '#functions/platform/db.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import * as store from './store.ts';

/** For other modules: undefined (not 404) when missing; the follow-up reminders' reads and writes. */
export { getCustomer as findCustomer, dueFollowUps, followUpReminded } from './store.ts';

export async function createCustomer(
  t: TenantContext,
  body: CreateCustomerBody,
  options: { id?: string } = {},
): Promise<Customer> {
  const now = nowIso();
  const [settings, seen] = await Promise.all([getSettings(t), visibility(t)]);
  const currency = body.currency ?? settings.baseCurrency;
  // A rep who sees only their own (or their department's) customers owns what they create.
  const ownerId = body.ownerId ?? (seen.all ? null : t.principal.id);
  const customFields = await checkCustomFields(t, 'customer', body.customFields);
  const customer: Customer = {
    id: options.id ?? newId('customer'),
    ...normalizeCustomer({ ...body, currency, ownerId, customFields }),
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

/** A customer the caller may see: out of their data scope it does not exist for them (404). */
export async function getCustomer(t: TenantContext, id: string): Promise<Customer> {
  const [customer, seen] = await Promise.all([store.getCustomer(t, id), visibility(t)]);
  if (!customer || !seesCustomer(seen, customer)) throw new NotFoundError('customer');
  return customer;
}

export async function listCustomers(t: TenantContext, query: ListCustomersQuery) {
  const seen = await visibility(t);
  return filteredPage(t, 'customer', query, (slice) => store.listCustomers(t, { ...query, ...slice }, seen));
}

/**
 * 公海: a customer nobody owns is visible to everyone who may claim it; claiming makes it the
 * caller's (only while it is still unowned), releasing gives it back to the pool.
 */
export function claimCustomer(t: TenantContext, id: string, expectedVersion?: number) {
  return changeCustomer(t, id, expectedVersion, (current) => {
    if (current.ownerId && current.ownerId !== t.principal.id)
      throw new ConflictError('already_owned', 'Someone else owns this customer already.');
    const { id: _i, version: _v, createdAt: _c, updatedAt: _u, ...fields } = current;
    return { ...fields, ownerId: t.principal.id };
  });
}

export function releaseCustomer(t: TenantContext, id: string, expectedVersion?: number) {
  return changeCustomer(t, id, expectedVersion, (current) => {
    const { id: _i, version: _v, createdAt: _c, updatedAt: _u, ...fields } = current;
    return { ...fields, ownerId: null };
  });
}

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

export async function updateCustomer(t: TenantContext, id: string, patch: PatchCustomerBody, expectedVersion?: number) {
  // Checked on every edit: a field made required later is asked for on the record's next change.
  const before = await getCustomer(t, id);
  const customFields = await checkCustomFields(
    t,
    'customer',
    patch.customFields ?? (before.customFields as NonNullable<PatchCustomerBody['customFields']>),
    before.customFields,
  );
  return changeCustomer(t, id, expectedVersion, (current) => ({
    ...applyCustomerPatch(current, { ...patch, customFields }),
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
  input: { channel: Note['channel']; body: string; at?: string; nextFollowUpAt?: string | null },
) {
  const customer = await getCustomer(t, customerId);
  const now = nowIso();
  const note: Note = {
    id: newId('note'),
    customerId,
    channel: input.channel,
    body: input.body,
    at: input.at ?? now,
    nextFollowUpAt: input.nextFollowUpAt ?? null,
    // The reminder goes to whoever owns the customer then, else to the note's author.
    followUpUserId: input.nextFollowUpAt ? (customer.ownerId ?? t.principal.id) : null,
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
