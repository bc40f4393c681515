// Search for product teams: full text in English and Chinese with facets, a date range,
// sorting, highlights and pages; "similar complaints" of a result; the current result as
// CSV (made in the browser from the items fetched, at most EXPORT_MAX).
import { useEffect, useState } from 'preact/hooks';
import type { SearchQuery } from '../api/client.ts';
import type { SearchItem, SearchResult } from '../api/types.ts';
import { useIssueLabel } from '../components/issues.tsx';
import { download, Empty, ErrorMessage, Highlighted, Loading, SentimentBadge } from '../components/ui.tsx';
import { searchCsv } from '../csv.ts';
import { dayEnd, dayStart, localDate } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { href, listParam, navigate, oneOf, paramsObject, type Route } from '../router.ts';
import { useSession } from '../session.tsx';
import { similarParams } from '../similar.ts';

/** The facets shown, in order (each is also a filter parameter of the search). */
const FACETS = ['source', 'sentiment', 'language', 'segment', 'productName', 'version', 'issue', 'category', 'issueKind', 'channel', 'keyphrase', 'tag', 'scale', 'nps', 'locale'];
const SORTS: Array<NonNullable<SearchQuery['sort']>> = ['relevance', 'newest', 'oldest', 'most-negative', 'most-positive', 'highest-value'];
const PAGE_SIZE = 20;
const EXPORT_MAX = 1000;

/** The API query of the page's address: local dates become the instants of the reader's days. */
export function searchQuery(params: URLSearchParams): SearchQuery {
  const sort = params.get('sort');
  const q: SearchQuery = { q: params.get('q') ?? undefined, sort: sort ? oneOf(SORTS, sort, 'relevance') : undefined };
  const from = params.get('from');
  const to = params.get('to');
  if (from) q.from = dayStart(from);
  if (to) q.to = dayEnd(to);
  for (const f of FACETS) {
    const values = listParam(params, f);
    if (values.length) (q as Record<string, string[]>)[f] = values;
  }
  return q;
}

export function SearchPage(props: { route: Route }) {
  const { t } = useI18n();
  const { api } = useSession();
  const params = props.route.params;
  const page = Math.max(1, Math.min(Number(params.get('page')) || 1, Math.floor(10_000 / PAGE_SIZE)));
  const query = searchQuery(params);
  const key = JSON.stringify([query, page]);
  const result = useLoad((signal) => api.search({ ...query, page, pageSize: PAGE_SIZE }, signal), [key]);
  const go = (change: Record<string, string | undefined>, keepPage = false) => navigate('search', { ...paramsObject(params), ...(keepPage ? {} : { page: undefined }), ...change });
  const similarTo = params.get('similar');

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t.search.title}</h1>
        <SearchForm params={params} onSearch={(c) => go(c)} />
      </header>
      {similarTo && (
        <p class="notice">
          {t.search.similar}: <a href={href(['feedback', similarTo])}>{similarTo.slice(0, 8)}…</a>
        </p>
      )}
      <div class="search-layout">
        <aside class="facets" aria-label={t.search.facets}>
          {result.data && <Facets result={result.data} params={params} onChange={(f, values) => go({ [f]: values.join(',') || undefined })} />}
        </aside>
        <div>
          <ActiveFilters params={params} onRemove={(f, v) => go({ [f]: listParam(params, f).filter((x) => x !== v).join(',') || undefined })} onClear={() => navigate('search', { q: params.get('q') ?? undefined })} />
          {result.loading && <Loading />}
          <ErrorMessage error={result.error} onRetry={result.reload} fields={{ q: t.search.query, from: t.search.from, to: t.search.to, page: t.common.page(page, page) }} />
          {result.data && !result.loading && <Results result={result.data} query={query} similarTo={similarTo} onPage={(p) => go({ page: String(p) }, true)} />}
        </div>
      </div>
    </div>
  );
}

function SearchForm(props: { params: URLSearchParams; onSearch(change: Record<string, string | undefined>): void }) {
  const { t } = useI18n();
  const read = () => ({ q: props.params.get('q') ?? '', from: props.params.get('from') ?? '', to: props.params.get('to') ?? '', sort: props.params.get('sort') ?? '' });
  const [draft, setDraft] = useState(read);
  useEffect(() => setDraft(read()), [props.params.toString()]);
  const set = (k: keyof typeof draft) => (e: Event) => setDraft({ ...draft, [k]: (e.target as HTMLInputElement).value });
  return (
    <form
      class="inline"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSearch({ q: draft.q.trim() || undefined, from: draft.from || undefined, to: draft.to || undefined, sort: draft.sort || undefined });
      }}
    >
      <label style={{ flex: '1 1 18rem' }}>
        {t.search.query}
        <input type="search" name="q" value={draft.q} onInput={set('q')} aria-describedby="q-hint" maxLength={500} />
        <span id="q-hint" class="small muted">
          {t.search.queryHint}
        </span>
      </label>
      <label>
        {t.search.from}
        <input type="date" name="from" value={draft.from} max={localDate(new Date())} onInput={set('from')} />
      </label>
      <label>
        {t.search.to}
        <input type="date" name="to" value={draft.to} onInput={set('to')} />
      </label>
      <label>
        {t.search.sort}
        <select name="sort" value={draft.sort} onChange={set('sort')}>
          <option value="">{draft.q ? t.search.sorts.relevance : t.search.sorts.newest}</option>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t.search.sorts[s]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary">
        {t.search.submit}
      </button>
    </form>
  );
}

function useValueLabel(): (facet: string, value: string) => string {
  const { t } = useI18n();
  const issueLabel = useIssueLabel();
  return (facet, value) => {
    if (facet === 'issue' || facet === 'category') return issueLabel(value);
    if (facet === 'sentiment') return t.sentiment[value] ?? value;
    if (facet === 'source') return t.sources[value] ?? value;
    if (facet === 'language') return t.languages[value] ?? value;
    return value;
  };
}

function Facets(props: { result: SearchResult; params: URLSearchParams; onChange(facet: string, values: string[]): void }) {
  const { t, fmt } = useI18n();
  const label = useValueLabel();
  return (
    <>
      <h2 class="visually-hidden">{t.search.facets}</h2>
      {FACETS.map((f) => {
        const chosen = listParam(props.params, f);
        const values = props.result.facets[f] ?? [];
        const shown = [...values, ...chosen.filter((c) => !values.some((v) => v.value === c)).map((value) => ({ value, count: 0 }))];
        if (shown.length === 0) return null;
        return (
          <fieldset key={f} data-facet={f}>
            <legend>{t.dimensions[f]}</legend>
            {shown.map((v) => (
              <label key={v.value} class="check">
                <span>
                  <input
                    type="checkbox"
                    checked={chosen.includes(v.value)}
                    onChange={(e) => props.onChange(f, (e.target as HTMLInputElement).checked ? [...chosen, v.value] : chosen.filter((c) => c !== v.value))}
                  />{' '}
                  {label(f, v.value)}
                </span>
                <span class="muted small">{fmt.number(v.count)}</span>
              </label>
            ))}
          </fieldset>
        );
      })}
    </>
  );
}

function ActiveFilters(props: { params: URLSearchParams; onRemove(facet: string, value: string): void; onClear(): void }) {
  const { t } = useI18n();
  const label = useValueLabel();
  const active = FACETS.flatMap((f) => listParam(props.params, f).map((v) => [f, v] as const));
  if (active.length === 0) return null;
  return (
    <div class="row" aria-label={t.search.activeFilters} role="group">
      <ul class="chips">
        {active.map(([f, v]) => (
          <li key={`${f}=${v}`}>
            <button type="button" aria-label={t.common.remove(`${t.dimensions[f]}: ${label(f, v)}`)} onClick={() => props.onRemove(f, v)}>
              {t.dimensions[f]}: {label(f, v)} <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="link" onClick={props.onClear}>
        {t.search.clearAll}
      </button>
    </div>
  );
}

function Results(props: { result: SearchResult; query: SearchQuery; similarTo: string | null; onPage(page: number): void }) {
  const { t } = useI18n();
  const r = props.result;
  const pages = Math.min(r.pages, Math.floor(10_000 / r.pageSize));
  return (
    <>
      <div class="row" style={{ justifyContent: 'space-between' }}>
        <p role="status" aria-live="polite" data-total={r.total}>
          <strong>{t.search.results(r.total)}</strong>
        </p>
        {r.total > 0 && <ExportButton query={props.query} total={r.total} />}
      </div>
      {r.items.length === 0 ? (
        <Empty>{t.search.noResults}</Empty>
      ) : (
        <ul class="results">
          {r.items.map((item) => (
            <ResultItem key={item.id} item={item} self={item.id === props.similarTo} />
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pager" aria-label={t.common.page(r.page, pages)}>
          <button type="button" disabled={r.page <= 1} onClick={() => props.onPage(r.page - 1)}>
            {t.common.previousPage}
          </button>
          <span>{t.common.page(r.page, pages)}</span>
          <button type="button" disabled={r.page >= pages} onClick={() => props.onPage(r.page + 1)}>
            {t.common.nextPage}
          </button>
        </nav>
      )}
    </>
  );
}

function ResultItem(props: { item: SearchItem; self: boolean }) {
  const { t, fmt } = useI18n();
  const issueLabel = useIssueLabel();
  const d = props.item;
  const text = d.text.length > 320 ? `${d.text.slice(0, 320)}…` : d.text;
  return (
    <li data-id={d.id}>
      {d.title && <h3>{d.title}</h3>}
      <p class="text" lang={d.language === 'zh' ? 'zh' : d.language === 'en' ? 'en' : undefined}>
        {d.highlights.length ? d.highlights.map((h, i) => <span key={i}>{i > 0 && ' … '}<Highlighted html={h} /></span>) : text}
      </p>
      <div class="meta">
        <time dateTime={d.createdAt}>{fmt.dateTime(d.createdAt)}</time>
        <span>{t.sources[d.source] ?? d.source}</span>
        {d.channel && <span>{d.channel}</span>}
        {d.product?.name && <span>{d.product.name}{d.product.version ? ` ${d.product.version}` : ''}</span>}
        {d.customer?.segment && <span>{d.customer.segment}</span>}
        <SentimentBadge label={d.sentiment?.label} />
        {(d.issues ?? []).map((i) => (
          <span key={i.id} class="badge neutral">
            {issueLabel(i.id)}
          </span>
        ))}
        {props.self && <span class="badge">{t.detail.thisItem}</span>}
      </div>
      <div class="meta">
        <a href={href(['feedback', d.id])} aria-label={`${t.search.openDetail}: ${text.slice(0, 60)}`}>
          {t.search.openDetail}
        </a>
        <a href={href('search', similarParams(d))}>{t.search.similar}</a>
      </div>
    </li>
  );
}

function ExportButton(props: { query: SearchQuery; total: number }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [state, setState] = useState<{ done: number } | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const wanted = Math.min(props.total, EXPORT_MAX);
  const run = async () => {
    setError(undefined);
    setState({ done: 0 });
    try {
      const items: SearchItem[] = [];
      for (let page = 1; items.length < wanted; page++) {
        const r = await api.search({ ...props.query, page, pageSize: 100 });
        items.push(...r.items);
        setState({ done: items.length });
        if (r.items.length < 100) break;
      }
      download(`voc-feedback-${localDate(new Date())}.csv`, `\uFEFF${searchCsv(items.slice(0, wanted))}`, 'text/csv;charset=utf-8');
    } catch (e) {
      setError(e);
    } finally {
      setState(null);
    }
  };
  return (
    <div>
      <button type="button" onClick={run} disabled={state !== null}>
        {state ? t.search.exporting(state.done, wanted) : t.search.exportCsv}
      </button>
      {props.total > EXPORT_MAX && <p class="small muted">{t.search.exportCapped(EXPORT_MAX)}</p>}
      <ErrorMessage error={error} />
    </div>
  );
}
