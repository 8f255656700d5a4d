import type { PatchOrderBody } from '#shared/api/orders.ts';
import * as rules from '#shared/domain/order-state.ts';
import { getCustomer } from '#functions/customers/service.ts';
import { buildLines, defaultWarehouseId, withTotals } from '../lines.ts';
import type { OrderAction } from './runner.ts';
import { userExists } from '#functions/tenants/scope.ts';
import { UnprocessableError } from '#functions/platform/errors.ts';

/** Edit a draft (or a rejected order, which goes back to draft): lines re-priced, approval cleared. */
export const update: OrderAction<PatchOrderBody> = async (t, current, patch) => {
  rules.assertCan(current, 'edit');
  const customer = await getCustomer(t, current.customerId);
  if (patch.salesRepId && !(await userExists(t, patch.salesRepId)))
    throw new UnprocessableError('unknown_owner', 'The sales rep is not a user of this company.');
  const lines = patch.lines
    ? await buildLines(t, customer, patch.lines, current.currency, current.pricesIncludeTax)
    : current.lines;
  const warehouseId = patch.warehouseId ? await defaultWarehouseId(t, patch.warehouseId) : current.warehouseId;
  const next = withTotals({
    ...current,
    status: 'draft',
    lines,
    warehouseId,
    shippingAddress: patch.shippingAddress === undefined ? current.shippingAddress : patch.shippingAddress,
    externalRef: patch.externalRef === undefined ? current.externalRef : patch.externalRef,
    notes: patch.notes === undefined ? current.notes : patch.notes,
    customFields: patch.customFields ?? current.customFields,
    salesRepId: patch.salesRepId ?? current.salesRepId,
    approval: { required: false, rulesVersion: null, matchedRules: [], steps: [] },
  });
  return { next, events: [{ type: 'order.updated' }] };
};
