import type { Order, Shipment } from '#shared/api/orders.ts';
import type { Settings } from '#shared/api/tenants.ts';
import { companyBlock, escapeHtml, noExtras, type PrintExtras, printablePage } from '#functions/platform/print.ts';
import { chineseCapitals, formatMinor } from '#shared/domain/money.ts';
import { companyDay } from '#shared/domain/dates.ts';

const labels = {
  'zh-CN': {
    title: '送货单',
    number: '送货单号',
    order: '订单号',
    date: '发货日期',
    warehouse: '发货仓库',
    carrier: '承运商',
    tracking: '运单号',
    customer: '收货单位',
    address: '收货地址',
    contact: '联系人',
    sku: '商品编码',
    item: '品名',
    qty: '数量',
    unit: '单位',
    total: '合计',
    notes: '备注',
    shipper: '发货人',
    driver: '送货人',
    receiver: '收货人签字 / 日期',
    taxId: '税号',
    price: '单价',
    amount: '金额',
    print: '打印',
  },
  en: {
    title: 'Delivery note',
    number: 'Delivery no.',
    order: 'Order no.',
    date: 'Shipped on',
    warehouse: 'From warehouse',
    carrier: 'Carrier',
    tracking: 'Tracking no.',
    customer: 'Deliver to',
    address: 'Address',
    contact: 'Contact',
    sku: 'SKU',
    item: 'Item',
    qty: 'Qty',
    unit: 'Unit',
    total: 'Total',
    notes: 'Notes',
    shipper: 'Shipped by',
    driver: 'Delivered by',
    receiver: 'Received by (signature / date)',
    taxId: 'Tax ID',
    price: 'Unit price',
    amount: 'Amount',
    print: 'Print',
  },
} as const;

/** The delivery note's number: the order's number and the shipment's place among the order's shipments (SO-2026-000042-2). */
export const deliveryNumber = (order: Order, index: number) => `${order.number}-${index + 1}`;

/** A shipment's delivery note (送货单): what was sent, to whom and where, with lines to sign on receipt. No prices. */
export function renderDeliveryNote(
  order: Order,
  shipment: Shipment,
  index: number,
  settings: Settings,
  lang: 'zh-CN' | 'en',
  x: PrintExtras = noExtras,
): string {
  const l = labels[lang];
  const a = order.shippingAddress;
  // Prices only when the company prints them on its delivery notes: the order line's unit price and the shipped
  // share of its amount after discount, both 含税 or both not, as the order's prices are.
  const money = (amount: number) => escapeHtml(formatMinor(amount, order.currency, lang));
  const priced = (lineId: string, quantity: number) => {
    const line = order.lines.find((o) => o.lineId === lineId);
    return line
      ? `<td class="n">${money(line.unitPrice)}</td><td class="n">${money(Math.round(((order.pricesIncludeTax ? line.total : line.subtotal) * quantity) / line.quantity))}</td>`
      : '<td></td><td></td>';
  };
  const priceHeads = x.showPrices
    ? `<th class="n">${escapeHtml(l.price)}</th><th class="n">${escapeHtml(l.amount)}</th>`
    : '';
  const address = a ? [a.province, a.city, a.district, a.line1, a.postalCode].filter(Boolean).join(' ') : '';
  const units = shipment.lines.reduce((sum, line) => sum + line.quantity, 0);
  const rows = shipment.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.sku)}</td><td>${escapeHtml(line.name)}</td>${x.cells(line.productId)}<td class="n">${line.quantity}</td><td>${escapeHtml(line.unit)}</td>${x.showPrices ? priced(line.lineId, line.quantity) : ''}</tr>`,
    )
    .join('\n');
  const number = deliveryNumber(order, index);
  return printablePage(
    lang,
    `${l.title} ${number}`,
    l.print,
    `<header>
  <div><h1>${escapeHtml(l.title)}</h1>${companyBlock(settings, l.taxId)}</div>
  <dl>
    <dt>${escapeHtml(l.number)}</dt><dd data-field="number">${escapeHtml(number)}</dd>
    <dt>${escapeHtml(l.order)}</dt><dd>${escapeHtml(order.number)}</dd>
    <dt>${escapeHtml(l.date)}</dt><dd>${escapeHtml(shipment.at.slice(0, 10))}</dd>
    <dt>${escapeHtml(l.warehouse)}</dt><dd>${escapeHtml(shipment.warehouseName)}</dd>
    ${shipment.carrier ? `<dt>${escapeHtml(l.carrier)}</dt><dd>${escapeHtml(shipment.carrier)}</dd>` : ''}
    ${shipment.trackingNumber ? `<dt>${escapeHtml(l.tracking)}</dt><dd data-field="tracking">${escapeHtml(shipment.trackingNumber)}</dd>` : ''}
  </dl>
</header>
<dl>
  <dt>${escapeHtml(l.customer)}</dt><dd data-field="customer">${escapeHtml(order.customerName)}</dd>
  ${address ? `<dt>${escapeHtml(l.address)}</dt><dd>${escapeHtml(address)}</dd>` : ''}
  ${a?.name || a?.phone ? `<dt>${escapeHtml(l.contact)}</dt><dd>${escapeHtml([a.name, a.phone].filter(Boolean).join(' '))}</dd>` : ''}
  ${order.notes ? `<dt>${escapeHtml(l.notes)}</dt><dd>${escapeHtml(order.notes)}</dd>` : ''}
  ${x.head}
</dl>
<table><thead><tr><th>${escapeHtml(l.sku)}</th><th>${escapeHtml(l.item)}</th>${x.headers}<th class="n">${escapeHtml(l.qty)}</th><th>${escapeHtml(l.unit)}</th>${priceHeads}</tr></thead>
<tbody>
${rows}
<tr><th colspan="${2 + x.columns}">${escapeHtml(l.total)}</th><td class="n" data-field="units">${units}</td><td></td>${x.showPrices ? '<td></td><td></td>' : ''}</tr>
</tbody></table>
<div class="signatures"><div>${escapeHtml(l.shipper)}</div><div>${escapeHtml(l.driver)}</div><div>${escapeHtml(l.receiver)}</div></div>`,
    x,
  );
}

const quoteLabels = {
  'zh-CN': {
    quotation: '报价单',
    confirmation: '订单确认单',
    number: '单号',
    date: '日期',
    validUntil: '报价有效期至',
    delivery: '要求交货日期',
    to: '客户',
    sku: '商品编码',
    item: '品名',
    qty: '数量',
    unit: '单位',
    price: '单价',
    discount: '折扣',
    taxRate: '税率',
    amount: '金额',
    subtotal: '不含税金额',
    tax: '税额',
    total: '价税合计',
    capitals: '合计（大写）',
    inclusive: '以上单价含税',
    exclusive: '以上单价不含税',
    notes: '备注',
    taxId: '税号',
    bank: '开户行及账号',
    seller: '报价方（盖章）',
    buyer: '客户确认（盖章）',
    print: '打印',
  },
  en: {
    quotation: 'Quotation',
    confirmation: 'Order confirmation',
    number: 'No.',
    date: 'Date',
    validUntil: 'Valid until',
    delivery: 'Requested delivery',
    to: 'Customer',
    sku: 'SKU',
    item: 'Item',
    qty: 'Qty',
    unit: 'Unit',
    price: 'Unit price',
    discount: 'Discount',
    taxRate: 'Tax',
    amount: 'Amount',
    subtotal: 'Net',
    tax: 'Tax',
    total: 'Total',
    capitals: 'Total in words',
    inclusive: 'Prices include tax',
    exclusive: 'Prices exclude tax',
    notes: 'Notes',
    taxId: 'Tax ID',
    bank: 'Bank and account',
    seller: 'Quoted by (seal)',
    buyer: 'Accepted by the customer (seal)',
    print: 'Print',
  },
} as const;

/** A quotation (报价单) or an order confirmation: the lines at their prices, tax, the total in words, validity, seals. */
export function renderOrderDocument(
  order: Order,
  settings: Settings,
  lang: 'zh-CN' | 'en',
  doc: 'quotation' | 'confirmation',
  x: PrintExtras = noExtras,
): string {
  const l = quoteLabels[lang];
  const money = (amount: number) => formatMinor(amount, order.currency, lang);
  const title = l[doc];
  const rows = order.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.sku)}</td><td>${escapeHtml(line.name)}</td>${x.cells(line.productId)}<td class="n">${line.quantity}</td><td>${escapeHtml(line.unit)}</td><td class="n">${escapeHtml(money(line.unitPrice))}</td><td class="n">${line.discountBps ? `${line.discountBps / 100}%` : ''}</td><td class="n">${line.taxRate / 100}%</td><td class="n">${escapeHtml(money(line.total))}</td></tr>`,
    )
    .join('\n');
  const words = lang === 'zh-CN' && order.currency === 'CNY' ? chineseCapitals(order.total) : null;
  return printablePage(
    lang,
    `${title} ${order.number}`,
    l.print,
    `<header>
  <div><h1>${escapeHtml(title)}</h1>${companyBlock(settings, l.taxId, x.bankDetails ? undefined : l.bank)}</div>
  <dl>
    <dt>${escapeHtml(l.number)}</dt><dd data-field="number">${escapeHtml(order.number)}</dd>
    <dt>${escapeHtml(l.date)}</dt><dd>${escapeHtml(companyDay(order.updatedAt, settings.timeZone))}</dd>
    ${doc === 'quotation' && order.validUntil ? `<dt>${escapeHtml(l.validUntil)}</dt><dd data-field="validUntil">${escapeHtml(order.validUntil)}</dd>` : ''}
    ${order.requestedDeliveryDate ? `<dt>${escapeHtml(l.delivery)}</dt><dd>${escapeHtml(order.requestedDeliveryDate)}</dd>` : ''}
    <dt>${escapeHtml(l.to)}</dt><dd data-field="customer">${escapeHtml(order.customerName)}</dd>
    ${x.head}
  </dl>
</header>
<table><thead><tr><th>${escapeHtml(l.sku)}</th><th>${escapeHtml(l.item)}</th>${x.headers}<th class="n">${escapeHtml(l.qty)}</th><th>${escapeHtml(l.unit)}</th><th class="n">${escapeHtml(l.price)}</th><th class="n">${escapeHtml(l.discount)}</th><th class="n">${escapeHtml(l.taxRate)}</th><th class="n">${escapeHtml(l.amount)}</th></tr></thead>
<tbody>
${rows}
<tr><th colspan="${7 + x.columns}">${escapeHtml(l.subtotal)}</th><td class="n">${escapeHtml(money(order.subtotal))}</td></tr>
<tr><th colspan="${7 + x.columns}">${escapeHtml(l.tax)}</th><td class="n">${escapeHtml(money(order.tax))}</td></tr>
<tr><th colspan="${7 + x.columns}">${escapeHtml(l.total)}</th><td class="n" data-field="total">${escapeHtml(money(order.total))}</td></tr>
</tbody></table>
<p>${escapeHtml(order.pricesIncludeTax ? l.inclusive : l.exclusive)}</p>
${words ? `<p>${escapeHtml(l.capitals)}: <span data-field="capitals">${escapeHtml(words)}</span></p>` : ''}
${order.notes ? `<p>${escapeHtml(l.notes)}: ${escapeHtml(order.notes)}</p>` : ''}
<div class="signatures"><div>${escapeHtml(l.seller)}</div><div>${escapeHtml(l.buyer)}</div></div>`,
    x,
    l.bank,
  );
}
