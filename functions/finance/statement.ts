import { pages } from '#functions/platform/query.ts';
import type { Invoice, Payment } from '#shared/api/finance.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { companyDay } from '#shared/domain/dates.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { getCustomer } from '#functions/customers/service.ts';
import * as store from './store.ts';

export interface StatementEntry {
  date: string;
  kind: 'invoice' | 'payment';
  document: string;
  detail: string;
  method: Payment['method'] | null;
  debit: number;
  credit: number;
  balance: number;
}
export interface StatementSection {
  currency: string;
  opening: number;
  entries: StatementEntry[];
  debits: number;
  credits: number;
  closing: number;
}
export interface Statement {
  customerName: string;
  from: string;
  to: string;
  sections: StatementSection[];
}

/**
 * A statement of account: what the customer owed at the start of the period (invoices issued before
 * it less payments received before it), the period's invoices and payments in date order with a
 * running balance, and what it owes at the end. Void invoices never counted. One section per currency.
 */
export async function customerStatement(
  t: TenantContext,
  customerId: string,
  from: string,
  to: string,
): Promise<Statement> {
  const [customer, settings] = await Promise.all([getCustomer(t, customerId), getSettings(t)]);
  const invoices: Invoice[] = [];
  for await (const items of pages((cursor) => store.listInvoices(t, { customerId, limit: 100, cursor }))) {
    invoices.push(...items.filter((i) => i.status !== 'void'));
    // getCustomer above already answered 404 for a customer out of the caller's scope.
  }
  // Every payment the customer made counts when it was received, applied or not (unapplied money is
  // its credit, which makes the balance negative); a reversed payment never happened.
  const payments: Payment[] = [];
  for await (const items of pages((cursor) => store.listCustomerPayments(t, customerId, 100, cursor))) {
    payments.push(...items.filter((p) => p.status === 'received'));
  }
  const currencies = new Set([...invoices.map((i) => i.currency), ...payments.map((p) => p.amount.currency)]);
  const sections = [...currencies].sort().map((currency) => {
    const moves = [
      ...invoices
        .filter((i) => i.currency === currency)
        .map((i) => ({
          date: i.issueDate,
          kind: 'invoice' as const,
          document: i.number,
          detail: i.orderNumber,
          method: null,
          debit: i.total,
          credit: 0,
        })),
      ...payments
        .filter((p) => p.amount.currency === currency)
        .map((p) => ({
          date: companyDay(p.receivedAt, settings.timeZone),
          kind: 'payment' as const,
          document: p.reference ?? '',
          detail: [...new Set(p.allocations.map((a) => a.invoiceNumber))].join(', ') || (p.orderNumber ?? ''),
          method: p.method,
          debit: 0,
          credit: p.amount.amount,
        })),
    ].sort((a, b) => a.date.localeCompare(b.date) || (a.kind === b.kind ? 0 : a.kind === 'invoice' ? -1 : 1));
    const before = moves.filter((m) => m.date < from);
    const opening = before.reduce((s, m) => s + m.debit - m.credit, 0);
    const entries: ((typeof moves)[number] & { balance: number })[] = [];
    for (const m of moves.filter((x) => x.date >= from && x.date <= to)) {
      entries.push({ ...m, balance: (entries.at(-1)?.balance ?? opening) + m.debit - m.credit });
    }
    const debits = entries.reduce((s, e) => s + e.debit, 0);
    const credits = entries.reduce((s, e) => s + e.credit, 0);
    return { currency, opening, entries, debits, credits, closing: opening + debits - credits };
  });
  return { customerName: customer.name, from, to, sections };
}
