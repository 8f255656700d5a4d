import type { CustomFieldDefinition } from '#shared/api/custom-fields.ts';
import { toMinor } from '#shared/domain/money.ts';
import { field, number, text } from './columns.ts';
import type { SheetRow } from './parse.ts';

type Entity = CustomFieldDefinition['entity'];

/** 是/否 as people write them. */
function yesNo(v: string | undefined): boolean | string | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase();
  if (['是', '有', 'y', 'yes', 'true', '1', '✓', '√'].includes(s)) return true;
  if (['否', '无', 'n', 'no', 'false', '0', '×'].includes(s)) return false;
  return v;
}

/**
 * The company's own fields in an import row: a column whose header is a field's label (中文 or
 * English) or key fills that field, read as its type (a select by its value or either label; a
 * multiselect split on 、，,;/). The values are then checked by the same rules as the API's.
 * Answers the values and which column each came from (for the row's errors).
 */
export function customColumns(
  fields: readonly CustomFieldDefinition[],
  entity: Entity,
  row: SheetRow,
  baseCurrency: string,
) {
  const defs = fields.filter((f) => f.entity === entity);
  const values: Record<string, unknown> = {};
  const columnOf: Record<string, string> = {};
  for (const f of defs) {
    const cell = field(row, [f.label['zh-CN'], f.label.en, f.key]);
    const raw = text(cell.value);
    // A refusal names the column, or the field's label when the file has no such column (a required one).
    columnOf[f.key] = cell.column || f.label['zh-CN'];
    if (raw === undefined) continue;
    const option = (s: string) =>
      f.options?.find((o) => [o.value, o.label['zh-CN'], o.label.en].some((x) => x.toLowerCase() === s.toLowerCase()))
        ?.value ?? s;
    switch (f.type) {
      case 'number':
        values[f.key] = number(cell.value) ?? raw;
        break;
      case 'money': {
        const n = number(cell.value);
        values[f.key] = n === undefined || Number.isNaN(n) ? raw : toMinor(n, baseCurrency);
        break;
      }
      case 'boolean':
        values[f.key] = yesNo(raw);
        break;
      case 'select':
        values[f.key] = option(raw);
        break;
      case 'multiselect':
        values[f.key] = raw
          .split(/[、，,;；/]/)
          .map((s) => s.trim())
          .filter(Boolean)
          .map(option);
        break;
      default:
        values[f.key] = raw;
    }
  }
  return { values, columnOf };
}
