import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { ExchangeRates, PutExchangeRatesBody } from '#shared/api/finance.ts';
import { toBase } from '#shared/domain/money.ts';
import { env } from '#functions/platform/env.ts';
import { PreconditionFailedError, UnprocessableError } from '#functions/platform/errors.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { nowIso } from '#functions/platform/ids.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import { getSettings } from '#functions/tenants/settings.ts';

/**
 * Exchange rates kept by finance (汇率): per currency, the rate in force from a day on. Light on
 * purpose: orders, invoicing and payments read it to fix the rate on each foreign document.
 */
const ratesKey = (t: TenantContext) => ({ pk: t.key('FX'), sk: 'RATES' });

export async function getExchangeRates(t: TenantContext): Promise<ExchangeRates> {
  const [{ Item }, settings] = await Promise.all([
    t.db.send(new GetCommand({ TableName: env.tableName, Key: ratesKey(t), ConsistentRead: true })),
    getSettings(t),
  ]);
  return {
    baseCurrency: settings.baseCurrency,
    rates: (Item?.rates as ExchangeRates['rates']) ?? [],
    version: Number(Item?.version ?? 0),
    updatedAt: (Item?.updatedAt as string) ?? null,
  };
}

/** Replaces the whole table of rates (finance edits it as one sheet). A rate for the base currency itself is refused. */
export function putExchangeRates(t: TenantContext, body: z.output<typeof PutExchangeRatesBody>, expected?: number) {
  return retryOnConflict(async () => {
    const current = await getExchangeRates(t);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    const own = body.rates.findIndex((r) => r.currency === current.baseCurrency);
    if (own >= 0) {
      throw new UnprocessableError('currency_mismatch', `${current.baseCurrency} is the base currency; its rate is 1.`);
    }
    const rates = [...body.rates].sort(
      (a, b) => a.currency.localeCompare(b.currency) || b.validFrom.localeCompare(a.validFrom),
    );
    const next: ExchangeRates = { ...current, rates, version: current.version + 1, updatedAt: nowIso() };
    await transact(t, [
      {
        Put: {
          TableName: env.tableName,
          Item: { ...ratesKey(t), entity: 'exchange_rates', rates, version: next.version, updatedAt: next.updatedAt },
          ConditionExpression: current.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(current.version === 0 ? {} : { ExpressionAttributeValues: { ':v': current.version } }),
        },
      },
    ]).catch(staleWrite(expected));
    return next;
  });
}

/** The rate in force for `currency` on `day` (the latest `validFrom` not after it); "1" for the base currency. */
export function rateOn(rates: ExchangeRates, currency: string, day: string): string | undefined {
  if (currency === rates.baseCurrency) return '1';
  return rates.rates
    .filter((r) => r.currency === currency && r.validFrom <= day)
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]?.rate;
}

/** The rate in force, or 422 `exchange_rate_missing` naming the currency finance must add. */
export async function requireRate(t: TenantContext, currency: string, day: string): Promise<string> {
  const rates = await getExchangeRates(t);
  const rate = rateOn(rates, currency, day);
  if (!rate) {
    throw new UnprocessableError(
      'exchange_rate_missing',
      `There is no ${currency} → ${rates.baseCurrency} exchange rate in force on ${day}; finance sets it under exchange rates.`,
      { currency },
    );
  }
  return rate;
}

/** The rate in force if there is one, else the one the document already carries. */
export async function rateOrKeep(t: TenantContext, currency: string, day: string, kept: string): Promise<string> {
  return rateOn(await getExchangeRates(t), currency, day) ?? kept;
}

export { toBase };
