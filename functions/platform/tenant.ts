import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Role, Scope } from '#shared/api/common.ts';
import { tenantDb } from './db.ts';

export interface Principal {
  /** `usr_...` for staff, `key_...` for partner API keys, `system` for consumers and jobs. */
  id: string;
  kind: 'user' | 'api_key' | 'system';
  role: Role | null;
  scopes: Scope[];
}

/**
 * Everything a use case needs to know about who is calling. Keys are built only here, so
 * every partition key begins with the tenant id: the isolation invariant.
 */
export class TenantContext {
  constructor(
    readonly tenantId: string,
    readonly principal: Principal,
    readonly db: DynamoDBDocumentClient,
  ) {}

  /** `<tenantId>#PART#PART...` */
  key(...parts: string[]): string {
    return [this.tenantId, ...parts].join('#');
  }

  static async of(tenantId: string, principal: Principal): Promise<TenantContext> {
    if (!/^ten_[0-9A-Z]{26}$/.test(tenantId)) throw new Error('invalid tenant id in context');
    return new TenantContext(tenantId, principal, await tenantDb(tenantId));
  }
}

export const systemPrincipal: Principal = { id: 'system', kind: 'system', role: null, scopes: [] };
