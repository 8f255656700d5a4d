import { describe, expect, it } from 'vitest';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { TenantContext } from '#functions/platform/tenant.ts';
import { envelopeOf, outboxEvent } from '#functions/platform/outbox.ts';
import { entriesOf } from './outbox-relay.ts';

process.env.TABLE_NAME ??= 'dingo';

const customer = {
  id: 'cus_01JD0000000000000000000000',
  name: '杭州西湖茶业',
  kind: 'company' as const,
  tier: null,
  tags: [],
  stage: 'customer' as const,
  ownerId: null,
  contacts: [],
  addresses: [],
  creditLimit: null,
  paymentTermsDays: null,
  priceListId: null,
  currency: 'CNY',
  billing: null,
  customFields: {},
  archivedAt: null,
  version: 1,
  createdAt: '2026-11-22T00:00:00.000Z',
  updatedAt: '2026-11-22T00:00:00.000Z',
};

describe('outbox relay', () => {
  // Guarantees: what the relay publishes is exactly the envelope written in the transaction,
  // whether the stream hands the gzipped envelope over as bytes (SDK) or as base64 (Lambda's JSON event).
  it('publishes the outbox envelope with the catalog source, from bytes and from base64 alike', () => {
    const t = new TenantContext(
      'ten_01JD0000000000000000000000',
      { id: 'usr_01JD0000000000000000000000', kind: 'user', role: 'owner', scopes: [] },
      {} as never,
    );
    const item = outboxEvent(
      t,
      t.key('CUSTOMER', customer.id),
      'customer.created',
      { type: 'customer', id: customer.id },
      customer,
    ).Put.Item;
    const image = marshall(item) as Record<string, { B?: Uint8Array }>;
    const asLambdaSendsIt = { ...image, envelopeGz: { B: Buffer.from(image.envelopeGz!.B!).toString('base64') } };
    for (const newImage of [image, asLambdaSendsIt]) {
      const event = {
        Records: [
          { eventName: 'INSERT', dynamodb: { NewImage: newImage } },
          { eventName: 'MODIFY', dynamodb: { NewImage: newImage } },
        ],
      } as unknown as DynamoDBStreamEvent;
      const entries = entriesOf(event);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ Source: 'dingo.customers', DetailType: 'customer.created' });
      expect(JSON.parse(entries[0]!.Detail!)).toEqual(envelopeOf(item));
      expect(JSON.parse(entries[0]!.Detail!).data.name).toBe('杭州西湖茶业');
    }
  });
});
