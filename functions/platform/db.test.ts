/**
 * STS has no local emulator, so AssumeRole is the one thing stubbed here; the caching of the
 * tenant-scoped clients around it is the real code the module functions run in AWS.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STSClient, type AssumeRoleCommand } from '@aws-sdk/client-sts';
import { platformDb, tenantDb } from './db.ts';

const roleArn = 'arn:aws:iam::123456789012:role/dingo-tenant-data';
const assumed: AssumeRoleCommand['input'][] = [];
let lifetimeMs = 900_000;

beforeAll(() => {
  process.env.TENANT_ROLE_ARN = roleArn;
  vi.spyOn(STSClient.prototype, 'send').mockImplementation((async (command: AssumeRoleCommand) => {
    assumed.push(command.input);
    return {
      Credentials: {
        AccessKeyId: `AKIA${assumed.length}`,
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date(Date.now() + lifetimeMs),
      },
    };
  }) as never);
});
afterAll(() => {
  delete process.env.TENANT_ROLE_ARN;
  vi.restoreAllMocks();
});

describe('tenant-scoped DynamoDB credentials (AWS path)', () => {
  it('assumes the tenant role with the TenantID session tag once per company, on the shared connection pool', async () => {
    const a = await tenantDb('ten_A');
    expect(assumed).toEqual([
      expect.objectContaining({ RoleArn: roleArn, Tags: [{ Key: 'TenantID', Value: 'ten_A' }] }),
    ]);
    expect(await tenantDb('ten_A')).toBe(a);
    expect(assumed).toHaveLength(1);
    expect((await a.config.credentials()).accessKeyId).toBe('AKIA1');
    const b = await tenantDb('ten_B');
    expect(b).not.toBe(a);
    expect((await b.config.credentials()).accessKeyId).toBe('AKIA2');
    expect(a).not.toBe(platformDb());
    expect(a.config.requestHandler).toBe(platformDb().config.requestHandler);
  });

  it('keeps the 200 most recently used companies and forgets the rest', async () => {
    const before = assumed.length;
    for (let i = 0; i < 200; i += 1) await tenantDb(`ten_lru_${i}`);
    await tenantDb('ten_lru_0'); // used again: now the most recent
    expect(assumed.length).toBe(before + 200);
    await tenantDb('ten_lru_200'); // the 201st pushes out the least recently used, ten_lru_1
    await tenantDb('ten_lru_0');
    expect(assumed.length).toBe(before + 201);
    await tenantDb('ten_lru_1');
    expect(assumed.length).toBe(before + 202);
  });

  it('assumes the role again when the cached credentials are within a minute of expiring', async () => {
    lifetimeMs = 30_000;
    const before = assumed.length;
    await tenantDb('ten_short');
    await tenantDb('ten_short');
    expect(assumed.length).toBe(before + 2);
    lifetimeMs = 900_000;
  });
});
