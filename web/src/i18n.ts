import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, zhCN } from './locales.ts';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('dingo.lang') : null;
export const initialLanguage: Language = stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

/** The page says which language it is in (screen readers, translation tools) and its tab is titled in it. */
function showLanguage(lang: string) {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
  document.title = i18n.t('app.name');
}
i18n.on('languageChanged', showLanguage);
showLanguage(initialLanguage);

export function setLanguage(lang: Language) {
  localStorage.setItem('dingo.lang', lang);
  void i18n.changeLanguage(lang);
}

/** The tab's title: the page's own, then the app's name, in the language shown. */
export function setPageTitle(title: string | undefined) {
  if (typeof document !== 'undefined') document.title = title ? `${title} · ${i18n.t('app.name')}` : i18n.t('app.name');
}

export default i18n;
