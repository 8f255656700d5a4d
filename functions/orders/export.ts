import { pages } from '#functions/platform/query.ts';
import type { ExportOrdersQuery, Order } from '#shared/api/orders.ts';
import { decimal, toCsv } from '#shared/domain/csv.ts';
import { companyDateTime } from '#shared/domain/dates.ts';
import { UnprocessableError } from '#functions/platform/errors.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { customFieldMatcher, getCustomFields } from '#functions/tenants/custom-fields.ts';
import { customFieldText } from '#shared/api/custom-fields.ts';
import * as store from './store.ts';
import { visibility } from '#functions/tenants/scope.ts';

/** One answer must stay well under Lambda's 6 MB response limit. */
export const MAX_EXPORTED_ORDERS = 5_000;

const labels = {
  'zh-CN': {
    headers: [
      '订单号',
      '下单时间',
      '客户',
      '状态',
      '渠道',
      '外部单号',
      '商品编码',
      '品名',
      '单位',
      '数量',
      '单价',
      '单价含税',
      '折扣%',
      '税率%',
      '金额(不含税)',
      '税额',
      '价税合计',
      '已发货',
      '已开票',
      '币种',
    ],
    statuses: {
      draft: '草稿',
      pending_approval: '待审批',
      confirmed: '已确认',
      partially_shipped: '部分发货',
      shipped: '已发货',
      delivered: '已送达',
      completed: '已完成',
      rejected: '已驳回',
      cancelled: '已取消',
    },
    channels: { manual: '手工录入', import: '导入', api: 'API', webshop: '网店' },
    yes: '是',
    no: '否',
  },
  en: {
    headers: [
      'Order no.',
      'Ordered at',
      'Customer',
      'Status',
      'Channel',
      'External ref',
      'SKU',
      'Item',
      'Unit',
      'Qty',
      'Unit price',
      'Price incl. tax',
      'Discount %',
      'Tax %',
      'Net amount',
      'Tax',
      'Total incl. tax',
      'Shipped',
      'Invoiced',
      'Currency',
    ],
    statuses: {
      draft: 'Draft',
      pending_approval: 'Pending approval',
      confirmed: 'Confirmed',
      partially_shipped: 'Partially shipped',
      shipped: 'Shipped',
      delivered: 'Delivered',
      completed: 'Completed',
      rejected: 'Rejected',
      cancelled: 'Cancelled',
    },
    channels: { manual: 'Entered', import: 'Import', api: 'API', webshop: 'Web shop' },
    yes: 'Yes',
    no: 'No',
  },
} as const;

const percent = (bps: number) => (bps / 100).toFixed(bps % 100 ? 2 : 0);

/** The orders the list would show for these filters, every page, one CSV row per order line. */
export async function exportOrders(t: TenantContext, q: ExportOrdersQuery): Promise<string> {
  const orders: Order[] = [];
  const seen = await visibility(t);
  const test = await customFieldMatcher(t, 'order', q.cf);
  let read = 0;
  for await (const items of pages((cursor) => store.listOrders(t, { ...q, limit: 100, cursor }, seen))) {
    read += items.length;
    orders.push(...(test ? items.filter(test) : items));
    // A filter on the company's own fields reads orders it then leaves out: that reading is bounded too.
    if (orders.length > MAX_EXPORTED_ORDERS || read > 4 * MAX_EXPORTED_ORDERS) {
      throw new UnprocessableError(
        'export_too_large',
        orders.length > MAX_EXPORTED_ORDERS
          ? `More than ${MAX_EXPORTED_ORDERS} orders match; narrow the dates or filters.`
          : `More than ${4 * MAX_EXPORTED_ORDERS} orders to look through for this filter; narrow the dates.`,
      );
    }
  }
  const [settings, config] = await Promise.all([getSettings(t), getCustomFields(t)]);
  const lang = q.lang ?? settings.locale;
  const l = labels[lang];
  // A column per order field the company defined, headed by its label in the export's language.
  const fields = config.fields.filter((f) => f.entity === 'order');
  // Times in the company's own clock, amounts in each currency's own digits (JPY has none).
  const rows = orders.flatMap((o) =>
    o.lines.map((line) => [
      o.number,
      companyDateTime(o.createdAt, settings.timeZone),
      o.customerName,
      l.statuses[o.status],
      l.channels[o.channel],
      o.externalRef,
      line.sku,
      line.name,
      line.unit,
      line.quantity,
      decimal(line.unitPrice, o.currency),
      o.pricesIncludeTax ? l.yes : l.no,
      percent(line.discountBps),
      percent(line.taxRate),
      decimal(line.subtotal, o.currency),
      decimal(line.tax, o.currency),
      decimal(line.total, o.currency),
      line.shipped,
      line.invoiced,
      o.currency,
      ...fields.map((f) => customFieldText(f, o.customFields?.[f.key], lang, (v) => decimal(v, settings.baseCurrency))),
    ]),
  );
  return toCsv([[...l.headers, ...fields.map((f) => f.label[lang])], ...rows]);
}
