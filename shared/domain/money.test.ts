import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyBps,
  chineseCapitals,
  formatMinor,
  fromMinor,
  lineAmounts,
  minorDigits,
  sumAmounts,
  toBase,
  toMinor,
} from './money.ts';
import { decimal } from './csv.ts';

describe('money', () => {
  it('rounds half up per line', () => {
    // 3 × 3.33 = 9.99; 13% tax = 1.2987 -> 1.30
    expect(lineAmounts(3, 333, 0, 1300)).toEqual({ subtotal: 999, tax: 130, total: 1129 });
    // 1 × 0.05 with 50% discount = 0.025 -> 0.03 (half up)
    expect(lineAmounts(1, 5, 5000, 0)).toEqual({ subtotal: 3, tax: 0, total: 3 });
    expect(applyBps(15, 5000)).toBe(8);
  });

  it('never loses precision on large amounts (BigInt before rounding)', () => {
    expect(lineAmounts(1_000_000, 99_999_999, 0, 1300).subtotal).toBe(99_999_999_000_000);
  });

  it('keeps total = subtotal + tax and sums lines exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            q: fc.integer({ min: 1, max: 10_000 }),
            p: fc.integer({ min: 0, max: 10_000_000 }),
            d: fc.integer({ min: 0, max: 10_000 }),
            t: fc.integer({ min: 0, max: 3_000 }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (lines) => {
          const amounts = lines.map((l) => lineAmounts(l.q, l.p, l.d, l.t));
          for (const a of amounts) expect(a.total).toBe(a.subtotal + a.tax);
          const sum = sumAmounts(amounts);
          expect(sum.total).toBe(amounts.reduce((s, a) => s + a.total, 0));
        },
      ),
    );
  });
});

describe('currency digits', () => {
  // Guarantees: amounts a person types become minor units in the currency's own digits (JPY has none, KWD three).
  it('converts between typed amounts and minor units by ISO 4217 digits', () => {
    expect([minorDigits('CNY'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
    expect(toMinor(388.5, 'CNY')).toBe(38_850);
    expect(toMinor(1200, 'JPY')).toBe(1200);
    expect(toMinor(1.234, 'KWD')).toBe(1234);
    expect(fromMinor(38_850, 'CNY')).toBe(388.5);
    expect(fromMinor(1200, 'JPY')).toBe(1200);
    expect(formatMinor(1200, 'JPY', 'en')).toBe('¥1,200');
    expect(formatMinor(38_850, 'CNY', 'en')).toBe('CN¥388.50');
  });

  it('reproduces the 含税 rounding table at 13 % (tax = total × r ÷ (1 + r), half up, per line)', () => {
    expect(lineAmounts(10, 38_800, 0, 1300, true)).toEqual({ total: 388_000, tax: 44_637, subtotal: 343_363 });
    expect(lineAmounts(20, 8_900, 0, 1300, true)).toEqual({ total: 178_000, tax: 20_478, subtotal: 157_522 });
    expect(lineAmounts(1, 1, 0, 1300, true)).toEqual({ total: 1, tax: 0, subtotal: 1 });
    // A discount comes off the inclusive amount first: 100.00 × 3 less 10 % = 270.00, of it 31.06 tax.
    expect(lineAmounts(3, 10_000, 1000, 1300, true)).toEqual({ total: 27_000, tax: 3_106, subtotal: 23_894 });
  });

  it('inclusive lines always add up: total = subtotal + tax, and tax never exceeds what the rate allows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        (q, p, d, r) => {
          const a = lineAmounts(q, p, d, r, true);
          expect(a.total).toBe(a.subtotal + a.tax);
          expect(a.tax).toBeGreaterThanOrEqual(0);
          expect(Math.abs(a.tax - (a.total * r) / (10_000 + r))).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });

  it('writes amounts in Chinese capitals (大写金额) as a 结算单 does', () => {
    expect(chineseCapitals(1_073_500)).toBe('壹万零柒佰叁拾伍元整');
    expect(chineseCapitals(388_000)).toBe('叁仟捌佰捌拾元整');
    expect(chineseCapitals(388_050)).toBe('叁仟捌佰捌拾元伍角整');
    expect(chineseCapitals(10_000_000_007)).toBe('壹亿元零柒分');
    expect(chineseCapitals(1_000_010_000)).toBe('壹仟万零壹佰元整');
    expect(chineseCapitals(105)).toBe('壹元零伍分');
    expect(chineseCapitals(1)).toBe('壹分');
    expect(chineseCapitals(0)).toBe('零元整');
    expect(chineseCapitals(-100)).toBe('负壹元整');
  });

  it('converts to the base currency at a decimal rate, exactly, across minor digits', () => {
    expect(toBase(10_000, 'USD', '7.1234', 'CNY')).toBe(71_234);
    expect(toBase(1_000, 'JPY', '0.0482', 'CNY')).toBe(4_820);
    expect(toBase(3_390, 'USD', '7.1234', 'CNY')).toBe(24_148); // 241.48326 → 241.48
    expect(toBase(-10_001, 'USD', '7.1234', 'CNY')).toBe(-71_241);
    expect(toBase(500, 'CNY', '99', 'CNY')).toBe(500);
  });

  it('writes CSV amounts in each currency’s own digits', () => {
    expect(decimal(12_345, 'CNY')).toBe('123.45');
    expect(decimal(12_345, 'JPY')).toBe('12345');
    expect(decimal(12_345, 'KWD')).toBe('12.345');
    expect(decimal(-5, 'CNY')).toBe('-0.05');
  });
});
