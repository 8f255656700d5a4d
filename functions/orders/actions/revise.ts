import type * as z from 'zod';
import type { OrderLine, Revision, RevisionBody } from '#shared/api/orders.ts';
import { approvalChain } from '#shared/domain/approval.ts';
import { lineAmounts } from '#shared/domain/money.ts';
import * as rules from '#shared/domain/order-state.ts';
import { OrderRuleError } from '#shared/domain/order-state.ts';
import { UnprocessableError } from '#functions/platform/errors.ts';
import { nowIso } from '#functions/platform/ids.ts';
import { getCustomer } from '#functions/customers/service.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as store from '../store.ts';
import { getApprovalWorkflow } from '../workflow-store.ts';
import { buildLines, reservationDelta, withTotals } from '../lines.ts';
import type { OrderAction } from './runner.ts';

/**
 * A change after confirmation (the customer adds two cases): the order's new lines, re-priced
 * where a price or discount is given (new lines by the quote rules), re-reserved — the increase
 * reserved, the decrease released — with the revision and its diff, in one transaction. A line
 * below what was shipped or invoiced is refused (422); not enough stock is 409 and changes nothing.
 * When the new order matches the approval rules it waits for approval again, keeping its
 * reservations (nothing ships meanwhile).
 */
export const revise: OrderAction<z.output<typeof RevisionBody>> = async (t, current, body) => {
  rules.assertCan(current, 'revise');
  const [customer, workflow, settings, exposure] = await Promise.all([
    getCustomer(t, current.customerId),
    getApprovalWorkflow(t),
    getSettings(t),
    store.creditExposure(t, current.customerId),
  ]);
  const kept = new Map<string, OrderLine>();
  for (const input of body.lines.filter((l) => l.lineId)) {
    const line = current.lines.find((l) => l.lineId === input.lineId);
    if (!line)
      throw new OrderRuleError('unknown_line', `The order has no line ${input.lineId}.`, { lineId: input.lineId });
    const floor = Math.max(line.shipped, line.invoiced);
    if (input.quantity < floor)
      throw new UnprocessableError(
        'below_shipped',
        `Line ${line.lineId} (${line.sku}) has ${line.shipped} shipped and ${line.invoiced} invoiced: it cannot go below ${floor}.`,
        { lineId: line.lineId, shipped: line.shipped, invoiced: line.invoiced, requested: input.quantity },
      );
    const unitPrice = input.unitPrice ?? line.unitPrice;
    const discountBps = input.discountBps ?? line.discountBps;
    kept.set(line.lineId, {
      ...line,
      quantity: input.quantity,
      unitPrice,
      discountBps,
      priceOverride: line.priceOverride || (input.unitPrice !== undefined && input.unitPrice < line.listPrice),
      ...lineAmounts(input.quantity, unitPrice, discountBps, line.taxRate, current.pricesIncludeTax),
    });
  }
  for (const line of current.lines)
    if (!kept.has(line.lineId) && (line.shipped > 0 || line.invoiced > 0))
      throw new UnprocessableError(
        'below_shipped',
        `Line ${line.lineId} (${line.sku}) has shipped or been invoiced; it cannot be removed.`,
        { lineId: line.lineId, shipped: line.shipped, invoiced: line.invoiced, requested: 0 },
      );
  const added = body.lines.filter((l) => l.productId);
  const priced = added.length
    ? await buildLines(
        t,
        customer,
        added.map((l) => ({
          productId: l.productId!,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          discountBps: l.discountBps ?? 0,
        })),
        current.currency,
        current.pricesIncludeTax,
      )
    : [];
  const lastId = Math.max(0, ...current.lines.map((l) => Number(l.lineId.slice(1)) || 0));
  const lines = [
    ...current.lines.filter((l) => kept.has(l.lineId)).map((l) => kept.get(l.lineId)!),
    ...priced.map((l, i) => ({ ...l, lineId: `L${lastId + i + 1}` })),
  ].map((l) => ({ ...l, reserved: l.quantity - l.shipped - (l.closedQuantity ?? 0), backordered: 0 }));
  const revised = withTotals({
    ...current,
    lines,
    requestedDeliveryDate:
      body.requestedDeliveryDate === undefined ? current.requestedDeliveryDate : body.requestedDeliveryDate,
    shippingAddress: body.shippingAddress === undefined ? current.shippingAddress : body.shippingAddress,
    notes: body.notes === undefined ? current.notes : body.notes,
    revision: current.revision + 1,
  });
  // The customer's exposure moves by the change in what is not yet invoiced.
  const uninvoiced = (ls: OrderLine[]) =>
    ls.reduce(
      (s, l) => s + (l.quantity > l.invoiced ? Math.round((l.total * (l.quantity - l.invoiced)) / l.quantity) : 0),
      0,
    );
  const exposureDelta = uninvoiced(revised.lines) - uninvoiced(current.lines);
  const chain = approvalChain(workflow, {
    order: revised,
    customerTier: customer.tier,
    creditExceeded: Boolean(
      customer.creditLimit &&
        customer.creditLimit.currency === current.currency &&
        exposureDelta > 0 &&
        exposure.total + exposureDelta > customer.creditLimit.amount,
    ),
    baseCurrency: settings.baseCurrency,
  });
  const next = chain.approval.required
    ? {
        ...revised,
        status: 'pending_approval' as const,
        approval: chain.approval,
        flags: [...new Set([...current.flags, ...chain.flags])],
      }
    : { ...revised, status: rules.shipmentStatus(revised.lines) };
  const revision: Revision = {
    n: next.revision,
    at: nowIso(),
    by: t.principal.id,
    reason: body.reason,
    lines: diffLines(current.lines, next.lines),
    fields: (['requestedDeliveryDate', 'shippingAddress', 'notes'] as const)
      .filter((f) => JSON.stringify(current[f]) !== JSON.stringify(next[f]))
      .map((f) => ({ field: f, from: current[f], to: next[f] })),
    totalBefore: current.total,
    totalAfter: next.total,
    status: next.status,
  };
  return {
    next,
    events: [
      { type: 'order.revised', extra: { revision } },
      ...(next.status === 'pending_approval'
        ? [
            {
              type: 'order.approval_requested' as const,
              extra: { step: { index: 0, role: next.approval.steps[0]!.role } },
            },
          ]
        : []),
    ],
    stock: reservationDelta(current, next),
    writes: () => [
      store.putRevision(t, current.id, revision),
      // A revision reserves every line in full: its backorders end.
      ...current.lines.filter((l) => l.backordered > 0).map((l) => store.deleteBackorder(t, current, l)),
      ...(exposureDelta ? [store.creditExposureChange(t, current.customerId, current.currency, exposureDelta)] : []),
    ],
  };
};

const change = (from: number, to: number) => (from === to ? null : { from, to });

function diffLines(before: OrderLine[], after: OrderLine[]): Revision['lines'] {
  const out: Revision['lines'] = [];
  for (const b of before) {
    const a = after.find((l) => l.lineId === b.lineId);
    if (!a) {
      out.push({
        lineId: b.lineId,
        sku: b.sku,
        name: b.name,
        change: 'removed',
        quantity: { from: b.quantity, to: 0 },
        unitPrice: null,
        discountBps: null,
      });
      continue;
    }
    const d = {
      quantity: change(b.quantity, a.quantity),
      unitPrice: change(b.unitPrice, a.unitPrice),
      discountBps: change(b.discountBps, a.discountBps),
    };
    if (d.quantity || d.unitPrice || d.discountBps)
      out.push({ lineId: b.lineId, sku: b.sku, name: b.name, change: 'changed', ...d });
  }
  for (const a of after.filter((l) => !before.some((b) => b.lineId === l.lineId)))
    out.push({
      lineId: a.lineId,
      sku: a.sku,
      name: a.name,
      change: 'added',
      quantity: { from: 0, to: a.quantity },
      unitPrice: { from: 0, to: a.unitPrice },
      discountBps: null,
    });
  return out;
}
