import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Role, Scope } from '#shared/api/common.ts';
import { userKeyOf } from '#functions/tenants/keys.ts';
import { apiKeyKey } from '#functions/partners/keys.ts';
import { env } from './env.ts';
import { UnauthorizedError } from './errors.ts';
import type { Principal, TenantContext } from './tenant.ts';

/**
 * Who the caller is now: the authorizer's answer is cached per credential (30 s in AWS), so it
 * carries only the identity; the role of a user and the scopes of an API key are read on every
 * request (one strongly consistent read), so removal, demotion and revocation hold from the next
 * request on.
 */
export async function currentPrincipal(t: TenantContext): Promise<Principal> {
  const { principal } = t;
  const Key = principal.kind === 'api_key' ? apiKeyKey(t, principal.id) : userKeyOf(t.tenantId, principal.id);
  const { Item } = await t.db.send(
    new GetCommand({
      TableName: env.tableName,
      Key,
      ConsistentRead: true,
      ProjectionExpression: '#role, scopes, revokedAt',
      ExpressionAttributeNames: { '#role': 'role' },
    }),
  );
  if (!Item || Item.revokedAt) throw new UnauthorizedError();
  if (principal.kind === 'api_key') {
    const scopes = ((Item.scopes ?? []) as string[]).flatMap((s) => (Scope.safeParse(s).success ? [s as Scope] : []));
    return { ...principal, role: null, scopes };
  }
  const role = Role.safeParse(Item.role);
  return { ...principal, role: role.success ? role.data : null, scopes: [] };
}
