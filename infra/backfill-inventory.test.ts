import { describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { api, directDb, newTenant, TABLE } from '#infra/local/testing.ts';
import { INVENTORY_ATTRIBUTE, inventoryKey } from '#functions/platform/inventory.ts';
import { backfillInventory } from './backfill-inventory.ts';

/**
 * An upgrade from before the companies' inventory (GSI4): items written then carry no inventory key,
 * so neither export nor purge would find them. The backfill lists them; the product's own writes are
 * listed as they are made.
 */
describe('the inventory backfill', () => {
  it("lists items written before the inventory existed, leaves platform items out, and the product's writes need none", async () => {
    const t = await newTenant();
    const db = await directDb();
    // The product's own write (through its client) is listed already.
    const created = await api('/v1/customers', { token: t.token, body: { name: '清单客户' } });
    const customer = await db.send(
      new GetCommand({ TableName: TABLE, Key: { pk: `${t.tenantId}#CUSTOMER#${created.body.id}`, sk: 'CUSTOMER' } }),
    );
    expect(customer.Item?.[INVENTORY_ATTRIBUTE]).toBe(inventoryKey(customer.Item?.pk, 'CUSTOMER'));
    expect(customer.Item?.[INVENTORY_ATTRIBUTE]).toMatch(new RegExp(`^${t.tenantId}#ITEMS#[0-7]$`));
    // ...and never shows in what the API answers.
    expect(created.body).not.toHaveProperty(INVENTORY_ATTRIBUTE);
    expect((await api(`/v1/customers/${created.body.id}`, { token: t.token })).body).not.toHaveProperty(
      INVENTORY_ATTRIBUTE,
    );

    // An item as an older version wrote it (directly: no inventory key), and a platform item.
    const legacy = { pk: `${t.tenantId}#LEGACY#1`, sk: 'NOTE' };
    const platform = { pk: `PLATFORM#BACKFILL_TEST#${t.tenantId}`, sk: 'X' };
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...legacy, entity: 'note', text: '旧数据' } }));
    await db.send(new PutCommand({ TableName: TABLE, Item: { ...platform, entity: 'test' } }));

    expect(await backfillInventory(db, TABLE)).toBeGreaterThanOrEqual(1);
    const listed = await db.send(new GetCommand({ TableName: TABLE, Key: legacy }));
    expect(listed.Item?.[INVENTORY_ATTRIBUTE]).toBe(inventoryKey(legacy.pk, legacy.sk));
    expect(listed.Item?.text).toBe('旧数据');
    const left = await db.send(new GetCommand({ TableName: TABLE, Key: platform }));
    expect(left.Item).not.toHaveProperty(INVENTORY_ATTRIBUTE);
    // Run again: nothing of this company is left to list.
    await backfillInventory(db, TABLE);
    expect((await db.send(new GetCommand({ TableName: TABLE, Key: legacy }))).Item?.[INVENTORY_ATTRIBUTE]).toBe(
      listed.Item?.[INVENTORY_ATTRIBUTE],
    );
  }, 180_000);
});
