import i18n from './i18n.ts';

/** The currencies a company trades in most often: the Chinese-speaking markets first, then the majors. */
export const currencies = [
  'CNY',
  'HKD',
  'TWD',
  'MOP',
  'SGD',
  'JPY',
  'KRW',
  'USD',
  'EUR',
  'GBP',
  'AUD',
  'CAD',
  'CHF',
  'THB',
  'MYR',
  'VND',
] as const;

/** A currency's name in the reader's language (人民币, US Dollar), from the browser's own tables. */
export function currencyName(code: string): string {
  try {
    return new Intl.DisplayNames([i18n.language], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Select options "USD · 美元", with `extra` codes (a document's own) kept even when not in the list. */
export const currencyOptions = (...extra: (string | undefined)[]) =>
  [...new Set([...currencies, ...extra.filter((c): c is string => Boolean(c))])].map((c) => ({
    value: c,
    label: `${c} · ${currencyName(c)}`,
  }));

/** The time zones a company is most likely in (business days are days there). */
export const timeZones = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Bangkok',
  'Asia/Ho_Chi_Minh',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Asia/Dubai',
  'Australia/Sydney',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Vancouver',
  'UTC',
] as const;

/** "Asia/Shanghai · 中国标准时间" in the reader's language (the zone's name comes from the browser). */
export function timeZoneLabel(zone: string): string {
  try {
    const name = new Intl.DateTimeFormat(i18n.language, { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return name && name !== zone ? `${zone} · ${name}` : zone;
  } catch {
    return zone;
  }
}
