import {
  type AttributeValue,
  BatchGetItemCommand,
  DynamoDBClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

/**
 * What DynamoDB bills, by AWS's rules, for the items a request really touches (not what DynamoDB
 * Local reports: it bills a transaction's items once, not twice, rounds a transaction's items
 * together, and writes index entries twice inside transactions).
 *
 * The rules applied (DynamoDB developer guide, "Item sizes and formats", "Read/write capacity mode",
 * "Capacity management for transactions", "Provisioned throughput considerations for GSIs"; on-demand
 * bills one write request unit where provisioned mode consumes one WCU):
 * - Item size: every attribute's name (UTF-8 bytes) plus its value: a string its UTF-8 bytes, a
 *   number 1 byte per two significant digits plus 1 (plus 1 if negative), binary its bytes, a boolean
 *   or null 1 byte, a list or map 3 bytes plus each element plus 1 byte per element, a set the sum of
 *   its elements.
 * - Writes: 1 unit per started KB of the larger of the item's before and after images (a delete: the
 *   item deleted; a write of an absent item or a failed condition: at least 1). Inside
 *   TransactWriteItems every Put, Update, Delete and ConditionCheck costs twice (prepare and commit).
 * - Index writes (never doubled by a transaction): an index entry is the projected attributes plus
 *   the table's and the index's keys plus 100 bytes. An item that enters an index costs one write of
 *   its entry, one that leaves it one write (a delete), one whose index key changes two, one whose
 *   projected attributes change one (of the larger entry); a keys-only index is not written when only
 *   non-key attributes change.
 * - Reads: 1 unit per started 4 KB, half for an eventually consistent read, twice in TransactGetItems;
 *   a GetItem or BatchGetItem entry that finds nothing still costs the minimum; a Query adds the sizes
 *   of every item it reads (before any filter, whatever the projection) and rounds the sum once.
 * - Streams: writing the stream is free; Lambda's reads of a DynamoDB stream are not billed.
 */

export type Item = Record<string, AttributeValue>;
export type Projection = 'ALL' | 'KEYS_ONLY' | { include: readonly string[] };
export interface IndexDesign {
  indexName: string;
  partitionKey: string;
  sortKey?: string;
  projection: Projection;
}
export interface TableDesign {
  partitionKey: string;
  sortKey?: string;
  globalSecondaryIndexes: readonly IndexDesign[];
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** The bytes DynamoDB counts for a number: its significant digits, two to a byte, plus one. */
function numberSize(n: string): number {
  const negative = n.trim().startsWith('-');
  const [mantissa = '', exponent] = n.trim().replace(/^[-+]/, '').toLowerCase().split('e');
  void exponent;
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1 + (negative ? 1 : 0);
}

export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS) return value.NS.reduce((sum, s) => sum + numberSize(s), 0);
  if (value.BS) return value.BS.reduce((sum, b) => sum + b.length, 0);
  if (value.L) return 3 + value.L.reduce((sum, v) => sum + valueSize(v) + 1, 0);
  if (value.M) return 3 + Object.entries(value.M).reduce((sum, [k, v]) => sum + utf8(k) + valueSize(v) + 1, 0);
  return 0;
}

export const itemSize = (item: Item): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);

/** Write units of an item of this many bytes: one per started KB, at least one. */
export const writeUnitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
/** Read units of this many bytes: one per started 4 KB (at least one), half when eventually consistent. */
export const readUnitsOf = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);

export const INDEX_ENTRY_OVERHEAD = 100;

/** The item's entry in an index (undefined when the item lacks the index's keys). */
export function indexEntry(item: Item | undefined, index: IndexDesign, table: TableDesign): Item | undefined {
  if (!item?.[index.partitionKey] || (index.sortKey && !item[index.sortKey])) return undefined;
  if (index.projection === 'ALL') return item;
  const keep = [table.partitionKey, table.sortKey, index.partitionKey, index.sortKey].filter(Boolean) as string[];
  if (typeof index.projection === 'object') keep.push(...index.projection.include);
  return Object.fromEntries(Object.entries(item).filter(([name]) => keep.includes(name)));
}
const entrySize = (entry: Item) => itemSize(entry) + INDEX_ENTRY_OVERHEAD;
const sameValue = (a: AttributeValue | undefined, b: AttributeValue | undefined) =>
  JSON.stringify(a) === JSON.stringify(b);
const sameItem = (a: Item, b: Item) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => sameValue(a[k], b[k]));

export interface WriteCharge {
  /** Which request (one per command the meter saw) wrote it. */
  call: number;
  /** The item's kind (its `entity`, else its sort key's first segment, else its partition key's second). */
  kind: string;
  command: string;
  transactional: boolean;
  bytes: number;
  table: number;
  indexes: Record<string, number>;
}

export const kindOf = (item: Item | undefined, key?: Item): string => {
  const entity = item?.entity?.S;
  if (entity) return entity;
  const sk = (item?.sk ?? key?.sk)?.S ?? '';
  const pk = (item?.pk ?? key?.pk)?.S ?? '';
  // A sort key of data (a hash, a window's second) names nothing: the partition's kind does.
  const head = sk.split('#')[0] ?? '';
  return (/^[A-Z_]+$/.test(head) ? head : pk.split('#')[1]) || 'item';
};

/**
 * What one write of one item costs. `before` and `after` are the item's full images (undefined: it
 * did not exist / does not any more). `conditionCheck`: a ConditionCheck of a transaction (no change).
 */
export function chargeWrite(
  before: Item | undefined,
  after: Item | undefined,
  options: { transactional: boolean; table: TableDesign; command?: string; conditionCheck?: boolean; key?: Item },
): WriteCharge {
  const bytes = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
  const indexes: Record<string, number> = {};
  if (!options.conditionCheck) {
    for (const index of options.table.globalSecondaryIndexes) {
      const [old, next] = [indexEntry(before, index, options.table), indexEntry(after, index, options.table)];
      let units = 0;
      if (old && next) {
        const keyChanged =
          !sameValue(old[index.partitionKey], next[index.partitionKey]) ||
          (index.sortKey !== undefined && !sameValue(old[index.sortKey], next[index.sortKey]));
        if (keyChanged) units = writeUnitsOf(entrySize(old)) + writeUnitsOf(entrySize(next));
        else if (!sameItem(old, next)) units = writeUnitsOf(Math.max(entrySize(old), entrySize(next)));
      } else if (old) units = writeUnitsOf(entrySize(old));
      else if (next) units = writeUnitsOf(entrySize(next));
      if (units) indexes[index.indexName] = units;
    }
  }
  return {
    call: 0,
    kind: kindOf(after ?? before, options.key),
    command: options.command ?? 'write',
    transactional: options.transactional,
    bytes,
    table: writeUnitsOf(bytes) * (options.transactional ? 2 : 1),
    indexes,
  };
}

export const writeTotal = (c: WriteCharge) => c.table + Object.values(c.indexes).reduce((s, x) => s + x, 0);

export interface ReadCharge {
  kind: string;
  command: string;
  bytes: number;
  units: number;
}

type Doc = Record<string, unknown>;
const keyOf = (table: TableDesign, doc: Doc): Doc =>
  Object.fromEntries(
    [table.partitionKey, table.sortKey].filter((k): k is string => !!k && doc[k] !== undefined).map((k) => [k, doc[k]]),
  );
const idOf = (key: Doc) => JSON.stringify(key);

/**
 * Measures a document client's requests by the rules above: before each write it reads the full
 * images of the items the write names and after it reads them again (with its own client, not
 * measured), so what is charged is what was really stored. Only while `active`.
 */
export class CapacityMeter {
  active = false;
  writes: WriteCharge[] = [];
  reads: ReadCharge[] = [];
  private readonly raw: DynamoDBClient;
  private calls = 0;
  /** The bytes each item written keeps stored (item and index entries), items that expire left out. */
  private stored = new Map<string, number>();
  /** The largest image written of each kind: what to look at when a kind costs more than it should. */
  largest = new Map<string, Item>();

  constructor(
    private readonly tableName: string,
    private readonly table: TableDesign,
    config: { endpoint?: string; region: string },
  ) {
    this.raw = new DynamoDBClient({
      region: config.region,
      ...(config.endpoint
        ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
        : {}),
    });
  }

  reset() {
    this.writes = [];
    this.reads = [];
    this.stored.clear();
    this.largest.clear();
  }

  storedBytes() {
    return [...this.stored.values()].reduce((s, x) => s + x, 0);
  }

  totals() {
    return {
      write: this.writes.reduce((s, c) => s + writeTotal(c), 0),
      read: this.reads.reduce((s, c) => s + c.units, 0),
      tableWrite: this.writes.reduce((s, c) => s + c.table, 0),
      indexWrite: this.writes.reduce((s, c) => s + writeTotal(c) - c.table, 0),
    };
  }

  /** Index write units per index. */
  byIndex(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.writes) for (const [name, u] of Object.entries(c.indexes)) out[name] = (out[name] ?? 0) + u;
    return out;
  }

  /** Write units per item kind, largest first: what the layout should be judged by. */
  byKind() {
    const kinds = new Map<string, { writes: number; units: number; index: number; bytes: number }>();
    for (const c of this.writes) {
      const k = kinds.get(c.kind) ?? { writes: 0, units: 0, index: 0, bytes: 0 };
      k.writes += 1;
      k.units += writeTotal(c);
      k.index += writeTotal(c) - c.table;
      k.bytes = Math.max(k.bytes, c.bytes);
      kinds.set(c.kind, k);
    }
    return [...kinds.entries()].sort((a, b) => b[1].units - a[1].units);
  }

  private async images(keys: Doc[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    const unique = [...new Map(keys.map((k) => [idOf(k), k])).values()];
    for (let i = 0; i < unique.length; i += 100) {
      let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {
        [this.tableName]: {
          Keys: unique.slice(i, i + 100).map((k) => marshall(k)),
          ConsistentRead: true,
        },
      };
      while (request && Object.keys(request).length) {
        const out = await this.raw.send(new BatchGetItemCommand({ RequestItems: request }));
        for (const item of out.Responses?.[this.tableName] ?? []) {
          const key = Object.fromEntries(
            [this.table.partitionKey, this.table.sortKey]
              .filter((k): k is string => !!k && !!item[k])
              .map((k) => [k, item[k]!.S ?? item[k]!.N]),
          );
          found.set(idOf(key), item);
        }
        request = out.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  /** The keys a write names, with how each is charged. */
  private writeTargets(command: string, input: Doc) {
    const targets: { key: Doc; transactional: boolean; conditionCheck?: boolean }[] = [];
    const mine = (entry: Doc | undefined) => entry && entry.TableName === this.tableName;
    if (/^TransactWrite/.test(command)) {
      for (const entry of (input.TransactItems as Doc[]) ?? []) {
        const [op, body] = Object.entries(entry)[0] as [string, Doc];
        if (!mine(body)) continue;
        const key = keyOf(this.table, (body.Item ?? body.Key) as Doc);
        targets.push({ key, transactional: true, conditionCheck: op === 'ConditionCheck' });
      }
    } else if (/^BatchWrite/.test(command)) {
      for (const request of (input.RequestItems as Record<string, Doc[]>)?.[this.tableName] ?? []) {
        const body = (request.PutRequest as Doc | undefined)?.Item ?? (request.DeleteRequest as Doc | undefined)?.Key;
        targets.push({ key: keyOf(this.table, body as Doc), transactional: false });
      }
    } else if (mine(input)) {
      targets.push({ key: keyOf(this.table, (input.Item ?? input.Key) as Doc), transactional: false });
    }
    return targets;
  }

  attach(client: DynamoDBDocumentClient) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (!this.active) return next(args);
        const command = String(context.commandName ?? '');
        const input = args.input as Doc;
        if (/^(Put|Update|Delete|TransactWrite|BatchWrite)/.test(command)) {
          const targets = this.writeTargets(command, input);
          const before = await this.images(targets.map((t) => t.key));
          let failed = false;
          try {
            return await next(args);
          } catch (error) {
            failed = true;
            throw error;
          } finally {
            const after = failed ? before : await this.images(targets.map((t) => t.key));
            const call = ++this.calls;
            for (const target of targets) {
              const id = idOf(target.key);
              const image = after.get(id);
              if (image && !image.expiresAt)
                this.stored.set(
                  id,
                  itemSize(image) +
                    this.table.globalSecondaryIndexes.reduce((sum, index) => {
                      const entry = indexEntry(image, index, this.table);
                      return sum + (entry ? entrySize(entry) : 0);
                    }, 0),
                );
              else this.stored.delete(id);
              const kind = kindOf(image, marshall(target.key));
              const seen = this.largest.get(kind);
              if (image && (!seen || itemSize(image) > itemSize(seen))) this.largest.set(kind, image);
              this.writes.push({
                ...chargeWrite(before.get(id), target.conditionCheck ? before.get(id) : after.get(id), {
                  // A cancelled transaction is billed its prepare phase only.
                  transactional: target.transactional && !failed,
                  table: this.table,
                  command,
                  conditionCheck: target.conditionCheck || failed,
                  key: marshall(target.key),
                }),
                call,
              });
            }
          }
        }
        const out = await next(args);
        await this.chargeRead(command, input).catch(() => undefined);
        return out;
      },
      { step: 'initialize', name: 'capacityMeter', priority: 'high' },
    );
  }

  private async chargeRead(command: string, input: Doc) {
    if (/^(Get|TransactGet|BatchGet)/.test(command)) {
      const wanted: { key: Doc; consistent: boolean; factor: number }[] = [];
      if (/^Get/.test(command) && input.TableName === this.tableName)
        wanted.push({ key: input.Key as Doc, consistent: !!input.ConsistentRead, factor: 1 });
      if (/^TransactGet/.test(command))
        for (const entry of (input.TransactItems as { Get: Doc }[]) ?? [])
          if (entry.Get.TableName === this.tableName)
            wanted.push({ key: entry.Get.Key as Doc, consistent: true, factor: 2 });
      if (/^BatchGet/.test(command)) {
        const mine = (input.RequestItems as Record<string, Doc>)?.[this.tableName];
        for (const key of (mine?.Keys as Doc[]) ?? [])
          wanted.push({ key, consistent: !!mine?.ConsistentRead, factor: 1 });
      }
      const images = await this.images(wanted.map((w) => w.key));
      for (const w of wanted) {
        const item = images.get(idOf(keyOf(this.table, w.key)));
        const bytes = item ? itemSize(item) : 0;
        this.reads.push({
          kind: kindOf(item, marshall(keyOf(this.table, w.key))),
          command,
          bytes,
          units: readUnitsOf(bytes, w.consistent) * w.factor,
        });
      }
    } else if (/^Query/.test(command) && input.TableName === this.tableName) {
      // The same page again, without filter or projection: what the query read, not what it returned.
      const condition = String(input.KeyConditionExpression ?? '');
      const used = (prefix: string, map: Doc | undefined) =>
        map &&
        Object.fromEntries(
          Object.entries(map).filter(([k]) =>
            new RegExp(`${prefix === '#' ? '#' : ':'}${k.slice(1)}\\b`).test(condition),
          ),
        );
      const names = used('#', input.ExpressionAttributeNames as Doc | undefined);
      const values = used(':', input.ExpressionAttributeValues as Doc | undefined);
      const query: QueryCommandInput = {
        TableName: this.tableName,
        IndexName: input.IndexName as string | undefined,
        KeyConditionExpression: condition,
        ...(names && Object.keys(names).length ? { ExpressionAttributeNames: names as Record<string, string> } : {}),
        ...(values && Object.keys(values).length ? { ExpressionAttributeValues: marshall(values) } : {}),
        ...(input.ExclusiveStartKey ? { ExclusiveStartKey: marshall(input.ExclusiveStartKey as Doc) } : {}),
        ...(input.Limit ? { Limit: input.Limit as number } : {}),
        ScanIndexForward: input.ScanIndexForward as boolean | undefined,
        ConsistentRead: input.ConsistentRead as boolean | undefined,
      };
      const page = await this.raw.send(new QueryCommand(query));
      const index = this.table.globalSecondaryIndexes.find((i) => i.indexName === input.IndexName);
      const bytes = (page.Items ?? []).reduce(
        (sum, item) => sum + itemSize(index ? (indexEntry(item, index, this.table) ?? item) : item),
        0,
      );
      this.reads.push({
        kind: `query ${input.IndexName ?? 'table'} ${kindOf(page.Items?.[0])}`,
        command,
        bytes,
        units: readUnitsOf(bytes, !!input.ConsistentRead),
      });
    }
  }
}
