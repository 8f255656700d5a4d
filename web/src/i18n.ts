import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from 'antd/es/locale/index.js';
import { messages } from 'virtual:messages';
import type { Feature, MessageBundle } from './message-bundles.ts';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('dingo.lang') : null;
export const initialLanguage: Language = stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';

// Messages arrive by bundle (message-bundles.ts) and only in the language shown: nothing to fall back to.
void i18n.use(initReactI18next).init({
  lng: initialLanguage,
  fallbackLng: false,
  load: 'currentOnly',
  interpolation: { escapeValue: false },
});

/**
 * antd's own texts (pagination, date pickers, empty tables) for each language, loaded with it.
 * Its locale files are CommonJS-shaped under NodeNext typing: take the default whichever way it arrives.
 */
const antdLocaleFiles: Record<Language, () => Promise<{ default: unknown }>> = {
  'zh-CN': () => import('antd/es/locale/zh_CN.js'),
  en: () => import('antd/es/locale/en_US.js'),
};
const antdLocales: Partial<Record<Language, Locale>> = {};
const loadAntdLocale = async (lang: Language) => {
  const file = (await antdLocaleFiles[lang]()).default as Locale & { default?: Locale };
  antdLocales[lang] = file.default ?? file;
};

/** antd's texts in the language shown (loaded before the language is). */
export const antdLocale = (lang: string): Locale | undefined => antdLocales[lang as Language];

const requested = new Set<MessageBundle>(['core']);
const loads = new Map<string, Promise<void>>();
function loadBundle(lang: Language, bundle: MessageBundle): Promise<void> {
  const key = `${lang}/${bundle}`;
  let load = loads.get(key);
  if (!load) {
    load = messages[lang][bundle]!().then((m) => {
      i18n.addResourceBundle(lang, 'translation', m.default, true, true);
    });
    // A load that failed (the network) is tried again the next time it is needed.
    load.catch(() => loads.delete(key));
    loads.set(key, load);
  }
  return load;
}

/** The language shown, or the one being switched to while its messages load. */
let target: Language = initialLanguage;
const shown = () => (i18n.language === 'en' ? 'en' : 'zh-CN') as Language;

/** A feature's messages in the language shown (and the one coming): a page awaits them before it renders. */
export function loadMessages(feature: Feature): Promise<unknown> {
  requested.add(feature);
  return Promise.all([...new Set([shown(), target])].map((lang) => loadBundle(lang, feature)));
}

/** The page says which language it is in (screen readers, translation tools) and its tab is titled in it. */
function showLanguage(lang: string) {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
  document.title = i18n.t('app.name');
}

/**
 * Shows another language once everything shown so far has its messages in it (no key flashes
 * untranslated); until then the page stays in the language it is in.
 */
export async function changeLanguage(lang: Language) {
  target = lang;
  await Promise.all([loadAntdLocale(lang), ...[...requested].map((bundle) => loadBundle(lang, bundle))]);
  if (target === lang && i18n.language !== lang) await i18n.changeLanguage(lang);
}

/**
 * The first screen's messages in the reader's language: the app renders once they are here, and the
 * tab is titled from then on (i18next announces the language before its messages have arrived).
 */
export const i18nReady = Promise.all([loadAntdLocale(initialLanguage), loadBundle(initialLanguage, 'core')]).then(
  () => {
    showLanguage(initialLanguage);
    i18n.on('languageChanged', showLanguage);
  },
);

export function setLanguage(lang: Language) {
  localStorage.setItem('dingo.lang', lang);
  void changeLanguage(lang);
}

/** The tab's title: the page's own, then the app's name, in the language shown. */
export function setPageTitle(title: string | undefined) {
  if (typeof document !== 'undefined') document.title = title ? `${title} · ${i18n.t('app.name')}` : i18n.t('app.name');
}

export default i18n;
