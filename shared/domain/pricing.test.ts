import { describe, expect, it } from 'vitest';
import type { PriceList, Product } from '../api/catalog.ts';
import type { Customer } from '../api/customers.ts';
import { quotePrice } from './pricing.ts';

const product = { id: 'prd_1', price: { amount: 10_000, currency: 'CNY' } } as Product;
const list = (id: string, over: Partial<PriceList>): PriceList =>
  ({ id, active: true, currency: 'CNY', tiers: [], entries: [], ...over }) as PriceList;
const entry = (amount: number, minQuantity = 1, currency = 'CNY') => ({
  productId: 'prd_1',
  price: { amount, currency },
  minQuantity,
});

describe('pricing rules', () => {
  const customerList = list('prl_own', { entries: [entry(8_000), entry(7_000, 100)] });
  const tierList = list('prl_tier', { tiers: ['A'], entries: [entry(9_000), entry(8_500, 50)] });

  it("takes the customer's own list first, with the largest quantity break reached", () => {
    const customer = { tier: 'A' } as Customer;
    expect(quotePrice(product, customer, 10, { customerList, tierLists: [tierList] }, 'CNY')).toMatchObject({
      unitPrice: 8_000,
      rule: { kind: 'customer_list', priceListId: 'prl_own', minQuantity: 1 },
    });
    expect(quotePrice(product, customer, 100, { customerList, tierLists: [tierList] }, 'CNY').unitPrice).toBe(7_000);
  });

  it("then a list for the customer's tier, then the product's default price", () => {
    expect(quotePrice(product, { tier: 'A' } as Customer, 60, { tierLists: [tierList] }, 'CNY')).toMatchObject({
      unitPrice: 8_500,
      rule: { kind: 'tier_list', minQuantity: 50 },
    });
    expect(quotePrice(product, { tier: 'B' } as Customer, 60, { tierLists: [tierList] }, 'CNY')).toMatchObject({
      unitPrice: 10_000,
      rule: { kind: 'product_default' },
    });
  });

  it('ignores inactive lists and lists in another currency', () => {
    const inactive = list('prl_off', { active: false, entries: [entry(1)] });
    const usd = list('prl_usd', { currency: 'USD', entries: [entry(1, 1, 'USD')] });
    expect(
      quotePrice(product, { tier: null } as Customer, 1, { customerList: inactive, tierLists: [] }, 'CNY').unitPrice,
    ).toBe(10_000);
    expect(
      quotePrice(product, { tier: null } as Customer, 1, { customerList: usd, tierLists: [] }, 'CNY').unitPrice,
    ).toBe(10_000);
  });
});
