import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dictionaryV1, keyedOf, pack, packBody, unpack, unpackBody, unpackText, withoutKeyed } from './compact.ts';

/** An order event as the outbox writes one: five lines, the company's own ids and names. */
const orderEvent = () => {
  const id = (prefix: string, n: number) => `${prefix}_01KBZ${String(n).padStart(21, '7')}`;
  const lines = ['六角螺栓 M8×30', '不锈钢垫片 8mm', '弹簧垫圈 M8', '尼龙锁紧螺母', '膨胀螺丝 M10'].map((name, i) => ({
    lineId: `L${i + 1}`,
    productId: id('prd', i),
    sku: `HX-${1000 + i * 37}`,
    name,
    unit: '箱',
    quantity: 3 + i,
    unitPrice: 1250 + i * 310,
    discountBps: 0,
    taxRate: 1300,
    subtotal: 3319 + i * 17,
    tax: 431 + i,
    total: 3750 + i * 930,
  }));
  return {
    id: id('evt', 9),
    type: 'order.confirmed',
    tenantId: id('ten', 1),
    occurredAt: '2026-12-02T08:17:45.137Z',
    actor: { kind: 'user', id: id('usr', 2) },
    subject: { type: 'order', id: id('ord', 3) },
    data: {
      order: { id: id('ord', 3), number: 'SO-2026-000481', status: 'confirmed', customerName: '宁波甬达五金', lines },
    },
  };
};

describe('compact bodies', () => {
  it('packs a value and reads it back as it was', () => {
    const value = orderEvent();
    expect(unpack(pack(value))).toEqual(value);
    // As a Lambda stream event carries binary: base64.
    expect(unpack(Buffer.from(pack(value)).toString('base64'))).toEqual(value);
  });

  it('reads bodies gzipped before it existed', () => {
    const value = orderEvent();
    expect(unpack(gzipSync(JSON.stringify(value)))).toEqual(value);
    expect(unpackText(gzipSync('{"a":1}'))).toBe('{"a":1}');
  });

  it('is smaller than gzip for an order event of five lines', () => {
    const value = orderEvent();
    const gzipped = gzipSync(JSON.stringify(value)).length;
    expect(pack(value).length).toBeLessThan(gzipped * 0.85);
  });

  it('refuses bytes of no format it knows', () => {
    expect(() => unpack(Buffer.from([0x7b, 0x7d]))).toThrow(/unknown compact body format/);
  });

  it('keeps dictionary version 1 as it was: bodies packed with it can only be read with it', () => {
    expect(createHash('sha256').update(dictionaryV1()).digest('hex')).toBe(
      '4dcc9c42c4336a3b6e12b2794aabd01c880e30772c9f97393377339cee25c1e0',
    );
  });

  describe('an item body', () => {
    const order = () => ({
      ...orderEvent().data.order,
      customerId: 'cus_01KBZ777777777777777777777',
      salesRepId: null,
      createdAt: '2026-12-02T08:17:45.137Z',
      version: 3,
    });
    const tenant = 'ten_01KBZ777777777777777777771';
    const keys = (o: ReturnType<typeof order>) => ({
      pk: `${tenant}#ORDER#${o.id}`,
      sk: 'ORDER',
      gsi1sk: `${o.createdAt}#${o.id}`,
      gsi3pk: `${tenant}#CUSTOMER#${o.customerId}#ORDERS`,
    });

    it('keeps plain only what it is told and reads the rest back from the body and the keys', () => {
      const o = order();
      const stored = packBody(withoutKeyed(o), ['salesRepId', 'version']);
      expect(Object.keys(stored).sort()).toEqual(['bodyGz', 'salesRepId', 'version']);
      // Nothing the keys hold is in the body: a keyed member is paid once.
      const body = unpack<Record<string, unknown>>(stored.bodyGz as Uint8Array);
      expect(body).not.toHaveProperty('id');
      expect(body).not.toHaveProperty('customerId');
      expect(body).not.toHaveProperty('createdAt');
      const { pk, gsi1sk, gsi3pk } = keys(o);
      expect(unpackBody({ ...keyedOf({ pk, gsi1sk, gsi3pk }), ...stored })).toEqual(o);
    });

    it('reads an item written before bodies were packed (lines packed alone, or nothing packed) as it was', () => {
      const o = order();
      const { lines, ...rest } = o;
      const k = keyedOf(keys(o));
      expect(unpackBody({ ...k, ...rest, linesGz: pack(lines) })).toEqual(o);
      expect(unpackBody({ ...k, ...o })).toEqual(o);
    });

    it('reads no customer or creation time from an item without those index keys', () => {
      expect(keyedOf({ pk: `${tenant}#INVOICE#inv_1` })).toEqual({ id: 'inv_1' });
    });
  });
});
