import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AssumeRoleCommandInput, AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import { env } from './env.ts';
import { guardTenantKeys } from './tenant-guard.ts';
import { keepInventory } from './inventory.ts';
import { ConflictError, PreconditionFailedError } from './errors.ts';

function documentClient(credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const client = new DynamoDBClient({
    region: env.region,
    ...(env.dynamoEndpoint ? { endpoint: env.dynamoEndpoint } : {}),
    // Tenant clients share the platform client's connections (one keep-alive pool per container).
    ...(credentials ? { credentials, requestHandler: platformDb().config.requestHandler } : {}),
  });
  return keepInventory(
    DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    }),
  );
}

let platformClient: DynamoDBDocumentClient | undefined;

/**
 * The unscoped client: only the authorizer, signup and the platform (relay, bus bookkeeping)
 * use it. Module code reaches the table through `tenantDb(tenantId)`.
 */
export function platformDb(): DynamoDBDocumentClient {
  platformClient ??= documentClient();
  return platformClient;
}

/** Locally: the platform client behind a guard that refuses what the tenant role's IAM policy refuses in AWS. */
const guarded = new Map<string, DynamoDBDocumentClient>();
function guardedClient(tenantId: string): DynamoDBDocumentClient {
  let client = guarded.get(tenantId);
  if (!client) {
    client = guardTenantKeys(platformDb(), tenantId);
    if (guarded.size > 10_000) guarded.clear();
    guarded.set(tenantId, client);
  }
  return client;
}

/**
 * STS serves only to assume the tenant role (in AWS, once per company and container, see `tenantDb`), so its
 * client loads then: a start that never assumes a role (the authorizer, the local cloud) does not load it, and
 * one that does pays for it beside the AssumeRole round trip it makes anyway. Its protocol code in @aws-sdk/core
 * (~15 KB) still loads at start: esbuild assigns whole files to chunks, and the DynamoDB client reaches those
 * files through the same index.
 */
let sts: Promise<(input: AssumeRoleCommandInput) => Promise<AssumeRoleCommandOutput>> | undefined;
function assumeRole(input: AssumeRoleCommandInput): Promise<AssumeRoleCommandOutput> {
  sts ??= import('@aws-sdk/client-sts').then(
    ({ AssumeRoleCommand, STSClient }) => {
      const client = new STSClient({ region: env.region });
      return (i) => client.send(new AssumeRoleCommand(i));
    },
    (error: unknown) => {
      sts = undefined; // a failed load is tried again by the next request
      throw error;
    },
  );
  return sts.then((send) => send(input));
}

const scoped = new Map<string, { client: DynamoDBDocumentClient; expires: number }>();
/** A warm container serving many companies keeps the most recently used ones' credentials only. */
const MAX_CACHED_TENANTS = 200;

/**
 * A client whose credentials can only touch keys that begin with `<tenantId>#`: in AWS it
 * assumes the tenant role with a TenantID session tag (LeadingKeys policy), cached per tenant
 * until shortly before the credentials expire. Locally (no role configured) the same call
 * returns the platform client behind the same rule, enforced in code (tenant-guard.ts).
 */
export async function tenantDb(tenantId: string): Promise<DynamoDBDocumentClient> {
  const roleArn = env.tenantRoleArn;
  if (!roleArn) return guardedClient(tenantId);
  const cached = scoped.get(tenantId);
  scoped.delete(tenantId); // re-inserted below: the Map's order is the order of use
  if (cached && cached.expires > Date.now()) {
    scoped.set(tenantId, cached);
    return cached.client;
  }
  const { Credentials } = await assumeRole({
    RoleArn: roleArn,
    RoleSessionName: `tenant-${tenantId}`.slice(0, 64),
    Tags: [{ Key: 'TenantID', Value: tenantId }],
    DurationSeconds: 900,
  });
  if (!Credentials?.AccessKeyId || !Credentials.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
  const client = documentClient({
    accessKeyId: Credentials.AccessKeyId,
    secretAccessKey: Credentials.SecretAccessKey,
    sessionToken: Credentials.SessionToken,
  });
  scoped.set(tenantId, { client, expires: (Credentials.Expiration?.getTime() ?? Date.now() + 900_000) - 60_000 });
  if (scoped.size > MAX_CACHED_TENANTS) scoped.delete(scoped.keys().next().value!);
  return client;
}

/** True when a DynamoDB error is a failed condition (alone, or inside a cancelled transaction). */
export function isConditionFailure(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e?.name === 'ConditionalCheckFailedException') return true;
  return (
    e?.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')
  );
}

/** A transaction cancelled because another one touched the same item at the same moment: retry it. */
export function isTransactionConflict(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  return (
    e?.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict') &&
    !(e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')
  );
}

/**
 * Thrown when a write conditioned on the version read finds a newer version and the caller did not
 * ask for that version (no If-Match): the action is simply run again on what is there now.
 */
export class StaleReadError extends Error {
  constructor() {
    super('the item changed between read and write');
  }
}

/**
 * Runs `action` again when its transaction collided with a concurrent one (DynamoDB cancels
 * both rather than serialising them), or when what it read changed before it wrote (a consumer
 * writing the same item); the action re-reads and re-validates each time.
 */
export async function retryOnConflict<T>(action: () => Promise<T>, attempts = 12): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await action();
    } catch (error) {
      const retryable = isTransactionConflict(error) || error instanceof StaleReadError;
      if (!retryable || attempt >= attempts) {
        if (error instanceof StaleReadError)
          throw new ConflictError(
            'concurrent_change',
            'The resource kept changing while you acted on it; reload and try again.',
          );
        throw error;
      }
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

/**
 * For `.catch()` on a write conditioned on the version read, inside `retryOnConflict`: a failed
 * condition means someone wrote first. With If-Match that is 412 (the caller's version is stale);
 * without it the action re-reads and applies again, so a plain PATCH never answers 412.
 */
/** What a failed version condition means, for a guarded write (transact.ts): see `staleWrite`. */
export const staleError = (expectedVersion: number | undefined): Error =>
  expectedVersion === undefined ? new StaleReadError() : new PreconditionFailedError();

export function staleWrite(expectedVersion: number | undefined) {
  return (error: unknown): never => {
    if (!isConditionFailure(error) && !isTransactionConflict(error)) throw error;
    throw expectedVersion === undefined ? new StaleReadError() : new PreconditionFailedError();
  };
}

/** Which items of a cancelled transaction failed their condition, by index. */
export function failedConditions(error: unknown): number[] {
  const e = error as { CancellationReasons?: { Code?: string }[] };
  return (e?.CancellationReasons ?? []).flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
}
