import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { CustomFieldDefinition, CustomFieldsConfig, PutCustomFieldsBody } from '#shared/api/custom-fields.ts';
import { env } from '#functions/platform/env.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { PreconditionFailedError, UnprocessableError, ValidationError } from '#functions/platform/errors.ts';
import { nowIso } from '#functions/platform/ids.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';

/**
 * The company's own fields (零代码): definitions per entity, one item. Once an entity has
 * definitions its records' `customFields` are checked against them on every write (API, web,
 * import). A field removed later keeps its stored values, read-only; a field's type cannot change
 * once a value was stored under its key.
 */
type Entity = CustomFieldDefinition['entity'];
type Stored = CustomFieldsConfig & { used?: Partial<Record<Entity, string[]>> };
const key = (t: TenantContext) => ({ pk: t.key('SETTINGS'), sk: 'CUSTOM_FIELDS' });

async function read(t: TenantContext): Promise<Stored> {
  const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key: key(t), ConsistentRead: true }));
  return Item
    ? {
        fields: Item.fields,
        removed: Item.removed ?? [],
        used: Item.used ?? {},
        version: Item.version,
        updatedAt: Item.updatedAt,
      }
    : { fields: [], removed: [], used: {}, version: 0, updatedAt: null };
}

export async function getCustomFields(t: TenantContext): Promise<CustomFieldsConfig> {
  const { used: _used, ...config } = await read(t);
  return config;
}

export function putCustomFields(t: TenantContext, body: z.output<typeof PutCustomFieldsBody>, expected?: number) {
  return retryOnConflict(async () => {
    const current = await read(t);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    for (const f of body.fields) {
      // A field kept, or one removed earlier and now restored: either way its stored values have its old type.
      const before =
        current.fields.find((x) => x.entity === f.entity && x.key === f.key) ??
        current.removed.find((x) => x.entity === f.entity && x.key === f.key && x.type);
      const used = current.used?.[f.entity]?.includes(f.key);
      if (before && used && before.type !== f.type)
        throw new UnprocessableError(
          'custom_field_in_use',
          `${f.entity}.${f.key} has stored values as ${before.type}; its type cannot change (add a new field instead).`,
          { entity: f.entity, key: f.key },
        );
    }
    const kept = (f: { entity: string; key: string }) =>
      body.fields.some((x) => x.entity === f.entity && x.key === f.key);
    // A removed field is remembered (label and type) only while records hold values under it.
    const holdsValues = (f: { entity: Entity; key: string }) => current.used?.[f.entity]?.includes(f.key) ?? false;
    const removed = [
      ...current.removed.filter((r) => !kept(r)),
      ...current.fields
        .filter((f) => !kept(f))
        .map((f) => ({ entity: f.entity, key: f.key, label: f.label, type: f.type })),
    ].filter(holdsValues);
    const next: Stored = {
      fields: body.fields,
      removed,
      used: current.used,
      version: current.version + 1,
      updatedAt: nowIso(),
    };
    if (JSON.stringify(next).length > 300_000)
      throw new ValidationError([
        { path: 'fields', message: 'the definitions are too large; use fewer or shorter options' },
      ]);
    // `used` is appended to by record writes at any time: it is never written here (an Update of the
    // other attributes, conditioned on the version read).
    await transact(t, [
      current.version === 0
        ? {
            Put: {
              TableName: env.tableName,
              Item: { ...key(t), entity: 'custom_fields', ...next, used: {} },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          }
        : {
            Update: {
              TableName: env.tableName,
              Key: key(t),
              UpdateExpression: 'SET #fields = :fields, #removed = :removed, #version = :next, updatedAt = :at',
              ConditionExpression: '#version = :v',
              ExpressionAttributeNames: { '#fields': 'fields', '#removed': 'removed', '#version': 'version' },
              ExpressionAttributeValues: {
                ':fields': next.fields,
                ':removed': next.removed,
                ':next': next.version,
                ':at': next.updatedAt,
                ':v': current.version,
              },
            },
          },
    ]).catch(staleWrite(expected));
    const { used: _used, ...config } = next;
    return config;
  });
}

const isDay = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));

/** Why a value does not fit its field, or null when it does. */
function problemOf(f: CustomFieldDefinition, v: unknown): string | null {
  if (v === null) return null;
  const options = new Set((f.options ?? []).map((o) => o.value));
  switch (f.type) {
    case 'text':
      return typeof v === 'string' ? null : 'must be text';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : 'must be a number';
    case 'money':
      return typeof v === 'number' && Number.isInteger(v) ? null : 'must be an amount in minor units (分)';
    case 'date':
      return isDay(v) ? null : 'must be a day (YYYY-MM-DD)';
    case 'boolean':
      return typeof v === 'boolean' ? null : 'must be true or false';
    case 'select':
      return typeof v === 'string' && options.has(v) ? null : `must be one of ${[...options].join(', ')}`;
    case 'multiselect':
      return Array.isArray(v) && v.every((x) => typeof x === 'string' && options.has(x))
        ? null
        : `must be a list of ${[...options].join(', ')}`;
  }
}
const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const own = (bag: Record<string, unknown>, k: string) => (Object.hasOwn(bag, k) ? bag[k] : undefined);

/**
 * Checks a record's custom fields as they will be stored (`values`, the whole bag) against the
 * entity's definitions; `previous` is the stored bag on an edit. Removed fields keep their stored
 * values (carried over, and refused if changed); a required field is required on every write, so a
 * record from before the field existed can still be read and is asked for it on its next edit.
 * Answers the bag to store; throws 400 with `customFields.<key>` paths.
 */
export async function checkCustomFields<V extends Record<string, unknown>>(
  t: TenantContext,
  entity: Entity,
  values: V,
  previous: Record<string, unknown> | null = null,
  path = 'customFields',
): Promise<V> {
  const config = await read(t);
  const defs = config.fields.filter((f) => f.entity === entity);
  const removed = new Set(config.removed.filter((r) => r.entity === entity).map((r) => r.key));
  if (!defs.length && !removed.size) return values;
  // Values under keys that are not (or no longer) defined stay as stored, read-only: a removed field's,
  // or one written while the entity had no definitions. An edit carries them over unchanged.
  const defined = new Set(defs.map((d) => d.key));
  const kept = Object.fromEntries(Object.entries(previous ?? {}).filter(([k]) => !defined.has(k)));
  const bag = { ...kept, ...values } as V;
  const errors: { path: string; message: string; code?: string }[] = [];
  for (const [k, v] of Object.entries(bag)) {
    const f = defs.find((d) => d.key === k);
    if (f) {
      const problem = problemOf(f, v);
      if (problem) errors.push({ path: `${path}.${k}`, message: problem, code: 'custom_field_invalid' });
    } else if (previous && Object.hasOwn(previous, k)) {
      if (JSON.stringify(v) !== JSON.stringify(previous[k]))
        errors.push({
          path: `${path}.${k}`,
          message: removed.has(k)
            ? 'was removed; its value is read-only'
            : 'is not a field; its stored value is read-only',
          code: 'custom_field_read_only',
        });
    } else
      errors.push({
        path: `${path}.${k}`,
        message: 'is not a custom field of this company',
        code: 'custom_field_unknown',
      });
  }
  for (const f of defs)
    if (f.required && empty(own(bag, f.key)))
      errors.push({ path: `${path}.${f.key}`, message: 'is required', code: 'custom_field_required' });
  if (errors.length) throw new ValidationError(errors);
  // Remember which keys hold values (their type is then fixed); best effort, after the check.
  const fresh = Object.keys(bag).filter(
    (k) => !empty(bag[k]) && defs.some((d) => d.key === k) && !config.used?.[entity]?.includes(k),
  );
  if (fresh.length)
    await t.db
      .send(
        new UpdateCommand({
          TableName: env.tableName,
          Key: key(t),
          UpdateExpression: 'SET #used.#entity = list_append(if_not_exists(#used.#entity, :none), :keys)',
          ExpressionAttributeNames: { '#used': 'used', '#entity': entity },
          ExpressionAttributeValues: { ':keys': fresh, ':none': [] },
          ConditionExpression: 'attribute_exists(#used)',
        }),
      )
      .catch(() => undefined);
  return bag;
}

/** Whether a stored value matches a `?cf.<key>=` filter, by the field's type. */
function matches(f: CustomFieldDefinition, v: unknown, wanted: string): boolean {
  if (v === null || v === undefined) return false;
  switch (f.type) {
    case 'text':
      return typeof v === 'string' && v.toLocaleLowerCase().includes(wanted.toLocaleLowerCase());
    case 'select':
      return v === wanted;
    case 'multiselect':
      return Array.isArray(v) && v.includes(wanted);
    case 'date':
      return typeof v === 'string' && v.startsWith(wanted);
    case 'boolean':
      return String(v) === wanted;
    case 'number':
    case 'money':
      return v === Number(wanted);
  }
}

/** Whether a filter value can match a field of its type at all (else 400, not an empty list). */
function filterProblem(f: CustomFieldDefinition, wanted: string): string | null {
  switch (f.type) {
    case 'number':
    case 'money':
      return Number.isFinite(Number(wanted)) ? null : 'must be a number (money in minor units)';
    case 'boolean':
      return wanted === 'true' || wanted === 'false' ? null : 'must be true or false';
    case 'date':
      return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(wanted) ? null : 'must be a day or its start (2026, 2026-11, 2026-11-22)';
    case 'select':
    case 'multiselect':
      return f.options?.some((o) => o.value === wanted)
        ? null
        : `must be one of ${(f.options ?? []).map((o) => o.value).join(', ')}`;
    default:
      return null;
  }
}

/**
 * The test a record must pass for `?cf.<key>=` filters, or null without filters. Only filterable
 * fields filter, by values their type can hold; anything else answers 400 at `query.cf.<key>`.
 */
export async function customFieldMatcher(
  t: TenantContext,
  entity: Entity,
  cf: Record<string, string> | undefined,
): Promise<((record: { customFields?: Record<string, unknown> }) => boolean) | null> {
  if (!cf || !Object.keys(cf).length) return null;
  const defs = (await read(t)).fields.filter((f) => f.entity === entity && f.filterable);
  const wanted = Object.entries(cf).map(([k, value]) => ({ f: defs.find((d) => d.key === k), k, value }));
  const errors = wanted.flatMap((w) => {
    const problem = w.f ? filterProblem(w.f, w.value) : `is not a filterable field of the ${entity}s`;
    return problem
      ? [{ path: `query.cf.${w.k}`, message: problem, code: w.f ? 'custom_field_invalid' : 'custom_field_unknown' }]
      : [];
  });
  if (errors.length) throw new ValidationError(errors);
  return (record) =>
    wanted.every((w) => matches(w.f!, record.customFields ? own(record.customFields, w.k) : undefined, w.value));
}

type PageOf<T> = { items: T[]; nextCursor: string | null };
/**
 * A list page filtered on the company's filterable own fields. The list is read in slices of what is
 * still missing (each slice ends on a cursor of the list itself, so the next page resumes exactly), at
 * most eight slices per request; a short (even empty) page with a cursor means "more may follow".
 */
export async function filteredPage<T extends { customFields?: Record<string, unknown> }>(
  t: TenantContext,
  entity: Entity,
  q: { limit: number; cursor?: string; cf?: Record<string, string> },
  list: (slice: { limit: number; cursor?: string }) => Promise<PageOf<T>>,
): Promise<PageOf<T>> {
  const test = await customFieldMatcher(t, entity, q.cf);
  if (!test) return list({ limit: q.limit, cursor: q.cursor });
  const items: T[] = [];
  let cursor = q.cursor;
  // At most eight slices and about 500 records read per request: a rare value answers a short page
  // (possibly empty) with a cursor, and the next request goes on from there.
  let read = 0;
  for (let slice = 0; slice < 8 && read < 500; slice++) {
    const page = await list({ limit: q.limit - items.length, cursor });
    read += page.items.length;
    items.push(...page.items.filter(test));
    cursor = page.nextCursor ?? undefined;
    if (!cursor || items.length >= q.limit) break;
  }
  return { items, nextCursor: cursor ?? null };
}
