import type { Cell, SheetRow } from './parse.ts';

/** The headers people actually use, Chinese and English, for each field. */
export const columns = {
  customers: {
    name: ['客户名称', '客户', '名称', 'name', 'customer'],
    tier: ['等级', '客户等级', 'tier'],
    tags: ['标签', 'tags'],
    stage: ['阶段', 'stage'],
    contact: ['联系人', 'contact'],
    phone: ['电话', '手机', '联系电话', 'phone'],
    email: ['邮箱', 'email'],
    address: ['地址', 'address'],
    paymentTermsDays: ['账期', '账期（天）', 'paymentTermsDays', 'payment terms'],
    creditLimit: ['信用额度', 'creditLimit', 'credit limit'],
  },
  products: {
    sku: ['商品编码', '编码', 'SKU', 'sku'],
    name: ['商品名称', '名称', 'name'],
    unit: ['单位', 'unit'],
    price: ['单价', '价格', 'price'],
    taxRate: ['税率', 'taxRate', 'tax rate'],
    safetyStock: ['安全库存', 'safetyStock', 'safety stock'],
  },
  orders: {
    ref: ['订单号', '单号', 'order', 'externalRef', 'ref'],
    customer: ['客户名称', '客户', 'customer'],
    sku: ['商品编码', '编码', 'SKU', 'sku'],
    quantity: ['数量', 'quantity', 'qty'],
    unitPrice: ['单价', 'unitPrice', 'unit price', 'price'],
    discount: ['折扣', '折扣%', 'discount'],
  },
} as const;

export type Kind = keyof typeof columns;

/** Reads a field by any of its header names; answers the header actually used (for error reports). */
export function field(row: SheetRow, names: readonly string[]): { value: Cell; column: string } {
  for (const name of names) {
    const key = Object.keys(row.cells).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) return { value: row.cells[key] ?? null, column: key };
  }
  return { value: null, column: names[0]! };
}

export const text = (v: Cell) => (v === null || v === undefined ? undefined : String(v).trim() || undefined);

/** A number as people type it: "1,299.00", "13%", "¥88". */
export function number(v: Cell): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return v;
  const n = Number(String(v).replace(/[,，¥￥%\s]/g, ''));
  return Number.isFinite(n) ? n : Number.NaN;
}

const stages: Record<string, string> = { 线索: 'lead', 意向: 'prospect', 成交客户: 'customer', 客户: 'customer', 停用: 'inactive' };
export const stage = (v: Cell) => { const s = text(v); return s ? stages[s] ?? s.toLowerCase() : undefined; };
export const list = (v: Cell) => text(v)?.split(/[,，、;；]/).map((x) => x.trim()).filter(Boolean);
