import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { AuditEntity, AuditEntry, AuditLogQuery } from '#shared/api/audit.ts';
import { userKeyOf } from '#functions/tenants/keys.ts';
import { apiKeyKey } from '#functions/partners/keys.ts';
import { env } from './env.ts';
import { newId, nowIso } from './ids.ts';
import { log } from './log.ts';
import { listPage } from './query.ts';
import { resourceOf } from './items.ts';
import type { TenantContext } from './tenant.ts';

/**
 * The audit log: who changed a company's settings, people, roles and scopes, products and prices,
 * keys, webhooks and channels, when, and what changed. The http stack records every route the
 * route table marks `audit`, after the change succeeded, from the record as read before it (the
 * module's own GET of that path) and the answer after it. Only the members that changed are kept;
 * secrets never are, and a member too long to keep (an image) is kept as its size.
 */

/** Members never kept: secrets, and bookkeeping that changes with every write. */
const hidden = new Set(['secret', 'secrets', 'hash', 'password', 'temporaryPassword']);
const noise = new Set(['version', 'updatedAt', 'updatedBy']);
const MAX_STRING = 2_000;
const MAX_ENTRY_BYTES = 300_000;

/** A URL's query string may hold a credential (a DingTalk robot's access_token, a WeCom key): never kept. */
const withoutQuery = (value: string) =>
  /^https?:\/\/[^\s?]+\?/.test(value) ? `${value.split('?')[0]}?(hidden)` : value;

function compact(value: unknown): unknown {
  if (typeof value === 'string')
    return value.length > MAX_STRING
      ? `(${value.length.toLocaleString('en')} characters, not kept)`
      : withoutQuery(value);
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, hidden.has(k) ? '(hidden)' : compact(v)] as const),
    );
  return value;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value)
    ? (value as Record<string, unknown>)
    : null;

/** The members that differ, on each side; a whole record when the other side is missing. */
export function changedMembers(before: unknown, after: unknown) {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b || !a)
    return {
      before: b && (compact(b) as Record<string, unknown>),
      after: a && (compact(a) as Record<string, unknown>),
    };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => !noise.has(k) && JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  const pick = (r: Record<string, unknown>) =>
    compact(Object.fromEntries(keys.filter((k) => k in r).map((k) => [k, r[k]]))) as Record<string, unknown>;
  return { before: pick(b), after: pick(a) };
}

const auditPk = (t: TenantContext) => t.key('AUDIT');

async function actorName(t: TenantContext): Promise<string | null> {
  const { principal } = t;
  if (principal.kind === 'system') return null;
  const Key = principal.kind === 'api_key' ? apiKeyKey(t, principal.id) : userKeyOf(t.tenantId, principal.id);
  const { Item } = await t.db.send(
    new GetCommand({
      TableName: env.tableName,
      Key,
      ProjectionExpression: '#n',
      ExpressionAttributeNames: { '#n': 'name' },
    }),
  );
  return typeof Item?.name === 'string' ? Item.name : null;
}

export interface AuditChange {
  action: string;
  entity: AuditEntity;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string;
  sourceIp: string;
}

/**
 * Records one change. It runs after the change is committed, so a failure here is logged as an
 * error and does not turn a done change into an error answer (the client would retry a done change).
 */
export async function recordAudit(t: TenantContext, change: AuditChange) {
  if (t.principal.kind === 'system') return;
  try {
    const id = newId('audit');
    const at = nowIso();
    let { before, after } = changedMembers(change.before, change.after);
    if (Buffer.byteLength(JSON.stringify({ before, after })) > MAX_ENTRY_BYTES) {
      before = before && { '(too large to keep)': Object.keys(before) };
      after = after && { '(too large to keep)': Object.keys(after) };
    }
    const entry: AuditEntry = {
      id,
      at,
      actor: { id: t.principal.id, kind: t.principal.kind, name: await actorName(t) },
      action: change.action,
      entity: change.entity,
      entityId: change.entityId,
      before,
      after,
      requestId: change.requestId,
      sourceIp: change.sourceIp || null,
    };
    await t.db.send(
      new PutCommand({
        TableName: env.tableName,
        Item: {
          ...entry,
          // `entity` is the table's item-kind tag: the kind of record changed is kept beside it.
          changed: entry.entity,
          pk: auditPk(t),
          sk: `${at}#${id}`,
          entity: 'audit_entry',
          gsi1pk: t.key('AUDIT', 'ACTOR', t.principal.id),
          gsi1sk: `${at}#${id}`,
          gsi2pk: t.key('AUDIT', 'ENTITY', change.entity),
          gsi2sk: `${at}#${id}`,
        },
      }),
    );
  } catch (error) {
    log('error', 'audit entry not recorded', { requestId: change.requestId, action: change.action, error });
  }
}

/** Newest first; by entity kind or actor through their indexes, the other filters on the way. */
export async function listAuditLog(t: TenantContext, q: z.output<typeof AuditLogQuery>) {
  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  const names: Record<string, string> = {};
  let index: string | undefined;
  let keyCondition: string;
  if (q.entity) {
    index = 'gsi2';
    keyCondition = 'gsi2pk = :pk';
    values[':pk'] = t.key('AUDIT', 'ENTITY', q.entity);
    if (q.actor) {
      filters.push('#actor.#id = :actor');
      names['#actor'] = 'actor';
      names['#id'] = 'id';
      values[':actor'] = q.actor;
    }
  } else if (q.actor) {
    index = 'gsi1';
    keyCondition = 'gsi1pk = :pk';
    values[':pk'] = t.key('AUDIT', 'ACTOR', q.actor);
  } else {
    keyCondition = 'pk = :pk';
    values[':pk'] = auditPk(t);
  }
  if (q.entityId) {
    filters.push('entityId = :entityId');
    values[':entityId'] = q.entityId;
  }
  return listPage(
    t,
    {
      TableName: env.tableName,
      ...(index ? { IndexName: index } : {}),
      KeyConditionExpression: keyCondition,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeValues: values,
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ScanIndexForward: false,
    },
    q,
    (item) => {
      const { changed, ...entry } = resourceOf<AuditEntry & { changed: AuditEntity }>(item);
      return { ...entry, entity: changed };
    },
  );
}
