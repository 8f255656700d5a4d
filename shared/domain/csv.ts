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

/** Minor units as a decimal amount (12345 → "123.45"). */
export const decimal = (minor: number) => (minor / 100).toFixed(2);
