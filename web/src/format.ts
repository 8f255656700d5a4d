import i18n from './i18n.ts';

/** Dates and money in the language the person chose, not the browser's. */
export const formatDate = (iso: string) => new Date(iso).toLocaleDateString(i18n.language);
export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
export const formatMoney = (amount: number, currency: string) =>
  new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(amount / 100);
