import type { CreditNote } from '#shared/api/aftersales.ts';
import type { Settings } from '#shared/api/tenants.ts';
import { chineseCapitals, formatMinor } from '#shared/domain/money.ts';
import { companyBlock, escapeHtml, noExtras, type PrintExtras, printablePage } from '#functions/platform/print.ts';

const labels = {
  'zh-CN': {
    title: '红字销售结算单',
    subtitle: '退货冲减（本单据不是增值税发票；需红字发票请按信息表开具）',
    number: '红字单号',
    date: '日期',
    order: '原订单号',
    rma: '退货单号',
    customer: '客户',
    taxId: '税号',
    sku: '商品编码',
    item: '品名',
    qty: '数量',
    unit: '单位',
    price: '单价',
    taxRate: '税率',
    subtotal: '金额（不含税）',
    tax: '税额',
    total: '价税合计',
    capitals: '冲减合计（大写）',
    applied: '冲减发票',
    credited: '转为客户余款',
    refunded: '已退款',
    print: '打印',
    seal: '经办人（盖章）',
  },
  en: {
    title: 'Credit note',
    subtitle: 'For returned goods (not a VAT fapiao)',
    number: 'Credit note no.',
    date: 'Date',
    order: 'Order no.',
    rma: 'Return no.',
    customer: 'Customer',
    taxId: 'Tax ID',
    sku: 'SKU',
    item: 'Item',
    qty: 'Qty',
    unit: 'Unit',
    price: 'Unit price',
    taxRate: 'Tax rate',
    subtotal: 'Net',
    tax: 'Tax',
    total: 'Total',
    capitals: 'Total in words',
    applied: 'Applied to invoices',
    credited: "To the customer's credit",
    refunded: 'Refunded',
    print: 'Print',
    seal: 'Issued by (seal)',
  },
} as const;

/** A credit note (红字) as a printable page: the returned lines in red figures, what it settled, the credit left. */
export function renderCreditNote(
  note: CreditNote,
  settings: Settings,
  lang: 'zh-CN' | 'en',
  extras: PrintExtras = noExtras,
): string {
  const l = labels[lang];
  const money = (amount: number) => formatMinor(-amount, note.currency, lang);
  const rows = note.lines
    .map(
      (x) =>
        `<tr><td>${escapeHtml(x.sku)}</td><td>${escapeHtml(x.name)}</td>${extras.cells(x.lineId)}<td class="n">-${x.quantity}</td><td>${escapeHtml(x.unit)}</td><td class="n">${escapeHtml(formatMinor(x.unitPrice, note.currency, lang))}</td><td class="n">${x.taxRate / 100}%</td><td class="n">${escapeHtml(money(x.subtotal))}</td><td class="n">${escapeHtml(money(x.tax))}</td><td class="n">${escapeHtml(money(x.total))}</td></tr>`,
    )
    .join('\n');
  const words = lang === 'zh-CN' && note.currency === 'CNY' ? chineseCapitals(note.total) : null;
  return printablePage(
    lang,
    `${l.title} ${note.number}`,
    l.print,
    `<header>
  <div><h1>${escapeHtml(l.title)}</h1><p class="not-fapiao">${escapeHtml(l.subtitle)}</p>${companyBlock(settings, l.taxId)}</div>
  <dl>
    <dt>${escapeHtml(l.number)}</dt><dd data-field="number">${escapeHtml(note.number)}</dd>
    <dt>${escapeHtml(l.date)}</dt><dd>${escapeHtml(note.issueDate)}</dd>
    <dt>${escapeHtml(l.order)}</dt><dd>${escapeHtml(note.orderNumber)}</dd>
    <dt>${escapeHtml(l.rma)}</dt><dd>${escapeHtml(note.returnNumber)}</dd>
    <dt>${escapeHtml(l.customer)}</dt><dd data-field="customer">${escapeHtml(note.customerName)}</dd>
    ${extras.head}
  </dl>
</header>
<table><thead><tr><th>${escapeHtml(l.sku)}</th><th>${escapeHtml(l.item)}</th>${extras.headers}<th class="n">${escapeHtml(l.qty)}</th><th>${escapeHtml(l.unit)}</th><th class="n">${escapeHtml(l.price)}</th><th class="n">${escapeHtml(l.taxRate)}</th><th class="n">${escapeHtml(l.subtotal)}</th><th class="n">${escapeHtml(l.tax)}</th><th class="n">${escapeHtml(l.total)}</th></tr></thead>
<tbody>
${rows}
<tr><th colspan="${6 + extras.columns}">${escapeHtml(l.total)}</th><td class="n">${escapeHtml(money(note.subtotal))}</td><td class="n">${escapeHtml(money(note.tax))}</td><td class="n" data-field="total">${escapeHtml(money(note.total))}</td></tr>
</tbody></table>
${words ? `<p>${escapeHtml(l.capitals)}: <span data-field="capitals">${escapeHtml(words)}</span></p>` : ''}
<dl>
  ${note.applied.map((a) => `<dt>${escapeHtml(l.applied)}</dt><dd>${escapeHtml(a.invoiceNumber)} ${escapeHtml(formatMinor(a.amount, note.currency, lang))}</dd>`).join('')}
  <dt>${escapeHtml(l.credited)}</dt><dd data-field="credited">${escapeHtml(formatMinor(note.credited, note.currency, lang))}</dd>
  <dt>${escapeHtml(l.refunded)}</dt><dd>${escapeHtml(formatMinor(note.refunded, note.currency, lang))}</dd>
</dl>
<div class="signatures"><div>${escapeHtml(l.seal)}</div></div>`,
    extras,
    lang === 'zh-CN' ? '开户行及账号' : 'Bank and account',
  );
}
