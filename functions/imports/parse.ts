import { UnprocessableError } from '#functions/platform/errors.ts';

/** A formula cell Excel never calculated (a file written by a program, not saved by Excel). */
export class FormulaWithoutValue {
  constructor(readonly formula: string) {}
}

export type Cell = string | number | boolean | Date | null | FormulaWithoutValue;
export interface SheetRow {
  row: number;
  cells: Record<string, Cell>;
}

export interface ReadTable {
  /** What the bytes were read as: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, or xlsx. */
  encoding: string;
  /** The spreadsheet row (1-based) the column headers were found on. */
  headerRow: number;
  headers: string[];
  rows: SheetRow[];
}

/**
 * The text of a CSV as Chinese Excel and other programs save it, detected rather than asked:
 * a BOM (UTF-8, UTF-16 LE/BE), UTF-16 without one (every other byte zero), strict UTF-8, else
 * GB18030 (a superset of GBK and GB2312, what 「CSV（逗号分隔）」 writes on a Chinese Windows).
 */
export async function decodeText(file: Buffer): Promise<{ text: string; encoding: string }> {
  // iconv-lite and its code tables load only when a CSV is read.
  const { default: iconv } = await import('iconv-lite');
  if (file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf)
    return { text: file.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (file[0] === 0xff && file[1] === 0xfe)
    return { text: iconv.decode(file.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (file[0] === 0xfe && file[1] === 0xff)
    return { text: iconv.decode(file.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const sample = file.subarray(0, 2000);
  const zerosAt = (parity: number) => sample.filter((b, i) => i % 2 === parity && b === 0).length;
  if (sample.length >= 4 && zerosAt(1) > sample.length / 4)
    return { text: iconv.decode(file, 'utf-16le'), encoding: 'utf-16le' };
  if (sample.length >= 4 && zerosAt(0) > sample.length / 4)
    return { text: iconv.decode(file, 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(file), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(file, 'gb18030'), encoding: 'gb18030' };
  }
}

/** A cell of an .xlsx as a value: merged cells take their master's, formulas their cached result. */
function xlsxValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  const v = value as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) {
    const result = v.result;
    if (result === undefined || result === null) return new FormulaWithoutValue(String(v.formula ?? v.sharedFormula));
    if (typeof result === 'object' && result && 'error' in result) return String((result as { error: string }).error);
    return xlsxValue(result);
  }
  if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('');
  if ('text' in v) return xlsxValue(v.text);
  if ('error' in v) return String(v.error);
  return String(value);
}

async function xlsxTable(file: Buffer): Promise<Cell[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = book.worksheets.find((s) => s.state !== 'hidden' && s.rowCount > 0) ?? book.worksheets[0];
  if (!sheet) return [];
  const table: Cell[][] = [];
  const columns = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row: Cell[] = [];
    for (let c = 1; c <= columns; c += 1) {
      const cell = sheet.getCell(r, c);
      // A merged 订单号 or 客户 spanning rows applies to every row it spans.
      const source = cell.isMerged && cell.master ? cell.master : cell;
      row.push(xlsxValue(source.value));
    }
    table.push(row);
  }
  return table;
}

const headerKey = (s: string) => s.normalize('NFKC').trim().toLowerCase();
const isBlank = (v: Cell) => v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The rows of a CSV or the first visible sheet of an .xlsx, keyed by their column's header as
 * written. The header row is the one of the first ten that names the most known columns (a title
 * row, a merged group header or a note above it is passed over); `row` numbers are the ones a
 * person sees in Excel. Empty rows are left out.
 */
export async function readTable(format: 'csv' | 'xlsx', file: Buffer, known: readonly string[]): Promise<ReadTable> {
  let table: Cell[][];
  let encoding = 'xlsx';
  try {
    if (format === 'csv') {
      const decoded = await decodeText(file);
      encoding = decoded.encoding;
      // The CSV parser loads with the first CSV read, like the decoder and the xlsx reader.
      const { parse: parseCsv } = await import('csv-parse/sync');
      table = parseCsv(decoded.text.replace(/^\uFEFF/, ''), {
        relaxColumnCount: true,
        skipEmptyLines: false,
        trim: true,
      }) as string[][];
    } else {
      table = await xlsxTable(file);
    }
  } catch (error) {
    throw new UnprocessableError(
      'unreadable_file',
      `The file could not be read as ${format.toUpperCase()}: ${(error as Error).message}`,
    );
  }
  const names = new Set(known.map(headerKey));
  const score = (row: Cell[]) => row.filter((c) => typeof c === 'string' && names.has(headerKey(c))).length;
  let headerIndex = table.findIndex((r) => r.some((c) => !isBlank(c)));
  let best = 0;
  for (let i = 0; i < Math.min(table.length, 10); i += 1) {
    const s = score(table[i]!);
    if (s > best) {
      best = s;
      headerIndex = i;
    }
  }
  const header = table[headerIndex];
  if (headerIndex < 0 || !header?.length) throw new UnprocessableError('empty_file', 'The file has no header row.');
  const headers = header.map((h, i) => (isBlank(h) ? '' : String(h).trim()) || `#${i + 1}`);
  const rows = table
    .slice(headerIndex + 1)
    .map((cells, i) => ({
      row: headerIndex + i + 2,
      cells: Object.fromEntries(headers.map((n, c) => [n, cells[c] ?? null])),
    }))
    .filter((r) => Object.values(r.cells).some((v) => !isBlank(v)));
  return { encoding, headerRow: headerIndex + 1, headers, rows };
}
