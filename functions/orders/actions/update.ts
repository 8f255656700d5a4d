import { checkCustomFields } from '#functions/tenants/custom-fields.ts';
import type { PatchOrderBody } from '#shared/api/orders.ts';
import * as rules from '#shared/domain/order-state.ts';
import { getCustomer } from '#functions/customers/service.ts';
import { buildLines, defaultWarehouseId, duplicateRef, withTotals } from '../lines.ts';
import { claimExternalRef, orderOfExternalRef, releaseExternalRef } from '../store.ts';
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
    customFields: await checkCustomFields(t, 'order', patch.customFields ?? current.customFields, current.customFields),
    salesRepId: patch.salesRepId ?? current.salesRepId,
    requestedDeliveryDate:
      patch.requestedDeliveryDate === undefined ? current.requestedDeliveryDate : patch.requestedDeliveryDate,
    validUntil: patch.validUntil === undefined ? current.validUntil : patch.validUntil,
    approval: { required: false, rulesVersion: null, matchedRules: [], steps: [] },
  });
  // A changed channel reference moves its claim: still one order per reference.
  const ref = next.externalRef;
  const moved = ref !== current.externalRef;
  if (moved && ref && (await orderOfExternalRef(t, current.channel, ref)))
    throw await duplicateRef(t, current.channel, ref);
  return {
    next,
    events: [{ type: 'order.updated' }],
    writes: moved
      ? () => [
          ...(current.externalRef ? [releaseExternalRef(t, current.channel, current.externalRef)] : []),
          ...(ref ? [claimExternalRef(t, current.channel, ref, current.id)] : []),
        ]
      : undefined,
  };
};
