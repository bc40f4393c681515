// Small shared pieces: loading and empty states, errors in words, highlighted quotes.
import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client.ts';
import { parseHighlighted } from '../highlight.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function Loading(props: { label?: string }) {
  const { t } = useI18n();
  return (
    <p class="state loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {props.label ?? t.common.loading}
    </p>
  );
}

export function Empty(props: { children?: ComponentChildren }) {
  const { t } = useI18n();
  return <p class="state empty">{props.children ?? t.common.empty}</p>;
}

/**
 * An API error in words: a sentence for what happened (by status), what the API said, the
 * fields to check (errors[].path, named by `fields` where the page knows a label), and the
 * request id of an internal error.
 */
export function ErrorMessage(props: { error: unknown; fields?: Record<string, string>; onRetry?: () => void }) {
  const { t } = useI18n();
  const e = props.error;
  if (e === undefined || e === null) return null;
  if (!(e instanceof ApiError)) {
    return (
      <div class="error" role="alert">
        <p>{e instanceof SyntaxError ? `${t.errors.badJson} ${e.message}` : t.errors.unknown}</p>
        {!(e instanceof SyntaxError) && e instanceof Error && <p class="detail">{e.message}</p>}
      </div>
    );
  }
  const p = e.problem;
  const headline =
    e.status === 0
      ? t.errors.network
      : e.status === 400 || e.status === 422
        ? t.errors.invalid
        : e.status === 401
          ? t.errors.unauthenticated
          : e.status === 403
            ? t.errors.forbidden
            : e.status === 404
              ? t.errors.notFound
              : e.status === 409 || e.status === 412
                ? t.errors.conflict
                : e.status === 413
                  ? t.errors.tooLarge
                  : e.status === 429
                    ? t.errors.rateLimited(e.retryAfter)
                    : e.status === 503
                      ? t.errors.unavailable(e.retryAfter)
                      : e.status >= 500
                        ? t.errors.server
                        : t.errors.unknown;
  const errors = p.errors ?? [];
  return (
    <div class="error" role="alert">
      <p>
        <strong>{headline}</strong>
      </p>
      {errors.length > 0 ? (
        <>
          <p>{t.errors.check}</p>
          <ul>
            {errors.map((x, i) => (
              <li key={i}>
                <strong>{props.fields?.[x.path] ?? x.path}</strong>: {x.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        e.status !== 0 &&
        (p.detail ?? p.title) && (
          <p class="detail">
            {t.errors.serverSaid} {p.detail ?? p.title}
          </p>
        )
      )}
      {p.requestId && <p class="detail">{t.errors.requestId(p.requestId)}</p>}
      {props.onRetry && (
        <button type="button" onClick={props.onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}

/** The API's highlighted text (HTML-escaped, <em> around matches) as text and <mark>, never as HTML. */
export function Highlighted(props: { html: string }) {
  return (
    <>
      {parseHighlighted(props.html).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}
    </>
  );
}

export function SentimentBadge(props: { label: string | undefined; score?: number }) {
  const { t, fmt } = useI18n();
  if (!props.label) return null;
  return (
    <span class={`badge sentiment-${props.label}`}>
      {t.sentiment[props.label] ?? props.label}
      {props.score !== undefined && ` ${fmt.signed(props.score, 2)}`}
    </span>
  );
}

export function Section(props: { title: string; intro?: string; id?: string; children: ComponentChildren; actions?: ComponentChildren }) {
  const id = props.id ?? `s-${props.title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section class="panel" aria-labelledby={id}>
      <div class="panel-head">
        <h2 id={id}>{props.title}</h2>
        {props.actions}
      </div>
      {props.intro && <p class="intro">{props.intro}</p>}
      {props.children}
    </section>
  );
}

/** Downloads text as a file (the CSV export). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
