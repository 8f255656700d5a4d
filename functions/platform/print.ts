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
  @media print { .no-print { display: none; } body { margin: 0; } }`;

/**
 * What a printable page may do: show its own inline styles and data: images, run nothing but its
 * print button's handler (allowed by hash), load and send nothing. Sent as a header by the http
 * stack and repeated in a <meta> tag, since the web app shows the page from a blob URL.
 */
export const PRINT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; " +
  "script-src 'unsafe-hashes' 'sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU='; base-uri 'none'; form-action 'none'";

/** A self-contained printable HTML page: `body` is already escaped markup. */
export function printablePage(lang: 'zh-CN' | 'en', title: string, printLabel: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}"><title>${escapeHtml(title)}</title>
<style>${css}
</style></head>
<body>
<div class="no-print"><button onclick="window.print()">${escapeHtml(printLabel)}</button></div>
${body}
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
