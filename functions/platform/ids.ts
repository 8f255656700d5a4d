import { ulid } from 'ulid';

export const idPrefixes = {
  tenant: 'ten', user: 'usr', customer: 'cus', note: 'not', event: 'evt', warehouse: 'wh',
  order: 'ord', product: 'prd', invoice: 'inv', payment: 'pay', webhook: 'whk', priceList: 'prl',
} as const;
export type IdKind = keyof typeof idPrefixes;

/** A prefixed ULID: sortable by creation time, and its kind is visible in logs. */
export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${ulid()}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
