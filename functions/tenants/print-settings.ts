import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { PrintDocument, PrintSettings, PutPrintSettingsBody } from '#shared/api/print-settings.ts';
import { customFieldText } from '#shared/api/custom-fields.ts';
import { formatMinor } from '#shared/domain/money.ts';
import { escapeHtml, type PrintExtras } from '#functions/platform/print.ts';
import { productsById } from '#functions/catalog/reads.ts';
import type { Order } from '#shared/api/orders.ts';
import { findOrder } from '#functions/orders/reads.ts';
import { findCustomer } from '#functions/customers/service.ts';
import { getCustomFields } from './custom-fields.ts';
import { env } from '#functions/platform/env.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { PreconditionFailedError } from '#functions/platform/errors.ts';
import { nowIso } from '#functions/platform/ids.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';

/**
 * What every printed document carries (logo, seal, bank details, footer, the company's own fields per
 * document). The images live in items of their own beside the settings (two 200 KB PNGs would not fit
 * DynamoDB's 400 KB item), all three read by one Query and written in one transaction.
 */
const PK = (t: TenantContext) => t.key('SETTINGS');
const SK = { settings: 'PRINT#SETTINGS', logo: 'PRINT#LOGO', seal: 'PRINT#SEAL' } as const;
const blank: PrintSettings['documents']['quotation'] = { fields: [], showPrices: false };
const EMPTY: PrintSettings = {
  logo: null,
  seal: null,
  bankDetails: null,
  footer: null,
  documents: { delivery_note: blank, quotation: blank, sales_statement: blank, credit_note: blank },
  version: 0,
  updatedAt: null,
};

/** Consistent for the settings page and its writes; a print may read a second-old copy (half the cost). */
export async function getPrintSettings(t: TenantContext, consistent = true): Promise<PrintSettings> {
  const { Items = [] } = await t.db.send(
    new QueryCommand({
      TableName: env.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :print)',
      ExpressionAttributeValues: { ':pk': PK(t), ':print': 'PRINT#' },
      ConsistentRead: consistent,
    }),
  );
  const item = (sk: string) => Items.find((i) => i.sk === sk);
  const settings = item(SK.settings);
  if (!settings) return EMPTY;
  // An image counts only when it is the one the settings name (its hash): a rewrite is all or nothing.
  const image = (sk: string, hash: string | undefined) => {
    const i = item(sk);
    return hash && i?.hash === hash ? `data:image/png;base64,${i.data}` : null;
  };
  return {
    logo: image(SK.logo, settings.logoHash),
    seal: image(SK.seal, settings.sealHash),
    bankDetails: settings.bankDetails ?? null,
    footer: settings.footer ?? null,
    documents: { ...EMPTY.documents, ...settings.documents },
    version: settings.version,
    updatedAt: settings.updatedAt,
  };
}

export function putPrintSettings(t: TenantContext, body: z.output<typeof PutPrintSettingsBody>, expected?: number) {
  return retryOnConflict(async () => {
    const current = await getPrintSettings(t);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    const version = current.version + 1;
    const updatedAt = nowIso();
    const hashOf = (url: string | null) => (url ? createHash('sha256').update(url).digest('base64url') : null);
    const hashes = { logo: hashOf(body.logo), seal: hashOf(body.seal) };
    // Only an image that changed is written (each is up to 200 KB: about 270 write units).
    const image = (sk: string, url: string | null, hash: string | null, before: string | null) =>
      hash === hashOf(before)
        ? []
        : [
            url
              ? {
                  Put: {
                    TableName: env.tableName,
                    Item: { pk: PK(t), sk, data: url.slice(url.indexOf(',') + 1), hash },
                  },
                }
              : { Delete: { TableName: env.tableName, Key: { pk: PK(t), sk } } },
          ];
    await transact(t, [
      {
        Put: {
          TableName: env.tableName,
          Item: {
            pk: PK(t),
            sk: SK.settings,
            entity: 'print_settings',
            logoHash: hashes.logo,
            sealHash: hashes.seal,
            bankDetails: body.bankDetails,
            footer: body.footer,
            documents: body.documents,
            version,
            updatedAt,
          },
          ConditionExpression: current.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(current.version === 0 ? {} : { ExpressionAttributeValues: { ':v': current.version } }),
        },
      },
      ...image(SK.logo, body.logo, hashes.logo, current.logo),
      ...image(SK.seal, body.seal, hashes.seal, current.seal),
    ]).catch(staleWrite(expected));
    return { ...body, version, updatedAt } satisfies PrintSettings;
  });
}

type Sources = {
  /** The order the document is about (its fields go to the head, its lines' products to the columns), or its id. */
  order?: Pick<Order, 'customerId' | 'customFields' | 'lines'> | string | null;
  /** The document's products when it has no order (a manual invoice). */
  productIds?: string[];
  /** Money fields hold amounts in the company's base currency (as the API and imports take them). */
  baseCurrency: string;
};

/** What the company's print settings add to one document: images, bank details, footer, its own fields. */
export async function printExtras(
  t: TenantContext,
  doc: PrintDocument | null,
  lang: 'zh-CN' | 'en',
  from: Sources,
): Promise<PrintExtras> {
  const [settings, config, order] = await Promise.all([
    getPrintSettings(t, false),
    doc ? getCustomFields(t) : null,
    typeof from.order === 'string' ? findOrder(t, from.order) : from.order,
  ]);
  const chosen = doc ? settings.documents[doc] : { fields: [], showPrices: false };
  const money = (v: number) => formatMinor(v, from.baseCurrency, lang);
  const defs = (entity: string) =>
    chosen.fields.flatMap((key) => config?.fields.filter((f) => f.entity === entity && f.key === key) ?? []);
  const customer = defs('customer').length && order ? await findCustomer(t, order.customerId) : undefined;
  const head = [
    ...defs('order').map((f) => ({ f, v: order?.customFields?.[f.key] })),
    ...defs('customer').map((f) => ({ f, v: customer?.customFields?.[f.key] })),
  ]
    .map(({ f, v }) => ({ label: f.label[lang], text: customFieldText(f, v, lang, money) }))
    .filter((x) => x.text)
    .map((x) => `<dt>${escapeHtml(x.label)}</dt><dd data-field="cf">${escapeHtml(x.text)}</dd>`)
    .join('');
  const columns = defs('product');
  // Lines are named by product or by order line (a credit note's lines know only the order line).
  const productOf = new Map(order?.lines.map((l) => [l.lineId, l.productId]));
  const productIds = order ? [...productOf.values()] : (from.productIds ?? []);
  const byId = columns.length && productIds.length ? await productsById(t, productIds) : new Map();
  return {
    logo: settings.logo,
    seal: settings.seal,
    bankDetails: settings.bankDetails,
    footer: settings.footer,
    showPrices: chosen.showPrices,
    head,
    columns: columns.length,
    headers: columns.map((f) => `<th>${escapeHtml(f.label[lang])}</th>`).join(''),
    cells: (line) =>
      columns
        .map(
          (f) =>
            `<td data-field="cf-${escapeHtml(f.key)}">${escapeHtml(customFieldText(f, byId.get(productOf.get(line) ?? line)?.customFields?.[f.key], lang, money))}</td>`,
        )
        .join(''),
  };
}
