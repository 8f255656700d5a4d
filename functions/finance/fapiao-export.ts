import type { Invoice } from '#shared/api/finance.ts';
import { decimal } from '#shared/domain/csv.ts';
import { neutralised } from '#shared/domain/csv.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import * as store from './store.ts';
import { seesRep, visibility } from '#functions/tenants/scope.ts';

const headers = {
  'zh-CN': [
    '结算单号',
    '购买方名称',
    '购买方纳税人识别号',
    '购买方地址电话',
    '购买方开户行及账号',
    '发票类型',
    '项目名称',
    '规格型号',
    '单位',
    '数量',
    '单价',
    '金额',
    '税率',
    '税额',
    '价税合计',
  ],
  en: [
    'Statement no.',
    'Buyer name',
    'Buyer tax id',
    'Buyer address and phone',
    'Buyer bank and account',
    'Fapiao type',
    'Item',
    'Specification',
    'Unit',
    'Quantity',
    'Unit price (excl. tax)',
    'Amount (excl. tax)',
    'Tax rate',
    'Tax',
    'Total incl. tax',
  ],
} as const;

const fapiaoTypes = {
  'zh-CN': { vat_special: '增值税专用发票', vat_normal: '增值税普通发票', e_special: '电子专票', e_normal: '电子普票' },
  en: {
    vat_special: 'VAT special',
    vat_normal: 'VAT normal',
    e_special: 'Electronic special',
    e_normal: 'Electronic normal',
  },
} as const;

/** A unit price without tax as the tax system takes it: the line's net amount ÷ quantity, up to 8 decimals. */
function netUnitPrice(subtotal: number, quantity: number, currency: string): string {
  const exact = Number(decimal(subtotal, currency)) / quantity;
  return String(Number(exact.toFixed(8)));
}

/**
 * The fapiao request sheet (开票申请) for batch entry into the tax system: one row per invoice line
 * with what the fapiao needs, amounts excluding tax as the tax system asks (金额 + 税额 = 价税合计).
 * Text cells that a spreadsheet would run are neutralised.
 */
export async function fapiaoRequestWorkbook(
  t: TenantContext,
  status: 'not_requested' | 'requested',
  lang?: 'zh-CN' | 'en',
): Promise<Buffer> {
  const settings = await getSettings(t);
  const language = lang ?? settings.locale;
  const seen = await visibility(t);
  const invoices: Invoice[] = (await store.allInFapiaoQueue(t, status))
    .filter((i) => seesRep(seen, i.salesRepId))
    .sort((a, b) => a.number.localeCompare(b.number));
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Dingo';
  const sheet = book.addWorksheet(language === 'en' ? 'Fapiao requests' : '开票申请');
  sheet.addRow([...headers[language]]);
  sheet.getRow(1).font = { bold: true };
  const text = (s: string | null | undefined) => neutralised(s ?? '');
  for (const invoice of invoices) {
    const buyer = invoice.buyer;
    for (const line of invoice.lines) {
      sheet.addRow([
        invoice.number,
        text(buyer?.title ?? invoice.customerName),
        text(buyer?.taxId),
        text([buyer?.address, buyer?.phone].filter(Boolean).join(' ')),
        text([buyer?.bankName, buyer?.bankAccount].filter(Boolean).join(' ')),
        fapiaoTypes[language][buyer?.fapiaoType ?? 'e_normal'],
        text(line.name),
        text(line.sku),
        text(line.unit),
        line.quantity,
        Number(netUnitPrice(line.subtotal, line.quantity, invoice.currency)),
        Number(decimal(line.subtotal, invoice.currency)),
        line.taxRate / 10_000,
        Number(decimal(line.tax, invoice.currency)),
        Number(decimal(line.total, invoice.currency)),
      ]);
    }
  }
  sheet.getColumn(13).numFmt = '0%';
  sheet.columns.forEach((c) => {
    c.width = 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
