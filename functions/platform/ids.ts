import { now } from './clock.ts';
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';

export const idPrefixes = {
  tenant: 'ten',
  user: 'usr',
  customer: 'cus',
  note: 'not',
  event: 'evt',
  warehouse: 'wh',
  order: 'ord',
  product: 'prd',
  invoice: 'inv',
  payment: 'pay',
  webhook: 'whk',
  priceList: 'prl',
  import: 'imp',
  alert: 'alr',
  channel: 'chn',
  report: 'rpt',
  apiKey: 'key',
  delivery: 'dlv',
  fapiao: 'fpo',
  department: 'dep',
  notification: 'ntf',
  supplier: 'sup',
  purchaseOrder: 'po',
  bill: 'bil',
  receipt: 'rcp',
  stocktake: 'stk',
  return: 'rma',
  creditNote: 'cn',
  ticket: 'tk',
  comment: 'cmt',
  notificationRule: 'nr',
  audit: 'aud',
  dataExport: 'exp',
} as const;
export type IdKind = keyof typeof idPrefixes;

/** A prefixed ULID: sortable by creation time, and its kind is visible in logs. */
export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${ulid()}`;
}

export function nowIso(): string {
  return now().toISOString();
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The same id every time for the same (seed, key): a retried import row re-creates nothing, its
 * insert meets the row it already wrote. The time part is the seed id's, so ids still sort by time.
 */
export function derivedId(kind: IdKind, seedId: string, key: string): string {
  const time = seedId.slice(seedId.indexOf('_') + 1, seedId.indexOf('_') + 11);
  const digest = createHash('sha256').update(`${seedId}\n${key}`).digest();
  const random = Array.from({ length: 16 }, (_, i) => CROCKFORD[digest[i]! % 32]).join('');
  return `${idPrefixes[kind]}_${time}${random}`;
}
