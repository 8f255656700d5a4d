import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { Role, Scope } from '#shared/api/common.ts';
import { userKeyOf } from '#functions/tenants/keys.ts';
import { apiKeyKey } from '#functions/partners/keys.ts';
import { env } from './env.ts';
import { Problem, UnauthorizedError } from './errors.ts';
import type { Principal, TenantContext } from './tenant.ts';

/**
 * Who the caller is now: the authorizer's answer is cached per credential (30 s in AWS), so it
 * carries only the identity; the role of a user and the scopes of an API key are read on every
 * request, with the company's record in the same strongly consistent batch (one round trip), so
 * removal, demotion, revocation and a closed company hold from the next request on. A closed
 * company answers 401 `tenant_closed` to every credential, except its people on a `whileClosed`
 * route (restoring it, which the route's roles keep to the owner).
 */
export async function currentPrincipal(t: TenantContext, options: { whileClosed?: boolean } = {}): Promise<Principal> {
  const { principal } = t;
  const Key = principal.kind === 'api_key' ? apiKeyKey(t, principal.id) : userKeyOf(t.tenantId, principal.id);
  const tenant = { pk: `${t.tenantId}#TENANT`, sk: 'TENANT' };
  const found = new Map<string, Record<string, unknown>>();
  let keys: Record<string, unknown>[] | undefined = [Key, tenant];
  while (keys?.length) {
    const out = await t.db.send(
      new BatchGetCommand({
        RequestItems: {
          [env.tableName]: {
            Keys: keys,
            ConsistentRead: true,
            ProjectionExpression: 'pk, #role, scopes, revokedAt, closedAt, purgeAfter',
            ExpressionAttributeNames: { '#role': 'role' },
          },
        },
      }),
    );
    for (const item of out.Responses?.[env.tableName] ?? []) found.set(String(item.pk), item);
    keys = out.UnprocessedKeys?.[env.tableName]?.Keys as Record<string, unknown>[] | undefined;
  }
  const Item = found.get(Key.pk);
  if (!Item || Item.revokedAt) throw new UnauthorizedError();
  const closed = found.get(tenant.pk);
  if (principal.kind === 'api_key') {
    if (closed?.closedAt) throw tenantClosed(closed);
    const scopes = ((Item.scopes ?? []) as string[]).flatMap((s) => (Scope.safeParse(s).success ? [s as Scope] : []));
    return { ...principal, role: null, scopes };
  }
  const role = Role.safeParse(Item.role);
  if (closed?.closedAt && !options.whileClosed) throw tenantClosed(closed);
  return { ...principal, role: role.success ? role.data : null, scopes: [] };
}

const tenantClosed = (tenant: Record<string, unknown>) =>
  new Problem(
    'tenant_closed',
    `This company was closed; its owner can sign in and restore it until ${tenant.purgeAfter}.`,
    { purgeAfter: tenant.purgeAfter },
  );
