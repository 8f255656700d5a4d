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
    const removed = [
      ...current.removed.filter((r) => !kept(r)),
      ...current.fields
        .filter((f) => !kept(f))
        .map((f) => ({
          entity: f.entity,
          key: f.key,
          label: f.label,
          type: f.type,
          ...(f.options ? { options: f.options } : {}),
        })),
    ];
    const next: Stored = {
      fields: body.fields,
      removed,
      used: current.used,
      version: current.version + 1,
      updatedAt: nowIso(),
    };
    await transact(t, [
      {
        Put: {
          TableName: env.tableName,
          Item: { ...key(t), entity: 'custom_fields', ...next },
          ConditionExpression: current.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(current.version === 0 ? {} : { ExpressionAttributeValues: { ':v': current.version } }),
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
  const errors: { path: string; message: string }[] = [];
  for (const [k, v] of Object.entries(bag)) {
    const f = defs.find((d) => d.key === k);
    if (f) {
      const problem = problemOf(f, v);
      if (problem) errors.push({ path: `${path}.${k}`, message: problem });
    } else if (previous && Object.hasOwn(previous, k)) {
      if (JSON.stringify(v) !== JSON.stringify(previous[k]))
        errors.push({
          path: `${path}.${k}`,
          message: removed.has(k)
            ? 'was removed; its value is read-only'
            : 'is not a field; its stored value is read-only',
        });
    } else errors.push({ path: `${path}.${k}`, message: 'is not a custom field of this company' });
  }
  for (const f of defs)
    if (f.required && empty(bag[f.key])) errors.push({ path: `${path}.${f.key}`, message: 'is required' });
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

type PageOf<T> = { items: T[]; nextCursor: string | null };
/**
 * A list page filtered on the company's filterable own fields. The list is read in slices of what is
 * still missing (each slice ends on a cursor of the list itself, so the next page resumes exactly), at
 * most eight slices per request; a short page with a cursor means "more may follow".
 */
export async function filteredPage<T extends { customFields?: Record<string, unknown> }>(
  t: TenantContext,
  entity: Entity,
  q: { limit: number; cursor?: string; cf?: Record<string, string> },
  list: (slice: { limit: number; cursor?: string }) => Promise<PageOf<T>>,
): Promise<PageOf<T>> {
  if (!q.cf || !Object.keys(q.cf).length) return list({ limit: q.limit, cursor: q.cursor });
  const defs = (await read(t)).fields.filter((f) => f.entity === entity && f.filterable);
  const wanted = Object.entries(q.cf).map(([k, value]) => ({ f: defs.find((d) => d.key === k), k, value }));
  const unknown = wanted.filter((w) => !w.f);
  if (unknown.length)
    throw new ValidationError(
      unknown.map((w) => ({ path: `query.cf.${w.k}`, message: `is not a filterable field of the ${entity}s` })),
    );
  const items: T[] = [];
  let cursor = q.cursor;
  for (let slice = 0; slice < 8; slice++) {
    const page = await list({ limit: q.limit - items.length, cursor });
    items.push(...page.items.filter((i) => wanted.every((w) => matches(w.f!, i.customFields?.[w.k], w.value))));
    cursor = page.nextCursor ?? undefined;
    if (!cursor || items.length >= q.limit) break;
  }
  return { items, nextCursor: cursor ?? null };
}
