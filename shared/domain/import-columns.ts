import { toCsv } from './csv.ts';

/**
 * The headers people actually use, Chinese and English, for each field of an import. The first
 * name is the Chinese header of the downloadable template, the first Latin one its English header.
 * The import runner reads any of them; the web app builds its templates from the same table.
 */
export const importColumns = {
  customers: {
    name: ['客户名称', '客户', '名称', 'name', 'customer'],
    tier: ['等级', '客户等级', 'tier'],
    tags: ['标签', 'tags'],
    stage: ['阶段', 'stage'],
    contact: ['联系人', 'contact'],
    phone: ['电话', '手机', '联系电话', 'phone'],
    email: ['邮箱', 'email'],
    address: ['地址', 'address'],
    paymentTermsDays: ['账期', '账期（天）', '账期(天)', 'payment terms', 'paymentTermsDays'],
    creditLimit: ['信用额度', 'credit limit', 'creditLimit'],
    currency: ['币种', '结算币种', 'currency'],
    billingTitle: ['开票抬头', '发票抬头', 'billing title', 'invoice title'],
    taxId: ['纳税人识别号', '税号', '统一社会信用代码', 'tax id', 'taxId'],
  },
  products: {
    sku: ['商品编码', '编码', 'SKU', 'sku'],
    name: ['商品名称', '名称', 'name'],
    unit: ['单位', 'unit'],
    price: ['单价', '价格', 'price'],
    taxRate: ['税率', 'tax rate', 'taxRate'],
    safetyStock: ['安全库存', 'safety stock', 'safetyStock'],
    spec: ['规格', '规格型号', '型号', 'specification', 'spec', 'description'],
    openingStock: ['期初库存', '期初数量', '库存', 'opening stock', 'openingStock'],
    warehouse: ['仓库', '仓库编码', '仓库名称', 'warehouse'],
  },
  orders: {
    ref: ['订单号', '单号', 'order', 'externalRef', 'ref'],
    customer: ['客户名称', '客户', 'customer'],
    sku: ['商品编码', '编码', 'SKU', 'sku'],
    quantity: ['数量', 'quantity', 'qty'],
    unitPrice: ['单价', 'unit price', 'unitPrice', 'price'],
    discount: ['折扣', '折扣%', 'discount'],
    notes: ['备注', '订单备注', 'notes', 'note'],
  },
  stock: {
    sku: ['商品编码', '编码', 'SKU', 'sku'],
    warehouse: ['仓库', '仓库编码', '仓库名称', 'warehouse'],
    quantity: ['数量', '入库数量', 'quantity', 'qty'],
    unitCost: ['单位成本', '成本单价', '成本', 'unit cost', 'unitCost'],
    note: ['备注', 'note', 'reason'],
  },
} as const;

export type ImportKind = keyof typeof importColumns;

/** An example row per kind, so a template shows how values are written (tags, money, percentages). */
const examples: Record<ImportKind, Record<string, string>> = {
  customers: {
    name: '杭州西湖茶业有限公司',
    tier: 'A',
    tags: '华东、老客户',
    stage: '成交客户',
    contact: '王经理',
    phone: '13800000000',
    email: 'wang@example.com',
    address: '浙江省杭州市西湖区龙井路 1 号',
    paymentTermsDays: '30',
    creditLimit: '50,000.00',
    currency: 'CNY',
    billingTitle: '杭州西湖茶业有限公司',
    taxId: '91330106MA2B0XXX0Y',
  },
  products: {
    sku: 'TEA-LJ-250',
    name: '西湖龙井 250g 礼盒',
    unit: '盒',
    price: '388.00',
    taxRate: '13%',
    safetyStock: '20',
    spec: '250g × 2 罐',
    openingStock: '100',
    warehouse: 'WH01',
  },
  orders: {
    ref: 'WX-20261122-01',
    customer: '杭州西湖茶业有限公司',
    sku: 'TEA-LJ-250',
    quantity: '10',
    unitPrice: '',
    discount: '',
    notes: '周五前送到',
  },
  stock: { sku: 'TEA-LJ-250', warehouse: 'WH01', quantity: '50', unitCost: '210.00', note: '11 月到货' },
};

/** The headers of a kind's template in a language: Chinese names, or the English ones. */
export function templateHeaders(kind: ImportKind, lang: 'zh-CN' | 'en'): string[] {
  return (Object.values(importColumns[kind]) as readonly (readonly string[])[]).map((names) =>
    lang === 'en' ? names.find((n) => /^[A-Za-z]/.test(n))! : names[0]!,
  );
}

/** A CSV template that Excel opens (BOM, CRLF): the headers and, unless `rows` are given, one example row. */
export function templateCsv(kind: ImportKind, lang: 'zh-CN' | 'en', rows?: Record<string, string>[]): string {
  const fields = Object.keys(importColumns[kind]);
  return toCsv([templateHeaders(kind, lang), ...(rows ?? [examples[kind]]).map((r) => fields.map((f) => r[f] ?? ''))]);
}
