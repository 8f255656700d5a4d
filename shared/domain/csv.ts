import { minorDigits } from './money.ts';

/**
 * A cell a spreadsheet will never run: text that begins with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'` (OWASP's CSV injection advice), so a customer named
 * `=HYPERLINK(...)` stays a name. Plain numbers (`-12.50`) are left as numbers.
 */
export const neutralised = (s: string) => (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d+(\.\d+)?$/.test(s) ? `'${s}` : s);

/** CSV that Excel opens as it is: UTF-8 with a BOM, CRLF line ends, cells quoted only when they must be. */
export const csvCell = (v: string | number | null | undefined) => {
  const s = typeof v === 'number' ? String(v) : neutralised(v ?? '');
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export const toCsv = (rows: (string | number | null | undefined)[][]) =>
  `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

/**
 * Minor units as a decimal amount in the currency's own digits (ISO 4217): 12345 CNY → "123.45",
 * 12345 JPY → "12345", 12345 KWD → "12.345". Exact: digits are placed, never divided as floats.
 */
export function decimal(minor: number, currency = 'CNY'): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
