/** Reading the aggregates' figures. */
export const num = (item: Record<string, unknown> | undefined, attribute: string) => Number(item?.[attribute] ?? 0);

/**
 * A money figure of an aggregate item in the base currency: every currency at its documents' own
 * rates (`<name>_base`). Items written before exchange rates existed hold only per-currency figures;
 * their base-currency one stands for them.
 */
export const inBase = (item: Record<string, unknown> | undefined, name: string, baseCurrency: string) =>
  item?.[`${name}_base`] === undefined ? num(item, `${name}_${baseCurrency}`) : num(item, `${name}_base`);

/** The per-currency figures of items (`sales_USD`...), for the breakdown beside a base-currency total. */
export function perCurrency(items: (Record<string, unknown> | undefined)[], name: string) {
  const out = new Map<string, number>();
  for (const item of items)
    for (const [k, v] of Object.entries(item ?? {}))
      if (k.startsWith(`${name}_`) && /^[A-Z]{3}$/.test(k.slice(name.length + 1)))
        out.set(k.slice(name.length + 1), (out.get(k.slice(name.length + 1)) ?? 0) + Number(v));
  return out;
}
