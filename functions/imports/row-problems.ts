import type { ImportJob } from '#shared/api/imports.ts';
import type { Kind } from './columns.ts';
import { fieldOf } from './inspect.ts';
import { FormulaWithoutValue, type SheetRow } from './parse.ts';

type RowError = ImportJob['errors'][number];

/**
 * What refuses a row before its values are read: a formula Excel never calculated in a column the
 * importer uses (the file was written by a program and never opened and saved in Excel).
 */
export function rowProblems(kind: Kind, row: SheetRow): RowError[] {
  return Object.entries(row.cells).flatMap(([header, value]) =>
    value instanceof FormulaWithoutValue && fieldOf(kind, header)
      ? [
          {
            row: row.row,
            column: header,
            message: `The cell holds the formula ${value.formula} without a calculated value; open the file in Excel, save it and import it again.`,
            code: 'formula_without_value',
            params: { formula: value.formula },
          },
        ]
      : [],
  );
}
