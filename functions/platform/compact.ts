import { deflateRawSync, gunzipSync, inflateRawSync } from 'node:zlib';
import { DICTIONARY_V1_GZ } from './compact-dictionary.ts';

/**
 * Compact bodies: the large JSON members of an item (an event's envelope, an idempotent answer, an
 * order's lines) kept as bytes, since every KB of an item is paid on each write, twice in a
 * transaction and again in each index that copies it. Version 1 is raw DEFLATE with a preset
 * dictionary of what every company's bodies share, after a version byte: an order event of five
 * lines packs into about half of what gzip makes of it, under the 1 KB of one write unit with its
 * keys. Bodies written before (gzip, whose first byte is 0x1f) are read as they are.
 */
const V1 = 0x01;
const GZIP = 0x1f;
let dictionary: Buffer | undefined;
/** The dictionary's text (the test pins its hash). */
export const dictionaryV1 = () => v1().toString('utf8');
const v1 = () => {
  dictionary ??= gunzipSync(Buffer.from(DICTIONARY_V1_GZ, 'base64'));
  return dictionary;
};

/** A text (JSON, mostly), packed. */
export function packText(text: string): Uint8Array {
  const body = deflateRawSync(Buffer.from(text, 'utf8'), { level: 9, dictionary: v1() });
  return Buffer.concat([Buffer.of(V1), body]);
}

/** The value as JSON, packed. */
export const pack = (value: unknown): Uint8Array => packText(JSON.stringify(value));

/** A packed (or, from before, gzipped) body's JSON text. Binary comes as bytes from the SDK, as base64 in a Lambda stream event. */
export function unpackText(packed: Uint8Array | string): string {
  const bytes = typeof packed === 'string' ? Buffer.from(packed, 'base64') : Buffer.from(packed);
  if (bytes[0] === V1) return inflateRawSync(bytes.subarray(1), { dictionary: v1() }).toString('utf8');
  if (bytes[0] === GZIP) return gunzipSync(bytes).toString('utf8');
  throw new Error(`unknown compact body format ${bytes[0]}`);
}

/** A packed (or gzipped) body's value. */
export const unpack = <T = unknown>(packed: Uint8Array | string): T => JSON.parse(unpackText(packed)) as T;

/**
 * An item's resource with everything but the named members packed into one `bodyGz`: the members
 * left plain are those that keys, filters and conditions read. One packed body compresses better than
 * several (the field names and ids repeat), and an order or invoice of five lines then fits the 1 KB of
 * one write unit with its keys, in the table and in each index that copies it.
 */
export function packBody<T extends object>(resource: T, plain: readonly (keyof T)[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(resource)) (plain.includes(name as keyof T) ? kept : rest)[name] = value;
  return { ...kept, bodyGz: pack(rest) };
}

/**
 * A stored resource with its packed body spread back (and, from before, its packed lines): items
 * written before bodies were packed read as they are.
 */
export function unpackBody<T>(stored: Record<string, unknown>): T {
  const { bodyGz, linesGz, ...plain } = stored;
  return {
    ...plain,
    ...(bodyGz ? unpack<Record<string, unknown>>(bodyGz as Uint8Array) : {}),
    ...(linesGz ? { lines: unpack(linesGz as Uint8Array) } : {}),
  } as T;
}

/**
 * The members an order's or invoice's keys already hold (its id ends its key, its customer is in its
 * by-customer index key, its creation time starts its by-date sort key), left out of its body.
 */
export const withoutKeyed = <T extends { id: string; customerId: string; createdAt: string }>({
  id: _i,
  customerId: _c,
  createdAt: _a,
  ...rest
}: T) => rest;
/** The members `withoutKeyed` left out, read back from the item's keys (`<tenant>#ORDER#<id>`, `<tenant>#CUSTOMER#<id>#ORDERS`, `<at>#<id>`). */
export function keyedOf(item: Record<string, unknown>): { id: string; customerId?: string; createdAt?: string } {
  const pk = String(item.pk);
  const byCustomer = item.gsi3pk === undefined ? [] : String(item.gsi3pk).split('#');
  return {
    id: pk.slice(pk.lastIndexOf('#') + 1),
    ...(byCustomer.length > 2 ? { customerId: byCustomer[byCustomer.length - 2] } : {}),
    ...(item.gsi1sk === undefined ? {} : { createdAt: String(item.gsi1sk).split('#')[0] }),
  };
}
