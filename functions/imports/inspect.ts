import type { ImportWarning } from '#shared/api/imports.ts';
import { columns, type Kind } from './columns.ts';
import { FormulaWithoutValue, readTable, type Cell, type ReadTable } from './parse.ts';

const key = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** The headers a kind knows, every alias. */
export const knownHeaders = (kind: Kind) => Object.values(columns[kind]).flat() as string[];

/** The field a header stands for, or null when the importer does not know it. */
export function fieldOf(kind: Kind, header: string): string | null {
  for (const [field, names] of Object.entries(columns[kind]))
    if ((names as readonly string[]).some((n) => key(n) === key(header))) return field;
  return null;
}

export interface Inspected extends ReadTable {
  columns: { header: string; field: string | null }[];
  warnings: ImportWarning[];
}

/**
 * Reads a file as the importer will: encoding, header row, each column's field. Columns it does
 * not know are warnings (never dropped silently), naming the column; blank ones without data are
 * left out.
 */
export async function inspect(kind: Kind, format: 'csv' | 'xlsx', file: Buffer): Promise<Inspected> {
  const table = await readTable(format, file, knownHeaders(kind));
  const cols = table.headers.map((header) => ({ header, field: fieldOf(kind, header) }));
  const warnings: ImportWarning[] = cols
    .filter((c) => c.field === null)
    .filter((c) => !c.header.startsWith('#') || table.rows.some((r) => !isEmpty(r.cells[c.header] ?? null)))
    .map((c) => ({
      code: 'unknown_column' as const,
      column: c.header,
      message: `The column 「${c.header}」 is not one the importer knows; its values are not imported.`,
    }));
  return { ...table, columns: cols, warnings };
}

const isEmpty = (v: Cell) => v === null || (typeof v === 'string' && v.trim() === '');

/** A cell as a person reads it in the preview: dates as days, formulas without a value as null. */
export function shown(v: Cell): string | number | boolean | null {
  if (v instanceof FormulaWithoutValue) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v;
}
