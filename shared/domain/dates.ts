/**
 * The company's calendar. Days are days in the company's time zone (default Beijing time, which
 * has no daylight saving): an invoice due "2026-12-01" is overdue from 00:00 on the 2nd there.
 * The year of a number, report days, due and overdue dates and "today" are all such days.
 */
export const TIME_ZONE = 'Asia/Shanghai';
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();
function formatOf(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, withTime: boolean) {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    cache.set(timeZone, format);
  }
  return format;
}

/** Whether `zone` is an IANA time zone this runtime knows (Asia/Shanghai, Asia/Hong_Kong, Europe/Berlin...). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

/** The company day (YYYY-MM-DD) of an instant, in the company's time zone. */
export const companyDay = (at: string | Date, timeZone = TIME_ZONE) =>
  formatOf(dayFormats, timeZone, false).format(new Date(at));

/** An instant as the company's local date and time, "2026-11-18 12:00:00" (CSV cells, prints). */
export function companyDateTime(at: string | Date, timeZone = TIME_ZONE): string {
  const parts = Object.fromEntries(
    formatOf(timeFormats, timeZone, true)
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A day plus n days (calendar arithmetic on the date itself, no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Monday of the ISO week of a day, and the first of its month: the keys of week and month groupings. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return addDays(day, -((d.getUTCDay() + 6) % 7));
}
export const monthOf = (day: string) => day.slice(0, 7);
