import { useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { Alert, App, Button, Col, Form, Input, Row, Select, Space, Spin, Switch, Typography } from 'antd';
import { FilePick } from '../../kit/FilePick.tsx';
import { Tabs } from '../../kit/Tabs.tsx';
import { Card } from '../../kit/Card.tsx';
import type { FormInstance } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MAX_PRINT_IMAGE_BYTES, printDocuments, type PrintDocument } from '#shared/api/print-settings.ts';
import { ApiError, call, type Output } from '../../api.ts';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { errorMessage, fieldMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import {
  formatCustomValue,
  labelIn,
  useCustomFieldDefinitions,
  type CustomFieldDef,
  type CustomFieldEntity,
} from '../../kit/CustomFields.tsx';
import { PageCard } from '../../kit/PageCard.tsx';

type Settings = Output<'getPrintSettings'>;
type DocSettings = { fields: string[]; showPrices: boolean };
interface Values {
  logo: string | null;
  seal: string | null;
  bankDetails: string;
  footer: string;
  documents: Record<PrintDocument, DocSettings>;
}

export const printSettingsKey = ['print-settings'] as const;
/** The entities whose fields a printed document can carry: the order's and its customer's in the head, the products' in the lines. */
const printedEntities = ['order', 'customer', 'product'] as const satisfies readonly CustomFieldEntity[];

const toValues = (s: Settings): Values => ({
  logo: s.logo,
  seal: s.seal,
  bankDetails: s.bankDetails ?? '',
  footer: s.footer ?? '',
  documents: Object.fromEntries(
    printDocuments.map((d) => [d, { fields: [...s.documents[d].fields], showPrices: s.documents[d].showPrices }]),
  ) as Values['documents'],
});

/** The form as the API takes it: blank texts as none; prices are a delivery note's choice only. */
const toBody = (v: Values) => ({
  logo: v.logo ?? null,
  seal: v.seal ?? null,
  bankDetails: v.bankDetails?.trim() || null,
  footer: v.footer?.trim() || null,
  documents: Object.fromEntries(
    printDocuments.map((d) => [
      d,
      { fields: v.documents?.[d]?.fields ?? [], showPrices: Boolean(v.documents?.[d]?.showPrices) },
    ]),
  ) as Values['documents'],
});

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The PNG signature (\x89PNG\r\n\x1a\n) is the file's first 8 bytes: the first 12 base64 characters hold them. */
function isPng(base64: string): boolean {
  try {
    return atob(base64.slice(0, 12)).startsWith('\x89PNG\r\n\x1a\n');
  } catch {
    return false;
  }
}

/**
 * A logo or a seal: its thumbnail, a PNG of at most 200 KB chosen from the computer (checked here,
 * and said so in words when it is not one), replaced or removed. The value is the image as a data URL.
 */
function ImagePicker({
  value,
  onChange,
  name,
  hint,
  testId,
  disabled,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  name: string;
  hint: string;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async (file: File) => {
    setProblem(null);
    const named = { name: file.name };
    if (!(file.type === 'image/png' || (!file.type && /\.png$/i.test(file.name))))
      return setProblem(t('printSettings.notPng', named));
    if (file.size > MAX_PRINT_IMAGE_BYTES)
      return setProblem(t('printSettings.tooBig', { ...named, size: Math.ceil(file.size / 1024) }));
    try {
      const url = await readDataUrl(file);
      const data = url.slice(url.indexOf(',') + 1);
      if (!isPng(data)) return setProblem(t('printSettings.notPng', named));
      onChange?.(`data:image/png;base64,${data}`);
    } catch {
      setProblem(t('printSettings.unreadable', named));
    }
  };
  return (
    <div data-testid={testId}>
      <Space align="start" wrap size="middle">
        <div
          style={{
            width: 160,
            height: 96,
            border: '1px dashed #d9d9d9',
            borderRadius: 6,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            background: '#fafafa',
          }}
        >
          {value ? (
            <img
              src={value}
              alt={name}
              style={{ maxWidth: 150, maxHeight: 86, objectFit: 'contain' }}
              data-testid={`${testId}-image`}
            />
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('printSettings.imageRule')}
            </Typography.Text>
          )}
        </div>
        <Space direction="vertical" size={4}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hint}
          </Typography.Text>
          <Space wrap>
            <FilePick accept="image/png,.png" disabled={disabled} onFile={(file) => void choose(file)}>
              <Button icon={<UploadOutlined />} disabled={disabled} data-testid={`${testId}-upload`}>
                {value ? t('printSettings.replace') : t('printSettings.upload')}
              </Button>
            </FilePick>
            {value && (
              <Button
                icon={<DeleteOutlined />}
                disabled={disabled}
                onClick={() => {
                  setProblem(null);
                  onChange?.(null);
                }}
                data-testid={`${testId}-remove`}
              >
                {t('printSettings.removeImage')}
              </Button>
            )}
          </Space>
        </Space>
      </Space>
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginTop: 8 }} data-testid={`${testId}-error`} />
      )}
    </div>
  );
}

/** The custom fields a document can carry, grouped by whose they are (订单字段, 客户字段, 商品字段). */
function fieldOptions(t: TFunction, lang: string, defs: CustomFieldDef[], chosen: string[]) {
  const printable = defs.filter((f) => (printedEntities as readonly string[]).includes(f.entity));
  // A key is one choice (the server matches it in each entity): one shared by two entities says so.
  const entitiesOf = (key: string) => printable.filter((f) => f.key === key).map((f) => f.entity);
  const seen = new Set<string>();
  const groups = printedEntities
    .map((entity) => ({
      label: t(`printSettings.groups.${entity}`),
      title: t(`printSettings.groups.${entity}`),
      options: printable
        .filter((f) => f.entity === entity && !seen.has(f.key))
        .map((f) => {
          seen.add(f.key);
          const shared = entitiesOf(f.key);
          const also =
            shared.length > 1
              ? `（${shared.map((e) => t(`customFields.entity.${e}`)).join(t('customFields.listSeparator'))}）`
              : '';
          return { value: f.key, label: `${labelIn(f.label, lang)}${also}` };
        }),
    }))
    .filter((g) => g.options.length > 0);
  // Chosen before and no longer defined: still listed (so it can be taken off), marked removed.
  const gone = chosen.filter((k) => !seen.has(k));
  if (gone.length)
    groups.push({
      label: t('printSettings.groups.removed'),
      title: t('printSettings.groups.removed'),
      options: gone.map((k) => ({ value: k, label: `${k}（${t('customFields.removedTag')}）` })),
    });
  return { groups, any: seen.size > 0 };
}

/** One document's choices: its custom fields in order, and prices (the delivery note's only). */
function DocumentChoices({
  doc,
  form,
  defs,
  disabled,
}: {
  doc: PrintDocument;
  form: FormInstance<Values>;
  defs: CustomFieldDef[];
  disabled: boolean;
}) {
  const { t, i18n } = useTranslation();
  const chosen = (Form.useWatch(['documents', doc, 'fields'], { form, preserve: true }) as string[] | undefined) ?? [];
  const { groups, any } = fieldOptions(t, i18n.language, defs, chosen);
  return (
    <>
      {!any && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('printSettings.noFields')}
          action={<Link to="/settings/custom-fields">{t('nav.customFields')}</Link>}
        />
      )}
      <Form.Item
        name={['documents', doc, 'fields']}
        label={t('printSettings.fields')}
        extra={t('printSettings.fieldsHint')}
      >
        <Select
          mode="multiple"
          allowClear
          maxCount={10}
          disabled={disabled}
          placeholder={t('printSettings.fieldsPlaceholder')}
          options={groups}
          optionFilterProp="label"
          aria-label={`${t(`printSettings.documents.${doc}`)} ${t('printSettings.fields')}`}
          data-testid={`print-fields-${doc}`}
        />
      </Form.Item>
      {doc === 'delivery_note' ? (
        <Form.Item
          name={['documents', doc, 'showPrices']}
          label={t('printSettings.showPrices')}
          extra={t('printSettings.showPricesHint')}
          valuePropName="checked"
        >
          <Switch disabled={disabled} data-testid="print-show-prices" />
        </Form.Item>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('printSettings.alwaysPrices')}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** A4 at 96 dpi: the preview is laid out at this size and scaled to the column it sits in. */
const PAGE = { width: 794, height: 1123 };

function A4Page({ children, label }: { children: ReactNode; label: string }) {
  const outer = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = outer.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const scale = width ? width / PAGE.width : 0.5;
  return (
    <figure
      ref={outer}
      aria-label={label}
      style={{
        margin: 0,
        width: '100%',
        height: PAGE.height * scale,
        overflow: 'hidden',
        background: '#fff',
        boxShadow: '0 1px 8px rgba(0, 0, 0, 0.18)',
        borderRadius: 2,
      }}
    >
      <div
        style={{ width: PAGE.width, height: PAGE.height, transform: `scale(${scale})`, transformOrigin: 'top left' }}
      >
        {children}
      </div>
    </figure>
  );
}

const cell: CSSProperties = { border: '1px solid #999', padding: '4px 6px', textAlign: 'left' };
const head: CSSProperties = { ...cell, background: '#f2f2f2' };
const num: CSSProperties = { textAlign: 'right', whiteSpace: 'nowrap' };

/**
 * A printed document as the company's settings make it, with sample data: logo top left, the title,
 * an example customer and two lines, the chosen order and customer fields in the head and product
 * fields as columns, prices when the document has them, the seal over the first signature line,
 * bank details (not on a delivery note) and the footer.
 */
function PrintPreview({ doc, form, defs }: { doc: PrintDocument; form: FormInstance<Values>; defs: CustomFieldDef[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { me } = useAuth();
  const currency = useBaseCurrency();
  const watch = { form, preserve: true };
  const logo = Form.useWatch('logo', watch) as string | null | undefined;
  const seal = Form.useWatch('seal', watch) as string | null | undefined;
  const bankDetails = (Form.useWatch('bankDetails', watch) as string | undefined)?.trim();
  const footer = (Form.useWatch('footer', watch) as string | undefined)?.trim();
  const chosen = (Form.useWatch(['documents', doc, 'fields'], watch) as string[] | undefined) ?? [];
  const showPrices = Boolean(Form.useWatch(['documents', 'delivery_note', 'showPrices'], watch));
  const s = (key: string, options?: Record<string, unknown>) => t(`printSettings.sample.${key}`, options ?? {});
  const ofEntity = (entity: CustomFieldEntity) =>
    chosen.flatMap((key) => defs.filter((f) => f.entity === entity && f.key === key));
  const headFields = [...ofEntity('order'), ...ofEntity('customer')];
  const columns = ofEntity('product');
  const prices = doc !== 'delivery_note' || showPrices;
  const ctx = { t, lang, currency };
  const sample = (f: CustomFieldDef, n: 0 | 1): string => {
    const options = f.options ?? [];
    const raw: Record<CustomFieldDef['type'], unknown> = {
      text: s('text', { n: n + 1 }),
      number: [12, 30][n],
      money: [12_800, 5_000][n],
      date: dayjs()
        .add(n * 7, 'day')
        .format('YYYY-MM-DD'),
      select: options[n % Math.max(options.length, 1)]?.value,
      multiselect: options.slice(n, n + 2).map((o) => o.value),
      boolean: n === 0,
    };
    return formatCustomValue(f, raw[f.type], ctx);
  };
  const lines = [
    { sku: 'TEA-LJ-250', name: s('item1'), unit: s('unit1'), qty: 10, price: 38_800 },
    { sku: 'TEA-DH-100', name: s('item2'), unit: s('unit2'), qty: 20, price: 12_800 },
  ];
  const money = (minor: number) => formatMoney(minor, currency);
  const total = lines.reduce((sum, l) => sum + l.qty * l.price, 0);
  const units = lines.reduce((sum, l) => sum + l.qty, 0);
  const day = dayjs().format('YYYY-MM-DD');
  const number = {
    delivery_note: 'SO-000042-1',
    quotation: 'SO-000042',
    sales_statement: 'ST-000042',
    credit_note: 'CN-000042',
  }[doc];
  const meta: [string, string][] =
    doc === 'delivery_note'
      ? [
          [s('deliveryNo'), number],
          [s('order'), 'SO-000042'],
          [s('shippedOn'), day],
        ]
      : [
          [s('number'), number],
          [s('date'), day],
          ...(doc === 'quotation' ? [] : ([[s('order'), 'SO-000042']] as [string, string][])),
        ];
  const signatures = {
    delivery_note: [s('shipper'), s('driver'), s('receiver')],
    quotation: [s('seller'), s('buyer')],
    sales_statement: [s('ourSeal'), '', s('theirSeal')],
    credit_note: [s('creditSeal')],
  }[doc];
  const company = me?.tenant.companyName ?? s('company');
  return (
    <>
      <A4Page label={t('printSettings.previewOf', { document: t(`printSettings.documents.${doc}`) })}>
        <div
          style={{
            padding: 48,
            fontSize: 12,
            color: '#222',
            fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
          }}
          data-testid="print-preview-page"
        >
          {logo && (
            <img
              src={logo}
              alt={s('logo')}
              style={{ maxHeight: 56, maxWidth: 200, display: 'block', marginBottom: 6 }}
              data-testid="print-preview-logo"
            />
          )}
          <div
            style={{
              display: 'flex',
              justifyContent: 'space-between',
              borderBottom: '2px solid #222',
              paddingBottom: 8,
              marginBottom: 12,
            }}
          >
            <div>
              <div
                style={{ fontSize: 22, fontWeight: 700, letterSpacing: 2, marginBottom: 4 }}
                data-testid="print-preview-title"
              >
                {s(`titles.${doc}`)}
              </div>
              <div>{company}</div>
            </div>
            <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px', margin: 0 }}>
              {meta.map(([k, v]) => (
                <Pair key={k} label={k} value={v} />
              ))}
            </dl>
          </div>
          <dl
            style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px', margin: 0 }}
            data-testid="print-preview-head"
          >
            <Pair label={doc === 'delivery_note' ? s('deliverTo') : s('customerLabel')} value={s('customer')} />
            {doc === 'delivery_note' && <Pair label={s('addressLabel')} value={s('address')} />}
            {headFields.map((f) => (
              <Pair key={`${f.entity}.${f.key}`} label={labelIn(f.label, lang)} value={sample(f, 0)} />
            ))}
          </dl>
          <table
            style={{ width: '100%', borderCollapse: 'collapse', margin: '12px 0' }}
            data-testid="print-preview-lines"
          >
            <thead>
              <tr>
                <th style={head}>{s('sku')}</th>
                <th style={head}>{s('item')}</th>
                {columns.map((f) => (
                  <th key={f.key} style={head}>
                    {labelIn(f.label, lang)}
                  </th>
                ))}
                <th style={{ ...head, ...num }}>{s('qty')}</th>
                <th style={head}>{s('unitLabel')}</th>
                {prices && (
                  <>
                    <th style={{ ...head, ...num }}>{s('price')}</th>
                    <th style={{ ...head, ...num }}>{s('amount')}</th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={l.sku}>
                  <td style={cell}>{l.sku}</td>
                  <td style={cell}>{l.name}</td>
                  {columns.map((f) => (
                    <td key={f.key} style={cell}>
                      {sample(f, i as 0 | 1)}
                    </td>
                  ))}
                  <td style={{ ...cell, ...num }}>{l.qty}</td>
                  <td style={cell}>{l.unit}</td>
                  {prices && (
                    <>
                      <td style={{ ...cell, ...num }}>{money(l.price)}</td>
                      <td style={{ ...cell, ...num }}>{money(l.price * l.qty)}</td>
                    </>
                  )}
                </tr>
              ))}
              <tr>
                <th style={head} colSpan={2 + columns.length}>
                  {prices && doc !== 'delivery_note' ? s('grandTotal') : s('total')}
                </th>
                <td style={{ ...cell, ...num }}>{units}</td>
                <td style={cell} />
                {prices && (
                  <>
                    <td style={cell} />
                    <td style={{ ...cell, ...num }}>{money(total)}</td>
                  </>
                )}
              </tr>
            </tbody>
          </table>
          <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 48 }}>
            {signatures.map((label, i) => (
              <div
                // biome-ignore lint/suspicious/noArrayIndexKey: a signature line is its place.
                key={i}
                style={{ width: '30%', borderTop: '1px solid #222', paddingTop: 4, position: 'relative' }}
              >
                {i === 0 && seal && (
                  <img
                    src={seal}
                    alt={s('sealAlt')}
                    style={{
                      position: 'absolute',
                      left: '10%',
                      bottom: 6,
                      width: 144,
                      height: 144,
                      objectFit: 'contain',
                      opacity: 0.85,
                    }}
                    data-testid="print-preview-seal"
                  />
                )}
                {label}
              </div>
            ))}
          </div>
          {bankDetails && doc !== 'delivery_note' && (
            <p style={{ marginTop: 16, whiteSpace: 'pre-line' }} data-testid="print-preview-bank">
              {t('printSettings.bankDetails')}: {bankDetails}
            </p>
          )}
          {footer && (
            <p
              style={{
                marginTop: 16,
                whiteSpace: 'pre-line',
                color: '#555',
                borderTop: '1px solid #ccc',
                paddingTop: 6,
              }}
              data-testid="print-preview-footer"
            >
              {footer}
            </p>
          )}
        </div>
      </A4Page>
      {doc === 'delivery_note' && bankDetails && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('printSettings.previewNoBank')}
        </Typography.Paragraph>
      )}
    </>
  );
}

function Pair({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt style={{ color: '#666' }}>{label}</dt>
      <dd style={{ margin: 0 }}>{value}</dd>
    </>
  );
}

/** A refusal of the save in words: each problem by what it is about (the logo, a document's fields). */
function SaveProblem({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  const stale = error instanceof ApiError && error.code === 'stale_version';
  const errors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  const what = (path: string) => {
    const doc = /^body\.documents\.([a-z_]+)/.exec(path)?.[1];
    if (doc && (printDocuments as readonly string[]).includes(doc))
      return `${t(`printSettings.documents.${doc as PrintDocument}`)} · ${t('printSettings.fields')}`;
    const part = /^body\.(logo|seal|bankDetails|footer)/.exec(path)?.[1];
    return part ? t(`printSettings.${part as 'logo' | 'seal' | 'bankDetails' | 'footer'}`) : path;
  };
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={errorMessage(t, error)}
      data-testid="print-save-error"
      action={
        stale && (
          <Button size="small" onClick={onReload}>
            {t('printSettings.reload')}
          </Button>
        )
      }
      description={
        errors.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {errors.map((e) => (
              <li key={e.path}>{t('printSettings.problem', { what: what(e.path), message: fieldMessage(e) })}</li>
            ))}
          </ul>
        )
      }
    />
  );
}

/**
 * 打印设置 (owner, admin): the logo and seal, bank details and footer every printed document carries,
 * and per document the company's own fields it shows (and prices on delivery notes), beside a live
 * preview of the document chosen. Saved with If-Match.
 */
export function PrintSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [doc, setDoc] = useState<PrintDocument>('delivery_note');
  const [dirty, setDirty] = useState(false);
  const { fields: defs } = useCustomFieldDefinitions();
  const settings = useQuery({
    queryKey: printSettingsKey,
    queryFn: () => call('getPrintSettings'),
    staleTime: 0,
  });
  const readOnly = !can('putPrintSettings');
  const save = useMutation({
    mutationFn: (v: Values) => call('putPrintSettings', { body: toBody(v), ifMatch: settings.data?.version ?? 0 }),
    onSuccess: (next) => {
      queryClient.setQueryData(printSettingsKey, next);
      setDirty(false);
      message.success(t('printSettings.saved'));
    },
  });
  if (settings.isLoading) return <Spin />;
  if (!settings.data) return <Alert type="error" title={errorMessage(t, settings.error)} />;
  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    // Every field of the store, whichever tab shows it.
    save.mutate(form.getFieldsValue(true) as Values);
  };
  const discard = () => {
    form.resetFields();
    setDirty(false);
    save.reset();
  };
  const reload = () => {
    save.reset();
    setDirty(false);
    void settings.refetch();
  };
  return (
    <PageCard
      title={t('printSettings.title')}
      extra={
        !readOnly && (
          <Space wrap>
            <Button disabled={!dirty || save.isPending} onClick={discard} data-testid="print-discard">
              {t('printSettings.discard')}
            </Button>
            <Button
              type="primary"
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => void submit()}
              data-testid="print-save"
            >
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('printSettings.intro')}</Typography.Paragraph>
      {dirty && (
        <Alert
          type="warning"
          showIcon
          title={t('printSettings.unsaved')}
          style={{ marginBottom: 16 }}
          data-testid="print-unsaved"
        />
      )}
      {save.error && <SaveProblem error={save.error} onReload={reload} />}
      <Form<Values>
        // A new version (saved, or reloaded) starts the form afresh from it.
        key={settings.data.version}
        form={form}
        layout="vertical"
        initialValues={toValues(settings.data)}
        disabled={readOnly}
        onValuesChange={() => {
          setDirty(true);
          if (save.error) save.reset();
        }}
      >
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={12}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small" title={t('printSettings.branding')}>
                <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                  <Form.Item name="logo" noStyle>
                    <ImagePicker
                      name={t('printSettings.logo')}
                      hint={t('printSettings.logoHint')}
                      testId="print-logo"
                      disabled={readOnly}
                    />
                  </Form.Item>
                  <Form.Item name="seal" noStyle>
                    <ImagePicker
                      name={t('printSettings.seal')}
                      hint={t('printSettings.sealHint')}
                      testId="print-seal"
                      disabled={readOnly}
                    />
                  </Form.Item>
                </Space>
              </Card>
              <Card size="small" title={t('printSettings.texts')}>
                <Form.Item
                  name="bankDetails"
                  label={t('printSettings.bankDetails')}
                  extra={t('printSettings.bankDetailsHint')}
                  rules={[{ max: 500 }]}
                >
                  <Input.TextArea
                    rows={3}
                    maxLength={500}
                    placeholder={t('printSettings.bankDetailsPlaceholder')}
                    data-testid="print-bank-details"
                  />
                </Form.Item>
                <Form.Item
                  name="footer"
                  label={t('printSettings.footer')}
                  extra={t('printSettings.footerHint')}
                  rules={[{ max: 500 }]}
                  style={{ marginBottom: 0 }}
                >
                  <Input.TextArea
                    rows={2}
                    maxLength={500}
                    placeholder={t('printSettings.footerPlaceholder')}
                    data-testid="print-footer"
                  />
                </Form.Item>
              </Card>
              <Card size="small" title={t('printSettings.documentsTitle')}>
                <Tabs
                  activeKey={doc}
                  onChange={(key) => setDoc(key as PrintDocument)}
                  data-testid="print-documents"
                  items={printDocuments.map((d) => ({
                    key: d,
                    label: t(`printSettings.documents.${d}`),
                    // Every document's fields stay in the form, whichever tab is shown.
                    forceRender: true,
                    children: <DocumentChoices doc={d} form={form} defs={defs} disabled={readOnly} />,
                  }))}
                />
              </Card>
            </Space>
          </Col>
          <Col xs={24} xl={12}>
            <div style={{ position: 'sticky', top: 16 }}>
              <Card
                size="small"
                data-testid="print-preview"
                title={
                  <Space direction="vertical" size={0}>
                    <span>{t('printSettings.preview')}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                      {t('printSettings.previewOf', { document: t(`printSettings.documents.${doc}`) })}
                    </Typography.Text>
                  </Space>
                }
              >
                <PrintPreview doc={doc} form={form} defs={defs} />
              </Card>
            </div>
          </Col>
        </Row>
      </Form>
    </PageCard>
  );
}
