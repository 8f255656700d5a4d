import { parse as parseCsv } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { UnprocessableError } from '#functions/platform/errors.ts';

export type Cell = string | number | boolean | Date | null;
export interface SheetRow {
  row: number;
  cells: Record<string, Cell>;
}

/**
 * The rows of a CSV (UTF-8, with or without BOM) or the first sheet of an .xlsx, keyed by the
 * header of their column as written (Chinese or English). `row` is the spreadsheet row number
 * a person sees (the header is row 1).
 */
export async function readRows(format: 'csv' | 'xlsx', file: Buffer): Promise<SheetRow[]> {
  let table: Cell[][];
  try {
    table =
      format === 'csv'
        ? (parseCsv(file.toString('utf8').replace(/^\uFEFF/, ''), {
            relaxColumnCount: true,
            skipEmptyLines: true,
            trim: true,
          }) as string[][])
        : ((await readSheet(file)) as Cell[][]);
  } catch (error) {
    throw new UnprocessableError(
      'unreadable_file',
      `The file could not be read as ${format.toUpperCase()}: ${(error as Error).message}`,
    );
  }
  const [header, ...rows] = table;
  if (!header?.length) throw new UnprocessableError('empty_file', 'The file has no header row.');
  const names = header.map((h) => String(h ?? '').trim());
  return rows
    .map((cells, i) => ({ row: i + 2, cells: Object.fromEntries(names.map((n, c) => [n, cells[c] ?? null])) }))
    .filter((r) => Object.values(r.cells).some((v) => v !== null && String(v).trim() !== ''));
}
