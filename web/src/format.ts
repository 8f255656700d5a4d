import { formatMinor } from '#shared/domain/money.ts';
import i18n from './i18n.ts';

/** Dates and money in the language the person chose, not the browser's. */
export const formatDate = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);
export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
/** Minor units in the currency's own digits (JPY has none). */
export const formatMoney = (amount: number, currency: string) => formatMinor(amount, currency, i18n.language);
