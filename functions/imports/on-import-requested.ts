import type { ImportJob } from '#shared/api/imports.ts';
import { CreateCustomerBody } from '#shared/api/customers.ts';
import { CreateProductBody } from '#shared/api/catalog.ts';
import { CreateOrderBody } from '#shared/api/orders.ts';
import { nameSearchKey } from '#shared/domain/customers.ts';
import { applyOnce, consumer } from '#functions/platform/events.ts';
import { ConditionsFailed } from '#functions/platform/transact.ts';
import { HttpError } from '#functions/platform/errors.ts';
import { derivedId, nowIso } from '#functions/platform/ids.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import { TenantContext } from '#functions/platform/tenant.ts';
import * as customers from '#functions/customers/service.ts';
import * as catalog from '#functions/catalog/service.ts';
import * as orders from '#functions/orders/service.ts';
import { findOrder } from '#functions/orders/reads.ts';
import { findProduct } from '#functions/catalog/reads.ts';
import { toMinor } from '#shared/domain/money.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { listWarehouses } from '#functions/catalog/service.ts';
import { receiptItems } from '#functions/inventory/service.ts';
import { guarded, transact } from '#functions/platform/transact.ts';
import { putNew } from '#functions/platform/items.ts';
import { columns, field, list, number, stage, text } from './columns.ts';
import { inspect } from './inspect.ts';
import { customColumns } from './custom-columns.ts';
import type { SheetRow } from './parse.ts';
import { rowProblems } from './row-problems.ts';
import * as store from './store.ts';
import type { CustomFieldDefinition } from '#shared/api/custom-fields.ts';
import { getCustomFields } from '#functions/tenants/custom-fields.ts';

type RowError = ImportJob['errors'][number];
type Outcome = { id: string } | { errors: RowError[] };

/** zod issues as row errors, naming the column the person wrote; an empty cell is `required`. */
function issues(
  row: SheetRow,
  error: { issues: { path: PropertyKey[]; message: string; code: string }[] },
  columnOf: (path: string) => string,
  input: Record<string, unknown>,
): RowError[] {
  return error.issues.map((i) => {
    const field = String(i.path[0] ?? '');
    const empty = input[field] === undefined || input[field] === null || input[field] === '';
    return {
      row: row.row,
      column: columnOf(field),
      message: i.message,
      code: empty && i.code === 'invalid_type' ? 'required' : i.code,
    };
  });
}

/** Creates one entity; a retry meets what the first attempt made (same derived id) and counts it as created. */
async function once(
  create: () => Promise<{ id: string }>,
  exists: () => Promise<unknown>,
  rows: SheetRow[],
  customColumnOf: Record<string, string> = {},
): Promise<Outcome> {
  try {
    return { id: (await create()).id };
  } catch (error) {
    const found = await exists();
    if (found) return { id: (found as { id: string }).id };
    // A custom field refused by the company's definitions: its own column and words, per row.
    if (error instanceof HttpError && error.errors?.length)
      return {
        errors: error.errors.map((e) => {
          const key = e.path.startsWith('customFields.') ? e.path.slice('customFields.'.length) : null;
          return {
            row: rows[0]!.row,
            column: key ? (customColumnOf[key] ?? key) : null,
            message: e.message,
            code: 'invalid_custom_field',
            params: { detail: e.message },
          };
        }),
      };
    if (error instanceof HttpError && error.statusCode < 500)
      return { errors: rows.map((r) => ({ row: r.row, column: null, message: error.message, code: error.code })) };
    throw error;
  }
}

/** What every row of a job needs to know about the company: its base currency and warehouses. */
interface JobContext {
  baseCurrency: string;
  /** The company's own fields, read once per job: a column headed by a field's label fills it. */
  fields: CustomFieldDefinition[];
  warehouses: { id: string; code: string; name: string; isDefault: boolean }[];
}

/** A warehouse as people write it: its code or its name; empty means the default one. */
function warehouseOf(ctx: JobContext, written: string | undefined) {
  if (!written) return ctx.warehouses.find((w) => w.isDefault) ?? ctx.warehouses[0];
  const key = written.normalize('NFKC').trim().toLowerCase();
  return ctx.warehouses.find((w) => w.code.toLowerCase() === key || w.name.normalize('NFKC').toLowerCase() === key);
}

async function importCustomer(t: TenantContext, ctx: JobContext, row: SheetRow, id: string): Promise<Outcome> {
  const c = columns.customers;
  const f = (names: readonly string[]) => field(row, names);
  const credit = number(f(c.creditLimit).value);
  const currency = text(f(c.currency).value)?.toUpperCase() ?? ctx.baseCurrency;
  const billingTitle = text(f(c.billingTitle).value);
  const taxId = text(f(c.taxId).value);
  const mapped = {
    currency,
    billing: billingTitle || taxId ? { title: billingTitle ?? text(f(c.name).value), taxId: taxId ?? null } : null,
    name: text(f(c.name).value),
    tier: text(f(c.tier).value) ?? null,
    tags: list(f(c.tags).value) ?? [],
    stage: stage(f(c.stage).value),
    paymentTermsDays: number(f(c.paymentTermsDays).value) ?? null,
    creditLimit: credit === undefined || Number.isNaN(credit) ? null : { amount: toMinor(credit, currency), currency },
    contacts: text(f(c.contact).value)
      ? [
          {
            name: text(f(c.contact).value),
            phone: text(f(c.phone).value) ?? null,
            email: text(f(c.email).value) ?? null,
            isPrimary: true,
          },
        ]
      : [],
    addresses: text(f(c.address).value) ? [{ line1: text(f(c.address).value), isDefault: true }] : [],
  };
  const custom = customColumns(ctx.fields, 'customer', row, ctx.baseCurrency);
  const parsed = CreateCustomerBody.safeParse({ ...mapped, customFields: custom.values });
  const columnOf = (p: string) =>
    (
      ({
        name: f(c.name).column,
        tier: f(c.tier).column,
        tags: f(c.tags).column,
        stage: f(c.stage).column,
        paymentTermsDays: f(c.paymentTermsDays).column,
        creditLimit: f(c.creditLimit).column,
        currency: f(c.currency).column,
        billing: f(c.billingTitle).column,
        contacts: f(c.contact).column,
        addresses: f(c.address).column,
      }) as Record<string, string>
    )[p] ?? p;
  if (!parsed.success) return { errors: issues(row, parsed.error, columnOf, mapped) };
  return once(
    () => customers.createCustomer(t, parsed.data, { id }),
    () => customers.findCustomer(t, id),
    [row],
    custom.columnOf,
  );
}

async function importProduct(t: TenantContext, ctx: JobContext, row: SheetRow, id: string): Promise<Outcome> {
  const c = columns.products;
  const f = (names: readonly string[]) => field(row, names);
  const price = number(f(c.price).value);
  const tax = number(f(c.taxRate).value);
  const opening = number(f(c.openingStock).value);
  const warehouseName = text(f(c.warehouse).value);
  const errors: RowError[] = [];
  const warehouse = warehouseOf(ctx, warehouseName);
  if (opening !== undefined && (!Number.isInteger(opening) || opening < 0))
    errors.push({
      row: row.row,
      column: f(c.openingStock).column,
      message: 'must be a whole number of at least 0',
      code: 'whole_number',
    });
  if ((opening || warehouseName) && !warehouse)
    errors.push({
      row: row.row,
      column: f(c.warehouse).column,
      message: `no warehouse with the code or name ${warehouseName}`,
      code: 'warehouse_not_found',
      params: { name: warehouseName ?? '' },
    });
  if (errors.length) return { errors };
  const custom = customColumns(ctx.fields, 'product', row, ctx.baseCurrency);
  const specColumn = f(c.spec).column;
  const spec = Object.values(custom.columnOf).includes(specColumn) ? undefined : text(f(c.spec).value);
  const mapped = {
    sku: text(f(c.sku).value),
    name: text(f(c.name).value),
    unit: text(f(c.unit).value),
    // 规格 fills the description unless the company has a field of its own by that name (it takes the column).
    description: spec,
    price:
      price === undefined || Number.isNaN(price)
        ? price === undefined
          ? undefined
          : Number.NaN
        : { amount: toMinor(price, ctx.baseCurrency), currency: ctx.baseCurrency },
    // 13, "13%" and 0.13 all mean thirteen percent.
    taxRate: tax === undefined ? undefined : Math.round((tax < 1 ? tax * 100 : tax) * 100),
    safetyStock: number(f(c.safetyStock).value),
  };
  const parsed = CreateProductBody.safeParse({
    ...Object.fromEntries(Object.entries(mapped).filter(([, v]) => v !== undefined)),
    customFields: custom.values,
  });
  const columnOf = (p: string) =>
    (
      ({
        sku: f(c.sku).column,
        name: f(c.name).column,
        unit: f(c.unit).column,
        price: f(c.price).column,
        taxRate: f(c.taxRate).column,
        safetyStock: f(c.safetyStock).column,
        description: f(c.spec).column,
      }) as Record<string, string>
    )[p] ?? p;
  if (!parsed.success) return { errors: issues(row, parsed.error, columnOf, mapped) };
  // Opening stock is received into the warehouse in the product's own transaction.
  const alsoWrite = opening
    ? () =>
        receiptItems(t, {
          productId: id,
          warehouseId: warehouse!.id,
          quantity: opening,
          reason: '期初库存 / opening stock',
        })
    : undefined;
  return once(
    () => catalog.createProduct(t, parsed.data, { id, alsoWrite }),
    () => findProduct(t, id),
    [row],
    custom.columnOf,
  );
}

/** One receipt per row (商品编码, 仓库, 数量, 单位成本, 备注); a retried row finds its marker and books nothing twice. */
async function importStock(
  t: TenantContext,
  ctx: JobContext,
  row: SheetRow,
  jobId: string,
  key: string,
): Promise<Outcome> {
  const c = columns.stock;
  const f = (names: readonly string[]) => field(row, names);
  const sku = text(f(c.sku).value);
  const quantity = number(f(c.quantity).value);
  const cost = number(f(c.unitCost).value);
  const warehouseName = text(f(c.warehouse).value);
  const errors: RowError[] = [];
  const product = sku ? await productBySku(t, sku) : undefined;
  if (!product)
    errors.push({
      row: row.row,
      column: f(c.sku).column,
      ...(sku
        ? { message: `no product with SKU ${sku}`, code: 'product_not_found', params: { sku } }
        : { message: 'the SKU is missing', code: 'required' }),
    });
  const warehouse = warehouseOf(ctx, warehouseName);
  if (!warehouse)
    errors.push({
      row: row.row,
      column: f(c.warehouse).column,
      message: `no warehouse with the code or name ${warehouseName}`,
      code: 'warehouse_not_found',
      params: { name: warehouseName ?? '' },
    });
  if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1)
    errors.push({
      row: row.row,
      column: f(c.quantity).column,
      message: 'must be a whole number of at least 1',
      code: 'whole_number',
    });
  if (cost !== undefined && !(cost >= 0))
    errors.push({ row: row.row, column: f(c.unitCost).column, message: 'must be a price', code: 'price' });
  if (errors.length) return { errors };
  const reason = text(f(c.note).value) ?? null;
  try {
    await transact(t, [
      guarded(putNew({ pk: store.jobKey(t, jobId).pk, sk: `RECEIPT#${key}`, entity: 'import_receipt' }), 'done'),
      ...receiptItems(t, {
        productId: product!.id,
        warehouseId: warehouse!.id,
        quantity: quantity!,
        reason,
        // The unit cost enters the moving average of the level (in the company's base currency).
        ...(cost !== undefined ? { unitCost: toMinor(cost, ctx.baseCurrency) } : {}),
      }),
    ]);
  } catch (error) {
    if (!(error instanceof ConditionsFailed && error.failures.includes('done'))) throw error;
  }
  return { id: product!.id };
}

async function productBySku(t: TenantContext, sku: string) {
  return (await catalog.listProducts(t, { q: sku, limit: 10 })).items.find(
    (p) => p.sku.toUpperCase() === sku.toUpperCase(),
  );
}

/** The rows of one order (same 订单号): all of its lines are imported, or none. */
async function importOrder(
  t: TenantContext,
  ctx: JobContext,
  rows: SheetRow[],
  id: string,
  ref: string | undefined,
): Promise<Outcome> {
  const c = columns.orders;
  const errors: RowError[] = [];
  const customerName = text(field(rows[0]!, c.customer).value);
  let customerId: string | undefined;
  if (!customerName)
    errors.push({
      row: rows[0]!.row,
      column: field(rows[0]!, c.customer).column,
      message: 'the customer is missing',
      code: 'required',
    });
  else {
    const found = (await customers.listCustomers(t, { q: customerName, limit: 50 })).items.find(
      (x) => nameSearchKey(x.name) === nameSearchKey(customerName),
    );
    if (!found)
      errors.push({
        row: rows[0]!.row,
        column: field(rows[0]!, c.customer).column,
        message: `no customer named ${customerName}`,
        code: 'customer_not_found',
        params: { name: customerName },
      });
    customerId = found?.id;
  }
  const lines = [];
  for (const row of rows) {
    const sku = text(field(row, c.sku).value);
    const quantity = number(field(row, c.quantity).value);
    const unitPrice = number(field(row, c.unitPrice).value);
    const discount = number(field(row, c.discount).value);
    const product = sku ? await productBySku(t, sku) : undefined;
    if (!product)
      errors.push({
        row: row.row,
        column: field(row, c.sku).column,
        ...(sku
          ? { message: `no product with SKU ${sku}`, code: 'product_not_found', params: { sku } }
          : { message: 'the SKU is missing', code: 'required' }),
      });
    if (quantity === undefined || !Number.isInteger(quantity) || quantity < 1)
      errors.push({
        row: row.row,
        column: field(row, c.quantity).column,
        message: 'must be a whole number of at least 1',
        code: 'whole_number',
      });
    if (unitPrice !== undefined && !(unitPrice >= 0))
      errors.push({ row: row.row, column: field(row, c.unitPrice).column, message: 'must be a price', code: 'price' });
    if (product && quantity) {
      lines.push({
        productId: product.id,
        quantity,
        ...(unitPrice !== undefined ? { unitPrice: toMinor(unitPrice, ctx.baseCurrency) } : {}),
        discountBps: discount ? Math.round(discount * 100) : 0,
      });
    }
  }
  if (errors.length) return { errors };
  const notes = rows.map((r) => text(field(r, c.notes).value)).filter(Boolean);
  // The order's own fields come from its first row (merged cells are filled down).
  const custom = customColumns(ctx.fields, 'order', rows[0]!, ctx.baseCurrency);
  const input = {
    customerId,
    lines,
    channel: 'import',
    externalRef: ref,
    ...(notes.length ? { notes: [...new Set(notes)].join('\n') } : {}),
    customFields: custom.values,
  };
  const parsed = CreateOrderBody.safeParse(input);
  if (!parsed.success) return { errors: issues(rows[0]!, parsed.error, (p) => p, input) };
  return once(
    () => orders.createOrder(t, parsed.data, { id }),
    () => findOrder(t, id),
    rows,
    custom.columnOf,
  );
}

/**
 * Runs an import: row by row (orders: group by group), each a transaction of its own, so a bad
 * row never half-imports and never stops the others. Progress is saved as it goes; a redelivered
 * job skips what it already did (results are kept per row, ids are derived from the job and row).
 */
export const handler = consumer('imports-runner', {
  'import.requested': async (systemContext, event) => {
    const requested = event.data;
    const t = await TenantContext.of(systemContext.tenantId, {
      id: requested.createdBy,
      kind: 'user',
      role: null,
      scopes: [],
    });
    const job = await store.getJob(t, requested.id);
    if (!job || job.status === 'completed') return;
    const { rows } = await inspect(job.kind, job.format, await store.readFile(t, job.id));
    const [settings, warehouses, custom] = await Promise.all([getSettings(t), listWarehouses(t), getCustomFields(t)]);
    const ctx: JobContext = {
      baseCurrency: settings.baseCurrency,
      warehouses: warehouses.items,
      fields: custom.fields,
    };
    const units: { key: string; rows: SheetRow[]; ref?: string }[] = [];
    if (job.kind === 'orders') {
      const groups = new Map<string, SheetRow[]>();
      for (const row of rows) {
        const ref = text(field(row, columns.orders.ref).value) ?? `row-${row.row}`;
        groups.set(ref, [...(groups.get(ref) ?? []), row]);
      }
      for (const [ref, group] of groups)
        units.push({ key: `G#${ref}`, rows: group, ref: ref.startsWith('row-') ? undefined : ref });
    } else {
      for (const row of rows) units.push({ key: String(row.row), rows: [row] });
    }
    job.status = 'running';
    job.created = [];
    job.errors = [];
    job.processedRows = 0;
    job.totalRows = rows.length;
    for (const [i, unit] of units.entries()) {
      let outcome = (await store.rowResult(t, job.id, unit.key)) as Outcome | undefined;
      if (!outcome) {
        const id = derivedId(
          job.kind === 'orders' ? 'order' : job.kind === 'customers' ? 'customer' : 'product',
          job.id,
          unit.key,
        );
        const problems = unit.rows.flatMap((r) => rowProblems(job.kind, r));
        outcome = problems.length
          ? { errors: problems }
          : job.kind === 'customers'
            ? await importCustomer(t, ctx, unit.rows[0]!, id)
            : job.kind === 'products'
              ? await importProduct(t, ctx, unit.rows[0]!, id)
              : job.kind === 'stock'
                ? await importStock(t, ctx, unit.rows[0]!, job.id, unit.key)
                : await importOrder(t, ctx, unit.rows, id, unit.ref);
        await store.saveRowResult(t, job.id, unit.key, outcome);
      }
      if ('id' in outcome) job.created.push({ row: unit.rows[0]!.row, id: outcome.id });
      else job.errors.push(...outcome.errors);
      job.processedRows += unit.rows.length;
      if (i % 10 === 9) {
        job.updatedAt = nowIso();
        await store.saveJob(t, job);
      }
    }
    job.status = 'completed';
    job.updatedAt = nowIso();
    await store.saveJob(t, job);
    await applyOnce(t, 'imports-runner', event.id, [
      outboxEvent(
        t,
        store.jobKey(t, job.id).pk,
        'import.completed',
        { type: 'import', id: job.id },
        { ...job, version: job.version + 1 },
      ),
    ]);
  },
});
