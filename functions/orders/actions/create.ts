import { checkCustomFields } from '#functions/tenants/custom-fields.ts';
import type * as z from 'zod';
import type { CreateOrderBody, Order } from '#shared/api/orders.ts';
import { shipToOf } from '#shared/domain/customers.ts';
import { isTransactionConflict } from '#functions/platform/db.ts';
import { Problem, UnprocessableError } from '#functions/platform/errors.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { NumberTaken, formatNumber, nextNumber } from '#functions/platform/numbering.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { getCustomer } from '#functions/customers/service.ts';
import { customerCurrency } from '#functions/catalog/service.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { userExists } from '#functions/tenants/scope.ts';
import { requireRate } from '#functions/finance/rates.ts';
import { companyDay } from '#shared/domain/dates.ts';
import { buildLines, defaultWarehouseId, duplicateRef, withTotals } from '../lines.ts';
import { claimExternalRef, orderOfExternalRef } from '../store.ts';
import { guarded } from '#functions/platform/transact.ts';

/** Another order took the channel's reference in the same instant. */
class DuplicateRef extends Error {}
import { commitOrder } from './runner.ts';

/** Tries at taking the next number before the caller is asked to come back. */
const NUMBER_ATTEMPTS = 20;

/**
 * A new draft: priced by the quote rules, numbered gap-free from the company's counter in the
 * same transaction (a number taken meanwhile is simply the next one's turn). When the counter stays
 * contended past every attempt the answer is 503 with Retry-After, never a 500.
 */
export async function create(
  t: TenantContext,
  body: z.output<typeof CreateOrderBody>,
  options: { id?: string } = {},
): Promise<Order> {
  const customer = await getCustomer(t, body.customerId).catch(() => {
    throw new UnprocessableError('unknown_customer', 'The customer does not exist.');
  });
  if (customer.archivedAt) throw new UnprocessableError('archived_customer', 'The customer is archived.');
  const [settings, currency] = await Promise.all([getSettings(t), customerCurrency(t, customer, body.currency)]);
  if (body.salesRepId && !(await userExists(t, body.salesRepId)))
    throw new UnprocessableError('unknown_owner', 'The sales rep is not a user of this company.');
  // The same shop order sent twice (without an Idempotency-Key) is refused, naming the first.
  if (body.externalRef && (await orderOfExternalRef(t, body.channel, body.externalRef)))
    throw await duplicateRef(t, body.channel, body.externalRef);
  const customFields = await checkCustomFields(t, 'order', body.customFields);
  const now = nowIso();
  const today = companyDay(now, settings.timeZone);
  // The year of the number is the company's year: an order at 07:00 on 1 January in Beijing is 2027's.
  const year = today.slice(0, 4);
  const [warehouseId, lines, fxRate] = await Promise.all([
    defaultWarehouseId(t, body.warehouseId),
    buildLines(t, customer, body.lines, currency, settings.pricesIncludeTax),
    requireRate(t, currency, today),
  ]);
  for (let attempt = 1; attempt <= NUMBER_ATTEMPTS; attempt += 1) {
    const counter = await nextNumber(t, 'ORDER', year);
    const order = withTotals({
      id: options.id ?? newId('order'),
      number: formatNumber(settings.numbering.order, year, counter.value),
      status: 'draft',
      customerId: customer.id,
      customerName: customer.name,
      currency,
      fxRate,
      pricesIncludeTax: settings.pricesIncludeTax,
      warehouseId,
      lines,
      subtotal: 0,
      tax: 0,
      total: 0,
      approval: { required: false, rulesVersion: null, matchedRules: [], steps: [] },
      flags: [],
      shippingAddress: body.shippingAddress ?? shipToOf(customer),
      channel: body.channel,
      externalRef: body.externalRef ?? null,
      notes: body.notes ?? null,
      customFields,
      salesRepId: body.salesRepId ?? customer.ownerId ?? (t.principal.kind === 'user' ? t.principal.id : null),
      cost: 0,
      grossMargin: 0,
      requestedDeliveryDate: body.requestedDeliveryDate ?? null,
      validUntil: body.validUntil ?? null,
      revision: 0,
      shortages: [],
      backorderedAt: null,
      createdBy: t.principal.id,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await commitOrder(
        t,
        null,
        order,
        {
          events: [{ type: 'order.created' }],
          writes: () => [
            counter.item,
            ...(body.externalRef
              ? [guarded(claimExternalRef(t, body.channel, body.externalRef, order.id), new DuplicateRef())]
              : []),
          ],
        },
        new Error(),
      );
      return order;
    } catch (error) {
      if (error instanceof DuplicateRef) throw await duplicateRef(t, body.channel, body.externalRef!);
      if (!(error instanceof NumberTaken || isTransactionConflict(error))) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    } finally {
      counter.release(); // written or not, the next order of this container need not wait
    }
  }
  throw new Problem('busy', 'Many orders are being numbered at this moment; try again in a second.', undefined, {
    'retry-after': '1',
  });
}
