import type * as z from 'zod';
import type { FapiaoRequestBody, Invoice, RecordFapiaoBody } from '#shared/api/finance.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '#functions/platform/errors.ts';
import { isConditionFailure, failedConditions } from '#functions/platform/db.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import * as store from './store.ts';
import { seesRep, visibility } from '#functions/tenants/scope.ts';

async function invoiceOf(t: TenantContext, id: string): Promise<Invoice> {
  const [invoice, seen] = await Promise.all([store.getInvoice(t, id), visibility(t)]);
  if (!invoice || !seesRep(seen, invoice.salesRepId)) throw new NotFoundError('invoice');
  return invoice;
}

export async function getFapiao(t: TenantContext, id: string) {
  return (await invoiceOf(t, id)).fapiao;
}

/**
 * Records a fapiao issued in the tax system against the invoice (its number once per company). The
 * invoice is `issued` once blue fapiao cover its total; a red-letter one (negative) that brings the
 * sum back to zero makes it `red_flushed`. Never more than the invoice's total.
 */
export function recordFapiao(
  t: TenantContext,
  id: string,
  body: z.output<typeof RecordFapiaoBody>,
  expected?: number,
): Promise<Invoice> {
  return retryOnConflict(async () => {
    const invoice = await invoiceOf(t, id);
    if (expected !== undefined && expected !== invoice.version) throw new PreconditionFailedError();
    if (invoice.status === 'void') throw new ConflictError('invoice_void', 'This invoice is void; it takes no fapiao.');
    const issuedAmount = invoice.fapiao.issuedAmount + body.amount;
    if (issuedAmount > invoice.total || issuedAmount < 0) {
      throw new UnprocessableError(
        'fapiao_over_amount',
        `Fapiao for ${issuedAmount} (minor units) would not fit the invoice's total of ${invoice.total}.`,
        { remaining: { amount: invoice.total - invoice.fapiao.issuedAmount, currency: invoice.currency } },
      );
    }
    const at = nowIso();
    const record = {
      id: newId('fapiao'),
      type: body.type,
      number: body.number,
      issuedAt: body.issuedAt,
      amount: body.amount,
      recordedBy: t.principal.id,
      createdAt: at,
    };
    const status: Invoice['fapiao']['status'] =
      issuedAmount === 0 ? 'red_flushed' : issuedAmount === invoice.total ? 'issued' : invoice.fapiao.status;
    const next: Invoice = {
      ...invoice,
      fapiao: {
        ...invoice.fapiao,
        status: status === 'not_requested' || status === 'requested' ? invoice.fapiao.status : status,
        issuedAmount,
        records: [...invoice.fapiao.records, record],
      },
      version: invoice.version + 1,
      updatedAt: at,
    };
    try {
      await transact(t, [
        store.claimFapiaoNumber(t, body.number, id),
        store.putInvoice(t, next, invoice.version),
        ...store.fapiaoQueueChange(t, invoice.fapiao.status, next),
      ]);
    } catch (error) {
      if (isConditionFailure(error) && failedConditions(error).includes(0)) {
        throw new ConflictError('fapiao_number_taken', `The fapiao number ${body.number} is already recorded.`);
      }
      return staleWrite(expected)(error);
    }
    return next;
  });
}

/**
 * Asks for fapiao on these invoices (开票申请): each not yet requested moves to `requested` in one
 * transaction; those already requested or issued are left as they are.
 */
export function requestFapiao(t: TenantContext, body: z.output<typeof FapiaoRequestBody>) {
  return retryOnConflict(async () => {
    const invoices = await Promise.all(body.invoiceIds.map((id) => invoiceOf(t, id)));
    const at = nowIso();
    const voided = invoices.find((i) => i.status === 'void');
    if (voided) throw new ConflictError('invoice_void', `The invoice ${voided.number} is void; it takes no fapiao.`);
    const changed = invoices
      .filter((i) => i.fapiao.status === 'not_requested')
      .map((i) => ({
        before: i,
        after: {
          ...i,
          fapiao: { ...i.fapiao, status: 'requested' as const, requestedAt: at },
          version: i.version + 1,
          updatedAt: at,
        },
      }));
    if (changed.length) {
      await transact(
        t,
        changed.flatMap(({ before, after }) => [
          store.putInvoice(t, after, before.version),
          ...store.fapiaoQueueChange(t, before.fapiao.status, after),
        ]),
      ).catch(staleWrite(undefined));
    }
    const byId = new Map(changed.map((c) => [c.after.id, c.after]));
    return { invoices: invoices.map((i) => byId.get(i.id) ?? i) };
  });
}
