import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert, Channel, ChannelInput } from '#shared/api/alerts.ts';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { listPage } from '#functions/platform/query.ts';
import { putIfVersion, putNew, resourceOf } from '#functions/platform/items.ts';
import type { TransactItem } from '#functions/platform/transact.ts';

export const alertKey = (t: TenantContext, id: string) => ({ pk: t.key('ALERT', id), sk: 'ALERT' });
/** At most one open alert per kind and subject: this item exists while it is open. */
export const subjectKey = (t: TenantContext, a: Pick<Alert, 'kind' | 'subject'>) => ({
  pk: t.key('ALERTSUBJECT', a.kind, a.subject.type, a.subject.id),
  sk: 'OPEN',
});
const channelsKey = (t: TenantContext) => ({ pk: t.key('CHANNELS'), sk: 'CONFIG' });
const channelStatusKey = (t: TenantContext, channelId: string) => ({
  pk: t.key('CHANNELS'),
  sk: `STATUS#${channelId}`,
});

function alertItem(t: TenantContext, a: Alert) {
  return {
    ...alertKey(t, a.id),
    entity: 'alert',
    ...a,
    gsi1pk: t.key('ALERTS', a.status),
    gsi1sk: `${a.openedAt}#${a.id}`,
  };
}
const fromItem = (item: Record<string, unknown>) => resourceOf<Alert>(item);

/**
 * The subject's claim: taken when an alert opens, unless one is open, or the last one was
 * acknowledged after this occurrence happened (an acknowledgement covers what came before it;
 * events reach the consumer late and out of order).
 */
export const claimSubject = (t: TenantContext, a: Alert, occurredAt: string): TransactItem => ({
  Put: {
    TableName: env.tableName,
    Item: { ...subjectKey(t, a), entity: 'alert_subject', alertId: a.id },
    ConditionExpression: 'attribute_not_exists(pk) OR (attribute_exists(closedAt) AND closedAt < :at)',
    ExpressionAttributeValues: { ':at': occurredAt },
  },
});
export const releaseSubject = (t: TenantContext, a: Alert, at: string): TransactItem => ({
  Update: {
    TableName: env.tableName,
    Key: subjectKey(t, a),
    UpdateExpression: 'SET closedAt = :at',
    ConditionExpression: 'alertId = :id',
    ExpressionAttributeValues: { ':id': a.id, ':at': at },
  },
});
export const putNewAlert = (t: TenantContext, a: Alert): TransactItem => putNew(alertItem(t, a));
export const putAlert = (t: TenantContext, a: Alert, previousVersion: number): TransactItem =>
  putIfVersion(alertItem(t, a), previousVersion);

export async function getAlert(t: TenantContext, id: string): Promise<Alert | undefined> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: alertKey(t, id), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : undefined;
}

export async function listAlerts(
  t: TenantContext,
  q: { status: Alert['status']; kind?: Alert['kind']; limit: number; cursor?: string },
) {
  const input: Record<string, unknown> = {
    TableName: env.tableName,
    IndexName: 'gsi1',
    ScanIndexForward: false,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': t.key('ALERTS', q.status) } as Record<string, unknown>,
  };
  if (q.kind) {
    input.FilterExpression = 'kind = :kind';
    (input.ExpressionAttributeValues as Record<string, unknown>)[':kind'] = q.kind;
  }
  return listPage(t, input as never, { limit: q.limit, cursor: q.cursor }, fromItem);
}

/** Appends what a notification did to the alert (not a new version: it is a log, not a decision). */
export async function recordNotifications(t: TenantContext, alertId: string, attempts: Alert['notifications']) {
  if (!attempts.length) return;
  await t.db.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: alertKey(t, alertId),
      UpdateExpression: 'SET notifications = list_append(if_not_exists(notifications, :empty), :new)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':empty': [], ':new': attempts },
    }),
  );
}

/** Stored channels carry their secrets; the API shows only whether one is set. */
export type StoredChannel = ChannelInput & { id: string; secret?: string };
export interface StoredChannels {
  channels: StoredChannel[];
  version: number;
  updatedAt: string | null;
}

export async function getChannels(t: TenantContext): Promise<StoredChannels> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: channelsKey(t), ConsistentRead: true }),
  );
  return Item
    ? {
        channels: Item.channels as StoredChannel[],
        version: Item.version as number,
        updatedAt: Item.updatedAt as string,
      }
    : { channels: [], version: 0, updatedAt: null };
}

export async function putChannels(t: TenantContext, next: StoredChannels, previousVersion: number) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: { ...channelsKey(t), entity: 'notification_channels', ...next },
      ConditionExpression: previousVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
      ExpressionAttributeValues: previousVersion === 0 ? undefined : { ':v': previousVersion },
    }),
  );
}

export async function recordChannelStatus(t: TenantContext, channelId: string, status: Channel['lastDelivery']) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: { ...channelStatusKey(t, channelId), entity: 'channel_status', ...status },
    }),
  );
}

export async function channelStatuses(
  t: TenantContext,
  ids: string[],
): Promise<Map<string, NonNullable<Channel['lastDelivery']>>> {
  const out = new Map<string, NonNullable<Channel['lastDelivery']>>();
  await Promise.all(
    ids.map(async (id) => {
      const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key: channelStatusKey(t, id) }));
      if (Item)
        out.set(id, { at: Item.at as string, ok: Item.ok as boolean, error: (Item.error as string | null) ?? null });
    }),
  );
  return out;
}
