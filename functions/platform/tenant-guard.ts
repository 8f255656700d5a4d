import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

/**
 * What IAM enforces in AWS (`dynamodb:LeadingKeys` = `<TenantID>#*` on the tenant role), enforced
 * locally: a client that refuses, before it reaches DynamoDB Local, any request whose table or
 * index partition key (read, written, queried or moved into an index by an update) does not begin
 * with `<tenantId>#`, and every Scan. A key bug then fails in the tests as it would in AWS.
 */
/** The table's partition key and every index's (`gsi1pk`, `gsi2pk`, `gsi3pk`, ...). */
const isPartitionKey = (name: string) => name === 'pk' || /^gsi\d+pk$/.test(name);

export class TenantKeyViolation extends Error {
  constructor(detail: string) {
    super(`User is not authorized to perform this DynamoDB request: ${detail}`);
    this.name = 'AccessDeniedException';
  }
}

type Doc = Record<string, unknown>;
interface Expressions {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Doc;
}

function checkValue(prefix: string, attribute: string, value: unknown) {
  if (typeof value !== 'string' || !value.startsWith(prefix)) {
    throw new TenantKeyViolation(`${attribute} ${JSON.stringify(value)} is outside ${prefix}*`);
  }
}

/** Keys and whole items: every partition-key attribute they carry. */
function checkItem(prefix: string, item: Doc | undefined) {
  if (!item) return;
  if (!('pk' in item)) throw new TenantKeyViolation('no partition key');
  for (const [name, value] of Object.entries(item)) if (isPartitionKey(name)) checkValue(prefix, name, value);
}

/** `attr = :value` pairs of an expression whose attribute is a partition key (a key condition, or an update that moves an item into an index); answers how many. */
function checkExpression(prefix: string, expression: string | undefined, input: Expressions): number {
  let found = 0;
  for (const match of (expression ?? '').matchAll(/(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/g)) {
    const name = match[1]!.startsWith('#') ? input.ExpressionAttributeNames?.[match[1]!] : match[1]!;
    if (!name || !isPartitionKey(name)) continue;
    checkValue(prefix, name, input.ExpressionAttributeValues?.[match[2]!]);
    found += 1;
  }
  return found;
}

function checkRequest(prefix: string, command: unknown) {
  const input = (command as { input: Doc }).input;
  if (command instanceof GetCommand || command instanceof DeleteCommand) return checkItem(prefix, input.Key as Doc);
  if (command instanceof PutCommand) return checkItem(prefix, input.Item as Doc);
  if (command instanceof UpdateCommand) {
    checkItem(prefix, input.Key as Doc);
    return void checkExpression(prefix, input.UpdateExpression as string, input);
  }
  if (command instanceof QueryCommand) {
    if (checkExpression(prefix, input.KeyConditionExpression as string, input) === 0)
      throw new TenantKeyViolation('a query without a partition key condition');
    return;
  }
  if (command instanceof TransactWriteCommand) {
    for (const entry of input.TransactItems as Doc[]) {
      const put = entry.Put as Doc | undefined;
      const update = entry.Update as Doc | undefined;
      const other = (entry.Delete ?? entry.ConditionCheck) as Doc | undefined;
      if (put) checkItem(prefix, put.Item as Doc);
      if (update) {
        checkItem(prefix, update.Key as Doc);
        checkExpression(prefix, update.UpdateExpression as string, update);
      }
      if (other) checkItem(prefix, other.Key as Doc);
    }
    return;
  }
  if (command instanceof TransactGetCommand) {
    for (const entry of input.TransactItems as Doc[]) checkItem(prefix, (entry.Get as Doc).Key as Doc);
    return;
  }
  if (command instanceof BatchGetCommand) {
    for (const request of Object.values(input.RequestItems as Record<string, { Keys: Doc[] }>))
      for (const key of request.Keys) checkItem(prefix, key);
    return;
  }
  if (command instanceof BatchWriteCommand) {
    for (const requests of Object.values(input.RequestItems as Record<string, Doc[]>)) {
      for (const r of requests)
        checkItem(prefix, ((r.PutRequest as Doc)?.Item ?? (r.DeleteRequest as Doc)?.Key) as Doc);
    }
    return;
  }
  throw new TenantKeyViolation(
    `${(command as object).constructor.name} is not allowed to tenant code (no Scan, no table administration)`,
  );
}

/** The same client, with every request checked against the tenant's key prefix first. */
export function guardTenantKeys(client: DynamoDBDocumentClient, tenantId: string): DynamoDBDocumentClient {
  const prefix = `${tenantId}#`;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: unknown, ...rest: unknown[]) => {
        try {
          checkRequest(prefix, command);
        } catch (error) {
          return Promise.reject(error);
        }
        return (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      };
    },
  });
}
