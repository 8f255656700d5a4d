import { createHash, randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { RateBody, Return, Ticket } from '#shared/api/aftersales.ts';
import { env } from '#functions/platform/env.ts';
import { retryOnConflict } from '#functions/platform/db.ts';
import { NotFoundError } from '#functions/platform/errors.ts';
import { nowIso } from '#functions/platform/ids.ts';
import { outboxEvent } from '#functions/platform/outbox.ts';
import { systemPrincipal, TenantContext } from '#functions/platform/tenant.ts';
import { companyClosed } from '#functions/platform/closed.ts';
import { guarded, transact, type TransactItem } from '#functions/platform/transact.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as store from './store.ts';

/**
 * The customer's rating link (服务评价): no login, one use, unguessable, expiring after 30 days.
 * The token is the tenant's id (26 characters, so the public route knows whose table to read) and
 * 32 random bytes; only the SHA-256 of the random part is stored. Anything else — an unknown,
 * used or expired token, or one of another tenant — answers the same 404.
 */
const DAYS = 30;
const TENANT_PART = 26;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface RatingSubject {
  type: 'ticket' | 'return';
  id: string;
  number: string;
  title: string;
}

/** A new link for a ticket or return: its URL (on the company's app address when set) and the item for the caller's transaction. */
export async function ratingLinkItems(
  t: TenantContext,
  subject: RatingSubject,
): Promise<{ url: string; item: TransactItem }> {
  const settings = await getSettings(t);
  const secret = randomBytes(32).toString('base64url');
  const token = `${t.tenantId.slice(4)}${secret}`;
  const expiresAt = new Date(Date.now() + DAYS * 86_400_000).toISOString();
  return {
    url: `${settings.appUrl ?? ''}/rate/${token}`,
    item: {
      Put: {
        TableName: env.tableName,
        Item: {
          ...store.ratingKey(t, hashOf(secret)),
          entity: 'rating_link',
          subjectType: subject.type,
          subjectId: subject.id,
          number: subject.number,
          title: subject.title,
          expiresAt,
          usedAt: null,
          // DynamoDB's TTL removes it a while after it expired.
          ttl: Math.floor(Date.parse(expiresAt) / 1000) + 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** The link's tenant and stored item, or a 404 that does not say why. */
async function linkOf(token: string) {
  const tenantId = `ten_${token.slice(0, TENANT_PART)}`;
  const secret = token.slice(TENANT_PART);
  if (!/^ten_[0-9A-Z]{26}$/.test(tenantId) || secret.length < 20) throw new NotFoundError('rating');
  const t = await TenantContext.of(tenantId, systemPrincipal);
  const [{ Item }, closed] = await Promise.all([
    t.db.send(
      new GetCommand({ TableName: env.tableName, Key: store.ratingKey(t, hashOf(secret)), ConsistentRead: true }),
    ),
    companyClosed(t),
  ]);
  // A closed company's links lead nowhere, as a used one.
  if (!Item || closed || Item.usedAt || Date.parse(String(Item.expiresAt)) <= Date.now())
    throw new NotFoundError('rating');
  return { t, item: Item, hash: hashOf(secret) };
}

export async function viewRating(token: string) {
  const { t, item } = await linkOf(token);
  const settings = await getSettings(t);
  return {
    companyName: settings.companyName,
    locale: settings.locale,
    subject: { type: item.subjectType as 'ticket' | 'return', number: String(item.number), title: String(item.title) },
    expiresAt: String(item.expiresAt),
  };
}

/** The customer's score: the link is spent (conditioned, so it works once), the ticket or return keeps the rating. */
export async function rate(token: string, body: z.output<typeof RateBody>) {
  const { t, item, hash } = await linkOf(token);
  await retryOnConflict(async () => {
    const at = nowIso();
    const rating = { score: body.score, comment: body.comment ?? null, at };
    const spend = guarded(
      {
        Update: {
          TableName: env.tableName,
          Key: store.ratingKey(t, hash),
          UpdateExpression: 'SET usedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND usedAt = :null AND expiresAt > :at',
          ExpressionAttributeValues: { ':at': at, ':null': null },
        },
      },
      new NotFoundError('rating'),
    );
    if (item.subjectType === 'ticket') {
      const ticket = await store.getTicket(t, String(item.subjectId));
      if (!ticket) throw new NotFoundError('rating');
      const next: Ticket = {
        ...ticket,
        customFields: ticket.customFields ?? {},
        rating,
        version: ticket.version + 1,
        updatedAt: at,
      };
      await transact(t, [
        spend,
        store.putTicket(t, next, ticket.version),
        outboxEvent(t, store.ticketKey(t, ticket.id).pk, 'ticket.rated', { type: 'ticket', id: ticket.id }, next),
      ]);
    } else {
      const ret = await store.getReturn(t, String(item.subjectId));
      if (!ret) throw new NotFoundError('rating');
      const next: Return = { ...ret, rating, version: ret.version + 1, updatedAt: at };
      await transact(t, [spend, store.putReturn(t, next, ret.version)]);
    }
  });
  return { ok: true as const };
}
