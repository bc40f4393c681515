// The interface language: English or Chinese, from the browser's preferred language unless
// the reader chose one (remembered in localStorage). Components read the dictionary and
// the Intl formatters of the language through useI18n().
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { browserTimeZone, formatters, type Formatters, type Lang } from '../format.ts';
import { en, type Messages } from './en.ts';
import { zh } from './zh.ts';

export const dictionaries: Record<Lang, Messages> = { en, zh };
const STORAGE_KEY = 'voc.console.lang';

export function preferredLang(): Lang {
  try {
    const chosen = localStorage.getItem(STORAGE_KEY);
    if (chosen === 'en' || chosen === 'zh') return chosen;
  } catch {
    // storage refused (private mode): fall back to the browser's language
  }
  return /^zh\b/i.test(navigator.language ?? '') ? 'zh' : 'en';
}

type I18n = { lang: Lang; t: Messages; fmt: Formatters; timeZone: string; setLang(lang: Lang): void };
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider(props: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(preferredLang);
  const timeZone = useMemo(browserTimeZone, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      t: dictionaries[lang],
      fmt: formatters(lang, timeZone),
      timeZone,
      setLang(next) {
        try {
          localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // not remembered; still switched
        }
        setLangState(next);
      },
    }),
    [lang, timeZone],
  );
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
