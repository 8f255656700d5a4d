import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import i18n from 'i18next';
import { ApiError } from './api.ts';

/**
 * A custom field's refusal (`customFields.<key>`, checked against the company's definitions) has no
 * validation code: what it says, in the reader's words.
 */
function customFieldMessage(message: string): string {
  if (/required/i.test(message)) return i18n.t('errors.required');
  if (/removed/i.test(message)) return i18n.t('customFields.errors.removed');
  if (/not a custom field/i.test(message)) return i18n.t('customFields.errors.unknown');
  return i18n.t('customFields.errors.invalid');
}

/** A field error in the reader's language, by its validation code; the server's words if it has none. */
export const fieldMessage = (e: { path?: string; message: string; code?: string }) =>
  e.code && i18n.exists(`validation.${e.code}`)
    ? i18n.t(`validation.${e.code}`)
    : !e.code && e.path && /(^|\.)customFields\./.test(e.path)
      ? customFieldMessage(e.message)
      : e.message;

/** A translated message for an API error: by its problem code, else the server's detail. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    const translated = t(key);
    return translated === key ? (error.problem.detail ?? t('errors.generic')) : translated;
  }
  return t('errors.generic');
}

/**
 * Puts a 400's field errors (`body.contacts.0.name`) on the matching form fields. The company's own
 * fields are refused at `customFields.<key>` (checked after the body's shape), with no `body.`.
 */
export function showFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return false;
  const fields = error.problem.errors
    .filter((e) => e.path.startsWith('body.') || e.path.startsWith('customFields.'))
    .map((e) => ({
      name: e.path
        .replace(/^body\./, '')
        .split('.')
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: [fieldMessage(e)],
    }));
  form.setFields(fields);
  return fields.length > 0;
}

/** A problem reported inside an answer (a bulk action's failed order): by its code, else the server's words. */
export function problemText(t: TFunction, problem: { code: string; detail: string }): string {
  const key = `errors.${problem.code}`;
  const translated = t(key);
  return translated === key ? problem.detail || t('errors.generic') : translated;
}
