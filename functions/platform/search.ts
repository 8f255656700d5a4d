import { matchRank, normalizeForSearch, searchText, type SearchFields } from '#shared/domain/search.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { env } from './env.ts';
import { queryAll } from './query.ts';
import type { TenantContext } from './tenant.ts';
import type { TransactItem } from './transact.ts';
import { nowIso } from './ids.ts';

/**
 * Search by any part of a name, pinyin, codes and phone digits (see shared/domain/search.ts).
 *
 * Each searchable record has a small search document (its search text and sort keys, ~100–200 B)
 * in its kind's partition, written in the same transaction as the record: one extra item write
 * per change of a name, code or phone, and its GSI1 entry (the change feed). A Lambda keeps each
 * tenant's documents in memory (about 3 MB for 10,000 records): the first search of a container
 * reads the partition once; later searches read the documents changed since (one small GSI1 Query,
 * usually empty) at most once a second, and a container's own writes go straight into its index.
 * So a search finds a write at once in the container that made it, within about a second
 * elsewhere. No Scan; every key begins with the tenant.
 */
export const searchKinds = ['customer', 'product', 'order', 'supplier'] as const;
export type SearchKind = (typeof searchKinds)[number];
/**
 * The company's search partitions, one per kind. Their documents stay out of the company's inventory
 * (functions/platform/inventory.ts: an index write saved on each), so the purge lists them here.
 */
export const searchPartitions = (tenantId: string) => searchKinds.map((kind) => `${tenantId}#SEARCH#${kind}`);

export interface SearchDoc {
  /** The record's id. */
  id: string;
  /** Search text. */
  s: string;
  /** Sort keys: newest (creation time) and name-like order. */
  createdAt: string;
  name: string;
  /** Removed from results (archived, deleted) but kept as a tombstone for the change feed. */
  gone?: boolean;
}

const docKey = (t: TenantContext, kind: SearchKind, id: string) => ({ pk: t.key('SEARCH', kind), sk: id });

/** The search document of a record, to write in the record's own transaction. */
export async function searchDocWrite(
  t: TenantContext,
  kind: SearchKind,
  record: { id: string; createdAt: string; name: string; gone?: boolean },
  fields: SearchFields,
): Promise<TransactItem> {
  const at = nowIso();
  const item = {
    ...docKey(t, kind, record.id),
    entity: 'search_doc',
    s: await searchText(fields),
    createdAt: record.createdAt,
    name: record.name,
    ...(record.gone ? { gone: true } : {}),
    changedAt: at,
    gsi1pk: t.key('SEARCH', kind, 'CHANGES'),
    gsi1sk: `${at}#${record.id}`,
  };
  // Write-through: this container finds its own write at once. Should the transaction fail, the
  // document names a record that does not exist, and the page's read of the records drops it.
  const index = indexes.get(`${t.tenantId}|${kind}`);
  if (index) index.docs.set(record.id, Object.assign(toDoc(item), { changedAt: at }));
  return { Put: { TableName: env.tableName, Item: item } };
}

interface TenantIndex {
  docs: Map<string, SearchDoc>;
  /** When the change feed was last read: other containers' writes show within REFRESH_MS. */
  readAt: number;
  /** The change feed is read from a little before this (writes land out of order by a few ms). */
  syncedAt: string;
  usedAt: number;
}

/** A container keeps the indexes of the tenants it served last; each is a few MB at 10,000 records. */
const MAX_INDEXES = 40;
/** Writes become visible in the change feed out of order by far less than this. */
const FEED_OVERLAP_MS = 15_000;
/** Another container's write is found within this long (a search reads the change feed at most this often). */
const REFRESH_MS = 1_000;
const indexes = new Map<string, TenantIndex>();

function toDoc(item: Record<string, unknown>): SearchDoc {
  return {
    id: String(item.sk),
    s: String(item.s ?? ''),
    createdAt: String(item.createdAt ?? ''),
    name: String(item.name ?? ''),
    gone: Boolean(item.gone),
  };
}

async function indexOf(t: TenantContext, kind: SearchKind): Promise<TenantIndex> {
  const key = `${t.tenantId}|${kind}`;
  const started = new Date(Date.now() - FEED_OVERLAP_MS).toISOString();
  let index = indexes.get(key);
  if (!index) {
    const items = await queryAll(t.db, {
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': t.key('SEARCH', kind) },
    });
    index = {
      docs: new Map(items.map((i) => [String(i.sk), toDoc(i)])),
      syncedAt: started,
      usedAt: Date.now(),
      readAt: Date.now(),
    };
    indexes.set(key, index);
    if (indexes.size > MAX_INDEXES) {
      const oldest = [...indexes].sort((a, b) => a[1].usedAt - b[1].usedAt)[0]!;
      indexes.delete(oldest[0]);
    }
    return index;
  }
  index.usedAt = Date.now();
  if (Date.now() - index.readAt < REFRESH_MS) return index;
  const changed = await queryAll(t.db, {
    TableName: env.tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
    ExpressionAttributeValues: { ':pk': t.key('SEARCH', kind, 'CHANGES'), ':since': index.syncedAt },
  });
  for (const item of changed) {
    const doc = toDoc(item);
    const current = index.docs.get(doc.id);
    // The feed may hold a document and its later rewrite: the newest change wins.
    if (!current || String(item.changedAt) >= ((current as { changedAt?: string }).changedAt ?? '')) {
      index.docs.set(doc.id, Object.assign(doc, { changedAt: String(item.changedAt) }));
    }
  }
  index.syncedAt = started;
  index.readAt = Date.now();
  return index;
}

export type SearchSort = 'relevance' | 'newest' | 'name';

/**
 * The ids of the records matching `q` (best first: the name begins with it, then a pinyin form or
 * another field does, then anywhere; newest first within each), from `offset`, `limit` of them.
 */
export async function searchIds(
  t: TenantContext,
  kind: SearchKind,
  q: string,
  page: { offset: number; limit: number; sort?: SearchSort; accept?: (id: string) => boolean },
): Promise<{ ids: string[]; total: number }> {
  const query = normalizeForSearch(q);
  const index = await indexOf(t, kind);
  const hits: { doc: SearchDoc; rank: number }[] = [];
  for (const doc of index.docs.values()) {
    if (doc.gone) continue;
    const rank = matchRank(doc.s, query);
    if (rank !== null && (!page.accept || page.accept(doc.id))) hits.push({ doc, rank });
  }
  const sort = page.sort ?? 'relevance';
  hits.sort((a, b) =>
    sort === 'name'
      ? a.doc.name.localeCompare(b.doc.name, 'zh-CN') || b.doc.createdAt.localeCompare(a.doc.createdAt)
      : sort === 'newest'
        ? b.doc.createdAt.localeCompare(a.doc.createdAt)
        : a.rank - b.rank || b.doc.createdAt.localeCompare(a.doc.createdAt),
  );
  return { ids: hits.slice(page.offset, page.offset + page.limit).map((h) => h.doc.id), total: hits.length };
}

/** For the benchmark: how many documents and roughly how many bytes the container holds. */
export function searchMemory() {
  let docs = 0;
  let chars = 0;
  for (const index of indexes.values())
    for (const d of index.docs.values()) {
      docs += 1;
      chars += d.s.length + d.id.length + d.name.length + d.createdAt.length;
    }
  return { indexes: indexes.size, docs, approxBytes: chars * 2 + docs * 120 };
}

/** Test and benchmark hook: forget every cached index (the next search rebuilds from the table). */
export function dropSearchIndexes() {
  indexes.clear();
}

/**
 * One page of search results as the API answers lists: `load` reads the records of a batch of ids
 * (and may drop those other filters exclude); the cursor carries the offset into the matches.
 */
export async function searchPage<T>(
  t: TenantContext,
  kind: SearchKind,
  query: { q: string; limit: number; cursor?: string; sort?: SearchSort },
  load: (ids: string[]) => Promise<T[]>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const start = await decodeCursor(t.tenantId, query.cursor);
  let offset = Number(start?.searchOffset ?? 0);
  if (!Number.isSafeInteger(offset) || offset < 0) offset = 0;
  const items: T[] = [];
  for (;;) {
    const want = query.limit - items.length;
    const { ids, total } = await searchIds(t, kind, query.q, { offset, limit: want, sort: query.sort });
    items.push(...(await load(ids)));
    offset += ids.length;
    if (offset >= total) return { items, nextCursor: null };
    if (items.length >= query.limit) {
      return { items, nextCursor: await encodeCursor(t.tenantId, { searchOffset: offset }) };
    }
  }
}
