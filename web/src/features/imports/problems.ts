import type { TFunction } from 'i18next';

/** An import row's problem in the reader's language: by its code (import problem, then API problem), else the server's words. */
export function importProblem(
  t: TFunction,
  e: { code?: string; params?: Record<string, string | number>; message: string },
): string {
  for (const key of e.code ? [`imports.problems.${e.code}`, `validation.${e.code}`, `errors.${e.code}`] : []) {
    const translated = t(key, e.params ?? {});
    if (translated !== key) return translated;
  }
  return e.message;
}

/** A warning about an imported file (a column the importer does not know) in the reader's language, else the server's words. */
export function importWarning(t: TFunction, w: { code: string; column: string | null; message: string }): string {
  const key = `imports.warnings.${w.code}`;
  const translated = t(key, { column: w.column ?? '' });
  return translated === key ? w.message : translated;
}
