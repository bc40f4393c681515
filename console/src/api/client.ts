// The console's one way to the API: a thin typed wrapper over fetch, one function per
// endpoint the console uses. Every request carries the signed-in key; every error becomes
// an ApiError holding the problem+json body, which components/problem.tsx puts into words.
// The types come from ./types.ts for now; once console/src/api/openapi.d.ts is generated,
// `request` can become openapi-fetch's client typed by it, and the functions below keep
// their signatures.
import type {
  AlertView,
  AuditEntry,
  BacktestResult,
  CustomerProfile,
  DefectFlag,
  DriversResult,
  DryRunResult,
  Feedback,
  KeyRecord,
  Me,
  Problem,
  PullResult,
  ReprocessJob,
  Role,
  SearchResult,
  StoredRule,
  Taxonomy,
  TaxonomyAnswer,
  ThemesResult,
  TopIssuesResult,
  TrendResult,
} from './types.ts';

/** A query parameter: lists are sent comma-separated; undefined, null and '' are left out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined | null;
export type Query = Record<string, QueryValue>;

/** A failed request: `status` 0 when the API could not be reached at all. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfter: number | null = null,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

export function queryString(query: Query | undefined): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

type Options = { query?: Query; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal };

export type ApiOptions = {
  key: string;
  /** Called when the API refuses the key itself (401): revoked or expired while signed in. */
  onUnauthorized?: (error: ApiError) => void;
  base?: string;
};

export function createApi(opts: ApiOptions) {
  const base = opts.base ?? '';

  async function request<T>(method: string, path: string, o: Options = {}): Promise<{ data: T; headers: Headers }> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}${queryString(o.query)}`, {
        method,
        headers: {
          authorization: `Bearer ${opts.key}`,
          accept: 'application/json, application/problem+json',
          ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...o.headers,
        },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        signal: o.signal,
        cache: 'no-store',
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiError(0, { title: 'unreachable', detail: (error as Error).message });
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      const problem: Problem = body && typeof body === 'object' ? (body as Problem) : { title: res.statusText, detail: text.slice(0, 300) };
      const retry = Number(res.headers.get('retry-after'));
      const error = new ApiError(res.status, problem, Number.isFinite(retry) && retry > 0 ? retry : null);
      if (res.status === 401) opts.onUnauthorized?.(error);
      throw error;
    }
    return { data: body as T, headers: res.headers };
  }
  const get = async <T>(path: string, query?: Query, signal?: AbortSignal) => (await request<T>('GET', path, { query, signal })).data;
  const send = async <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => (await request<T>(method, path, { body, headers })).data;
  const id = encodeURIComponent;

  return {
    me: (signal?: AbortSignal) => get<Me>('/v1/me', undefined, signal),

    trends: (q: Query, signal?: AbortSignal) => get<TrendResult>('/v1/trends', q, signal),
    topIssues: (q: Query, signal?: AbortSignal) => get<TopIssuesResult>('/v1/issues/top', q, signal),
    drivers: (q: Query, signal?: AbortSignal) => get<DriversResult>('/v1/drivers', q, signal),
    themes: (q: Query, signal?: AbortSignal) => get<ThemesResult>('/v1/themes/emerging', q, signal),

    search: (q: Query, signal?: AbortSignal) => get<SearchResult>('/v1/feedback/search', q, signal),
    feedback: (feedbackId: string, signal?: AbortSignal) => get<Feedback>(`/v1/feedback/${id(feedbackId)}`, undefined, signal),
    customer: (customerId: string, q: Query, signal?: AbortSignal) => get<CustomerProfile>(`/v1/customers/${id(customerId)}`, q, signal),

    alerts: (q: Query, signal?: AbortSignal) => get<{ transitions: AlertView[] }>('/v1/alerts', q, signal),
    alert: (alertId: string, signal?: AbortSignal) => get<AlertView>(`/v1/alerts/${id(alertId)}`, undefined, signal),
    alertAction: (alertId: string, action: 'ack' | 'resolve' | 'false-positive' | 'notes' | 'contacts', body: Record<string, unknown>) =>
      send<AlertView>('POST', `/v1/alerts/${id(alertId)}/${action}`, body),

    rules: (q: Query, signal?: AbortSignal) => get<{ rules: StoredRule[]; next?: string }>('/v1/alert-rules', q, signal),
    rule: (ruleId: string, signal?: AbortSignal) => get<StoredRule>(`/v1/alert-rules/${id(ruleId)}`, undefined, signal),
    backtest: (body: { rule?: Record<string, unknown>; ruleId?: string; days?: number }) => send<BacktestResult>('POST', '/v1/alert-rules/backtest', body),
    createRule: (spec: Record<string, unknown>) => send<StoredRule>('POST', '/v1/alert-rules', spec),
    /** Replaces a rule; refused (412) when it changed since `version`. */
    updateRule: (ruleId: string, version: number, spec: Record<string, unknown>) => send<StoredRule>('PUT', `/v1/alert-rules/${id(ruleId)}`, spec, { 'if-match': `"${version}"` }),
    deleteRule: (ruleId: string, version: number) => send<void>('DELETE', `/v1/alert-rules/${id(ruleId)}`, undefined, { 'if-match': `"${version}"` }),

    defects: (signal?: AbortSignal) => get<{ flags: DefectFlag[] }>('/v1/defects', { size: 50 }, signal),
    pullCord: (body: { feedbackId?: string; text?: string; product?: string; issue?: string; by?: string }) => send<PullResult>('POST', '/v1/defects', body),

    taxonomy: (signal?: AbortSignal) => get<TaxonomyAnswer>('/v1/taxonomy', undefined, signal),
    dryRunTaxonomy: (taxonomy: Taxonomy, last: number) => send<DryRunResult>('POST', '/v1/taxonomy/dry-run', { taxonomy, last }),
    saveTaxonomy: (taxonomy: Taxonomy) => send<{ version: string; taxonomy: Taxonomy }>('PUT', '/v1/taxonomy', taxonomy),
    reprocess: () => send<ReprocessJob>('POST', '/v1/reprocess'),
    reprocessJob: (jobId: string, signal?: AbortSignal) => get<ReprocessJob>(`/v1/reprocess/${id(jobId)}`, undefined, signal),

    keys: (includeRevoked: boolean, signal?: AbortSignal) => get<{ keys: KeyRecord[] }>('/v1/keys', { revoked: includeRevoked }, signal),
    createKey: (body: { name: string; role: Role; expiresInDays?: number }) => send<{ key: KeyRecord; token: string }>('POST', '/v1/keys', body),
    revokeKey: (keyId: string) => send<KeyRecord>('DELETE', `/v1/keys/${id(keyId)}`),

    audit: (q: Query, signal?: AbortSignal) => get<{ entries: AuditEntry[]; next?: string }>('/v1/audit', q, signal),
  };
}

export type Api = ReturnType<typeof createApi>;
