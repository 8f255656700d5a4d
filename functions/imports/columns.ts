import type { Cell, SheetRow } from './parse.ts';

export { importColumns as columns, type ImportKind as Kind } from '#shared/domain/import-columns.ts';

const headerKey = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** Reads a field by any of its header names (full-width or not); answers the header actually used (for error reports). */
export function field(row: SheetRow, names: readonly string[]): { value: Cell; column: string } {
  for (const name of names) {
    const key = Object.keys(row.cells).find((k) => headerKey(k) === headerKey(name));
    if (key !== undefined) return { value: row.cells[key] ?? null, column: key };
  }
  return { value: null, column: names[0]! };
}

/** A cell as text; an Excel date as its day (2026-11-22), never a serial number. */
export const text = (v: Cell) =>
  v === null || v === undefined
    ? undefined
    : v instanceof Date
      ? v.toISOString().slice(0, 10)
      : String(v).normalize('NFKC').trim() || undefined;

/** A number as people type it, or as Excel stores it as text: "1,299.00", "13%", "¥88", "１２". */
export function number(v: Cell): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return Number.NaN;
  const s = v.normalize('NFKC').replace(/[,，¥￥$%\s]/g, '');
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
}

const stages: Record<string, string> = {
  线索: 'lead',
  意向: 'prospect',
  成交客户: 'customer',
  客户: 'customer',
  停用: 'inactive',
};
export const stage = (v: Cell) => {
  const s = text(v);
  return s ? (stages[s] ?? s.toLowerCase()) : undefined;
};
export const list = (v: Cell) =>
  text(v)
    ?.split(/[,，、;；]/)
    .map((x) => x.trim())
    .filter(Boolean);
