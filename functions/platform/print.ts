import { PRINT_CSP } from './print-csp.ts';
/** What printable pages (invoice, delivery note) share: escaping, A4 print CSS and the print button. */
export const escapeHtml = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const css = `
  @page { size: A4; margin: 16mm; }
  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: #222; font-size: 12px; margin: 24px; }
  h1 { font-size: 22px; margin: 0 0 4px; letter-spacing: 2px; }
  header { display: flex; justify-content: space-between; border-bottom: 2px solid #222; padding-bottom: 8px; margin-bottom: 12px; }
  table { width: 100%; border-collapse: collapse; margin: 12px 0; }
  th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; }
  th { background: #f2f2f2; }
  td.n, th.n { text-align: right; white-space: nowrap; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
  dt { color: #666; }
  .totals { width: 40%; margin-left: auto; }
  .status { font-weight: bold; }
  .signatures { display: flex; justify-content: space-between; margin-top: 48px; }
  .signatures div { width: 30%; border-top: 1px solid #222; padding-top: 4px; }
  .no-print { margin-bottom: 16px; }
  .parties { display: flex; gap: 24px; } .parties section { flex: 1; } .parties h3 { margin: 0 0 4px; font-size: 13px; }
  .not-fapiao { color: #a8071a; font-weight: bold; margin: 0; }
  tr.reversed td { text-decoration: line-through; color: #888; }
  .logo { max-height: 56px; max-width: 200px; display: block; margin-bottom: 6px; }
  .sealed { position: relative; }
  .seal { position: absolute; left: 10%; bottom: 6px; width: 38mm; height: 38mm; object-fit: contain; opacity: .85; }
  .seal-block { position: relative; height: 40mm; margin-top: 24px; }
  .seal-block .seal { left: auto; right: 10%; bottom: 0; }
  .bank, .footer { margin-top: 16px; white-space: pre-line; } .footer { color: #555; border-top: 1px solid #ccc; padding-top: 6px; }
  @media print { .no-print { display: none; } body { margin: 0; } }`;

/**
 * What the company's print settings add to a document (GET /v1/print-settings): logo, seal, bank
 * details and footer around the page, its own fields in the document's head (`head`, escaped dt/dd
 * pairs) and product fields as columns of the lines (`headers`, `cells`).
 */
export interface PrintExtras {
  logo: string | null;
  seal: string | null;
  bankDetails: string | null;
  footer: string | null;
  showPrices: boolean;
  head: string;
  columns: number;
  headers: string;
  cells: (productId: string) => string;
}
export const noExtras: PrintExtras = {
  logo: null,
  seal: null,
  bankDetails: null,
  footer: null,
  showPrices: false,
  head: '',
  columns: 0,
  headers: '',
  cells: () => '',
};
const image = (url: string, cls: string, alt: string) =>
  /^data:image\/png;base64,[A-Za-z0-9+/=]+$/.test(url)
    ? `<img class="${cls}" src="${url}" alt="${escapeHtml(alt)}">`
    : '';

/** Logo on top, the seal over the first signature line (or a place of its own), bank details and footer below. */
function dressed(body: string, x: PrintExtras, bankLabel: string | null): string {
  let out = body;
  if (x.seal) {
    const seal = image(x.seal, 'seal', 'seal');
    out = out.includes('<div class="signatures"><div>')
      ? out.replace('<div class="signatures"><div>', `<div class="signatures"><div class="sealed">${seal}`)
      : `${out}\n<div class="seal-block">${seal}</div>`;
  }
  const logo = x.logo ? image(x.logo, 'logo', 'logo') : '';
  const bank =
    x.bankDetails && bankLabel
      ? `<p class="bank" data-field="bank-details">${escapeHtml(bankLabel)}: ${escapeHtml(x.bankDetails)}</p>`
      : '';
  const footer = x.footer ? `<p class="footer" data-field="footer">${escapeHtml(x.footer)}</p>` : '';
  return `${logo}${out}${bank}${footer}`;
}

export { PRINT_BUTTON_SCRIPT, PRINT_CSP } from './print-csp.ts';

/**
 * A self-contained printable HTML page: `body` is already escaped markup; `extras` are the company's
 * print settings, `bankLabel` names the bank details on documents about money (none on a delivery note).
 */
export function printablePage(
  lang: 'zh-CN' | 'en',
  title: string,
  printLabel: string,
  body: string,
  extras: PrintExtras = noExtras,
  bankLabel: string | null = null,
): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}"><title>${escapeHtml(title)}</title>
<style>${css}
</style></head>
<body>
<div class="no-print"><button onclick="window.print()">${escapeHtml(printLabel)}</button></div>
${dressed(body, extras, bankLabel)}
</body></html>`;
}

/** The issuing company's block at the top of a document. */
export function companyBlock(
  settings: {
    companyName: string;
    legalName: string | null;
    taxId?: string | null;
    address: string | null;
    phone: string | null;
    bankName?: string | null;
    bankAccount?: string | null;
  },
  taxIdLabel: string,
  bankLabel?: string,
): string {
  const bank = [settings.bankName, settings.bankAccount].filter(Boolean).join(' ');
  return `<div>${escapeHtml(settings.legalName ?? settings.companyName)}</div>
  ${settings.taxId ? `<div>${escapeHtml(taxIdLabel)}: ${escapeHtml(settings.taxId)}</div>` : ''}
  ${settings.address ? `<div>${escapeHtml(settings.address)}</div>` : ''}${settings.phone ? `<div>${escapeHtml(settings.phone)}</div>` : ''}${bankLabel && bank ? `<div>${escapeHtml(bankLabel)}: ${escapeHtml(bank)}</div>` : ''}`;
}
