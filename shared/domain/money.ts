/**
 * Money arithmetic on integer minor units. Products of amounts and rates use BigInt so that
 * nothing is lost before rounding; rounding is half up, per line.
 */
const BPS = 10_000n;

/** round(value * bps / 10000), half up, for non-negative values. */
export function applyBps(value: number, bps: number): number {
  return Number((BigInt(value) * BigInt(bps) + BPS / 2n) / BPS);
}

export interface LineAmounts {
  subtotal: number;
  tax: number;
  total: number;
}

/** A line: quantity × unit price, less the discount, then tax on what remains; each rounded half up. */
export function lineAmounts(quantity: number, unitPrice: number, discountBps: number, taxRateBps: number): LineAmounts {
  const gross = BigInt(quantity) * BigInt(unitPrice);
  const subtotal = Number((gross * (BPS - BigInt(discountBps)) + BPS / 2n) / BPS);
  const tax = applyBps(subtotal, taxRateBps);
  return { subtotal, tax, total: subtotal + tax };
}

export function sumAmounts(lines: LineAmounts[]): LineAmounts {
  return lines.reduce((a, l) => ({ subtotal: a.subtotal + l.subtotal, tax: a.tax + l.tax, total: a.total + l.total }), {
    subtotal: 0,
    tax: 0,
    total: 0,
  });
}

/** The ISO 4217 minor-unit digits of a currency: 2 for CNY and USD, 0 for JPY and KRW, 3 for KWD. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** A decimal amount a person typed (388.5) as integer minor units of its currency (38850 fen, 389 yen). */
export const toMinor = (value: number, currency: string) => Math.round(value * 10 ** minorDigits(currency));

/** Minor units as the decimal amount a person reads and types. */
export const fromMinor = (amount: number, currency: string) => amount / 10 ** minorDigits(currency);

/** Minor units as a localized amount with its currency (2 decimals for CNY/USD, 0 for JPY...). */
export function formatMinor(amount: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(fromMinor(amount, currency));
}
