import type { PurchaseOrder, Supplier } from '#shared/api/purchasing.ts';
import type { Settings } from '#shared/api/tenants.ts';
import { chineseCapitals, formatMinor } from '#shared/domain/money.ts';
import { companyDay } from '#shared/domain/dates.ts';
import { companyBlock, escapeHtml, noExtras, type PrintExtras, printablePage } from '#functions/platform/print.ts';

const labels = {
  'zh-CN': {
    title: '采购订单',
    number: '采购单号',
    date: '下单日期',
    expected: '要求到货日期',
    warehouse: '收货仓库',
    buyer: '采购方',
    supplier: '供应商',
    contact: '联系人',
    terms: '付款条件',
    days: '天',
    sku: '商品编码',
    supplierSku: '供应商编码',
    item: '品名',
    qty: '数量',
    unit: '单位',
    price: '单价',
    amount: '金额',
    total: '合计',
    capitals: '合计（大写）',
    notes: '备注',
    taxId: '税号',
    bank: '开户行及账号',
    buyerSeal: '采购方（盖章）',
    supplierSeal: '供应商确认（盖章）',
    confirm: '请确认本订单并按要求日期送货；送货时请附送货单并注明本采购单号。',
    print: '打印',
    statuses: {
      draft: '草稿',
      pending_approval: '待审批',
      approved: '已审批',
      partially_received: '部分到货',
      received: '已到货',
      rejected: '已驳回',
      cancelled: '已取消',
      closed: '已关闭',
    },
    status: '状态',
  },
  en: {
    title: 'Purchase order',
    number: 'PO no.',
    date: 'Order date',
    expected: 'Deliver by',
    warehouse: 'Deliver to warehouse',
    buyer: 'Buyer',
    supplier: 'Supplier',
    contact: 'Contact',
    terms: 'Payment terms',
    days: 'days',
    sku: 'SKU',
    supplierSku: 'Supplier code',
    item: 'Item',
    qty: 'Qty',
    unit: 'Unit',
    price: 'Unit cost',
    amount: 'Amount',
    total: 'Total',
    capitals: 'Total in words',
    notes: 'Notes',
    taxId: 'Tax ID',
    bank: 'Bank and account',
    buyerSeal: 'Buyer (seal)',
    supplierSeal: 'Supplier confirmation (seal)',
    confirm: 'Please confirm this order and deliver by the date asked; quote this PO number on your delivery note.',
    print: 'Print',
    statuses: {
      draft: 'Draft',
      pending_approval: 'Waiting for approval',
      approved: 'Approved',
      partially_received: 'Partly received',
      received: 'Received',
      rejected: 'Rejected',
      cancelled: 'Cancelled',
      closed: 'Closed',
    },
    status: 'Status',
  },
} as const;

/** A purchase order (采购订单) to send to the supplier: both parties, the lines at our cost, the total in words, seals. */
export function renderPurchaseOrder(
  po: PurchaseOrder,
  supplier: Supplier | undefined,
  warehouseName: string,
  settings: Settings,
  lang: 'zh-CN' | 'en',
  extras: PrintExtras = noExtras,
): string {
  const l = labels[lang];
  const money = (amount: number) => formatMinor(amount, po.currency, lang);
  const codes = new Map((supplier?.products ?? []).map((p) => [p.productId, p.supplierSku]));
  const withCodes = po.lines.some((line) => codes.get(line.productId));
  const rows = po.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.sku)}</td>${withCodes ? `<td>${escapeHtml(codes.get(line.productId))}</td>` : ''}<td>${escapeHtml(line.name)}</td><td class="n">${line.quantity}</td><td>${escapeHtml(line.unit)}</td><td class="n">${escapeHtml(money(line.unitCost))}</td><td class="n">${escapeHtml(money(line.total))}</td></tr>`,
    )
    .join('\n');
  const contact = supplier?.contacts[0] as { name?: string; phone?: string } | undefined;
  const billing = supplier?.billing as {
    taxId?: string;
    bankName?: string;
    bankAccount?: string;
    address?: string;
  } | null;
  const words = lang === 'zh-CN' && po.currency === 'CNY' ? chineseCapitals(po.total) : null;
  return printablePage(
    lang,
    `${l.title} ${po.number}`,
    l.print,
    `<header>
  <div><h1>${escapeHtml(l.title)}</h1></div>
  <dl>
    <dt>${escapeHtml(l.number)}</dt><dd data-field="number">${escapeHtml(po.number)}</dd>
    <dt>${escapeHtml(l.date)}</dt><dd>${escapeHtml(companyDay(po.createdAt, settings.timeZone))}</dd>
    ${po.expectedAt ? `<dt>${escapeHtml(l.expected)}</dt><dd data-field="expected">${escapeHtml(po.expectedAt)}</dd>` : ''}
    <dt>${escapeHtml(l.warehouse)}</dt><dd>${escapeHtml(warehouseName)}</dd>
    <dt>${escapeHtml(l.status)}</dt><dd class="status">${escapeHtml(l.statuses[po.status])}</dd>
  </dl>
</header>
<div class="parties">
  <section><h3>${escapeHtml(l.buyer)}</h3>${companyBlock(settings, l.taxId, extras.bankDetails ? undefined : l.bank)}</section>
  <section><h3>${escapeHtml(l.supplier)}</h3>
    <div data-field="supplier">${escapeHtml(po.supplierName)}</div>
    ${billing?.taxId ? `<div>${escapeHtml(l.taxId)}: ${escapeHtml(billing.taxId)}</div>` : ''}
    ${billing?.address ? `<div>${escapeHtml(billing.address)}</div>` : ''}
    ${contact?.name || contact?.phone ? `<div>${escapeHtml(l.contact)}: ${escapeHtml([contact.name, contact.phone].filter(Boolean).join(' '))}</div>` : ''}
    ${supplier ? `<div>${escapeHtml(l.terms)}: ${supplier.paymentTermsDays} ${escapeHtml(l.days)}</div>` : ''}
  </section>
</div>
<table><thead><tr><th>${escapeHtml(l.sku)}</th>${withCodes ? `<th>${escapeHtml(l.supplierSku)}</th>` : ''}<th>${escapeHtml(l.item)}</th><th class="n">${escapeHtml(l.qty)}</th><th>${escapeHtml(l.unit)}</th><th class="n">${escapeHtml(l.price)}</th><th class="n">${escapeHtml(l.amount)}</th></tr></thead>
<tbody>
${rows}
<tr><th colspan="${withCodes ? 6 : 5}">${escapeHtml(l.total)}</th><td class="n" data-field="total">${escapeHtml(money(po.total))}</td></tr>
</tbody></table>
${words ? `<p>${escapeHtml(l.capitals)}: <span data-field="capitals">${escapeHtml(words)}</span></p>` : ''}
${po.notes ? `<p>${escapeHtml(l.notes)}: ${escapeHtml(po.notes)}</p>` : ''}
<p>${escapeHtml(l.confirm)}</p>
<div class="signatures"><div>${escapeHtml(l.buyerSeal)}</div><div>${escapeHtml(l.supplierSeal)}</div></div>`,
    extras,
    l.bank,
  );
}
