import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { env } from './env.ts';

/**
 * The company's inventory of its own items: every item whose partition key begins with a tenant
 * id carries `gsi4pk = <tenantId>#ITEMS#<0-7>` (GSI4, keys only, no sort key), so export and the
 * purge of a closed company can list every item it has, with no Scan. The attribute is added here,
 * on every write of every client (the module code never sees it), and taken off every item read.
 *
 * What it costs: an index write when an item is created or deleted; an update that leaves the key
 * as it was writes nothing to a keys-only index. Left out, because something else lists them:
 * outbox events (`sk = EVENT#…`, listed by the event log's GSI3) and rate-limit windows (`#RATE#`
 * partitions, a few seconds' life, listed by their own partitions), processed markers of the
 * consumers and jobs (one partition each, listed by name: `markerPartitions` in events.ts), search
 * documents (one partition per kind, listed by name: `searchPartitions` in search.ts), report entries,
 * dirty marks and rolled days (three partitions, listed by name: `reportPartitions`), idempotency
 * records (one partition, listed by name: `idempotencyPartition` in idempotency.ts), finance's fapiao
 * queue (two partitions: `fapiaoQueuePartitions` in finance/partitions.ts), shipments' orders (one partition:
 * `shipmentRefPartition` in orders/partitions.ts), and the rest of
 * a product's, webhook's, order's or invoice's partition (levels and ledger rows, deliveries, shipments,
 * payments...): listed with their root item, whose partition they share and which is never deleted
 * (`rooted` below). Eight shards a company keep a
 * busy company's index writes spread over eight index partitions.
 */
export const INVENTORY_ATTRIBUTE = 'gsi4pk';
export const INVENTORY_INDEX = 'gsi4';
export const INVENTORY_SHARDS = 8;

const tenantPrefix = /^(ten_[0-9A-Z]{26})#/;
const processedMarker = /^ten_[0-9A-Z]{26}#PROCESSED#[^#]+$/;
const searchPartition = /^ten_[0-9A-Z]{26}#SEARCH#[a-z]+$/;
const reportPartition = /^ten_[0-9A-Z]{26}#REPORT#(ENTRIES|DIRTY|ROLLED)$/;
const idempotencyPartition = /^ten_[0-9A-Z]{26}#IDEMPOTENCY$/;
const fapiaoQueuePartition = /^ten_[0-9A-Z]{26}#FAPIAO#(not_requested|requested)$/;
const shipmentRefPartition = /^ten_[0-9A-Z]{26}#SHIPMENTS$/;
/**
 * Partitions whose root item is never deleted, and its sort key: a product (archived, never deleted), a
 * webhook (a deleted one leaves a tombstone), an order and an invoice (cancelled or voided, never
 * deleted). The rest of such a partition (a product's levels and ledger rows, a webhook's deliveries, an
 * order's shipments, invoice pointers and invoiced quantities, an invoice's payments) is found through
 * its root: an index write saved on each of them.
 */
const rooted = [
  { partition: /^ten_[0-9A-Z]{26}#PRODUCT#[^#]+$/, root: 'PRODUCT' },
  { partition: /^ten_[0-9A-Z]{26}#WEBHOOK#[^#]+$/, root: 'WEBHOOK' },
  { partition: /^ten_[0-9A-Z]{26}#ORDER#[^#]+$/, root: 'ORDER' },
  { partition: /^ten_[0-9A-Z]{26}#INVOICE#[^#]+$/, root: 'INVOICE' },
];
const rootOf = (pk: string) => rooted.find((r) => r.partition.test(pk))?.root;

/** The inventory partitions of a company. */
export const inventoryPartitions = (tenantId: string) =>
  Array.from({ length: INVENTORY_SHARDS }, (_, i) => `${tenantId}#ITEMS#${i}`);

/** Where an item is listed, or undefined for an item the inventory leaves out. */
export function inventoryKey(pk: unknown, sk: unknown): string | undefined {
  if (typeof pk !== 'string') return undefined;
  const tenant = tenantPrefix.exec(pk)?.[1];
  if (!tenant || pk.includes('#RATE#') || (typeof sk === 'string' && sk.startsWith('EVENT#'))) return undefined;
  // Processed markers of an owner with a fixed name: the purge lists their partitions by name.
  if (processedMarker.test(pk)) return undefined;
  // Search documents, one partition per kind: the purge lists them by name (searchPartitions in search.ts).
  if (searchPartition.test(pk)) return undefined;
  // Report entries, dirty marks and rolled days: the purge lists them by name (reportPartitions in reports/entries.ts).
  if (reportPartition.test(pk)) return undefined;
  // Idempotency records, one partition a company: the purge lists it by name (idempotencyPartition).
  if (idempotencyPartition.test(pk)) return undefined;
  // Finance's fapiao queue, two partitions: the purge lists them by name (fapiaoQueuePartitions in finance/partitions.ts).
  if (fapiaoQueuePartition.test(pk)) return undefined;
  // Shipments' orders, one partition: the purge lists it by name (shipmentRefPartition in orders/partitions.ts).
  if (shipmentRefPartition.test(pk)) return undefined;
  // A product's levels and ledger rows, a webhook's deliveries: listed with their root, whose partition they share.
  const root = rootOf(pk);
  if (root && sk !== root) return undefined;
  let hash = 0x811c9dc5;
  for (let i = 0; i < pk.length; i += 1) hash = Math.imul(hash ^ pk.charCodeAt(i), 0x01000193) >>> 0;
  return `${tenant}#ITEMS#${hash % INVENTORY_SHARDS}`;
}

type Doc = Record<string, unknown>;

const tagItem = (item: Doc | undefined): Doc | undefined => {
  const at = item && inventoryKey(item.pk, item.sk);
  return at ? { ...item, [INVENTORY_ATTRIBUTE]: at } : item;
};

const VALUE = ':dingoInventory';
/** An update that may create the item: SET the attribute with the rest (or as the only SET clause). Items
 * listed before: an update never changes the inventory key, so keys-only GSI4 is not written again. */
function tagUpdate<U extends Doc>(update: U): U {
  const key = update.Key as Doc | undefined;
  const at = key && inventoryKey(key.pk, key.sk);
  const expression = update.UpdateExpression as string | undefined;
  if (!at || !expression || expression.includes(VALUE)) return update;
  // An update of an item that must exist already (its creation listed it) leaves the write as it was:
  // such writes stay within narrow IAM attribute grants (the authorizer's `lastUsedAt`).
  if (/attribute_exists\(\s*pk\s*\)/.test(String(update.ConditionExpression ?? ''))) return update;
  const set = /(^|\s)SET\s/i.exec(expression);
  const assignment = `${INVENTORY_ATTRIBUTE} = ${VALUE}`;
  const tagged = set
    ? `${expression.slice(0, set.index + set[0].length)}${assignment}, ${expression.slice(set.index + set[0].length)}`
    : `SET ${assignment} ${expression}`;
  return {
    ...update,
    UpdateExpression: tagged,
    ExpressionAttributeValues: { ...(update.ExpressionAttributeValues as Doc | undefined), [VALUE]: at },
  };
}

/** The write with every item it creates or replaces listed in its company's inventory. */
export function withInventory(input: Doc): Doc {
  if (input.Item) return { ...input, Item: tagItem(input.Item as Doc) };
  if (input.UpdateExpression) return tagUpdate(input);
  if (Array.isArray(input.TransactItems)) {
    return {
      ...input,
      TransactItems: (input.TransactItems as Doc[]).map((entry) => {
        if (entry.Put)
          return { ...entry, Put: { ...(entry.Put as Doc), Item: tagItem((entry.Put as Doc).Item as Doc) } };
        if (entry.Update) return { ...entry, Update: tagUpdate(entry.Update as Doc) };
        return entry;
      }),
    };
  }
  if (input.RequestItems && typeof input.RequestItems === 'object') {
    const requests = Object.entries(input.RequestItems as Record<string, unknown>);
    if (!requests.every(([, r]) => Array.isArray(r))) return input; // a BatchGet
    return {
      ...input,
      RequestItems: Object.fromEntries(
        requests.map(([table, writes]) => [
          table,
          (writes as Doc[]).map((w) =>
            w.PutRequest ? { PutRequest: { Item: tagItem((w.PutRequest as Doc).Item as Doc) } } : w,
          ),
        ]),
      ),
    };
  }
  return input;
}

const untag = (item: unknown) => {
  if (!item || typeof item !== 'object' || !(INVENTORY_ATTRIBUTE in item)) return item;
  const { [INVENTORY_ATTRIBUTE]: _listed, ...rest } = item as Doc;
  return rest;
};

/** The answer with the inventory attribute taken off every item in it. */
export function withoutInventory(output: Doc): Doc {
  const out: Doc = { ...output };
  if (out.Item) out.Item = untag(out.Item);
  if (out.Attributes) out.Attributes = untag(out.Attributes);
  if (Array.isArray(out.Items)) out.Items = out.Items.map(untag);
  if (out.Responses && typeof out.Responses === 'object') {
    out.Responses = Array.isArray(out.Responses)
      ? out.Responses.map((r: Doc) => (r?.Item ? { ...r, Item: untag(r.Item) } : r))
      : Object.fromEntries(
          Object.entries(out.Responses as Record<string, unknown[]>).map(([t, items]) => [t, items.map(untag)]),
        );
  }
  return out;
}

/** Adds the inventory to a document client: tagging on the way in, untagging on the way out. */
export function keepInventory(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next({ ...args, input: withInventory(args.input as Doc) });
      const output = result.output as unknown as Doc | undefined;
      return output ? { ...result, output: withoutInventory(output) as typeof result.output } : result;
    },
    { step: 'initialize', name: 'dingoInventory', override: true },
  );
  return client;
}

/**
 * Every item of a company, as keys, a page at a time: its inventory's eight partitions (each product or
 * webhook preceded by the rest of its partition), then its event log (GSI3), which the inventory leaves out.
 * Rate-limit windows and processed markers are not listed (see above).
 */
export async function* inventoryPages(
  db: DynamoDBDocumentClient,
  tenantId: string,
): AsyncGenerator<{ pk: string; sk: string }[]> {
  const sources = [
    ...inventoryPartitions(tenantId).map((p) => ({ index: INVENTORY_INDEX, attribute: INVENTORY_ATTRIBUTE, value: p })),
    { index: 'gsi3', attribute: 'gsi3pk', value: `${tenantId}#EVENTS` },
  ];
  for (const source of sources) {
    for await (const keys of keyPages(db, {
      IndexName: source.index,
      KeyConditionExpression: `${source.attribute} = :p`,
      ExpressionAttributeValues: { ':p': source.value },
    })) {
      // The rest of a rooted partition comes before the page that holds its root: a purge
      // deletes each page as it gets it, and one that stops in between must still find the rows next
      // time through their root. Not listed again: the root itself, its events (GSI3) and rows
      // written before they stopped being listed (they carry the attribute).
      // A page holds up to thousands of orders and invoices: their partitions are read 16 at a time.
      if (source.index === INVENTORY_INDEX) {
        const roots = keys.filter((k) => rootOf(k.pk) === k.sk);
        const rests: { pk: string; sk: string }[][] = new Array(roots.length);
        let next = 0;
        await Promise.all(
          Array.from({ length: Math.min(ROOTS_AT_ONCE, roots.length) }, async () => {
            while (next < roots.length) {
              const i = next++;
              const unlisted: { pk: string; sk: string }[] = [];
              for await (const rest of keyPages(db, {
                KeyConditionExpression: 'pk = :pk',
                FilterExpression: `attribute_not_exists(${INVENTORY_ATTRIBUTE})`,
                ExpressionAttributeValues: { ':pk': roots[i]!.pk },
              }))
                unlisted.push(...rest.filter((k) => !k.sk.startsWith('EVENT#')));
              rests[i] = unlisted;
            }
          }),
        );
        for (const unlisted of rests) if (unlisted.length) yield unlisted;
      }
      yield keys;
    }
  }
}

const ROOTS_AT_ONCE = 16;

async function* keyPages(db: DynamoDBDocumentClient, query: Omit<QueryCommandInput, 'TableName'>) {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new QueryCommand({ TableName: env.tableName, ...query, ExclusiveStartKey: start }));
    const keys = (out.Items ?? []).map((i) => ({ pk: String(i.pk), sk: String(i.sk) }));
    if (keys.length) yield keys;
    start = out.LastEvaluatedKey;
  } while (start);
}
