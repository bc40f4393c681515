// Sign-in with an API key: checked with GET /v1/me before it is kept (sessionStorage).
import { useState } from 'preact/hooks';
import { LanguageSwitch } from '../components/language.tsx';
import { ErrorMessage } from '../components/ui.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function SignInPage(props: { onSignIn(key: string): Promise<void>; error?: unknown; notice?: string }) {
  const { t } = useI18n();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const k = key.trim();
    if (!k) return setProblem(t.signIn.empty);
    if (!k.startsWith('voc_')) return setProblem(t.signIn.notAKey);
    setProblem(null);
    setBusy(true);
    await props.onSignIn(k);
    setBusy(false);
  };

  return (
    <main id="main" class="centered" tabIndex={-1}>
      <div class="sign-in panel">
        <div class="panel-head">
          <h1>{t.signIn.title}</h1>
          <LanguageSwitch />
        </div>
        <p class="intro">{t.signIn.intro}</p>
        {props.notice && (
          <p class="notice" role="status">
            {props.notice}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <label for="api-key">{t.signIn.keyLabel}</label>
          <input
            id="api-key"
            name="key"
            type="password"
            autoComplete="off"
            spellcheck={false}
            aria-describedby="api-key-hint"
            aria-invalid={problem ? true : undefined}
            value={key}
            onInput={(e) => setKey((e.target as HTMLInputElement).value)}
          />
          <p id="api-key-hint" class="small muted">
            {t.signIn.keyHint}
          </p>
          {problem && (
            <p class="error" role="alert">
              {problem}
            </p>
          )}
          {!problem && !busy && props.error !== undefined && <ErrorMessage error={props.error} />}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t.signIn.checking : t.signIn.submit}
          </button>
        </form>
      </div>
    </main>
  );
}
