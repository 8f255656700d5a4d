import type * as z from 'zod';
import type {
  Bill,
  BillPaymentBody,
  CreatePurchaseOrderBody,
  CreateSupplierBody,
  ListBillsQuery,
  ListPurchaseOrdersQuery,
  ListSuppliersQuery,
  PatchPurchaseOrderBody,
  PatchSupplierBody,
  PurchaseOrder,
  ReceiptBody,
  Supplier,
} from '#shared/api/purchasing.ts';
import { approvalChain, mayDecide } from '#shared/domain/approval.ts';
import { addDays, companyDay, daysBetween } from '#shared/domain/dates.ts';
import { toBase } from '#shared/domain/money.ts';
import { now as clockNow } from '#functions/platform/clock.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import {
  ConflictError,
  NotFoundError,
  Problem,
  PreconditionFailedError,
  UnprocessableError,
} from '#functions/platform/errors.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { formatNumber, nextNumber, retryTaken } from '#functions/platform/numbering.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import { searchDocWrite, searchPage } from '#functions/platform/search.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import { findWarehouse, productsById } from '#functions/catalog/reads.ts';
import { changeItems } from '#functions/inventory/service.ts';
import { requireRate } from '#functions/finance/rates.ts';
import { getApprovalWorkflow } from '#functions/orders/reads.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { checkCustomFields, filteredPage } from '#functions/tenants/custom-fields.ts';
import * as store from './store.ts';

// ---- suppliers -------------------------------------------------------------------------------

const supplierSearch = (t: TenantContext, s: Supplier) =>
  searchDocWrite(
    t,
    'supplier',
    { id: s.id, createdAt: s.createdAt, name: s.name, gone: Boolean(s.archivedAt) },
    { names: [s.name, ...s.contacts.map((c) => c.name as string)], phones: s.contacts.map((c) => c.phone as string) },
  );

async function checkProducts(t: TenantContext, ids: string[]) {
  const found = await productsById(t, ids);
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new UnprocessableError('unknown_product', `The product ${missing} does not exist.`);
  return found;
}

export async function createSupplier(t: TenantContext, body: z.output<typeof CreateSupplierBody>): Promise<Supplier> {
  const settings = await getSettings(t);
  await checkProducts(
    t,
    body.products.map((p) => p.productId),
  );
  const customFields = await checkCustomFields(t, 'supplier', body.customFields);
  const now = nowIso();
  const supplier: Supplier = {
    id: newId('supplier'),
    ...body,
    customFields,
    contacts: body.contacts.map((c) => ({ phone: null, email: null, title: null, ...c })),
    currency: body.currency ?? settings.baseCurrency,
    archivedAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await transact(t, [store.putNewSupplier(t, supplier), await supplierSearch(t, supplier)]);
  return supplier;
}

export async function getSupplier(t: TenantContext, id: string): Promise<Supplier> {
  const supplier = await store.getSupplier(t, id);
  if (!supplier) throw new NotFoundError('supplier');
  return supplier;
}

export function updateSupplier(
  t: TenantContext,
  id: string,
  patch: z.output<typeof PatchSupplierBody>,
  expected?: number,
) {
  return retryOnConflict(async () => {
    const current = await getSupplier(t, id);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    if (patch.products)
      await checkProducts(
        t,
        patch.products.map((p) => p.productId),
      );
    const customFields = await checkCustomFields(
      t,
      'supplier',
      patch.customFields ?? current.customFields,
      current.customFields,
    );
    const next = { ...current, ...patch, customFields, version: current.version + 1, updatedAt: nowIso() } as Supplier;
    await transact(t, [store.putSupplier(t, next, current.version), await supplierSearch(t, next)]).catch(
      staleWrite(expected),
    );
    return next;
  });
}

/** Archiving keeps a supplier (its orders and bills refer to it) but takes it out of lists and search. */
export function archiveSupplier(t: TenantContext, id: string, expected?: number) {
  return retryOnConflict(async () => {
    const current = await getSupplier(t, id);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    const next: Supplier = { ...current, archivedAt: current.archivedAt ?? nowIso(), version: current.version + 1 };
    await transact(t, [store.putSupplier(t, next, current.version), await supplierSearch(t, next)]).catch(
      staleWrite(expected),
    );
    return next;
  });
}

export function listSuppliers(t: TenantContext, q: z.output<typeof ListSuppliersQuery>) {
  return filteredPage(t, 'supplier', q, ({ limit, cursor }) =>
    q.q
      ? searchPage(t, 'supplier', { q: q.q, limit, cursor }, (ids) => store.suppliersById(t, ids))
      : store.listSuppliers(t, limit, cursor),
  );
}

// ---- purchase orders --------------------------------------------------------------------------

async function poLines(
  t: TenantContext,
  supplier: Supplier,
  input: z.output<typeof CreatePurchaseOrderBody>['lines'],
): Promise<PurchaseOrder['lines']> {
  const products = await checkProducts(
    t,
    input.map((l) => l.productId),
  );
  return input.map((l, i) => {
    const product = products.get(l.productId)!;
    const unitCost = l.unitCost ?? supplier.products.find((p) => p.productId === l.productId)?.cost ?? 0;
    return {
      lineId: `L${i + 1}`,
      productId: l.productId,
      sku: product.sku,
      name: product.name,
      unit: product.unit,
      quantity: l.quantity,
      unitCost,
      total: unitCost * l.quantity,
      received: 0,
    };
  });
}

const totalOf = (lines: PurchaseOrder['lines']) => lines.reduce((s, l) => s + l.total, 0);

export async function createPurchaseOrder(
  t: TenantContext,
  body: z.output<typeof CreatePurchaseOrderBody>,
): Promise<PurchaseOrder> {
  const supplier = await store.getSupplier(t, body.supplierId);
  if (!supplier || supplier.archivedAt)
    throw new UnprocessableError('unknown_supplier', 'The supplier does not exist.');
  const settings = await getSettings(t);
  const warehouseId = body.warehouseId ?? (await defaultWarehouse(t));
  if (!(await findWarehouse(t, warehouseId)))
    throw new UnprocessableError('unknown_warehouse', 'The warehouse does not exist.');
  const currency = body.currency ?? supplier.currency;
  const at = nowIso();
  const today = companyDay(at, settings.timeZone);
  const [lines, fxRate] = await Promise.all([poLines(t, supplier, body.lines), requireRate(t, currency, today)]);
  return retryOnConflict(async () => {
    const year = today.slice(0, 4);
    const counter = await nextNumber(t, 'PO', year);
    const po: PurchaseOrder = {
      id: newId('purchaseOrder'),
      number: formatNumber('PO', year, counter.value),
      status: 'draft',
      supplierId: supplier.id,
      supplierName: supplier.name,
      warehouseId,
      currency,
      fxRate,
      lines,
      total: totalOf(lines),
      approval: { required: false, rulesVersion: null, matchedRules: [], steps: [] },
      expectedAt: body.expectedAt ?? null,
      notes: body.notes ?? null,
      createdBy: t.principal.id,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await transact(t, [store.putNewPo(t, po), counter.item]).catch(retryTaken(undefined));
    return po;
  }, 30);
}

async function defaultWarehouse(t: TenantContext) {
  const { listWarehouses } = await import('#functions/catalog/service.ts');
  const all = (await listWarehouses(t)).items;
  const chosen = all.find((w) => w.isDefault) ?? all[0];
  if (!chosen) throw new UnprocessableError('unknown_warehouse', 'The company has no warehouse.');
  return chosen.id;
}

export async function getPurchaseOrder(t: TenantContext, id: string): Promise<PurchaseOrder> {
  const po = await store.getPo(t, id);
  if (!po) throw new NotFoundError('purchase_order');
  return po;
}

export const listPurchaseOrders = (t: TenantContext, q: z.output<typeof ListPurchaseOrdersQuery>) =>
  store.listPos(t, q);

const transition = (po: PurchaseOrder, action: string, allowed: PurchaseOrder['status'][]) => {
  if (!allowed.includes(po.status))
    throw new ConflictError('invalid_transition', `A ${po.status} purchase order cannot be ${action}.`, {
      orderStatus: po.status,
      action,
      allowedFrom: allowed,
    });
};

/** Runs a change on a purchase order: read, check If-Match, decide, write under the version read. */
function change(
  t: TenantContext,
  id: string,
  expected: number | undefined,
  decide: (po: PurchaseOrder) => Promise<{
    next: PurchaseOrder;
    events?: ('purchase_order.submitted' | 'purchase_order.approved' | 'purchase_order.closed')[];
  }>,
) {
  return retryOnConflict(async () => {
    const current = await getPurchaseOrder(t, id);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    const { next: decided, events = [] } = await decide(current);
    const next = { ...decided, version: current.version + 1, updatedAt: nowIso() };
    await transact(t, [
      store.putPo(t, next, current.version),
      ...events.map((type) => outboxEvent(t, store.poKey(t, id).pk, type, { type: 'purchase_order', id }, next)),
    ]).catch(staleWrite(expected));
    return next;
  });
}

export const updatePurchaseOrder = (
  t: TenantContext,
  id: string,
  patch: z.output<typeof PatchPurchaseOrderBody>,
  expected?: number,
) =>
  change(t, id, expected, async (po) => {
    transition(po, 'edited', ['draft', 'rejected']);
    const supplier = await getSupplier(t, po.supplierId);
    const lines = patch.lines ? await poLines(t, supplier, patch.lines) : po.lines;
    return {
      next: {
        ...po,
        status: 'draft',
        lines,
        total: totalOf(lines),
        expectedAt: patch.expectedAt === undefined ? po.expectedAt : patch.expectedAt,
        notes: patch.notes === undefined ? po.notes : patch.notes,
        approval: { required: false, rulesVersion: null, matchedRules: [], steps: [] },
      },
    };
  });

/** Submitting applies the company's purchase rules (`kind: "purchase"`); no match approves at once. */
export const submitPurchaseOrder = (t: TenantContext, id: string, expected?: number) =>
  change(t, id, expected, async (po) => {
    transition(po, 'submitted', ['draft']);
    const [workflow, settings] = await Promise.all([getApprovalWorkflow(t), getSettings(t)]);
    const { approval } = approvalChain(workflow, {
      order: { total: po.total, currency: po.currency, lines: [], fxRate: po.fxRate },
      customerTier: null,
      creditExceeded: false,
      baseCurrency: settings.baseCurrency,
      kind: 'purchase',
    });
    return approval.required
      ? { next: { ...po, approval, status: 'pending_approval' }, events: ['purchase_order.submitted'] }
      : {
          next: { ...po, approval, status: 'approved' },
          events: ['purchase_order.submitted', 'purchase_order.approved'],
        };
  });

export const decidePurchaseOrder = (
  t: TenantContext,
  id: string,
  decision: 'approved' | 'rejected',
  comment: string | null,
  expected?: number,
) =>
  change(t, id, expected, async (po) => {
    transition(po, decision === 'approved' ? 'approved' : 'rejected', ['pending_approval']);
    const index = po.approval.steps.findIndex((s) => s.decision === null);
    const step = po.approval.steps[index]!;
    if (!mayDecide(step, t.principal.role))
      throw new Problem('not_your_step', `This step waits for the ${step.role} role.`, { waitingFor: step.role });
    const steps = po.approval.steps.map((s, i) =>
      i === index ? { ...s, decision, decidedBy: t.principal.id, comment, at: nowIso() } : s,
    );
    const last = index === po.approval.steps.length - 1;
    if (decision === 'rejected') return { next: { ...po, approval: { ...po.approval, steps }, status: 'rejected' } };
    return last
      ? {
          next: { ...po, approval: { ...po.approval, steps }, status: 'approved' },
          events: ['purchase_order.approved'],
        }
      : { next: { ...po, approval: { ...po.approval, steps } } };
  });

export const cancelPurchaseOrder = (t: TenantContext, id: string, expected?: number) =>
  change(t, id, expected, async (po) => {
    transition(po, 'cancelled', ['draft', 'pending_approval', 'approved', 'rejected']);
    return { next: { ...po, status: 'cancelled' } };
  });

/** Closing short: what was not received will not come; the order stops waiting for it. */
export const closePurchaseOrder = (t: TenantContext, id: string, expected?: number) =>
  change(t, id, expected, async (po) => {
    transition(po, 'closed', ['approved', 'partially_received']);
    return { next: { ...po, status: 'closed' }, events: ['purchase_order.closed'] };
  });

/**
 * A delivery (收货): the received quantities, the stock they bring (each level at its new moving
 * average), their ledger rows, the supplier's bill for them, the payables and the events are one
 * transaction, written under the order's version: two receipts racing for one line cannot both
 * take what is left of it.
 */
export function receivePurchaseOrder(
  t: TenantContext,
  id: string,
  body: z.output<typeof ReceiptBody>,
  expected?: number,
) {
  return retryOnConflict(async () => {
    const po = await getPurchaseOrder(t, id);
    if (expected !== undefined && expected !== po.version) throw new PreconditionFailedError();
    transition(po, 'received', ['approved', 'partially_received']);
    const [settings, supplier] = await Promise.all([getSettings(t), getSupplier(t, po.supplierId)]);
    const warehouseId = body.warehouseId ?? po.warehouseId;
    if (!(await findWarehouse(t, warehouseId)))
      throw new UnprocessableError('unknown_warehouse', 'The warehouse does not exist.');
    const at = nowIso();
    const receiptLines = body.lines.map((r) => {
      const line = po.lines.find((l) => l.lineId === r.lineId);
      if (!line)
        throw new UnprocessableError('unknown_line', `The order has no line ${r.lineId}.`, { lineId: r.lineId });
      return { ...r, line, unitCost: r.unitCost ?? line.unitCost };
    });
    const wanted = new Map<string, number>();
    for (const r of receiptLines) wanted.set(r.lineId, (wanted.get(r.lineId) ?? 0) + r.quantity);
    for (const [lineId, quantity] of wanted) {
      const line = po.lines.find((l) => l.lineId === lineId)!;
      if (quantity > line.quantity - line.received)
        throw new UnprocessableError(
          'over_receipt',
          `Only ${line.quantity - line.received} of ${line.sku} are left to receive.`,
          {
            lineId,
            remaining: line.quantity - line.received,
            requested: quantity,
          },
        );
    }
    const lines = po.lines.map((l) => ({ ...l, received: l.received + (wanted.get(l.lineId) ?? 0) }));
    const next: PurchaseOrder = {
      ...po,
      lines,
      status: lines.every((l) => l.received >= l.quantity) ? 'received' : 'partially_received',
      version: po.version + 1,
      updatedAt: at,
    };
    const issueDate = companyDay(at, settings.timeZone);
    const year = issueDate.slice(0, 4);
    const counter = await nextNumber(t, 'BILL', year);
    const receiptId = newId('receipt');
    const billLines = receiptLines.map((r) => ({
      lineId: r.lineId,
      productId: r.line.productId,
      quantity: r.quantity,
      unitCost: r.unitCost,
      total: r.quantity * r.unitCost,
    }));
    const total = billLines.reduce((s, l) => s + l.total, 0);
    const bill: Bill = {
      id: newId('bill'),
      number: formatNumber('BILL', year, counter.value),
      status: total === 0 ? 'paid' : 'open',
      supplierId: po.supplierId,
      supplierName: po.supplierName,
      purchaseOrderId: po.id,
      purchaseOrderNumber: po.number,
      receiptId,
      currency: po.currency,
      fxRate: po.fxRate,
      lines: billLines,
      total,
      amountPaid: 0,
      amountDue: total,
      issueDate,
      dueDate: addDays(issueDate, supplier.paymentTermsDays),
      paidAt: total === 0 ? at : null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    // The stock enters at its cost in the base currency (at the order's rate).
    const stock = receiptLines.map((r) => {
      const unitCost = toBase(r.unitCost, po.currency, po.fxRate, settings.baseCurrency);
      return {
        productId: r.line.productId,
        warehouseId,
        kind: 'receipt' as const,
        onHandDelta: r.quantity,
        reservedDelta: 0,
        reason: `${po.number} ${po.supplierName}`,
        valueDelta: r.quantity * unitCost,
        unitCost,
      };
    });
    const receipt = {
      id: receiptId,
      warehouseId,
      lines: receiptLines.map((r) => ({
        lineId: r.lineId,
        productId: r.line.productId,
        quantity: r.quantity,
        unitCost: r.unitCost,
      })),
      billId: bill.id,
      at,
    };
    const pk = store.poKey(t, id).pk;
    await transact(t, [
      store.putPo(t, next, po.version),
      ...changeItems(t, stock, null),
      store.putNewBill(t, bill),
      counter.item,
      store.payablesChange(t, bill.currency, total, toBase(total, bill.currency, bill.fxRate, settings.baseCurrency)),
      outboxEvent(t, pk, 'purchase_order.received', { type: 'purchase_order', id }, { purchaseOrder: next, receipt }),
      outboxEvent(t, store.billKey(t, bill.id).pk, 'bill.created', { type: 'bill', id: bill.id }, bill),
    ]).catch(retryTaken(expected));
    return { ...next, receipt, bill };
  }, 30);
}

// ---- bills and payables -----------------------------------------------------------------------

export async function getBill(t: TenantContext, id: string): Promise<Bill> {
  const bill = await store.getBill(t, id);
  if (!bill) throw new NotFoundError('bill');
  return bill;
}
export const listBills = (t: TenantContext, q: z.output<typeof ListBillsQuery>) => store.listBills(t, q);

/** Paying a supplier's bill (付款), in part or in full; more than is due answers 422. */
export function payBill(t: TenantContext, id: string, body: z.output<typeof BillPaymentBody>, expected?: number) {
  return retryOnConflict(async () => {
    const bill = await getBill(t, id);
    if (expected !== undefined && expected !== bill.version) throw new PreconditionFailedError();
    if (body.amount.currency !== bill.currency)
      throw new UnprocessableError('currency_mismatch', `The bill is in ${bill.currency}; pay it in ${bill.currency}.`);
    if (body.amount.amount > bill.amountDue)
      throw new UnprocessableError('overpayment', `The payment is more than the ${bill.amountDue} still due.`, {
        amountDue: { amount: bill.amountDue, currency: bill.currency },
      });
    const settings = await getSettings(t);
    const at = nowIso();
    const amountPaid = bill.amountPaid + body.amount.amount;
    const next: Bill = {
      ...bill,
      amountPaid,
      amountDue: bill.total - amountPaid,
      status: amountPaid === bill.total ? 'paid' : 'partially_paid',
      paidAt: amountPaid === bill.total ? at : null,
      version: bill.version + 1,
      updatedAt: at,
    };
    const baseBefore = toBase(bill.amountDue, bill.currency, bill.fxRate, settings.baseCurrency);
    const baseAfter = toBase(next.amountDue, bill.currency, bill.fxRate, settings.baseCurrency);
    await transact(t, [
      store.putBill(t, next, bill.version),
      store.payablesChange(t, bill.currency, -body.amount.amount, baseAfter - baseBefore),
      ...(next.status === 'paid'
        ? [outboxEvent(t, store.billKey(t, id).pk, 'bill.paid', { type: 'bill', id }, next)]
        : []),
    ]).catch(staleWrite(expected));
    return next;
  });
}

/** What is owed to each supplier, not yet due and overdue, in its currency and in the base one. */
export async function payablesAging(t: TenantContext, asOf?: string) {
  const settings = await getSettings(t);
  const day = asOf ?? companyDay(clockNow(), settings.timeZone);
  const rows = new Map<
    string,
    {
      supplierId: string;
      supplierName: string;
      currency: string;
      current: number;
      overdue: number;
      total: number;
      baseTotal: number;
    }
  >();
  const totals = { current: 0, overdue: 0, total: 0 };
  for (const b of await store.openBills(t)) {
    if (b.issueDate > day) continue;
    const row = rows.get(b.supplierId) ?? {
      supplierId: b.supplierId,
      supplierName: b.supplierName,
      currency: b.currency,
      current: 0,
      overdue: 0,
      total: 0,
      baseTotal: 0,
    };
    const late = daysBetween(b.dueDate, day) > 0;
    const inBase = toBase(b.amountDue, b.currency, b.fxRate, settings.baseCurrency);
    if (late) row.overdue += b.amountDue;
    else row.current += b.amountDue;
    row.total += b.amountDue;
    row.baseTotal += inBase;
    if (late) totals.overdue += inBase;
    else totals.current += inBase;
    totals.total += inBase;
    rows.set(b.supplierId, row);
  }
  return {
    asOf: day,
    currency: settings.baseCurrency,
    totals,
    suppliers: [...rows.values()].sort((a, b) => b.baseTotal - a.baseTotal),
  };
}
