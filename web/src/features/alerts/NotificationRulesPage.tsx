import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  customerKinds,
  customerStages,
  importKinds,
  orderChannels,
  publicEventTypeNames,
  returnResolutions,
  roles,
  settlementMethods,
  ticketChannels,
  ticketKinds,
  ticketPriorities,
} from '#shared/api/enums.ts';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { ApiError, call, type CallInput, type Output } from '../../api.ts';
import { useBaseCurrency } from '../../auth.tsx';
import { usePeople } from '../../components/people.tsx';
import { currencyOptions } from '../../currencies.ts';
import { errorMessage, fieldMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { CardTable } from '../../kit/CardTable.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { PageCard } from '../../kit/PageCard.tsx';

type Rules = Output<'getNotificationRules'>;
type Rule = Rules['rules'][number];
type RuleInput = NonNullable<CallInput<'putNotificationRules'>['body']>['rules'][number];
type EventType = (typeof publicEventTypeNames)[number];
type Role = (typeof roles)[number];
type Op = 'eq' | 'gte' | 'lte' | 'in';
type Scalar = string | number | boolean;
type FieldType = 'money' | 'number' | 'text' | 'select' | 'boolean';

/** A field of an event's data a condition can test, in words, with how its value is typed. */
interface ConditionField {
  path: string;
  label: string;
  type: FieldType;
  options?: { value: string; label: string }[];
}

export const rulesKey = ['notification-rules'] as const;
const families = [...new Set(publicEventTypeNames.map((e) => e.slice(0, e.indexOf('.'))))];
/** An event type's name in words: `order.confirmed` → 订单已确认 (the locale nests family and action). */
export const eventLabel = (t: TFunction, e: string) => t(`notificationRules.events.${e}`, { defaultValue: e });

const opsOf: Record<FieldType, Op[]> = {
  money: ['gte', 'lte', 'eq'],
  number: ['gte', 'lte', 'eq'],
  text: ['eq', 'in'],
  select: ['eq', 'in'],
  boolean: ['eq'],
};

/**
 * The few fields of each event family worth a condition, by their paths in the event's data (the
 * catalog's schemas, shared/events/catalog.ts): an order event's data is the order (or wraps it, and
 * the server looks inside), a payment event's is `{ payment, invoices }`, a received purchase order's
 * `{ purchaseOrder, receipt }`, a refund's `{ creditNote, refund }`. Money is in minor units there.
 */
function conditionFields(t: TFunction, event: string | undefined): ConditionField[] {
  if (!event) return [];
  const f = (path: string, label: string, type: FieldType, options?: ConditionField['options']) => ({
    path,
    label: t(`notificationRules.fields.${label}`),
    type,
    options,
  });
  const named = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  switch (event.slice(0, event.indexOf('.'))) {
    case 'order':
      return [
        f('total', 'total', 'money'),
        f('customerName', 'customerName', 'text'),
        f('channel', 'channel', 'select', named(orderChannels, 'orders.channels')),
        f('currency', 'currency', 'select', currencyOptions()),
      ];
    case 'customer':
      return [
        f('name', 'customer', 'text'),
        f('kind', 'customerKind', 'select', named(customerKinds, 'kinds')),
        f('stage', 'stage', 'select', named(customerStages, 'stages')),
        f('tier', 'tier', 'text'),
      ];
    case 'invoice':
      return [
        f('total', 'invoiceTotal', 'money'),
        f('amountDue', 'amountDue', 'money'),
        f('customerName', 'customerName', 'text'),
      ];
    case 'payment':
      return [
        f('payment.amount.amount', 'paymentAmount', 'money'),
        f('payment.customerName', 'customerName', 'text'),
        f('payment.method', 'method', 'select', named(settlementMethods, 'finance.methods')),
      ];
    case 'inventory':
      return event === 'inventory.low_stock' ? [f('sku', 'sku', 'text'), f('available', 'available', 'number')] : [];
    case 'import':
      return [f('kind', 'importKind', 'select', named(importKinds, 'imports.kinds'))];
    case 'report':
      return [f('sales', 'sales', 'money'), f('orders', 'orders', 'number')];
    case 'purchase_order': {
      const p = event === 'purchase_order.received' ? 'purchaseOrder.' : '';
      return [f(`${p}total`, 'purchaseTotal', 'money'), f(`${p}supplierName`, 'supplierName', 'text')];
    }
    case 'bill':
      return [
        f('total', 'billTotal', 'money'),
        f('amountDue', 'billDue', 'money'),
        f('supplierName', 'supplierName', 'text'),
      ];
    case 'return':
      return [
        f('total', 'returnTotal', 'money'),
        f('customerName', 'customerName', 'text'),
        f('resolution', 'resolution', 'select', named(returnResolutions, 'aftersales.returns.resolutions')),
      ];
    case 'credit_note':
      return [f('total', 'creditTotal', 'money'), f('customerName', 'customerName', 'text')];
    case 'refund':
      return [f('refund.amount', 'refundAmount', 'money'), f('creditNote.customerName', 'customerName', 'text')];
    case 'ticket':
      return [
        f('priority', 'priority', 'select', named(ticketPriorities, 'aftersales.tickets.priorities')),
        f('kind', 'ticketKind', 'select', named(ticketKinds, 'aftersales.tickets.kinds')),
        f('channel', 'ticketChannel', 'select', named(ticketChannels, 'aftersales.tickets.channels')),
        f('customerName', 'customerName', 'text'),
      ];
    default:
      return [];
  }
}

/** The fields offered for a rule: the event's own, and a condition set some other way (the API) as it is. */
function fieldsFor(t: TFunction, event: string | undefined, when?: Rule['when']): ConditionField[] {
  const fields = conditionFields(t, event);
  if (!when || fields.some((f) => f.path === when.path)) return fields;
  const sample = Array.isArray(when.value) ? when.value[0] : when.value;
  const type: FieldType = typeof sample === 'number' ? 'number' : typeof sample === 'boolean' ? 'boolean' : 'text';
  return [...fields, { path: when.path, label: when.path, type }];
}

/** A condition in words: 「订单金额 ≥ ¥50,000.00」, 「渠道 属于 网店、API」; none is 每次都通知. */
function conditionWords(t: TFunction, rule: Pick<Rule, 'event' | 'when'>, currency: string, lang: string): string {
  const when = rule.when;
  if (!when) return t('notificationRules.always');
  const field = fieldsFor(t, rule.event, when).find((f) => f.path === when.path);
  const one = (v: Scalar) => {
    if (field?.type === 'money' && typeof v === 'number') return formatMoney(v, currency);
    if (field?.type === 'select') return field.options?.find((o) => o.value === v)?.label ?? String(v);
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'number') return v.toLocaleString(lang);
    return t('notificationRules.quoted', { value: v });
  };
  const value = Array.isArray(when.value)
    ? when.value.map(one).join(t('notificationRules.listSeparator'))
    : one(when.value);
  return t(`notificationRules.words.${when.op}`, { field: field?.label ?? when.path, value });
}

/** The rule dialog's values: the condition's value as typed (money in yuan, a list for 属于其中之一). */
interface RuleValues {
  name: string;
  event?: EventType;
  path?: string;
  op?: Op;
  value?: Scalar | Scalar[];
  roles?: Role[];
  userIds?: string[];
  channelIds?: string[];
}

const toValues = (t: TFunction, rule: Rule, currency: string): RuleValues => {
  const when = rule.when;
  const field = when ? fieldsFor(t, rule.event, when).find((f) => f.path === when.path) : undefined;
  const typed = (v: Scalar) =>
    field?.type === 'money' && typeof v === 'number'
      ? fromMinor(v, currency)
      : when?.op === 'in' && typeof v === 'number'
        ? String(v)
        : v;
  return {
    name: rule.name,
    event: rule.event,
    path: when?.path,
    op: when?.op,
    value: when ? (Array.isArray(when.value) ? when.value.map(typed) : typed(when.value)) : undefined,
    roles: rule.notify.roles,
    userIds: rule.notify.userIds,
    channelIds: rule.notify.channelIds,
  };
};

/** The condition as the API takes it: money back in minor units, numbers as numbers. */
function toWhen(v: RuleValues, field: ConditionField | undefined, currency: string): RuleInput['when'] {
  if (!v.path || !field || !v.op || v.value === undefined || v.value === null) return null;
  const one = (x: Scalar): Scalar => {
    if (field.type === 'money') return toMinor(Number(x), currency);
    if (field.type === 'number') return Number(x);
    return typeof x === 'string' ? x.trim() : x;
  };
  const value = Array.isArray(v.value) ? v.value.map(one) : one(v.value);
  return { path: v.path, op: v.op, value: v.op === 'in' && !Array.isArray(value) ? [value] : value };
}

const asInput = (r: Rule): RuleInput => ({
  id: r.id,
  name: r.name,
  event: r.event,
  when: r.when as RuleInput['when'],
  notify: r.notify,
  enabled: r.enabled,
});

const ruleParts = ['name', 'event', 'when', 'path', 'op', 'value', 'notify', 'roles', 'userIds', 'channelIds'];
/** What a problem under a rule is about: `when.value` → value, `notify.userIds.0` → userIds. */
function ruleProblemPart(rest: string): string {
  const [head = '', sub] = rest.split('.');
  return (head === 'when' || head === 'notify') && sub && ruleParts.includes(sub) ? sub : head;
}
/** A problem's message in words (the server names unknown people and channels in English, without a code). */
function rulePartMessage(t: TFunction, e: { path: string; message: string; code?: string }, part: string) {
  if (part === 'userIds') return t('notificationRules.errors.user');
  if (part === 'channelIds') return t('notificationRules.errors.channel');
  if (part === 'notify') return t('notificationRules.errors.recipients');
  return fieldMessage(e);
}
const RULE_PATH = /^(?:body\.)?rules\.(\d+)(?:\.(.*))?$/;

/** What a refusal says about the rules, in words: 规则「大额订单」的人员：不是本公司的成员. */
function problemWords(t: TFunction, error: unknown, names: string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((e) => {
    const m = RULE_PATH.exec(e.path);
    if (!m) return fieldMessage(e);
    const part = ruleProblemPart(m[2] ?? '');
    return t('notificationRules.problemOf', {
      name: names[Number(m[1])] ?? `#${Number(m[1]) + 1}`,
      what: ruleParts.includes(part) ? t(`notificationRules.whats.${part}`) : part,
      message: rulePartMessage(t, e, part),
    });
  });
}

function ProblemList({ t, error, names, testId }: { t: TFunction; error: unknown; names: string[]; testId: string }) {
  const words = problemWords(t, error, names);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={errorMessage(t, error)}
      data-testid={testId}
      description={
        words.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {words.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )
      }
    />
  );
}

/** A refusal of the list sent, and the rules' names in it (by their places). */
type Problems = { error: unknown; names: string[] };

/** The value's input, fitting the field and the comparison: an amount in yuan, a choice, text, a list. */
function ValueInput({
  field,
  op,
  currency,
  value,
  onChange,
}: {
  field: ConditionField;
  op: Op | undefined;
  currency: string;
  value?: Scalar | Scalar[];
  onChange?: (v: unknown) => void;
}) {
  const { t } = useTranslation();
  const common = { value, onChange, 'data-testid': 'rule-value', 'aria-label': t('notificationRules.value') };
  if (field.type === 'money' || field.type === 'number')
    return op === 'in' ? (
      <Select
        mode="tags"
        open={false}
        maxCount={20}
        {...common}
        placeholder={t('notificationRules.valuePlaceholder')}
      />
    ) : (
      <InputNumber
        {...(common as object)}
        style={{ width: '100%' }}
        min={field.type === 'money' ? 0 : undefined}
        precision={field.type === 'money' ? minorDigits(currency) : undefined}
        addonAfter={field.type === 'money' ? currency : undefined}
      />
    );
  if (field.type === 'select')
    return (
      <Select
        {...common}
        mode={op === 'in' ? 'multiple' : undefined}
        maxCount={op === 'in' ? 20 : undefined}
        options={field.options}
        showSearch
        optionFilterProp="label"
      />
    );
  if (field.type === 'boolean')
    return (
      <Radio.Group
        {...(common as object)}
        optionType="button"
        options={[
          { value: true, label: t('common.yes') },
          { value: false, label: t('common.no') },
        ]}
      />
    );
  return op === 'in' ? (
    <Select mode="tags" open={false} maxCount={20} {...common} placeholder={t('notificationRules.valuePlaceholder')} />
  ) : (
    <Input {...(common as object)} maxLength={100} />
  );
}

/** The rule dialog's inputs: name, event, an optional condition built from the event's fields, and who is told. */
function RuleInputs({
  form,
  original,
  channels,
  problems,
}: {
  form: FormInstance<RuleValues>;
  original: Rule | undefined;
  channels: { id: string; name: string }[];
  problems: Problems | null;
}) {
  const { t } = useTranslation();
  const currency = useBaseCurrency();
  const people = usePeople();
  const event = Form.useWatch('event', form) as EventType | undefined;
  const path = Form.useWatch('path', form);
  const op = Form.useWatch('op', form) as Op | undefined;
  const fields = fieldsFor(t, event, original?.event === event ? original?.when : null);
  const field = fields.find((f) => f.path === path);
  const eventOptions = families.map((fam) => ({
    label: t(`notificationRules.families.${fam}`, { defaultValue: fam }),
    title: fam,
    options: publicEventTypeNames
      .filter((e) => e.startsWith(`${fam}.`))
      .map((e) => ({ value: e, label: eventLabel(t, e) })),
  }));
  const changeEvent = (next: EventType) => {
    // A condition on a field the new event does not have goes.
    if (path && !conditionFields(t, next).some((f) => f.path === path))
      form.setFieldsValue({ path: undefined, op: undefined, value: undefined });
  };
  const changePath = (next: string | undefined) => {
    const f = fields.find((x) => x.path === next);
    form.setFieldsValue({ op: f ? opsOf[f.type][0] : undefined, value: undefined });
  };
  const changeOp = (next: Op) => {
    // One value and a list of them become each other.
    const v = form.getFieldValue('value') as Scalar | Scalar[] | undefined;
    if (next === 'in' && v !== undefined && v !== null && !Array.isArray(v)) form.setFieldValue('value', [String(v)]);
    else if (next !== 'in' && Array.isArray(v)) {
      const first = v[0];
      form.setFieldValue(
        'value',
        first === undefined ? undefined : field?.type === 'money' || field?.type === 'number' ? Number(first) : first,
      );
    }
  };
  const recipients = [['roles'], ['userIds'], ['channelIds']];
  return (
    <>
      {problems && <ProblemList t={t} error={problems.error} names={problems.names} testId="rule-problems" />}
      <Form.Item
        name="name"
        label={t('notificationRules.name')}
        rules={[{ required: true, whitespace: true, message: t('errors.required') }, { max: 60 }]}
      >
        <Input maxLength={60} placeholder={t('notificationRules.namePlaceholder')} data-testid="rule-name" />
      </Form.Item>
      <Form.Item
        name="event"
        label={t('notificationRules.event')}
        rules={[{ required: true, message: t('errors.required') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          placeholder={t('notificationRules.eventPlaceholder')}
          options={eventOptions}
          onChange={changeEvent}
          data-testid="rule-event"
        />
      </Form.Item>
      <Typography.Text strong>{t('notificationRules.condition')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {event && !fields.length ? t('notificationRules.noFieldsForEvent') : t('notificationRules.conditionHint')}
      </Typography.Paragraph>
      {fields.length > 0 && (
        <Row gutter={8}>
          <Col xs={24} sm={8}>
            <Form.Item name="path" label={t('notificationRules.field')}>
              <Select
                allowClear
                placeholder={t('notificationRules.fieldPlaceholder')}
                options={fields.map((f) => ({ value: f.path, label: f.label }))}
                onChange={changePath}
                data-testid="rule-field"
              />
            </Form.Item>
          </Col>
          {field && (
            <>
              <Col xs={24} sm={6}>
                <Form.Item
                  name="op"
                  label={t('notificationRules.op')}
                  rules={[{ required: true, message: t('errors.required') }]}
                >
                  <Select
                    options={opsOf[field.type].map((o) => ({ value: o, label: t(`notificationRules.ops.${o}`) }))}
                    onChange={changeOp}
                    data-testid="rule-op"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={10}>
                <Form.Item
                  name="value"
                  label={
                    field.type === 'money'
                      ? `${t('notificationRules.value')}（${currency}）`
                      : t('notificationRules.value')
                  }
                  rules={[
                    {
                      validator: async (_, v: unknown) => {
                        const list = Array.isArray(v) ? v : [v];
                        if (
                          v === undefined ||
                          v === null ||
                          list.length === 0 ||
                          list.some((x) => `${x}`.trim() === '')
                        )
                          throw new Error(t('errors.required'));
                        if (
                          (field.type === 'money' || field.type === 'number') &&
                          list.some((x) => !Number.isFinite(Number(x)))
                        )
                          throw new Error(t('notificationRules.errors.number'));
                      },
                    },
                  ]}
                >
                  <ValueInput field={field} op={op} currency={currency} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      )}
      <Typography.Text strong>{t('notificationRules.notify')}</Typography.Text>
      <Form.Item
        name="roles"
        label={t('notificationRules.roles')}
        extra={t('notificationRules.rolesHint')}
        dependencies={recipients.slice(1)}
        rules={[
          {
            validator: async (_, v: Role[] | undefined) => {
              const others =
                (form.getFieldValue('userIds')?.length ?? 0) + (form.getFieldValue('channelIds')?.length ?? 0);
              if (!(v?.length ?? 0) && !others) throw new Error(t('notificationRules.recipientRequired'));
            },
          },
        ]}
        style={{ marginTop: 8 }}
      >
        <Select
          mode="multiple"
          allowClear
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          optionFilterProp="label"
          data-testid="rule-roles"
        />
      </Form.Item>
      <Form.Item name="userIds" label={t('notificationRules.users')}>
        <Select
          mode="multiple"
          allowClear
          loading={people.loading}
          optionFilterProp="label"
          options={people.users.map((u) => ({
            value: u.id,
            label: `${u.name ?? u.email} · ${t(`roles.${u.role}`)}`,
          }))}
          data-testid="rule-users"
        />
      </Form.Item>
      <Form.Item
        name="channelIds"
        label={t('notificationRules.channels')}
        extra={
          <span>
            {t('notificationRules.channelsHint')} · <Link to="/settings/notifications">{t('nav.channels')}</Link>
          </span>
        }
      >
        <Select
          mode="multiple"
          allowClear
          placeholder={channels.length ? undefined : t('notificationRules.noChannels')}
          optionFilterProp="label"
          options={channels.map((c) => ({ value: c.id, label: c.name }))}
          data-testid="rule-channels"
        />
      </Form.Item>
    </>
  );
}

/** Who a rule tells, as tags: roles, people by name, channels by name. */
function Recipients({
  rule,
  channels,
  nameOf,
}: {
  rule: Rule;
  channels: Map<string, string>;
  nameOf: (id: string) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {rule.notify.roles.map((r) => (
        <Tag key={r} color="blue">
          {t(`roles.${r}`)}
        </Tag>
      ))}
      {rule.notify.userIds.map((id) => (
        <Tag key={id}>{nameOf(id) ?? t('notificationRules.unknownUser')}</Tag>
      ))}
      {rule.notify.channelIds.map((id) => (
        <Tag key={id} color="green">
          {channels.get(id) ?? t('notificationRules.unknownChannel')}
        </Tag>
      ))}
    </Space>
  );
}

/**
 * 通知规则 (owner, admin): the company's own rules, "when this happens and this holds, tell these
 * roles, people and channels", as a table in words; added and changed in a dialog that builds the
 * condition from the event's fields (amounts typed in yuan), switched on and off, deleted. Every
 * change saves the whole list with If-Match.
 */
export function NotificationRulesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const currency = useBaseCurrency();
  const people = usePeople();
  const [editing, setEditing] = useState<{ rule?: Rule } | null>(null);
  const [dialogProblems, setDialogProblems] = useState<Problems | null>(null);
  const rules = useQuery({ queryKey: rulesKey, queryFn: () => call('getNotificationRules'), staleTime: 0 });
  const channelList = useQuery({ queryKey: ['channels'], queryFn: () => call('getNotificationChannels') });
  const channels = (channelList.data?.channels ?? []).map((c) => ({ id: c.id, name: c.name }));
  const channelNames = new Map(channels.map((c) => [c.id, c.name]));
  const userNames = new Map(people.users.map((u) => [u.id, u.name ?? u.email]));
  const put = (list: RuleInput[]) =>
    call('putNotificationRules', { body: { rules: list }, ifMatch: rules.data?.version ?? 0 });
  const change = useMutation({
    mutationFn: ({ list }: { list: RuleInput[]; done: string; target: string }) => put(list),
    onSuccess: (next, { done }) => {
      queryClient.setQueryData(rulesKey, next);
      message.success(done);
    },
  });
  if (rules.isLoading) return <Spin />;
  if (!rules.data) return <Alert type="error" title={errorMessage(t, rules.error)} />;
  const saved = rules.data.rules;
  const names = saved.map((r) => r.name);
  const toggle = (rule: Rule, enabled: boolean) =>
    change.mutate({
      list: saved.map((r) => asInput(r.id === rule.id ? { ...r, enabled } : r)),
      done: enabled ? t('notificationRules.enabledOn') : t('notificationRules.enabledOff'),
      target: rule.id,
    });
  const remove = (rule: Rule) =>
    modal.confirm({
      title: t('notificationRules.removeConfirm', { name: rule.name }),
      content: t('notificationRules.removeHint'),
      okText: t('notificationRules.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        change
          .mutateAsync({
            list: saved.filter((r) => r.id !== rule.id).map(asInput),
            done: t('notificationRules.removed'),
            target: rule.id,
          })
          .catch(() => undefined),
    });
  const original = editing?.rule;
  const submit = async (v: RuleValues) => {
    const field = fieldsFor(t, v.event, original?.event === v.event ? original?.when : null).find(
      (f) => f.path === v.path,
    );
    const edited: RuleInput = {
      ...(original ? { id: original.id } : {}),
      name: v.name.trim(),
      event: v.event as EventType,
      when: toWhen(v, field, currency),
      notify: { roles: v.roles ?? [], userIds: v.userIds ?? [], channelIds: v.channelIds ?? [] },
      enabled: original?.enabled ?? true,
    };
    const list = original
      ? saved.map((r) => (r.id === original.id ? edited : asInput(r)))
      : [...saved.map(asInput), edited];
    const index = original ? saved.findIndex((r) => r.id === original.id) : saved.length;
    setDialogProblems(null);
    try {
      return await put(list);
    } catch (error) {
      if (!(error instanceof ApiError) || !error.problem.errors?.length) throw error;
      // The edited rule's problems go on its fields; any other rule's are said above the form.
      const ofRule = (e: { path: string }) => RULE_PATH.exec(e.path)?.[1];
      const own = error.problem.errors.filter((e) => ofRule(e) === String(index));
      const others = error.problem.errors.filter((e) => ofRule(e) !== String(index));
      if (others.length)
        setDialogProblems({
          error: new ApiError(error.status, { ...error.problem, errors: others }),
          names: list.map((r) => r.name),
        });
      const fieldOf: Record<string, keyof RuleValues> = { when: 'value', notify: 'roles', event: 'event' };
      const onField = own.map((e) => {
        const part = ruleProblemPart(RULE_PATH.exec(e.path)?.[2] ?? '');
        const name = fieldOf[part] ?? (ruleParts.includes(part) ? part : 'name');
        return { path: `body.${name}`, message: rulePartMessage(t, e, part) };
      });
      throw new ApiError(error.status, { ...error.problem, errors: onField });
    }
  };
  const closeDialog = () => {
    setEditing(null);
    setDialogProblems(null);
  };
  const initialValues: Partial<RuleValues> = original
    ? toValues(t, original, currency)
    : { roles: [], userIds: [], channelIds: [] };
  const actions = (rule: Rule, i: number) => (
    <Space size={0} wrap>
      <Button type="link" icon={<EditOutlined />} onClick={() => setEditing({ rule })} data-testid={`rule-edit-${i}`}>
        {t('common.edit')}
      </Button>
      <Button
        type="link"
        danger
        icon={<DeleteOutlined />}
        onClick={() => remove(rule)}
        data-testid={`rule-delete-${i}`}
      >
        {t('notificationRules.remove')}
      </Button>
    </Space>
  );
  const enabledSwitch = (rule: Rule, i: number) => (
    <Switch
      checked={rule.enabled}
      loading={change.isPending && change.variables?.target === rule.id}
      onChange={(on) => toggle(rule, on)}
      aria-label={`${t('notificationRules.enabled')} ${rule.name}`}
      data-testid={`rule-enabled-${i}`}
    />
  );
  return (
    <PageCard
      title={t('notificationRules.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            setDialogProblems(null);
            setEditing({});
          }}
          data-testid="rule-add"
        >
          {t('notificationRules.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('notificationRules.intro')}</Typography.Paragraph>
      {change.error && <ProblemList t={t} error={change.error} names={names} testId="rules-error" />}
      <CardTable<Rule>
        rowKey="id"
        dataSource={saved}
        pagination={false}
        testId="rules-table"
        emptyText={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notificationRules.none')} />}
        card={(r, i) => ({
          title: r.name,
          extra: enabledSwitch(r, i),
          fields: [
            { label: t('notificationRules.event'), value: eventLabel(t, r.event) },
            {
              label: t('notificationRules.condition'),
              value: <span data-testid="rule-condition">{conditionWords(t, r, currency, lang)}</span>,
            },
            {
              label: t('notificationRules.notify'),
              value: <Recipients rule={r} channels={channelNames} nameOf={(id) => userNames.get(id)} />,
            },
          ],
          footer: actions(r, i),
        })}
        columns={[
          { title: t('notificationRules.name'), render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text> },
          { title: t('notificationRules.event'), render: (_, r) => eventLabel(t, r.event) },
          {
            title: t('notificationRules.condition'),
            render: (_, r) => <span data-testid="rule-condition">{conditionWords(t, r, currency, lang)}</span>,
          },
          {
            title: t('notificationRules.notify'),
            render: (_, r) => <Recipients rule={r} channels={channelNames} nameOf={(id) => userNames.get(id)} />,
          },
          { title: t('notificationRules.enabled'), render: (_, r, i) => enabledSwitch(r, i) },
          { title: t('common.actions'), render: (_, r, i) => actions(r, i) },
        ]}
      />
      <ModalForm<RuleValues, Rules>
        open={Boolean(editing)}
        width={680}
        title={original ? t('notificationRules.edit') : t('notificationRules.add')}
        initialValues={initialValues}
        submit={submit}
        successMessage={t('notificationRules.saved')}
        onDone={(next) => queryClient.setQueryData(rulesKey, next)}
        onClose={closeDialog}
      >
        {(form) =>
          editing && <RuleInputs form={form} original={original} channels={channels} problems={dialogProblems} />
        }
      </ModalForm>
    </PageCard>
  );
}
