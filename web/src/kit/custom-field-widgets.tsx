import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Col, Form, Input, InputNumber, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { DateField } from './DateField.tsx';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { useBaseCurrency } from '../auth.tsx';
import {
  isEmptyValue,
  labelIn,
  useCustomFields,
  type CustomFieldDef,
  type CustomFieldEntity,
} from './CustomFields.tsx';
import { useDebounced } from './SearchBox.tsx';

/*
 * The inputs and filters of the company's own fields, loaded only where a company has fields to show
 * (most have none): CustomFieldInputs and CustomFieldFilters in CustomFields.tsx render these.
 */

/** One field's input, by its type, under `name` (['customFields', key]). */
function CustomFieldItem({
  field: f,
  name,
  testId,
}: {
  field: CustomFieldDef;
  name: (string | number)[];
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const currency = useBaseCurrency();
  const label = labelIn(f.label, i18n.language);
  const rules = f.required ? [{ required: true, whitespace: f.type === 'text', message: t('errors.required') }] : [];
  const options = (f.options ?? []).map((o) => ({ value: o.value, label: labelIn(o.label, i18n.language) }));
  const item = { name, label, rules };
  switch (f.type) {
    case 'text':
      return (
        <Form.Item {...item}>
          <Input maxLength={500} data-testid={testId} />
        </Form.Item>
      );
    case 'number':
      return (
        <Form.Item {...item}>
          <InputNumber style={{ width: '100%' }} data-testid={testId} />
        </Form.Item>
      );
    case 'money':
      // Kept in minor units (分) as the API has it; shown and typed in yuan.
      return (
        <Form.Item
          {...item}
          getValueProps={(v: unknown) => ({ value: typeof v === 'number' ? fromMinor(v, currency) : v })}
          normalize={(v: unknown) => (typeof v === 'number' ? toMinor(v, currency) : null)}
        >
          <InputNumber
            style={{ width: '100%' }}
            precision={minorDigits(currency)}
            addonAfter={currency}
            data-testid={testId}
          />
        </Form.Item>
      );
    case 'date':
      // Kept as the day the API has ('YYYY-MM-DD').
      return (
        <Form.Item
          {...item}
          getValueProps={(v: unknown) => ({ value: typeof v === 'string' && v ? dayjs(v) : undefined })}
          normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
        >
          <DateField style={{ width: '100%' }} data-testid={testId} />
        </Form.Item>
      );
    case 'select':
      return (
        <Form.Item {...item}>
          <Select allowClear options={options} data-testid={testId} />
        </Form.Item>
      );
    case 'multiselect':
      return (
        <Form.Item {...item}>
          <Select mode="multiple" allowClear options={options} data-testid={testId} />
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item {...item}>
          <Radio.Group
            optionType="button"
            options={[
              { value: true, label: t('common.yes') },
              { value: false, label: t('common.no') },
            ]}
            data-testid={testId}
          />
        </Form.Item>
      );
  }
}

/**
 * The entity's own fields in a form: one input per field by its type, named ['customFields', key]
 * (or under `name`), required ones required, labels in the language shown. A removed field that
 * still holds a value on the record (`values`, the bag as loaded) is shown, read-only. `fields`
 * stands in for the company's definitions (the admin page's preview).
 */
export function CustomFieldInputsView({
  entity,
  values,
  fields,
  name = ['customFields'],
  title,
  testIdPrefix = 'cf',
  cols = { xs: 24, md: 12 },
}: {
  entity: CustomFieldEntity;
  values?: Record<string, unknown> | null;
  fields?: CustomFieldDef[];
  name?: (string | number)[];
  title?: ReactNode;
  testIdPrefix?: string;
  cols?: { xs?: number; sm?: number; md?: number; lg?: number; xl?: number };
}) {
  const { t, i18n } = useTranslation();
  const cf = useCustomFields(entity);
  const defs = fields ?? cf.fields;
  const removed = fields ? [] : cf.removed.filter((r) => !isEmptyValue(values?.[r.key]));
  if (!defs.length && !removed.length) return null;
  return (
    <div data-testid={`${testIdPrefix}-${entity}`}>
      {title && (
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {title}
        </Typography.Title>
      )}
      <Row gutter={16}>
        {defs.map((f) => (
          <Col key={f.key} {...cols}>
            <CustomFieldItem field={f} name={[...name, f.key]} testId={`${testIdPrefix}-${f.key}`} />
          </Col>
        ))}
        {removed.map((r) => (
          <Col key={r.key} {...cols}>
            <Form.Item
              label={
                <Space size={4}>
                  {labelIn(r.label, i18n.language)}
                  <Tag>{t('customFields.removedTag')}</Tag>
                </Space>
              }
              tooltip={t('customFields.removedReadOnly')}
            >
              <Input
                disabled
                value={cf.format(undefined, values?.[r.key])}
                aria-label={labelIn(r.label, i18n.language)}
                data-testid={`${testIdPrefix}-removed-${r.key}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
    </div>
  );
}

/** A typed filter (text, a number, an amount) that narrows the list once the typing pauses. */
function TypedFilter({
  label,
  numeric,
  toQuery,
  onChange,
  testId,
}: {
  label: string;
  numeric: boolean;
  /** The typed text as the query sends it (an amount in minor units); undefined when it is none. */
  toQuery: (text: string) => string | undefined;
  onChange: (v: string | undefined) => void;
  testId: string;
}) {
  const [text, setText] = useState('');
  const settled = useDebounced(text.trim(), 400);
  const latest = useRef({ onChange, toQuery });
  latest.current = { onChange, toQuery };
  const sent = useRef('');
  useEffect(() => {
    if (settled === sent.current) return;
    sent.current = settled;
    latest.current.onChange(settled ? latest.current.toQuery(settled) : undefined);
  }, [settled]);
  return (
    <Input
      allowClear
      placeholder={label}
      aria-label={label}
      style={{ width: 140 }}
      inputMode={numeric ? 'decimal' : undefined}
      value={text}
      onChange={(e) => setText(e.target.value)}
      data-testid={testId}
    />
  );
}

/**
 * A list's filters by the entity's filterable fields: a choice of options (or 是/否), a day, an
 * amount or typed text. `value` holds each as the query sends it (`cf.<key>=<value>`).
 */
export function CustomFieldFiltersView({
  entity,
  value,
  onChange,
}: {
  entity: CustomFieldEntity;
  value: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
}) {
  const { t, i18n } = useTranslation();
  const currency = useBaseCurrency();
  const { fields } = useCustomFields(entity);
  const filterable = fields.filter((f) => f.filterable);
  if (!filterable.length) return null;
  const set = (key: string, v: string | undefined) => {
    const { [key]: _old, ...rest } = value;
    onChange(v === undefined || v === '' ? rest : { ...rest, [key]: v });
  };
  return (
    <Space wrap data-testid={`cf-filters-${entity}`}>
      {filterable.map((f) => {
        const label = labelIn(f.label, i18n.language);
        const testId = `cf-filter-${f.key}`;
        switch (f.type) {
          case 'select':
          case 'multiselect':
          case 'boolean':
            return (
              <Select
                key={f.key}
                allowClear
                placeholder={label}
                aria-label={label}
                style={{ width: 140 }}
                value={value[f.key]}
                onChange={(v: string | undefined) => set(f.key, v)}
                options={
                  f.type === 'boolean'
                    ? [
                        { value: 'true', label: `${label}: ${t('common.yes')}` },
                        { value: 'false', label: `${label}: ${t('common.no')}` },
                      ]
                    : (f.options ?? []).map((o) => ({ value: o.value, label: labelIn(o.label, i18n.language) }))
                }
                data-testid={testId}
              />
            );
          case 'date':
            return (
              <DateField
                key={f.key}
                placeholder={label}
                aria-label={label}
                value={value[f.key] ? dayjs(value[f.key]) : null}
                onChange={(d) => set(f.key, d ? d.format('YYYY-MM-DD') : undefined)}
                data-testid={testId}
              />
            );
          case 'money':
            return (
              <TypedFilter
                key={f.key}
                label={`${label} (${currency})`}
                numeric
                toQuery={(text) => {
                  const n = Number(text);
                  return Number.isFinite(n) ? String(toMinor(n, currency)) : undefined;
                }}
                onChange={(v) => set(f.key, v)}
                testId={testId}
              />
            );
          default:
            return (
              <TypedFilter
                key={f.key}
                label={label}
                numeric={f.type === 'number'}
                toQuery={(text) => text}
                onChange={(v) => set(f.key, v)}
                testId={testId}
              />
            );
        }
      })}
    </Space>
  );
}
