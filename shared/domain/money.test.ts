import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyBps, formatMinor, fromMinor, lineAmounts, minorDigits, sumAmounts, toMinor } from './money.ts';

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
});
