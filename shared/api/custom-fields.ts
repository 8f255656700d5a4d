import * as z from 'zod';
import { Timestamp } from './common.ts';
import { lazySchema } from './lazy.ts';

/** What a company's admin can add fields to, and the kinds of field (零代码). */
export const customFieldEntities = ['customer', 'order', 'product', 'supplier', 'ticket'] as const;
export const customFieldTypes = ['text', 'number', 'money', 'date', 'select', 'multiselect', 'boolean'] as const;

const Label = lazySchema(() =>
  z.strictObject({ 'zh-CN': z.string().trim().min(1).max(40), en: z.string().trim().min(1).max(60) }),
);
export const CustomFieldDefinition = lazySchema(() =>
  z
    .strictObject({
      entity: z.enum(customFieldEntities),
      /** Fixed once used: values are stored under it. */
      key: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a-z, 0-9 and _, starting with a letter, at most 40')
        .refine((k) => !['constructor', 'prototype', 'valueof', 'tostring'].includes(k), 'is a reserved name'),
      label: Label,
      type: z.enum(customFieldTypes),
      options: z
        .array(z.strictObject({ value: z.string().trim().min(1).max(60), label: Label }))
        .max(100)
        .optional(),
      required: z.boolean().default(false),
      showInList: z.boolean().default(false),
      filterable: z.boolean().default(false),
    })
    .refine((f) => !['select', 'multiselect'].includes(f.type) || (f.options?.length ?? 0) > 0, {
      message: 'a select field needs its options',
      path: ['options'],
    }),
);
export type CustomFieldDefinition = z.output<typeof CustomFieldDefinition>;

export const PutCustomFieldsBody = lazySchema(() =>
  z.strictObject({
    fields: z
      .array(CustomFieldDefinition)
      .max(100)
      .refine((fs) => new Set(fs.map((f) => `${f.entity}.${f.key}`)).size === fs.length, 'each key once per entity'),
  }),
);
export const CustomFieldsConfig = lazySchema(() =>
  z.object({
    fields: z.array(
      z.object({
        entity: z.enum(customFieldEntities),
        key: z.string(),
        label: z.object({ 'zh-CN': z.string(), en: z.string() }),
        type: z.enum(customFieldTypes),
        options: z
          .array(z.object({ value: z.string(), label: z.object({ 'zh-CN': z.string(), en: z.string() }) }))
          .optional(),
        required: z.boolean(),
        showInList: z.boolean(),
        filterable: z.boolean(),
      }),
    ),
    /** Keys removed from the definitions: their stored values are kept and shown read-only. */
    removed: z.array(
      z.object({
        entity: z.enum(customFieldEntities),
        key: z.string(),
        label: z.object({ 'zh-CN': z.string(), en: z.string() }),
        /** What it was, so that a restored field comes back as it was (its type is fixed once it held values). */
        type: z.enum(customFieldTypes).optional(),
      }),
    ),
    version: z.number().int(),
    updatedAt: Timestamp.nullable(),
  }),
);
export type CustomFieldsConfig = z.infer<typeof CustomFieldsConfig>;

/**
 * Filters on the company's own fields, `?cf.<key>=<value>` (or `cf[<key>]`): text matches any part,
 * a select its option value, a multiselect any of its values, a date the day or a prefix (`2026-11`),
 * a boolean `true`/`false`, a number or money (minor units) the value.
 */
export const CustomFieldFilter = lazySchema(() =>
  z
    .record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a custom field key'), z.string().trim().min(1).max(100))
    .refine((f) => Object.keys(f).length <= 5, 'at most 5 custom field filters'),
);

/** A stored value as people read it (option labels, 是/否, money by the caller's formatter); '' when empty. */
export function customFieldText(
  f: Pick<CustomFieldDefinition, 'type' | 'options'>,
  v: unknown,
  lang: 'zh-CN' | 'en',
  money: (minor: number) => string,
): string {
  if (v === null || v === undefined) return '';
  const option = (x: unknown) => f.options?.find((o) => o.value === x)?.label[lang] ?? String(x);
  switch (f.type) {
    case 'select':
      return option(v);
    case 'multiselect':
      return Array.isArray(v) ? v.map(option).join(lang === 'zh-CN' ? '、' : ', ') : '';
    case 'boolean':
      return v ? (lang === 'zh-CN' ? '是' : 'Yes') : lang === 'zh-CN' ? '否' : 'No';
    case 'money':
      return typeof v === 'number' ? money(v) : String(v);
    default:
      return String(v);
  }
}
