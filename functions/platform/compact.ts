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
