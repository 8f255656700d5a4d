/**
 * The company's calendar. Days are Beijing days (Chinese SMEs keep Beijing time, which has no
 * daylight saving): an invoice due "2026-12-01" is overdue from 00:00 on the 2nd in Shanghai.
 */
export const TIME_ZONE = 'Asia/Shanghai';
const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The company day (YYYY-MM-DD) of an instant. */
export const companyDay = (at: string | Date) => dayFormat.format(new Date(at));

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
