import type { Order, Shipment } from '#shared/api/orders.ts';
import type { Settings } from '#shared/api/tenants.ts';
import { companyBlock, escape, printablePage } from '#functions/platform/print.ts';

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
): string {
  const l = labels[lang];
  const a = order.shippingAddress;
  const address = a ? [a.province, a.city, a.district, a.line1, a.postalCode].filter(Boolean).join(' ') : '';
  const units = shipment.lines.reduce((sum, line) => sum + line.quantity, 0);
  const rows = shipment.lines
    .map(
      (line) =>
        `<tr><td>${escape(line.sku)}</td><td>${escape(line.name)}</td><td class="n">${line.quantity}</td><td>${escape(line.unit)}</td></tr>`,
    )
    .join('\n');
  const number = deliveryNumber(order, index);
  return printablePage(
    lang,
    `${l.title} ${number}`,
    l.print,
    `<header>
  <div><h1>${escape(l.title)}</h1>${companyBlock(settings, l.taxId)}</div>
  <dl>
    <dt>${escape(l.number)}</dt><dd data-field="number">${escape(number)}</dd>
    <dt>${escape(l.order)}</dt><dd>${escape(order.number)}</dd>
    <dt>${escape(l.date)}</dt><dd>${escape(shipment.at.slice(0, 10))}</dd>
    <dt>${escape(l.warehouse)}</dt><dd>${escape(shipment.warehouseName)}</dd>
    ${shipment.carrier ? `<dt>${escape(l.carrier)}</dt><dd>${escape(shipment.carrier)}</dd>` : ''}
    ${shipment.trackingNumber ? `<dt>${escape(l.tracking)}</dt><dd data-field="tracking">${escape(shipment.trackingNumber)}</dd>` : ''}
  </dl>
</header>
<dl>
  <dt>${escape(l.customer)}</dt><dd data-field="customer">${escape(order.customerName)}</dd>
  ${address ? `<dt>${escape(l.address)}</dt><dd>${escape(address)}</dd>` : ''}
  ${a?.name || a?.phone ? `<dt>${escape(l.contact)}</dt><dd>${escape([a.name, a.phone].filter(Boolean).join(' '))}</dd>` : ''}
  ${order.notes ? `<dt>${escape(l.notes)}</dt><dd>${escape(order.notes)}</dd>` : ''}
</dl>
<table><thead><tr><th>${escape(l.sku)}</th><th>${escape(l.item)}</th><th class="n">${escape(l.qty)}</th><th>${escape(l.unit)}</th></tr></thead>
<tbody>
${rows}
<tr><th colspan="2">${escape(l.total)}</th><td class="n" data-field="units">${units}</td><td></td></tr>
</tbody></table>
<div class="signatures"><div>${escape(l.shipper)}</div><div>${escape(l.driver)}</div><div>${escape(l.receiver)}</div></div>`,
  );
}
