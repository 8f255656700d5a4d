import { lazy, Suspense, useMemo, type ComponentProps, type Key, type ReactNode } from 'react';
import { Space, Tag } from 'antd';
import type { TableColumn } from './Table.tsx';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, call, type Output } from '../api.ts';
import { useAuth, useBaseCurrency } from '../auth.tsx';
import { formatMoney } from '../format.ts';

/**
 * The company's own fields (零代码): what its admins added to customers, orders, products, suppliers
 * and tickets. Everyone's forms, lists and record pages read the definitions from GET /v1/me (its
 * `customFields`, cached under ['me']); GET /v1/custom-fields, with the version a save needs, is the
 * admins' and only the admin page reads it.
 */
export type CustomFieldsConfig = Output<'getCustomFields'>;
export type CustomFieldDef = CustomFieldsConfig['fields'][number];
export type RemovedField = CustomFieldsConfig['removed'][number];
export type CustomFieldEntity = CustomFieldDef['entity'];
export type CustomFieldType = CustomFieldDef['type'];
/** A record's bag as the API takes it: plain values under the fields' keys. */
export type CustomFieldBag = Record<string, string | number | boolean | null | string[]>;
type Bilingual = { 'zh-CN': string; en: string };

export const customFieldsKey = ['custom-fields'] as const;

/** The admin page's read of the definitions (owner, admin), with the version its save sends as If-Match. */
export function useCustomFieldsConfig(options: { fresh?: boolean } = {}) {
  const { me, can } = useAuth();
  return useQuery({
    queryKey: customFieldsKey,
    queryFn: () => call('getCustomFields'),
    enabled: Boolean(me) && can('getCustomFields'),
    staleTime: options.fresh ? 0 : 60_000,
  });
}

/** The definitions as every form reads them: the caller's own GET /v1/me (empty until it has loaded). */
export function useCustomFieldDefinitions(): { fields: CustomFieldDef[]; removed: RemovedField[]; loading: boolean } {
  const { me, loading } = useAuth();
  return useMemo(
    () => ({ fields: me?.customFields.fields ?? [], removed: me?.customFields.removed ?? [], loading }),
    [me, loading],
  );
}

/** A label in the language shown (the other one when it is blank). */
export const labelIn = (label: Bilingual, lang: string) =>
  (lang === 'en' ? label.en : label['zh-CN']) || label['zh-CN'] || label.en;

/** Nothing there: what the server counts as empty (a required field so left is refused). */
export const isEmptyValue = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Any stored value in words, for a removed field whose type is no longer known. */
function plainValue(t: TFunction, v: unknown): string {
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v)) return v.map(String).join(t('customFields.listSeparator'));
  if (typeof v === 'number') return v.toLocaleString();
  return String(v);
}

/** A value in words by its field's type: option labels, money in the base currency, 是/否. */
export function formatCustomValue(
  field: CustomFieldDef | undefined,
  value: unknown,
  ctx: { t: TFunction; lang: string; currency: string },
): string {
  const { t, lang, currency } = ctx;
  if (isEmptyValue(value)) return t('common.none');
  if (!field) return plainValue(t, value);
  const option = (v: unknown) => {
    const o = field.options?.find((x) => x.value === v);
    return o ? labelIn(o.label, lang) : String(v);
  };
  switch (field.type) {
    case 'money':
      return typeof value === 'number' ? formatMoney(value, currency) : plainValue(t, value);
    case 'number':
      return typeof value === 'number' ? value.toLocaleString(lang) : plainValue(t, value);
    case 'select':
      return option(value);
    case 'multiselect':
      return Array.isArray(value) ? value.map(option).join(t('customFields.listSeparator')) : option(value);
    case 'boolean':
      return typeof value === 'boolean' ? (value ? t('common.yes') : t('common.no')) : plainValue(t, value);
    default:
      return plainValue(t, value);
  }
}

/** A value as the form holds it, cleaned for the API: text trimmed, nothing for blanks. */
function cleaned(field: CustomFieldDef, v: unknown): unknown {
  if (field.type === 'text' && typeof v === 'string') return v.trim();
  return v;
}

/**
 * The bag to send on a create or an update: the record's bag as loaded with the form's edits. The
 * defined fields take what the form has (only those with a value); removed fields keep their stored
 * values untouched (the server refuses a change to them). Without any definitions the bag is the
 * record's own, as it was.
 */
export function customFieldsBody(
  defs: CustomFieldDef[],
  removed: RemovedField[],
  loaded: Record<string, unknown> | null | undefined,
  edited: Record<string, unknown> | null | undefined,
): CustomFieldBag {
  const before = loaded ?? {};
  if (!defs.length && !removed.length) return { ...before } as CustomFieldBag;
  const bag: Record<string, unknown> = {};
  for (const r of removed) if (Object.hasOwn(before, r.key)) bag[r.key] = before[r.key];
  for (const f of defs) {
    const v = cleaned(f, edited?.[f.key]);
    if (!isEmptyValue(v)) bag[f.key] = v;
  }
  return bag as CustomFieldBag;
}

/** A record's value of a field and where it sits in a list, details page or card. */
export interface ShownValue {
  key: string;
  label: ReactNode;
  value: string;
}

/**
 * One entity's fields and everything a page does with them: the definitions and the removed ones,
 * the body of a save, values in words, list columns and card rows, a details page's items.
 */
export function useCustomFields(entity: CustomFieldEntity) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const currency = useBaseCurrency();
  const config = useCustomFieldDefinitions();
  return useMemo(() => {
    const fields = config.fields.filter((f) => f.entity === entity);
    const removed = config.removed.filter((r) => r.entity === entity && !fields.some((f) => f.key === r.key));
    const ctx = { t, lang, currency };
    const format = (field: CustomFieldDef | undefined, value: unknown) => formatCustomValue(field, value, ctx);
    const removedLabel = (r: RemovedField) => (
      <Space size={4} wrap>
        {labelIn(r.label, lang)}
        <Tag>{t('customFields.removedTag')}</Tag>
      </Space>
    );
    return {
      fields,
      removed,
      loading: config.loading,
      /** The bag to send: see customFieldsBody. */
      body: (loaded: Record<string, unknown> | null | undefined, edited: Record<string, unknown> | null | undefined) =>
        customFieldsBody(fields, removed, loaded, edited),
      format,
      /** The fields shown in lists, as table columns. */
      columns: <T extends { customFields: Record<string, unknown> }>(): TableColumn<T>[] =>
        fields
          .filter((f) => f.showInList)
          .map((f) => ({
            key: `cf.${f.key}`,
            title: labelIn(f.label, lang),
            render: (_: unknown, row: T) => (
              <span data-testid={`cf-value-${f.key}`}>{format(f, row.customFields?.[f.key])}</span>
            ),
          })),
      /** The fields shown in lists that have a value, as a phone card's rows. */
      cardFields: (
        bag: Record<string, unknown> | null | undefined,
      ): { label: ReactNode; value: ReactNode; key: Key }[] =>
        fields
          .filter((f) => f.showInList && !isEmptyValue(bag?.[f.key]))
          .map((f) => ({ key: `cf.${f.key}`, label: labelIn(f.label, lang), value: format(f, bag?.[f.key]) })),
      /** A record page's values: every field (— when empty), and removed ones that still hold a value. */
      shown: (bag: Record<string, unknown> | null | undefined): ShownValue[] => [
        ...fields.map((f) => ({ key: f.key, label: labelIn(f.label, lang), value: format(f, bag?.[f.key]) })),
        ...removed
          .filter((r) => !isEmptyValue(bag?.[r.key]))
          .map((r) => ({ key: r.key, label: removedLabel(r), value: format(undefined, bag?.[r.key]) })),
      ],
      /** Fields named by a refusal's `customFields.<key>` paths, in words (a required field left empty). */
      refusedLabels: (error: unknown): string[] => {
        if (!(error instanceof ApiError)) return [];
        const keys = (error.problem.errors ?? [])
          .map((e) => /(?:^|\.)customFields\.([^.]+)/.exec(e.path)?.[1])
          .filter((k): k is string => Boolean(k));
        return [...new Set(keys)].map((k) => {
          const f = fields.find((x) => x.key === k) ?? removed.find((x) => x.key === k);
          return f ? labelIn(f.label, lang) : k;
        });
      },
    };
  }, [config.fields, config.removed, config.loading, entity, t, lang, currency]);
}

// The inputs and filters (date pickers, number inputs) load only where the company has fields to show.
const widgets = () => import('./custom-field-widgets.tsx');
const InputsView = lazy(async () => ({ default: (await widgets()).CustomFieldInputsView }));
const FiltersView = lazy(async () => ({ default: (await widgets()).CustomFieldFiltersView }));

/**
 * The entity's own fields in a form: one input per field by its type, named ['customFields', key]
 * (or under `name`), required ones required, labels in the language shown. A removed field that
 * still holds a value on the record (`values`, the bag as loaded) is shown, read-only. `fields`
 * stands in for the company's definitions (the admin page's preview). Nothing when there is none.
 */
export function CustomFieldInputs(props: ComponentProps<typeof InputsView>) {
  const cf = useCustomFields(props.entity);
  const defs = props.fields ?? cf.fields;
  const removed = props.fields ? [] : cf.removed.filter((r) => !isEmptyValue(props.values?.[r.key]));
  if (!defs.length && !removed.length) return null;
  return (
    <Suspense fallback={null}>
      <InputsView {...props} />
    </Suspense>
  );
}

/** The `cf` query member of a list: only when something is filtered (`?cf.<key>=<value>`). */
export const cfQuery = (cf: Record<string, string>) => (Object.keys(cf).length ? { cf } : {});

/**
 * A list's filters by the entity's filterable fields: a choice of options (or 是/否), a day, an
 * amount or typed text. `value` holds each as the query sends it (`cf.<key>=<value>`). Nothing when
 * the entity has no filterable field.
 */
export function CustomFieldFilters(props: ComponentProps<typeof FiltersView>) {
  const { fields } = useCustomFields(props.entity);
  if (!fields.some((f) => f.filterable)) return null;
  return (
    <Suspense fallback={null}>
      <FiltersView {...props} />
    </Suspense>
  );
}
