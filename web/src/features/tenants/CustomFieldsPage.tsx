import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Col, Empty, Form, Input, Row, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import { Tabs } from '../../kit/Tabs.tsx';
import { List } from '../../kit/List.tsx';
import { Card } from '../../kit/Card.tsx';
import type { FormInstance } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { customFieldEntities, customFieldTypes } from '#shared/api/custom-fields.ts';
import { ApiError, call } from '../../api.ts';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { errorMessage, fieldMessage } from '../../errors.ts';
import { CardTable } from '../../kit/CardTable.tsx';
import {
  CustomFieldInputs,
  customFieldsKey,
  labelIn,
  useCustomFieldsConfig,
  type CustomFieldDef,
  type CustomFieldEntity,
  type CustomFieldType,
  type RemovedField,
} from '../../kit/CustomFields.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { PageCard } from '../../kit/PageCard.tsx';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const choice = (type: CustomFieldType | undefined) => type === 'select' || type === 'multiselect';

/** A code from words a person typed ("Net weight" → net_weight): a-z, 0-9 and _, starting with a letter. */
function slug(text: string | undefined): string {
  const s = (text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!s) return '';
  return (/^[a-z]/.test(s) ? s : `f_${s}`).slice(0, 40).replace(/_+$/, '');
}

interface OptionValues {
  value?: string;
  zh?: string;
  en?: string;
  /** Saved before: its code is what records hold, so it stays. */
  locked?: boolean;
}
interface FieldValues {
  labelZh?: string;
  labelEn?: string;
  key?: string;
  type?: CustomFieldType;
  options?: OptionValues[];
  required?: boolean;
  showInList?: boolean;
  filterable?: boolean;
}

/** The field as defined by the form; blank names take the other language's, as the form says. */
function toDef(entity: CustomFieldEntity, v: FieldValues, placeholder = ''): CustomFieldDef {
  const zh = v.labelZh?.trim() || v.labelEn?.trim() || placeholder;
  const en = v.labelEn?.trim() || zh;
  const type = v.type ?? 'text';
  return {
    entity,
    key: v.key?.trim() ?? '',
    label: { 'zh-CN': zh, en },
    type,
    ...(choice(type)
      ? {
          options: (v.options ?? [])
            .filter((o) => o && (o.value?.trim() || o.zh?.trim() || o.en?.trim()))
            .map((o) => {
              const ozh = o.zh?.trim() || o.en?.trim() || o.value?.trim() || '';
              return { value: o.value?.trim() || ozh, label: { 'zh-CN': ozh, en: o.en?.trim() || ozh } };
            }),
        }
      : {}),
    required: Boolean(v.required),
    showInList: Boolean(v.showInList),
    filterable: Boolean(v.filterable),
  };
}

const toValues = (f: CustomFieldDef, savedOptions: Set<string>): FieldValues => ({
  labelZh: f.label['zh-CN'],
  labelEn: f.label.en === f.label['zh-CN'] ? '' : f.label.en,
  key: f.key,
  type: f.type,
  options: (f.options ?? []).map((o) => ({
    value: o.value,
    zh: o.label['zh-CN'],
    en: o.label.en === o.label['zh-CN'] ? '' : o.label.en,
    locked: savedOptions.has(o.value),
  })),
  required: f.required,
  showInList: f.showInList,
  filterable: f.filterable,
});

/** The options of a choice field: code and names per row, rows added and removed. */
function OptionsEditor({ form }: { form: FormInstance<FieldValues> }) {
  const { t } = useTranslation();
  const rows = (Form.useWatch('options', form) as OptionValues[] | undefined) ?? [];
  // A new option's code follows its English name (else its Chinese one) until the code is typed in.
  const pending = JSON.stringify(
    rows.flatMap((r, i) => {
      if (!r || r.locked || form.isFieldTouched(['options', i, 'value'])) return [];
      const suggested = (slug(r.en) || r.zh?.trim() || '').slice(0, 60);
      return suggested && suggested !== r.value ? [[i, suggested]] : [];
    }),
  );
  useEffect(() => {
    for (const [i, value] of JSON.parse(pending) as [number, string][])
      form.setFields([{ name: ['options', i, 'value'], value, touched: false }]);
  }, [pending, form]);
  return (
    <Form.List
      name="options"
      rules={[
        {
          validator: async (_, list: OptionValues[] | undefined) => {
            const values = (list ?? []).map((o) => o?.value?.trim()).filter(Boolean);
            if (!values.length) throw new Error(t('customFields.optionsRequired'));
            if (new Set(values).size !== values.length) throw new Error(t('customFields.optionTaken'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="cf-options">
          <Typography.Text strong>{t('customFields.options')}</Typography.Text>
          {fields.map((row) => {
            const locked = Boolean(rows[row.name]?.locked);
            return (
              <Row gutter={8} key={row.key} align="top" style={{ marginTop: 8 }}>
                <Col xs={12} sm={7}>
                  <Form.Item
                    name={[row.name, 'zh']}
                    label={t('customFields.optionLabelZh')}
                    rules={[
                      { max: 40 },
                      {
                        validator: async (_, v: string | undefined) => {
                          if (!v?.trim() && !form.getFieldValue(['options', row.name, 'en'])?.trim())
                            throw new Error(t('customFields.labelRequired'));
                        },
                      },
                    ]}
                    dependencies={[['options', row.name, 'en']]}
                  >
                    <Input maxLength={40} data-testid={`cf-option-zh-${row.name}`} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={7}>
                  <Form.Item name={[row.name, 'en']} label={t('customFields.optionLabelEn')} rules={[{ max: 60 }]}>
                    <Input maxLength={60} data-testid={`cf-option-en-${row.name}`} />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={8}>
                  <Form.Item
                    name={[row.name, 'value']}
                    label={t('customFields.optionValue')}
                    tooltip={locked ? t('customFields.optionSaved') : undefined}
                    rules={[{ required: true, whitespace: true, message: t('errors.required') }, { max: 60 }]}
                  >
                    <Input maxLength={60} disabled={locked} data-testid={`cf-option-value-${row.name}`} />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2} style={{ paddingTop: 30 }}>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(row.name)}
                    aria-label={t('common.remove')}
                    data-testid={`cf-option-remove-${row.name}`}
                  />
                </Col>
              </Row>
            );
          })}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({})}
            style={{ margin: '8px 0 16px' }}
            data-testid="cf-add-option"
          >
            {t('customFields.addOption')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** The field form's inputs, the code suggested from the English name, and the field as the form will show it. */
function FieldInputs({
  form,
  entity,
  keyLocked,
  autoKey,
  takenKeys,
  removedKeys,
  suggestKey,
  onLive,
}: {
  form: FormInstance<FieldValues>;
  entity: CustomFieldEntity;
  keyLocked: boolean;
  /** A new field: its code follows its names until typed in. */
  autoKey: boolean;
  /** Codes of the entity's other fields, with their names. */
  takenKeys: Map<string, string>;
  removedKeys: Map<string, string>;
  suggestKey: (labelEn: string | undefined, labelZh: string | undefined) => string;
  onLive: (def: CustomFieldDef) => void;
}) {
  const { t } = useTranslation();
  const currency = useBaseCurrency();
  const labelZh = Form.useWatch('labelZh', form);
  const labelEn = Form.useWatch('labelEn', form);
  const key = Form.useWatch('key', form);
  const type = Form.useWatch('type', form);
  const options = Form.useWatch('options', form);
  const required = Form.useWatch('required', form);
  const showInList = Form.useWatch('showInList', form);
  const filterable = Form.useWatch('filterable', form);
  useEffect(() => {
    if (!autoKey || form.isFieldTouched('key')) return;
    const suggested = suggestKey(labelEn, labelZh);
    // Set as not typed in (setFieldValue would count as typed, and the code would stop following).
    if (suggested !== (form.getFieldValue('key') ?? ''))
      form.setFields([{ name: 'key', value: suggested, touched: false }]);
  }, [labelEn, labelZh, autoKey, form, suggestKey]);
  // A choice field starts with one option row to fill in.
  useEffect(() => {
    if (choice(type) && !(form.getFieldValue('options') ?? []).length) form.setFieldValue('options', [{}]);
  }, [type, form]);
  const live = toDef(
    entity,
    { labelZh, labelEn, key: key || '_', type, options, required, showInList, filterable },
    t('customFields.labelZh'),
  );
  // The page's preview shows the field as it is now.
  const liveJson = JSON.stringify(live);
  const report = useRef(onLive);
  report.current = onLive;
  useEffect(() => report.current(JSON.parse(liveJson) as CustomFieldDef), [liveJson]);
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="labelZh"
            label={t('customFields.labelZh')}
            dependencies={['labelEn']}
            rules={[
              { max: 40 },
              {
                validator: async (_, v: string | undefined) => {
                  if (!v?.trim() && !form.getFieldValue('labelEn')?.trim())
                    throw new Error(t('customFields.labelRequired'));
                },
              },
            ]}
          >
            <Input maxLength={40} data-testid="cf-field-label-zh" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="labelEn" label={t('customFields.labelEn')} tooltip={t('customFields.labelEnHint')}>
            <Input maxLength={60} data-testid="cf-field-label-en" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="key"
            label={t('customFields.key')}
            extra={keyLocked ? t('customFields.keyLocked') : t('customFields.keyHint')}
            rules={[
              { required: true, message: t('errors.required') },
              { pattern: KEY, message: t('customFields.keyRule') },
              {
                validator: async (_, v: string | undefined) => {
                  if (keyLocked || !v) return;
                  const taken = takenKeys.get(v);
                  if (taken !== undefined) throw new Error(t('customFields.keyTaken', { label: taken }));
                  const removed = removedKeys.get(v);
                  if (removed !== undefined) throw new Error(t('customFields.keyRemoved', { label: removed }));
                },
              },
            ]}
          >
            <Input maxLength={40} disabled={keyLocked} style={{ fontFamily: 'monospace' }} data-testid="cf-field-key" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="type"
            label={t('customFields.type')}
            tooltip={keyLocked ? t('customFields.typeLocked') : undefined}
            rules={[{ required: true, message: t('errors.required') }]}
          >
            <Select
              data-testid="cf-field-type"
              options={customFieldTypes.map((ty) => ({ value: ty, label: t(`customFields.types.${ty}`) }))}
              optionRender={(o) => (
                <div>
                  <div>{o.label}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`customFields.typeHints.${o.value as CustomFieldType}`, { currency })}
                  </Typography.Text>
                </div>
              )}
            />
          </Form.Item>
        </Col>
      </Row>
      {choice(type) && <OptionsEditor form={form} />}
      <Space wrap size="large">
        <Form.Item
          name="required"
          label={t('customFields.required')}
          valuePropName="checked"
          tooltip={t('customFields.requiredHint')}
        >
          <Switch data-testid="cf-field-required" />
        </Form.Item>
        <Form.Item name="showInList" label={t('customFields.showInList')} valuePropName="checked">
          <Switch data-testid="cf-field-show-in-list" />
        </Form.Item>
        <Form.Item name="filterable" label={t('customFields.filterable')} valuePropName="checked">
          <Switch data-testid="cf-field-filterable" />
        </Form.Item>
      </Space>
      <Card size="small" title={t('customFields.fieldPreview')} data-testid="cf-field-preview">
        {/* Its own form (no element of its own: it sits inside the dialog's). */}
        <Form component={false} layout="vertical">
          <CustomFieldInputs
            entity={entity}
            fields={[{ ...live, key: 'preview' }]}
            testIdPrefix="field-preview-cf"
            cols={{ xs: 24 }}
          />
        </Form>
      </Card>
    </>
  );
}

interface Editing {
  entity: CustomFieldEntity;
  /** The field changed (its key as the draft has it); none for a new one. */
  original?: CustomFieldDef;
  /** A removed field brought back: its code and names. */
  restoring?: RemovedField;
}

/** A refusal of the save in words: a field whose type cannot change, or each bad definition by its name. */
function SaveProblem({ error, fields }: { error: unknown; fields: CustomFieldDef[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (error instanceof ApiError && error.code === 'custom_field_in_use') {
    const p = error.problem as { entity?: CustomFieldEntity; key?: string };
    const f = fields.find((x) => x.entity === p.entity && x.key === p.key);
    return (
      <Alert
        type="error"
        showIcon
        title={t('customFields.inUse', {
          label: f ? labelIn(f.label, lang) : (p.key ?? ''),
          entity: p.entity ? t(`customFields.entity.${p.entity}`) : '',
        })}
        style={{ marginBottom: 16 }}
        data-testid="cf-save-error"
      />
    );
  }
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  const what = (part: string | undefined) =>
    part === 'key'
      ? t('customFields.key')
      : part === 'label'
        ? t('customFields.labelZh')
        : part === 'type'
          ? t('customFields.type')
          : part === 'options'
            ? t('customFields.options')
            : (part ?? '');
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(t, error)}
      description={
        errors.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {errors.map((e) => {
              const m = /^body\.fields\.(\d+)(?:\.([^.]+))?/.exec(e.path);
              const f = m ? fields[Number(m[1])] : undefined;
              return (
                <li key={e.path}>
                  {f
                    ? t('customFields.problem', {
                        label: labelIn(f.label, lang) || f.key,
                        what: what(m?.[2]),
                        message: fieldMessage(e),
                      })
                    : fieldMessage(e)}
                </li>
              );
            })}
          </ul>
        )
      }
      style={{ marginBottom: 16 }}
      data-testid="cf-save-error"
    />
  );
}

const flags = (t: TFunction, f: CustomFieldDef) => (
  <Space size={4} wrap>
    {f.required && <Tag color="red">{t('customFields.required')}</Tag>}
    {f.showInList && <Tag color="blue">{t('customFields.showInList')}</Tag>}
    {f.filterable && <Tag color="green">{t('customFields.filterable')}</Tag>}
  </Space>
);

/**
 * 自定义字段 (owner, admin): per entity, its fields in a table beside a preview of the form they
 * make; added and changed in a dialog, kept as a draft until saved (with If-Match). Removing a
 * field keeps its values, read-only; a removed field can be restored.
 */
export function CustomFieldsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const entity = (
    customFieldEntities.includes(params.get('entity') as CustomFieldEntity) ? params.get('entity') : 'customer'
  ) as CustomFieldEntity;
  const config = useCustomFieldsConfig({ fresh: true });
  const [draft, setDraft] = useState<CustomFieldDef[] | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  // The field being edited as it is typed, from the dialog it was typed in (a closing dialog's is no longer shown).
  const [typed, setTyped] = useState<{ session: Editing; def: CustomFieldDef } | null>(null);
  const live = typed && typed.session === editing ? typed.def : null;
  const readOnly = !can('putCustomFields');
  const saved = config.data?.fields ?? [];
  const all = draft ?? saved;
  const save = useMutation({
    mutationFn: (fields: CustomFieldDef[]) =>
      call('putCustomFields', { body: { fields }, ifMatch: config.data?.version ?? 0 }),
    onSuccess: (next) => {
      queryClient.setQueryData(customFieldsKey, next);
      // Everyone's forms read the definitions from /v1/me: both are read again.
      void queryClient.invalidateQueries({ queryKey: customFieldsKey });
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      setDraft(null);
      message.success(t('customFields.saved'));
    },
  });
  if (config.isLoading) return <Spin />;
  if (!config.data) return <Alert type="error" title={errorMessage(t, config.error)} />;

  const ofEntity = (e: CustomFieldEntity) => all.filter((f) => f.entity === e);
  const fields = ofEntity(entity);
  const removed = config.data.removed.filter((r) => r.entity === entity && !fields.some((f) => f.key === r.key));
  const change = (next: CustomFieldDef[]) => {
    setDraft(next);
    save.reset();
  };
  const move = (f: CustomFieldDef, by: -1 | 1) => {
    const i = fields.indexOf(f);
    const other = fields[i + by];
    if (!other) return;
    const a = all.indexOf(f);
    const b = all.indexOf(other);
    const next = [...all];
    next[a] = other;
    next[b] = f;
    change(next);
  };
  const remove = (f: CustomFieldDef) =>
    modal.confirm({
      title: t('customFields.removeConfirm', { label: labelIn(f.label, lang) }),
      content: t('customFields.removeHint'),
      okText: t('customFields.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => change(all.filter((x) => x !== f)),
    });
  const put = (def: CustomFieldDef) => {
    const original = editing?.original;
    change(original ? all.map((x) => (x === original ? def : x)) : [...all, def]);
  };
  // The preview shows the field being edited as it is typed.
  const previewFields = live
    ? editing?.original
      ? fields.map((f) => (f === editing.original ? live : f))
      : [...fields, live]
    : fields;
  const savedKeys = new Set(saved.filter((f) => f.entity === entity).map((f) => f.key));
  const original = editing?.original;
  const savedOptions = new Set(
    saved.find((f) => f.entity === entity && f.key === original?.key)?.options?.map((o) => o.value) ?? [],
  );
  const takenKeys = new Map(fields.filter((f) => f !== original).map((f) => [f.key, labelIn(f.label, lang)]));
  const removedKeys = new Map(
    removed.filter((r) => r.key !== editing?.restoring?.key).map((r) => [r.key, labelIn(r.label, lang)]),
  );
  const suggestKey = (en: string | undefined, zh: string | undefined) => {
    let base = slug(en);
    if (!base && zh?.trim()) base = 'field';
    if (!base) return '';
    const free = (k: string) => !takenKeys.has(k) && !removedKeys.has(k);
    if (free(base) && (en || !zh)) return base;
    for (let n = en ? 2 : 1; ; n += 1) if (free(`${base}_${n}`)) return `${base}_${n}`;
  };
  const actions = (f: CustomFieldDef, i: number) =>
    !readOnly && (
      <Space size={0} wrap>
        <Button
          type="text"
          icon={<ArrowUpOutlined />}
          disabled={i === 0}
          onClick={() => move(f, -1)}
          aria-label={`${t('customFields.moveUp')} ${labelIn(f.label, lang)}`}
        />
        <Button
          type="text"
          icon={<ArrowDownOutlined />}
          disabled={i === fields.length - 1}
          onClick={() => move(f, 1)}
          aria-label={`${t('customFields.moveDown')} ${labelIn(f.label, lang)}`}
        />
        <Button
          type="link"
          icon={<EditOutlined />}
          onClick={() => setEditing({ entity, original: f })}
          data-testid={`cf-edit-${f.key}`}
        >
          {t('common.edit')}
        </Button>
        <Button
          type="link"
          danger
          icon={<DeleteOutlined />}
          onClick={() => remove(f)}
          data-testid={`cf-remove-${f.key}`}
        >
          {t('customFields.remove')}
        </Button>
      </Space>
    );
  const closeModal = () => {
    setEditing(null);
    setTyped(null);
  };

  let initialValues: FieldValues = { type: 'text', required: false, showInList: false, filterable: false };
  if (editing?.original) initialValues = toValues(editing.original, savedOptions);
  else if (editing?.restoring)
    initialValues = {
      ...initialValues,
      key: editing.restoring.key,
      labelZh: editing.restoring.label['zh-CN'],
      labelEn: editing.restoring.label.en,
    };
  const dirty = draft !== null;

  return (
    <PageCard
      title={t('customFields.title')}
      extra={
        !readOnly && (
          <Space wrap>
            <Button
              disabled={!dirty || save.isPending}
              onClick={() => {
                setDraft(null);
                save.reset();
              }}
              data-testid="cf-discard"
            >
              {t('customFields.discard')}
            </Button>
            <Button
              type="primary"
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate(all)}
              data-testid="cf-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('customFields.intro')}</Typography.Paragraph>
      {dirty && (
        <Alert
          type="warning"
          showIcon
          title={t('customFields.unsaved')}
          style={{ marginBottom: 16 }}
          data-testid="cf-unsaved"
        />
      )}
      {save.error && <SaveProblem error={save.error} fields={all} />}
      <Tabs
        activeKey={entity}
        onChange={(key) => setParams({ entity: key }, { replace: true })}
        data-testid="cf-entities"
        items={customFieldEntities.map((e) => ({
          key: e,
          label: (
            <span>
              {t(`customFields.entities.${e}`)}
              {ofEntity(e).length > 0 && <Tag style={{ marginInlineStart: 6 }}>{ofEntity(e).length}</Tag>}
            </span>
          ),
        }))}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {!readOnly && (
              <Button
                type="primary"
                ghost
                icon={<PlusOutlined />}
                onClick={() => setEditing({ entity })}
                data-testid="cf-add"
              >
                {t('customFields.add')}
              </Button>
            )}
            <CardTable<CustomFieldDef>
              rowKey="key"
              dataSource={fields}
              pagination={false}
              testId="cf-fields-table"
              emptyText={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customFields.none')} />}
              card={(f, i) => ({
                title: labelIn(f.label, lang),
                extra: <Tag>{t(`customFields.types.${f.type}`)}</Tag>,
                fields: [
                  {
                    label: t('customFields.key'),
                    value: <Typography.Text code>{f.key}</Typography.Text>,
                  },
                  ...(f.required || f.showInList || f.filterable
                    ? [{ label: t('customFields.settings'), value: flags(t, f) }]
                    : []),
                ],
                footer: actions(f, i),
              })}
              columns={[
                {
                  title: t('customFields.fields'),
                  render: (_, f) => (
                    <Space direction="vertical" size={0}>
                      <span>{f.label['zh-CN']}</span>
                      {f.label.en !== f.label['zh-CN'] && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {f.label.en}
                        </Typography.Text>
                      )}
                      <Typography.Text code style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                        {f.key}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('customFields.type'),
                  render: (_, f) => (
                    <>
                      <div>{t(`customFields.types.${f.type}`)}</div>
                      {f.options?.length ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {f.options.map((o) => labelIn(o.label, lang)).join(t('customFields.listSeparator'))}
                        </Typography.Text>
                      ) : null}
                    </>
                  ),
                },
                { title: t('customFields.settings'), render: (_, f) => flags(t, f) },
                ...(readOnly
                  ? []
                  : [
                      {
                        title: t('common.actions'),
                        render: (_: unknown, f: CustomFieldDef, i: number) => actions(f, i),
                      },
                    ]),
              ]}
            />
            {removed.length > 0 && (
              <Card size="small" title={t('customFields.removed')} data-testid="cf-removed">
                <Typography.Paragraph type="secondary">{t('customFields.removedHint')}</Typography.Paragraph>
                <List
                  size="small"
                  dataSource={removed}
                  renderItem={(r) => (
                    <List.Item
                      actions={
                        readOnly
                          ? []
                          : [
                              <Button
                                key="restore"
                                size="small"
                                icon={<UndoOutlined />}
                                onClick={() => setEditing({ entity, restoring: r })}
                                data-testid={`cf-restore-${r.key}`}
                              >
                                {t('customFields.restore')}
                              </Button>,
                            ]
                      }
                    >
                      <Space wrap size={4}>
                        {labelIn(r.label, lang)}
                        <Typography.Text code>{r.key}</Typography.Text>
                        <Tag>{t('customFields.removedTag')}</Tag>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={
              <Space direction="vertical" size={0}>
                <span>{t('customFields.preview')}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                  {t('customFields.previewOf', { entity: t(`customFields.entity.${entity}`) })}
                </Typography.Text>
              </Space>
            }
            data-testid="cf-preview"
          >
            {previewFields.length ? (
              <Form layout="vertical" key={entity}>
                <CustomFieldInputs
                  entity={entity}
                  fields={previewFields}
                  testIdPrefix="preview-cf"
                  cols={{ xs: 24 }}
                  title={t('customFields.section')}
                />
              </Form>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customFields.previewEmpty')} />
            )}
          </Card>
        </Col>
      </Row>
      <ModalForm<FieldValues>
        open={Boolean(editing)}
        width={720}
        title={editing?.original ? t('customFields.edit') : t('customFields.add')}
        okText={t('common.confirm')}
        initialValues={initialValues}
        submit={async (v) => put(toDef(entity, { ...v, key: v.key ?? initialValues.key }))}
        onClose={closeModal}
      >
        {(form) =>
          editing && (
            <FieldInputs
              form={form}
              entity={entity}
              keyLocked={Boolean((original && savedKeys.has(original.key)) || editing.restoring)}
              autoKey={!original && !editing.restoring}
              takenKeys={takenKeys}
              removedKeys={removedKeys}
              suggestKey={suggestKey}
              onLive={(def) => setTyped({ session: editing, def })}
            />
          )
        }
      </ModalForm>
    </PageCard>
  );
}
