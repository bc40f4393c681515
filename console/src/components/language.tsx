// The language switch: English or Chinese, remembered for the next visit.
import { useI18n } from '../i18n/i18n.tsx';

export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <div class="lang" role="group" aria-label={t.lang.label}>
      {(['en', 'zh'] as const).map((l) => (
        <button key={l} type="button" lang={l === 'zh' ? 'zh' : 'en'} aria-pressed={lang === l} onClick={() => setLang(l)}>
          {t.lang[l]}
        </button>
      ))}
    </div>
  );
}
