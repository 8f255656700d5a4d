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

/**
 * A line's amounts, each rounded half up, per line.
 * Exclusive prices (不含税): subtotal = quantity × unit price less the discount; tax on the subtotal.
 * Inclusive prices (含税, what Chinese price lists quote): total = quantity × unit price less the
 * discount; tax = total × rate ÷ (1 + rate); subtotal = total − tax. So ¥388 × 10 at 13 % comes to
 * ¥3,880.00 with ¥446.37 of it tax, exactly what the customer was quoted.
 */
export function lineAmounts(
  quantity: number,
  unitPrice: number,
  discountBps: number,
  taxRateBps: number,
  pricesIncludeTax = false,
): LineAmounts {
  const gross = BigInt(quantity) * BigInt(unitPrice);
  const net = (gross * (BPS - BigInt(discountBps)) + BPS / 2n) / BPS;
  if (pricesIncludeTax) {
    const divisor = BPS + BigInt(taxRateBps);
    const tax = (net * BigInt(taxRateBps) * 2n + divisor) / (divisor * 2n);
    return { subtotal: Number(net - tax), tax: Number(tax), total: Number(net) };
  }
  const subtotal = Number(net);
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

/** An exchange rate as finance types it: base-currency units per one unit, up to 8 decimals ("7.1234"). */
export const RATE_PATTERN = /^(?!0+(\.0+)?$)\d{1,6}(\.\d{1,8})?$/;
const RATE_SCALE = 100_000_000n;
const scaledRate = (rate: string) => {
  const [whole, fraction = ''] = rate.split('.');
  return BigInt(whole!) * RATE_SCALE + BigInt(fraction.padEnd(8, '0'));
};

/**
 * An amount in minor units of `currency` in minor units of the base currency at `rate` (base units
 * per one unit of `currency`), half up. 100.00 USD at 7.1234 is 712.34 CNY; 1,000 JPY at 0.0482 is
 * 48.20 CNY (JPY has no minor digits, CNY two).
 */
export function toBase(amount: number, currency: string, rate: string, baseCurrency: string): number {
  if (currency === baseCurrency) return amount;
  const shift = minorDigits(baseCurrency) - minorDigits(currency);
  const numerator = BigInt(amount) * scaledRate(rate) * 10n ** BigInt(Math.max(shift, 0));
  const denominator = RATE_SCALE * 10n ** BigInt(Math.max(-shift, 0));
  const sign = numerator < 0n ? -1n : 1n;
  const abs = numerator * sign;
  return Number(sign * ((abs * 2n + denominator) / (denominator * 2n)));
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/**
 * A CNY amount (fen) in Chinese capitals as written on 结算单 and cheques (大写金额):
 * 1073500 → 壹万零柒佰叁拾伍元整, 388050 → 叁仟捌佰捌拾元伍角整, 1 → 壹分, 0 → 零元整.
 * Zeros inside the yuan part are read once (壹万零柒佰); a missing 角 before 分 is 零.
 */
export function chineseCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('an integer amount of fen');
  if (fen < 0) return `负${chineseCapitals(-fen)}`;
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cent = fen % 10;
  let out = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let rest = yuan; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
    let pendingZero = false;
    for (let g = groups.length - 1; g >= 0; g -= 1) {
      const group = groups[g]!;
      if (group === 0) {
        pendingZero = out.length > 0;
        continue;
      }
      if (out && group < 1000) pendingZero = true;
      const digits = String(group).padStart(4, '0');
      let started = false;
      for (let i = 0; i < 4; i += 1) {
        const d = Number(digits[i]);
        if (d === 0) {
          if (started) pendingZero = true;
          continue;
        }
        if (pendingZero && out) out += '零';
        pendingZero = false;
        started = true;
        out += DIGITS[d] + SMALL_UNITS[3 - i]!;
      }
      out += BIG_UNITS[g]!;
    }
    out += '元';
  }
  if (jiao === 0 && cent === 0) return `${out || '零元'}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  if (cent > 0) out += `${DIGITS[cent]}分`;
  else out += '整';
  return out;
}
