import * as z from 'zod';
import { ListQuery, Timestamp, prefixedId } from './common.ts';
import { lazySchema } from './lazy.ts';

/** What the audit log records changes of (API.md, "Platform for real tenants"). */
export const auditEntities = [
  'settings',
  'user',
  'department',
  'approval_workflow',
  'sales_targets',
  'custom_fields',
  'print_settings',
  'product',
  'price_list',
  'warehouse',
  'exchange_rates',
  'notification_channels',
  'notification_rules',
  'api_key',
  'webhook',
  'company',
] as const;
export const AuditEntity = lazySchema(() => z.enum(auditEntities));
export type AuditEntity = z.infer<typeof AuditEntity>;

/** A value as the audit log keeps it: a member too long to keep (an image) is named by its size. */
const Snapshot = lazySchema(() => z.record(z.string(), z.unknown()).nullable());

export const AuditEntry = lazySchema(() =>
  z.object({
    id: prefixedId('aud'),
    at: Timestamp,
    actor: z.object({
      id: z.string(),
      kind: z.enum(['user', 'api_key']),
      /** The person's or the key's name when the change was made. */
      name: z.string().nullable(),
    }),
    /** The operation, as the OpenAPI document names it (`updateSettings`, `revokeApiKey`, ...). */
    action: z.string(),
    entity: AuditEntity,
    /** The record changed; null for a company-wide document (settings, custom fields, ...). */
    entityId: z.string().nullable(),
    /** The members that changed, as they were (null when the record was created) and as they became (null when removed). */
    before: Snapshot,
    after: Snapshot,
    requestId: z.string(),
    sourceIp: z.string().nullable(),
  }),
);
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditLogQuery = lazySchema(() =>
  ListQuery.extend({
    /** A user's or API key's id. */
    actor: z.string().min(1).max(64).optional(),
    entity: AuditEntity.optional(),
    entityId: z.string().min(1).max(64).optional(),
  }),
);
