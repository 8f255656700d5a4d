import type { Product, PriceList } from '../api/catalog.ts';
import type { Customer } from '../api/customers.ts';

export interface PriceRuleResult {
  kind: 'customer_list' | 'tier_list' | 'product_default';
  priceListId: string | null;
  minQuantity: number | null;
}
export interface QuotedPrice {
  unitPrice: number;
  currency: string;
  rule: PriceRuleResult;
}

/** The best entry of a list for a quantity: the largest quantity break that the quantity reaches. */
function entryFor(list: PriceList, productId: string, quantity: number) {
  return list.entries
    .filter((e) => e.productId === productId && e.minQuantity <= quantity && e.price.currency === list.currency)
    .sort((a, b) => b.minQuantity - a.minQuantity)[0];
}

/**
 * The price of one line, and the rule that produced it: the customer's own list first, then a
 * list for the customer's tier, then the product's default price. Lists in another currency
 * than the order do not apply.
 */
export function quotePrice(
  product: Product,
  customer: Customer,
  quantity: number,
  lists: { customerList?: PriceList; tierLists: PriceList[] },
  currency: string,
): QuotedPrice {
  const usable = (l: PriceList | undefined) => (l?.active && l.currency === currency ? l : undefined);
  const own = usable(lists.customerList);
  const ownEntry = own && entryFor(own, product.id, quantity);
  if (own && ownEntry)
    return {
      unitPrice: ownEntry.price.amount,
      currency,
      rule: { kind: 'customer_list', priceListId: own.id, minQuantity: ownEntry.minQuantity },
    };
  for (const list of lists.tierLists.map(usable)) {
    if (!list || !customer.tier || !list.tiers.includes(customer.tier)) continue;
    const entry = entryFor(list, product.id, quantity);
    if (entry)
      return {
        unitPrice: entry.price.amount,
        currency,
        rule: { kind: 'tier_list', priceListId: list.id, minQuantity: entry.minQuantity },
      };
  }
  return {
    unitPrice: product.price.amount,
    currency: product.price.currency,
    rule: { kind: 'product_default', priceListId: null, minQuantity: null },
  };
}
