import type { OperationId } from './routes.ts';

const cus = 'cus_01JD8Z5C4V6B7N8M9Q0R1S2T3V';
const prd = 'prd_01JD8Z5C4V6B7N8M9Q0R1S2T3W';
const wh = 'wh_01JD8Z5C4V6B7N8M9Q0R1S2T3X';
const now = '2026-11-22T08:00:00.000Z';
const inv = 'inv_01JD8Z5C4V6B7N8M9Q0R1S2T3Y';
const ord = 'ord_01JD8Z5C4V6B7N8M9Q0R1S2T3Z';

/**
 * A request body example for every operation that takes one: shown in the OpenAPI document and
 * the API reference, and each checked against its route's schema by a test.
 */
export const requestExamples: Partial<Record<OperationId, unknown>> = {
  signup: {
    companyName: '上海叮咚商贸有限公司',
    adminEmail: 'boss@dingdong.example.com',
    adminPassword: 'Str0ngPassw0rd',
    adminName: '周老板',
    locale: 'zh-CN',
    baseCurrency: 'CNY',
  },
  login: { email: 'boss@dingdong.example.com', password: 'Str0ngPassw0rd' },
  refresh: { refreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOi...' },
  completeNewPassword: { email: 'li.na@dingdong.example.com', session: 'AYABeC...', newPassword: 'MyOwnPassw0rd' },
  inviteUser: { email: 'li.na@dingdong.example.com', role: 'sales', name: '李娜' },
  updateUser: { role: 'finance' },
  createSupplier: {
    name: '杭州龙井茶厂',
    contacts: [{ name: '陈厂长', phone: '13700137000', isPrimary: true }],
    paymentTermsDays: 45,
    products: [{ productId: prd, supplierSku: 'LJ-A', cost: 20_000, leadTimeDays: 5, minOrderQuantity: 10 }],
  },
  updateSupplier: { paymentTermsDays: 60 },
  createPurchaseOrder: {
    supplierId: 'sup_01JD8Z5C4V6B7N8M9Q0R1S2T3D',
    warehouseId: wh,
    lines: [{ productId: prd, quantity: 100 }],
    expectedAt: '2026-12-10',
  },
  updatePurchaseOrder: { notes: '请于周五前送到主仓库' },
  approvePurchaseOrder: { comment: '同意采购' },
  rejectPurchaseOrder: { reason: '价格偏高，请再议价' },
  receivePurchaseOrder: { lines: [{ lineId: 'L1', quantity: 60, unitCost: 21_500 }] },
  payBill: {
    amount: { amount: 1_290_000, currency: 'CNY' },
    method: 'bank_transfer',
    reference: '付款回单 20261205-01',
    paidAt: now,
  },
  createPurchaseOrdersFromSuggestions: {
    lines: [{ productId: prd, warehouseId: wh, quantity: 60, supplierId: 'sup_01JD8Z5C4V6B7N8M9Q0R1S2T3D' }],
  },
  createStocktake: { warehouseId: wh, lines: [{ productId: prd, counted: 118 }] },
  createReturn: {
    lines: [{ lineId: 'L1', quantity: 2, reason: 'damaged' }],
    resolution: 'refund',
    notes: '外箱压坏两盒，客户拍照确认',
  },
  rejectReturn: { reason: '已超过 7 天无理由退货期' },
  receiveReturn: { warehouseId: wh, lines: [{ lineId: 'L1', quantity: 2, disposition: 'restock' }] },
  refundCreditNote: {
    amount: { amount: 77_600, currency: 'CNY' },
    method: 'wechat_pay',
    reference: '微信退款 4200001234',
    paidAt: now,
  },
  createTicket: {
    customerId: 'cus_01JD8Z5C4V6B7N8M9Q0R1S2T3C',
    orderId: 'ord_01JD8Z5C4V6B7N8M9Q0R1S2T3E',
    kind: 'complaint',
    priority: 'high',
    subject: '收到的龙井受潮',
    description: '客户来电：11 月 20 日到货的两箱龙井有受潮结块，要求退货。',
    channel: 'phone',
  },
  updateTicket: { status: 'in_progress', assigneeId: 'usr_01JD8Z5C4V6B7N8M9Q0R1S2T3A' },
  addTicketComment: { body: '已联系客户，安排明天上门取件。', internal: false },
  rate: { score: 5, comment: '处理很及时，谢谢' },
  forgotPassword: { email: 'boss@dingdong.example.com' },
  resetPassword: { email: 'boss@dingdong.example.com', code: '482913', newPassword: 'MyNewPassw0rd' },
  createDepartment: { name: '华东销售部', parentId: null, managerId: 'usr_01JD8Z5C4V6B7N8M9Q0R1S2T3A' },
  updateDepartment: { managerId: 'usr_01JD8Z5C4V6B7N8M9Q0R1S2T3B' },
  putSalesTargets: {
    targets: [
      { userId: 'usr_01JD8Z5C4V6B7N8M9Q0R1S2T3B', amount: 50_000_000 },
      { departmentId: 'dep_01JD8Z5C4V6B7N8M9Q0R1S2T3C', amount: 200_000_000 },
    ],
  },
  putNotificationPreferences: { kinds: { approval_requested: { email: true, robot: true } } },
  closeTenant: { confirm: '上海叮咚商贸有限公司' },
  updateSettings: {
    invoicingPolicy: 'on_shipment',
    defaultPaymentTermsDays: 30,
    numbering: { invoice: 'INV' },
    pricesIncludeTax: true,
    defaultTaxRate: 1300,
    timeZone: 'Asia/Shanghai',
    appUrl: 'https://app.dingo.example.com',
  },
  createCustomer: {
    name: '杭州西湖茶业有限公司',
    tier: 'A',
    tags: ['茶叶', '华东'],
    stage: 'customer',
    paymentTermsDays: 30,
    creditLimit: { amount: 5_000_000, currency: 'CNY' },
    contacts: [{ name: '李娜', phone: '13900139002', isPrimary: true }],
    addresses: [
      { label: '总部', province: '浙江省', city: '杭州市', district: '西湖区', line1: '龙井路 1 号', isDefault: true },
    ],
  },
  updateCustomer: { tier: 'B', tags: ['茶叶'] },
  addCustomerNote: { channel: 'wechat', body: '客户确认下周补货 20 箱。' },
  createProduct: {
    sku: 'TEA-LJ-250',
    name: '西湖龙井 250g 礼盒',
    unit: '盒',
    price: { amount: 38_800, currency: 'CNY' },
    taxRate: 1300,
    safetyStock: 20,
  },
  updateProduct: { price: { amount: 36_800, currency: 'CNY' } },
  createWarehouse: { code: 'WH02', name: '杭州仓', address: '杭州市余杭区仓前街道' },
  updateWarehouse: { address: '杭州市余杭区文一西路 1 号' },
  createPriceList: {
    name: 'A 类客户价',
    tiers: ['A'],
    entries: [
      { productId: prd, price: { amount: 35_800, currency: 'CNY' } },
      { productId: prd, price: { amount: 33_800, currency: 'CNY' }, minQuantity: 20 },
    ],
  },
  updatePriceList: { tiers: ['A', 'VIP'] },
  quotePrice: { customerId: cus, lines: [{ productId: prd, quantity: 24 }] },
  recordMovement: { kind: 'receipt', productId: prd, warehouseId: wh, quantity: 120, reason: '期初入库' },
  createOrder: {
    customerId: cus,
    channel: 'api',
    externalRef: 'TB-10086',
    lines: [{ productId: prd, quantity: 2 }],
    shippingAddress: { name: '李娜', phone: '13900139002', province: '浙江省', city: '杭州市', line1: '龙井路 1 号' },
  },
  updateOrder: { notes: '周五前发货', lines: [{ productId: prd, quantity: 3 }] },
  approveOrder: { comment: '同意，老客户' },
  rejectOrder: { reason: '折扣超出权限' },
  cancelOrder: { reason: '客户取消' },
  reviseOrder: {
    lines: [
      { lineId: 'L1', quantity: 12 },
      { productId: 'prd_01JD8Z5C4V6B7N8M9Q0R1S2T3G', quantity: 2 },
    ],
    requestedDeliveryDate: '2026-12-11',
    reason: '客户微信：龙井加两箱，再加两盒白茶',
  },
  bulkOrders: {
    action: 'submit',
    ids: ['ord_01JD8Z5C4V6B7N8M9Q0R1S2T3E', 'ord_01JD8Z5C4V6B7N8M9Q0R1S2T3F'],
  },
  addTrackingEvent: { status: 'out_for_delivery', at: now, location: '上海静安营业部' },
  putNotificationRules: {
    rules: [
      {
        name: '大额订单确认',
        event: 'order.confirmed',
        when: { path: 'total', op: 'gte', value: 5_000_000 },
        notify: { roles: ['owner'], userIds: [], channelIds: ['chn_01JD8Z5C4V6B7N8M9Q0R1S2T3V'] },
        enabled: true,
      },
    ],
  },
  putPrintSettings: {
    logo: null,
    seal: null,
    bankDetails: '中国工商银行杭州西湖支行 1202 0212 0900 0012 345',
    footer: '货物签收后请当场核对数量，如有破损请在送货单上注明。',
    documents: {
      delivery_note: { fields: ['spec'], showPrices: false },
      quotation: { fields: ['spec', 'origin'], showPrices: true },
      sales_statement: { fields: [], showPrices: true },
      credit_note: { fields: [], showPrices: true },
    },
  },
  putCustomFields: {
    fields: [
      {
        entity: 'product',
        key: 'spec',
        label: { 'zh-CN': '规格', en: 'Spec' },
        type: 'text',
        required: false,
        showInList: true,
        filterable: false,
      },
      {
        entity: 'product',
        key: 'origin',
        label: { 'zh-CN': '产地', en: 'Origin' },
        type: 'select',
        options: [
          { value: 'hangzhou', label: { 'zh-CN': '杭州', en: 'Hangzhou' } },
          { value: 'fujian', label: { 'zh-CN': '福建', en: 'Fujian' } },
        ],
        required: false,
        showInList: true,
        filterable: true,
      },
    ],
  },
  closeOrder: { reason: '客户来电：剩下的不要了' },
  shipOrder: { lines: [{ lineId: 'L1', quantity: 2 }], carrierCode: 'SF', trackingNumber: 'SF1402883211' },
  putApprovalWorkflow: {
    rules: [
      { name: '大额订单', when: { orderTotalGte: { amount: 2_000_000, currency: 'CNY' } }, steps: ['admin'] },
      { name: '改价审批', when: { priceOverride: true }, steps: ['finance'] },
    ],
  },
  createImport: {
    kind: 'customers',
    format: 'csv',
    file: Buffer.from('客户名称,等级\n成都天府贸易有限公司,B\n').toString('base64'),
  },
  previewImport: {
    kind: 'products',
    format: 'csv',
    file: Buffer.from('商品编码,商品名称,单价,期初库存\nTEA-LJ-250,西湖龙井 250g 礼盒,388.00,100\n').toString('base64'),
  },
  recordPayment: {
    amount: { amount: 50_000, currency: 'CNY' },
    method: 'alipay',
    reference: '2026112222001456789',
    receivedAt: now,
  },
  receiveCustomerPayment: {
    amount: { amount: 388_000, currency: 'CNY' },
    method: 'bank_transfer',
    reference: '网银流水 20261122-8891',
    receivedAt: now,
    orderId: ord,
  },
  allocatePayment: { allocations: [{ invoiceId: inv, amount: 120_000 }] },
  reversePayment: { reason: '客户转账退回，重复录入' },
  putExchangeRates: { rates: [{ currency: 'USD', rate: '7.1234', validFrom: '2026-11-01' }] },
  recordFapiao: { type: 'e_special', number: '26112000000012345678', issuedAt: '2026-11-22', amount: 388_000 },
  requestFapiao: { invoiceIds: [inv] },
  putNotificationChannels: {
    channels: [
      {
        kind: 'dingtalk',
        name: '销售群机器人',
        url: 'https://oapi.dingtalk.com/robot/send?access_token=xxx',
        secret: 'SECxxxxxxxx',
        alertKinds: ['low_stock', 'approval_waiting'],
      },
      { kind: 'email', name: '财务邮箱', to: ['finance@dingdong.example.com'], alertKinds: ['invoice_overdue'] },
    ],
  },
  createApiKey: { name: 'ERP 对接', scopes: ['orders:read', 'orders:write', 'customers:read'] },
  createWebhook: {
    url: 'https://erp.example.com/hooks/dingo',
    eventTypes: ['order.confirmed', 'order.shipped', 'invoice.paid'],
    description: '金蝶 ERP',
  },
  updateWebhook: { enabled: true },
  rotateWebhookSecret: { overlapHours: 24 },
  replayWebhook: { since: '2026-11-21T00:00:00.000Z' },
};
