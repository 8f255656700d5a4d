import { describe, expect, it } from 'vitest';
import { addDays, companyDay, daysBetween, monthOf, weekOf } from './dates.ts';

describe('the company calendar', () => {
  // Guarantees: business days are Beijing days, so an order at 23:30 UTC belongs to the next day in Shanghai.
  it('takes days in Beijing time, not UTC', () => {
    expect(companyDay('2026-11-30T15:59:59.000Z')).toBe('2026-11-30');
    expect(companyDay('2026-11-30T16:00:00.000Z')).toBe('2026-12-01');
    expect(companyDay('2026-12-31T16:30:00.000Z')).toBe('2027-01-01');
  });

  it('adds days across months and leap years, and counts days between', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-01', '2026-12-01')).toBe(30);
    expect(daysBetween('2026-12-01', '2026-11-01')).toBe(-30);
  });

  it('groups days by ISO week (Monday) and by month', () => {
    expect(weekOf('2026-12-01')).toBe('2026-11-30');
    expect(weekOf('2026-12-06')).toBe('2026-11-30');
    expect(weekOf('2026-12-07')).toBe('2026-12-07');
    expect(monthOf('2026-12-31')).toBe('2026-12');
  });
});
