import { keyedOf, unpack } from '#functions/platform/compact.ts';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deflateSync, zipSync, strToU8 } from 'fflate';
import { RETENTION_DAYS, type DataExport } from '#shared/api/tenant-data.ts';
import { env } from '#functions/platform/env.ts';
import { NotFoundError, Problem } from '#functions/platform/errors.ts';
import { now } from '#functions/platform/clock.ts';
import { newId } from '#functions/platform/ids.ts';
import { ulid } from 'ulid';
import { maskedUrl } from '#functions/platform/masked-url.ts';
import { batchGetAll } from '#functions/platform/items.ts';
import { inventoryPages } from '#functions/platform/inventory.ts';
import { listPage } from '#functions/platform/query.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import { transact } from '#functions/platform/transact.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';

/**
 * The company's data, whole (API.md: `POST /v1/exports`): a job (the `exports-runner` consumer)
 * reads every item its inventory lists and its event log, and writes one JSON Lines file per kind
 * of record (`order.jsonl`, `customer.jsonl`, ..., `event.jsonl`), zipped. The zip is kept in the
 * table in 300 KB parts that expire with the export after 7 days (TTL), so it needs no other store.
 *
 * Each line is the record as stored, less the table's index keys; `_key` names its place (the
 * partition and sort key without the company's id), binary values are `{ "$base64": … }`, events
 * are inflated, and what must never leave (API-key hashes, webhook secrets) is left out.
 */
const PART = 300 * 1024;
const DAY_MS = 86_400_000;
/**
 * Kept out of an export: its own parts, replays of answers the company already had, deleted webhooks'
 * tombstones and search documents (derived from the records; those written before they left the
 * inventory are still listed).
 */
/**
 * Left out: bookkeeping and derived data. Reports are figures derived from the records (their entries and
 * rolled days are not even listed; the per-day aggregates of before and an order's booking record with them).
 */
const NOT_EXPORTED = new Set([
  'export_part',
  'idempotency',
  'webhook_deleted',
  'search_doc',
  'report_aggregate',
  'report_counted',
  'report_rolled',
  // Written before the queue left the inventory: derived from the invoices' fapiao status, as the rest of it.
  'fapiao_queue',
  // Likewise: which order a shipment belongs to (the shipment itself is in its order's partition).
  'shipment_ref',
]);
const SECRET = /^(hash|secret|secrets|secretHash|signingSecret|secretCiphertext|previousSecret.*)$/;
/** Addresses that carry a credential in them (a DingTalk robot's access_token): masked as the API shows them. */
const URL_MEMBER = /^(url|webhookUrl|robotUrl)$/;
const STORAGE = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'entity']);

const pad = (n: number) => String(n).padStart(4, '0');
const recordKey = (t: TenantContext, id: string) => ({ pk: t.key('EXPORT', id), sk: 'EXPORT' });

/** An export still running this long after it was asked for died with its function (a timeout): failed. */
const STUCK_MS = 30 * 60_000;

function fromItem(item: Record<string, unknown>): DataExport {
  const stuck = item.status === 'running' && Date.parse(String(item.requestedAt)) < now().getTime() - STUCK_MS;
  return {
    id: String(item.id),
    status: stuck ? 'failed' : (item.status as DataExport['status']),
    requestedBy: String(item.requestedBy),
    requestedAt: String(item.requestedAt),
    completedAt: (item.completedAt as string | undefined) ?? null,
    expiresAt: String(item.until),
    bytes: (item.bytes as number | undefined) ?? null,
    parts: (item.parts as number | undefined) ?? 0,
    files: (item.files as DataExport['files'] | undefined) ?? [],
    error: stuck ? 'The export did not finish in time; start a new one.' : ((item.error as string | undefined) ?? null),
  };
}

export async function createExport(t: TenantContext): Promise<DataExport> {
  const at = now();
  const id = newId('dataExport');
  const until = new Date(at.getTime() + RETENTION_DAYS * DAY_MS);
  // `until` is what the company reads; `expiresAt` is the table's TTL (seconds) that deletes it some time after.
  const expiresAt = Math.ceil(until.getTime() / 1000);
  const item = {
    ...recordKey(t, id),
    gsi1pk: t.key('EXPORTS'),
    gsi1sk: id,
    entity: 'export',
    id,
    status: 'running',
    requestedBy: t.principal.id,
    requestedAt: at.toISOString(),
    until: until.toISOString(),
    expiresAt,
  };
  const created = fromItem(item);
  await transact(t, [
    { Put: { TableName: env.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
    outboxEvent(t, item.pk, 'export.requested', { type: 'export', id }, created),
  ]);
  return created;
}

export async function listExports(t: TenantContext, page: { limit: number; cursor?: string }) {
  const list = await listPage(
    t,
    {
      TableName: env.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('EXPORTS') },
      ScanIndexForward: false,
    },
    page,
    fromItem,
  );
  // TTL deletes within days of the expiry, not at it: an expired export is gone for the company at once.
  const live = (e: DataExport) => Date.parse(e.expiresAt) > now().getTime();
  return { ...list, items: list.items.filter(live) };
}

export async function getExport(t: TenantContext, id: string): Promise<DataExport> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: recordKey(t, id), ConsistentRead: true }),
  );
  if (!Item || Date.parse(String(Item.until)) <= now().getTime()) throw new NotFoundError();
  return fromItem(Item);
}

export async function downloadExport(t: TenantContext, id: string, part: number): Promise<Buffer> {
  const record = await getExport(t, id);
  if (record.status !== 'ready')
    throw new Problem('export_not_ready', `The export is ${record.status}.`, { exportStatus: record.status });
  if (part > record.parts) throw new NotFoundError();
  // The parts of the attempt that made it ready (a retried run wrote its own, and left the others to expire).
  const { Item } = await t.db.send(
    new GetCommand({
      TableName: env.tableName,
      Key: recordKey(t, id),
      ProjectionExpression: 'attempt',
      ConsistentRead: true,
    }),
  );
  const attempt = String(Item?.attempt ?? '');
  const parts: Buffer[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await t.db.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :part)',
        ExpressionAttributeValues: { ':pk': recordKey(t, id).pk, ':part': `PART#${attempt}#${pad(part)}#` },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) parts.push(Buffer.from(item.data as Uint8Array));
    start = out.LastEvaluatedKey;
  } while (start);
  return Buffer.concat(parts);
}

/** A value with every member that holds a secret left out, at any depth (a robot channel's signing secret). */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  // A string set (an order's invoice ids) as a list: JSON has no sets.
  if (value instanceof Set) return [...value].sort();
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) =>
      SECRET.test(k) ? [] : [[k, URL_MEMBER.test(k) && typeof v === 'string' ? maskedUrl(v) : withoutSecrets(v)]],
    ),
  );
}

/** One stored item as a line of its file. */
function line(t: TenantContext, item: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {
    _key: `${String(item.pk).slice(t.tenantId.length + 1)}|${item.sk}`,
  };
  for (const [name, value] of Object.entries(item)) {
    if (STORAGE.has(name) || SECRET.test(name)) continue;
    if (URL_MEMBER.test(name) && typeof value === 'string') record[name] = maskedUrl(value);
    // Compact bodies (an event's envelope, an order's lines, a delivery's payload) are kept packed:
    // inflated. An order's or invoice's packed body holds its members, which the record shows as such
    // with the members its keys hold (id, customer, creation time).
    else if (name === 'bodyGz' && value instanceof Uint8Array) {
      Object.assign(record, keyedOf(item), withoutSecrets(unpack(value)));
    } else if (name.endsWith('Gz') && value instanceof Uint8Array) {
      record[name.slice(0, -2)] = withoutSecrets(unpack(value));
    } else
      record[name] =
        value instanceof Uint8Array ? { $base64: Buffer.from(value).toString('base64') } : withoutSecrets(value);
  }
  return record;
}

interface PackedFile {
  name: string;
  entity: string;
  records: number;
  data: Uint8Array;
  /** Its size compressed, as the zip will hold it. */
  packed: number;
}

/** An entity's lines as files that each fit a zip: one file, or as many numbered ones as it takes. */
function filesOf(entity: string, lines: string[], limit: number): PackedFile[] {
  for (let pieces = 1; ; pieces *= 2) {
    const size = Math.ceil(lines.length / pieces);
    const files = Array.from({ length: Math.ceil(lines.length / size) }, (_, i) => {
      const slice = lines.slice(i * size, (i + 1) * size);
      const data = strToU8(`${slice.join('\n')}\n`);
      const name = pieces === 1 ? `${entity}.jsonl` : `${entity}.${i + 1}.jsonl`;
      return { name, entity, records: slice.length, data, packed: deflateSync(data, { level: 6 }).length + 200 };
    });
    if (files.every((f) => f.packed <= limit) || size === 1) return files;
  }
}

/** Whole files into as few zips of at most `limit` bytes as first fit gives (one for almost every company). */
function packZips(files: Map<string, string[]>, limit: number) {
  const all = [...files.keys()].sort().flatMap((entity) => filesOf(entity, files.get(entity)!, limit));
  const bins: { files: PackedFile[]; size: number }[] = [];
  for (const file of all) {
    const bin = bins.find((b) => b.size + file.packed <= limit);
    if (bin) {
      bin.files.push(file);
      bin.size += file.packed;
    } else bins.push({ files: [file], size: file.packed });
  }
  if (!bins.length) bins.push({ files: [], size: 0 });
  return bins.map((b) => ({
    files: b.files.map(({ name, entity, records }) => ({ name, entity, records })),
    bytes: Buffer.from(zipSync(Object.fromEntries(b.files.map((f) => [f.name, f.data])), { level: 6 })),
  }));
}

/** The job: every record of the company into zips of whole files, each in parts of an item, the export ready. */
export async function runExport(t: TenantContext, id: string): Promise<void> {
  const record = await getExport(t, id).catch(() => undefined);
  if (!record || record.status === 'ready') return;
  const { pk } = recordKey(t, id);
  try {
    const files = new Map<string, string[]>();
    for await (const keys of inventoryPages(t.db, t.tenantId)) {
      // Not read at all: exports' own parts, replays of answers (idempotency records), and the
      // consumers' processed markers (bookkeeping, not the company's records; most are not listed).
      const wanted = keys.filter(
        (k) =>
          !k.pk.includes('#EXPORT#') &&
          !k.sk.startsWith('PART#') &&
          !k.pk.includes('#IDEMPOTENCY#') &&
          !k.pk.includes('#PROCESSED#'),
      );
      for (const item of await batchGetAll(t.db, wanted)) {
        const entity = typeof item.entity === 'string' ? item.entity : 'other';
        if (NOT_EXPORTED.has(entity)) continue;
        const lines = files.get(entity) ?? [];
        files.set(entity, lines);
        lines.push(JSON.stringify(line(t, item)));
      }
    }
    const zips = packZips(files, env.exportZipBytes);
    // Each run writes under its own attempt: a retry (or a duplicate delivery at once) never mixes parts.
    const attempt = ulid();
    const expiresAt = Math.ceil(Date.parse(record.expiresAt) / 1000);
    for (const [z, zip] of zips.entries()) {
      for (let i = 0; i * PART < zip.bytes.length; i += 1) {
        await t.db.send(
          new PutCommand({
            TableName: env.tableName,
            Item: {
              pk,
              sk: `PART#${attempt}#${pad(z + 1)}#${pad(i)}`,
              entity: 'export_part',
              data: zip.bytes.subarray(i * PART, (i + 1) * PART),
              expiresAt,
            },
          }),
        );
      }
    }
    await t.db.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: recordKey(t, id),
        UpdateExpression:
          'SET #status = :ready, completedAt = :at, bytes = :bytes, parts = :parts, files = :files, attempt = :attempt REMOVE #error',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: {
          ':ready': 'ready',
          ':at': now().toISOString(),
          ':bytes': zips.reduce((sum, z) => sum + z.bytes.length, 0),
          ':parts': zips.length,
          ':attempt': attempt,
          ':files': zips.flatMap((z, i) => z.files.map((f) => ({ ...f, part: i + 1 }))),
        },
      }),
    );
  } catch (error) {
    // Shown to the owner; the bus tries the event again, and a later success makes it ready.
    await t.db.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: recordKey(t, id),
        UpdateExpression: 'SET #status = :failed, #error = :error',
        ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
        ExpressionAttributeValues: { ':failed': 'failed', ':error': (error as Error).message.slice(0, 300) },
      }),
    );
    throw error;
  }
}
