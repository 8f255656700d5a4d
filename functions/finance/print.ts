import { chineseCapitals, formatMinor } from '#shared/domain/money.ts';
import { companyDay } from '#shared/domain/dates.ts';
import { companyBlock, escapeHtml, noExtras, type PrintExtras, printablePage } from '#functions/platform/print.ts';
import type { Invoice, InvoicePayment } from '#shared/api/finance.ts';
import type { Statement } from './statement.ts';
import type { Settings } from '#shared/api/tenants.ts';

const labels = {
  'zh-CN': {
    title: '销售结算单',
    notFapiao: '本单据不是增值税发票',
    seller: '销售方',
    buyer: '购买方',
    bank: '开户行及账号',
    capitals: '价税合计（大写）',
    inclusive: '单价含税',
    exclusive: '单价不含税',
    fapiao: '发票状态',
    fapiaoStatuses: { not_requested: '未申请开票', requested: '已申请开票', issued: '已开票', red_flushed: '已红冲' },
    fapiaoTypes: {
      vat_special: '增值税专用发票',
      vat_normal: '增值税普通发票',
      e_special: '电子专票',
      e_normal: '电子普票',
    },
    fapiaoType: '发票类型',
    number: '结算单号',
    order: '订单号',
    issueDate: '开票日期',
    dueDate: '到期日',
    terms: '付款条件',
    days: '天',
    billTo: '客户',
    sku: '商品编码',
    item: '品名',
    qty: '数量',
    unit: '单位',
    price: '单价',
    discount: '折扣',
    taxRate: '税率',
    subtotal: '金额（不含税）',
    tax: '税额',
    total: '价税合计',
    paid: '已收款',
    due: '应收余额',
    payments: '收款记录',
    method: '方式',
    reference: '凭证号',
    receivedAt: '收款日期',
    taxId: '税号',
    status: '状态',
    print: '打印',
    statement: '对账单',
    customer: '客户',
    period: '对账期间',
    opening: '期初应收',
    closing: '期末应收',
    creditBalance: '期末预收（客户余款）',
    date: '日期',
    document: '单据号',
    detail: '摘要',
    debit: '应收（开票）',
    credit: '已收（收款）',
    balance: '余额',
    periodTotal: '本期合计',
    invoice: '发票',
    payment: '收款',
    confirm: '请贵司核对。如有不符，请于收到后 7 日内告知，逾期视为无误。',
    ourSeal: '我方（盖章）',
    theirSeal: '客户确认（盖章）',
    noActivity: '本期无往来',
    statuses: { open: '待收款', partially_paid: '部分收款', paid: '已结清', overdue: '已逾期', void: '已作废' },
    methods: {
      bank_transfer: '银行转账',
      alipay: '支付宝',
      wechat_pay: '微信支付',
      cash: '现金',
      card: '刷卡',
      other: '其他',
      credit_note: '红字冲销',
    },
  },
  en: {
    title: 'Sales statement',
    notFapiao: 'This document is not a VAT fapiao',
    seller: 'Seller',
    buyer: 'Buyer',
    bank: 'Bank and account',
    capitals: 'Total in Chinese capitals',
    inclusive: 'Unit prices include tax',
    exclusive: 'Unit prices exclude tax',
    fapiao: 'Fapiao',
    fapiaoStatuses: {
      not_requested: 'Not requested',
      requested: 'Requested',
      issued: 'Issued',
      red_flushed: 'Red-flushed',
    },
    fapiaoTypes: {
      vat_special: 'VAT special fapiao',
      vat_normal: 'VAT normal fapiao',
      e_special: 'Electronic special fapiao',
      e_normal: 'Electronic normal fapiao',
    },
    fapiaoType: 'Fapiao type',
    number: 'Statement no.',
    order: 'Order no.',
    issueDate: 'Issue date',
    dueDate: 'Due date',
    terms: 'Terms',
    days: 'days',
    billTo: 'Bill to',
    sku: 'SKU',
    item: 'Item',
    qty: 'Qty',
    unit: 'Unit',
    price: 'Unit price',
    discount: 'Discount',
    taxRate: 'Tax rate',
    subtotal: 'Net amount',
    tax: 'Tax',
    total: 'Total incl. tax',
    paid: 'Paid',
    due: 'Amount due',
    payments: 'Payments',
    method: 'Method',
    reference: 'Reference',
    receivedAt: 'Received',
    taxId: 'Tax ID',
    status: 'Status',
    print: 'Print',
    statement: 'Statement of account',
    customer: 'Customer',
    period: 'Period',
    opening: 'Opening balance',
    closing: 'Closing balance',
    creditBalance: 'Closing credit (paid in advance)',
    date: 'Date',
    document: 'Document',
    detail: 'Details',
    debit: 'Invoiced',
    credit: 'Paid',
    balance: 'Balance',
    periodTotal: 'Period total',
    invoice: 'Invoice',
    payment: 'Payment',
    confirm: 'Please check this statement and tell us of any difference within 7 days of receiving it.',
    ourSeal: 'For us (seal)',
    theirSeal: 'Confirmed by the customer (seal)',
    noActivity: 'No activity in the period',
    statuses: { open: 'Open', partially_paid: 'Partially paid', paid: 'Paid', overdue: 'Overdue', void: 'Void' },
    methods: {
      bank_transfer: 'Bank transfer',
      alipay: 'Alipay',
      wechat_pay: 'WeChat Pay',
      cash: 'Cash',
      card: 'Card',
      other: 'Other',
      credit_note: 'Credit note',
    },
  },
} as const;

const percent = (bps: number) => `${(bps / 100).toFixed(bps % 100 ? 2 : 0)}%`;

/**
 * The internal invoice as a 销售结算单 (sales statement), not a fapiao: seller's and buyer's billing
 * details, whether unit prices include tax, the total in Chinese capitals (大写) for CNY, and the line
 * "本单据不是增值税发票". A self-contained printable page (A4, print CSS).
 */
export function renderInvoice(
  invoice: Invoice,
  payments: InvoicePayment[],
  settings: Settings,
  lang: 'zh-CN' | 'en',
  x: PrintExtras = noExtras,
): string {
  const l = labels[lang];
  const m = (a: number) => formatMinor(a, invoice.currency, lang);
  const buyer = invoice.buyer;
  const buyerBank = [buyer?.bankName, buyer?.bankAccount].filter(Boolean).join(' ');
  const rows = invoice.lines
    .map(
      (
        line,
      ) => `<tr><td>${escapeHtml(line.sku)}</td><td>${escapeHtml(line.name)}</td>${x.cells(line.productId)}<td class="n">${line.quantity}</td><td>${escapeHtml(line.unit)}</td>
<td class="n">${m(line.unitPrice)}</td><td class="n">${line.discountBps ? percent(line.discountBps) : ''}</td><td class="n">${percent(line.taxRate)}</td>
<td class="n">${m(line.subtotal)}</td><td class="n">${m(line.tax)}</td><td class="n">${m(line.total)}</td></tr>`,
    )
    .join('\n');
  const paymentRows = payments
    .map(
      (p) =>
        `<tr${p.reversedAt ? ' class="reversed"' : ''}><td>${escapeHtml(companyDay(p.receivedAt, settings.timeZone))}</td><td>${escapeHtml(l.methods[p.method])}</td><td>${escapeHtml(p.reference)}</td><td class="n">${m(p.amount.amount)}</td></tr>`,
    )
    .join('\n');
  return printablePage(
    lang,
    `${l.title} ${invoice.number}`,
    l.print,
    `<header>
  <div><h1>${escapeHtml(l.title)}</h1><p class="not-fapiao" data-field="not-fapiao">${escapeHtml(l.notFapiao)}</p></div>
  <dl>
    <dt>${escapeHtml(l.number)}</dt><dd data-field="number">${escapeHtml(invoice.number)}</dd>
    <dt>${escapeHtml(l.order)}</dt><dd>${escapeHtml(invoice.orderNumber)}</dd>
    <dt>${escapeHtml(l.issueDate)}</dt><dd>${escapeHtml(invoice.issueDate)}</dd>
    <dt>${escapeHtml(l.dueDate)}</dt><dd>${escapeHtml(invoice.dueDate)}</dd>
    <dt>${escapeHtml(l.terms)}</dt><dd>${invoice.paymentTermsDays} ${escapeHtml(l.days)}</dd>
    <dt>${escapeHtml(l.status)}</dt><dd class="status">${escapeHtml(l.statuses[invoice.status])}</dd>
    ${x.head}
    <dt>${escapeHtml(l.fapiao)}</dt><dd data-field="fapiao">${escapeHtml(l.fapiaoStatuses[invoice.fapiao.status])}${invoice.fapiao.records.length ? ` · ${invoice.fapiao.records.map((r) => escapeHtml(r.number)).join(', ')}` : ''}</dd>
  </dl>
</header>
<div class="parties">
  <section data-field="seller"><h3>${escapeHtml(l.seller)}</h3>${companyBlock(settings, l.taxId, x.bankDetails ? undefined : l.bank)}</section>
  <section data-field="buyer"><h3>${escapeHtml(l.buyer)}</h3>
  <div>${escapeHtml(buyer?.title ?? invoice.customerName)}</div>
  ${buyer?.taxId ? `<div>${escapeHtml(l.taxId)}: ${escapeHtml(buyer.taxId)}</div>` : ''}
  ${buyer?.address || buyer?.phone ? `<div>${escapeHtml([buyer.address, buyer.phone].filter(Boolean).join(' '))}</div>` : ''}
  ${buyerBank ? `<div>${escapeHtml(l.bank)}: ${escapeHtml(buyerBank)}</div>` : ''}
  ${buyer ? `<div>${escapeHtml(l.fapiaoType)}: ${escapeHtml(l.fapiaoTypes[buyer.fapiaoType])}</div>` : ''}
  </section>
</div>
<p data-field="tax-basis">${escapeHtml(invoice.pricesIncludeTax ? l.inclusive : l.exclusive)}</p>
<table><thead><tr><th>${escapeHtml(l.sku)}</th><th>${escapeHtml(l.item)}</th>${x.headers}<th class="n">${escapeHtml(l.qty)}</th><th>${escapeHtml(l.unit)}</th><th class="n">${escapeHtml(l.price)}</th>
<th class="n">${escapeHtml(l.discount)}</th><th class="n">${escapeHtml(l.taxRate)}</th><th class="n">${escapeHtml(l.subtotal)}</th><th class="n">${escapeHtml(l.tax)}</th><th class="n">${escapeHtml(l.total)}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<table class="totals"><tbody>
<tr><th>${escapeHtml(l.subtotal)}</th><td class="n">${m(invoice.subtotal)}</td></tr>
<tr><th>${escapeHtml(l.tax)}</th><td class="n">${m(invoice.tax)}</td></tr>
<tr><th>${escapeHtml(l.total)}</th><td class="n" data-field="total">${m(invoice.total)}</td></tr>
${invoice.currency === 'CNY' ? `<tr><th>${escapeHtml(l.capitals)}</th><td class="n" data-field="capitals">${escapeHtml(chineseCapitals(invoice.total))}</td></tr>` : ''}
<tr><th>${escapeHtml(l.paid)}</th><td class="n">${m(invoice.amountPaid)}</td></tr>
<tr><th>${escapeHtml(l.due)}</th><td class="n" data-field="due">${m(invoice.amountDue)}</td></tr>
</tbody></table>
${
  payments.length
    ? `<h3>${escapeHtml(l.payments)}</h3><table><thead><tr><th>${escapeHtml(l.receivedAt)}</th><th>${escapeHtml(l.method)}</th><th>${escapeHtml(l.reference)}</th><th class="n">${escapeHtml(l.paid)}</th></tr></thead><tbody>
${paymentRows}
</tbody></table>`
    : ''
}`,
    x,
    l.bank,
  );
}

/** A statement of account (对账单) for the customer to check and seal. */
export function renderStatement(
  statement: Statement,
  settings: Settings,
  lang: 'zh-CN' | 'en',
  extras: PrintExtras = noExtras,
): string {
  const l = labels[lang];
  const sections = statement.sections
    .map((sec) => {
      const m = (a: number) => formatMinor(a, sec.currency, lang);
      const rows = sec.entries
        .map(
          (
            e,
          ) => `<tr><td>${escapeHtml(e.date)}</td><td>${escapeHtml(e.kind === 'invoice' ? l.invoice : l.payment)} ${escapeHtml(e.document)}</td>
<td>${escapeHtml(e.method ? `${l.methods[e.method]} · ${e.detail}` : `${l.order} ${e.detail}`)}</td><td class="n">${e.debit ? m(e.debit) : ''}</td><td class="n">${e.credit ? m(e.credit) : ''}</td><td class="n">${m(e.balance)}</td></tr>`,
        )
        .join('\n');
      return `<table data-currency="${escapeHtml(sec.currency)}"><thead><tr><th>${escapeHtml(l.date)}</th><th>${escapeHtml(l.document)}</th><th>${escapeHtml(l.detail)}</th>
<th class="n">${escapeHtml(l.debit)}</th><th class="n">${escapeHtml(l.credit)}</th><th class="n">${escapeHtml(l.balance)}</th></tr></thead><tbody>
<tr><th colspan="5">${escapeHtml(l.opening)}</th><td class="n" data-field="opening">${m(sec.opening)}</td></tr>
${rows || `<tr><td colspan="6">${escapeHtml(l.noActivity)}</td></tr>`}
<tr><th colspan="3">${escapeHtml(l.periodTotal)}</th><td class="n" data-field="debits">${m(sec.debits)}</td><td class="n" data-field="credits">${m(sec.credits)}</td><td></td></tr>
<tr><th colspan="5">${escapeHtml(sec.closing < 0 ? l.creditBalance : l.closing)}</th><td class="n" data-field="closing"><strong>${m(sec.closing)}</strong></td></tr>
</tbody></table>`;
    })
    .join('\n');
  return printablePage(
    lang,
    `${l.statement} ${statement.customerName}`,
    l.print,
    `<header>
  <div><h1>${escapeHtml(l.statement)}</h1>${companyBlock(settings, l.taxId)}</div>
  <dl>
    <dt>${escapeHtml(l.customer)}</dt><dd data-field="customer">${escapeHtml(statement.customerName)}</dd>
    <dt>${escapeHtml(l.period)}</dt><dd data-field="period">${escapeHtml(statement.from)} – ${escapeHtml(statement.to)}</dd>
  </dl>
</header>
${sections || `<p>${escapeHtml(l.noActivity)}</p>`}
<p>${escapeHtml(l.confirm)}</p>
<div class="signatures"><div>${escapeHtml(l.ourSeal)}</div><div></div><div>${escapeHtml(l.theirSeal)}</div></div>`,
    extras,
    lang === 'zh-CN' ? '开户行及账号' : 'Bank and account',
  );
}
