import type { Dashboard } from '#shared/api/reports.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { dailyAggregates, reportDate } from './store.ts';

export async function dashboard(t: TenantContext, now = new Date()): Promise<Dashboard> {
  const today = reportDate(now);
  const from = reportDate(new Date(now.getTime() - 29 * 86_400_000));
  const monthStart = `${today.slice(0, 7)}-01`;
  const days = await dailyAggregates(t, from < monthStart ? from : monthStart, today);
  const byDay = new Map(days.map((d) => [d.date, d.customersCreated]));
  const createdByDay = Array.from({ length: 30 }, (_, i) => {
    const date = reportDate(new Date(now.getTime() - (29 - i) * 86_400_000));
    return { date, count: byDay.get(date) ?? 0 };
  });
  return {
    customers: {
      createdToday: byDay.get(today) ?? 0,
      createdThisMonth: days.filter((d) => d.date >= monthStart).reduce((sum, d) => sum + d.customersCreated, 0),
      createdByDay,
    },
  };
}
