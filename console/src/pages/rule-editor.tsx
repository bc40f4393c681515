// The alert rule editor: a rule is previewed on stored history (POST /v1/alert-rules/backtest,
// drawn by rule-backtest.tsx) before it may be saved; saving a change names the version it
// was based on (If-Match), so an edit made meanwhile is not overwritten.
import { useState } from 'preact/hooks';
import type { BacktestResult, StoredRule } from '../api/types.ts';
import { ErrorMessage, Loading } from '../components/ui.tsx';
import { useAction, useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { href, navigate, type Route } from '../router.ts';
import { useSession } from '../session.tsx';
import { Backtest } from './rule-backtest.tsx';

const TYPES = ['spike', 'threshold', 'floor', 'drop', 'flatline', 'emerging'];
const ALERT_METRICS = ['count', 'customers', 'valueAtRisk', 'negativeShare', 'csat', 'meanSentiment', 'nps', 'ces', 'meanRating'];
const FLOOR_METRICS = ['nps', 'meanSentiment', 'csat', 'meanRating'];
const GROUPS = ['product', 'productName', 'version', 'channel', 'source', 'segment', 'issue', 'category', 'language', 'locale', 'keyphrase', 'tag', 'sentiment'];
const FILTERS = ['productName', 'product', 'issue', 'category', 'segment', 'source', 'channel', 'sentiment', 'language', 'keyphrase', 'q'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];

type Form = {
  name: string;
  type: string;
  metric: string;
  direction: string;
  op: string;
  value: string;
  amount: string;
  groupBy: string;
  every: string;
  window: string;
  baseline: string;
  severity: string;
  owner: string;
  timeZone: string;
  filters: Record<string, string>;
  advanced: string;
};

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function formOf(spec: Record<string, unknown>, timeZone: string): Form {
  const known = new Set(['name', 'type', 'metric', 'direction', 'op', 'value', 'amount', 'groupBy', 'every', 'window', 'baseline', 'severity', 'owner', 'timeZone', 'filters']);
  const filters = (spec.filters ?? {}) as Record<string, string | string[]>;
  const shownFilters = Object.fromEntries(FILTERS.filter((f) => filters[f] !== undefined).map((f) => [f, Array.isArray(filters[f]) ? (filters[f] as string[]).join(', ') : String(filters[f])]));
  const otherFilters = Object.fromEntries(Object.entries(filters).filter(([k]) => !FILTERS.includes(k)));
  const rest = Object.fromEntries(Object.entries(spec).filter(([k]) => !known.has(k)));
  if (Object.keys(otherFilters).length) rest.filters = otherFilters;
  const s = (k: string) => (spec[k] === undefined ? '' : String(spec[k]));
  return {
    name: s('name'),
    type: s('type') || 'spike',
    metric: s('metric'),
    direction: s('direction') || 'up',
    op: s('op'),
    value: s('value'),
    amount: s('amount'),
    groupBy: s('groupBy'),
    every: s('every'),
    window: s('window'),
    baseline: s('baseline'),
    severity: s('severity'),
    owner: s('owner'),
    timeZone: s('timeZone') || timeZone,
    filters: shownFilters,
    advanced: Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '',
  };
}

/** The rule as written: the fields filled in, then the advanced JSON over them. Throws SyntaxError on bad JSON. */
function specOf(f: Form): Record<string, unknown> {
  const spec: Record<string, unknown> = { type: f.type };
  const put = (k: string, v: unknown) => {
    if (v !== '' && v !== undefined) spec[k] = v;
  };
  put('name', f.name.trim());
  if (['threshold', 'spike', 'floor', 'drop'].includes(f.type)) put('metric', f.metric);
  if (f.type === 'spike') put('direction', f.direction);
  if (f.type === 'threshold') put('op', f.op);
  if (f.type === 'threshold' || f.type === 'floor') put('value', f.value.trim() === '' ? '' : Number(f.value));
  if (f.type === 'drop') put('amount', f.amount.trim() === '' ? '' : Number(f.amount));
  put('groupBy', f.groupBy);
  put('every', f.every.trim());
  put('window', f.window.trim());
  put('baseline', f.baseline.trim());
  put('severity', f.severity);
  put('owner', f.owner.trim());
  put('timeZone', f.timeZone.trim());
  const filters = Object.fromEntries(
    Object.entries(f.filters)
      .map(([k, v]) => [k, k === 'q' ? v.trim() : list(v)] as const)
      .filter(([, v]) => v.length > 0),
  );
  if (Object.keys(filters).length) spec.filters = filters;
  if (f.advanced.trim()) {
    const extra = JSON.parse(f.advanced) as Record<string, unknown>;
    if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) throw new SyntaxError('the advanced part is a JSON object');
    for (const [k, v] of Object.entries(extra)) spec[k] = k === 'filters' && typeof v === 'object' ? { ...(spec.filters as object), ...(v as object) } : v;
  }
  return spec;
}

export function RuleEditorPage(props: { route: Route }) {
  const { t } = useI18n();
  const { api } = useSession();
  const id = props.route.path[1]!;
  const existing = useLoad((signal) => (id === 'new' ? Promise.resolve(null) : api.rule(id, signal)), [id]);
  return (
    <div class="page">
      <header class="page-head">
        <p>
          <a href={href('rules')}>← {t.rules.title}</a>
        </p>
        <h1>{id === 'new' ? t.rules.new : t.rules.edit}</h1>
      </header>
      {existing.loading && <Loading />}
      <ErrorMessage error={existing.error} onRetry={existing.reload} />
      {!existing.loading && !existing.error && <RuleEditor key={id} stored={existing.data ?? null} savedVersion={Number(props.route.params.get('saved')) || null} />}
    </div>
  );
}

/** `savedVersion`: the version just created, when the editor opens on a rule it has just saved. */
function RuleEditor(props: { stored: StoredRule | null; savedVersion: number | null }) {
  const { t, fmt, timeZone } = useI18n();
  const { api, can } = useSession();
  const [stored, setStored] = useState(props.stored);
  const [form, setForm] = useState<Form>(() => formOf(props.stored?.spec ?? { type: 'spike', direction: 'up', groupBy: 'product' }, timeZone));
  const [days, setDays] = useState(14);
  const [preview, setPreview] = useState<{ spec: string; result: BacktestResult } | null>(null);
  const [notice, setNotice] = useState<string | null>(props.savedVersion === null ? null : t.rules.saved(props.savedVersion));
  const writable = can('alerts:write');

  let spec: Record<string, unknown> | null = null;
  let specError: unknown;
  try {
    spec = specOf(form);
  } catch (e) {
    specError = e;
  }
  const specKey = spec ? JSON.stringify(spec) : null;
  const previewed = preview !== null && preview.spec === specKey;

  const backtest = useAction(async () => {
    if (!spec) throw specError;
    const result = await api.backtest({ rule: spec, days });
    setPreview({ spec: specKey!, result });
    return result;
  });
  const save = useAction(async () => {
    if (!spec || !previewed) return null;
    const saved = stored ? await api.updateRule(stored.id, stored.version, spec) : await api.createRule(spec);
    setStored(saved);
    setNotice(t.rules.saved(saved.version));
    if (!stored) navigate(['rules', saved.id], { saved: saved.version });
    return saved;
  });
  const remove = useAction(async () => {
    if (!stored || !confirm(t.rules.confirmDelete)) return null;
    await api.deleteRule(stored.id, stored.version);
    navigate('rules');
    return null;
  });

  const set = (k: keyof Form) => (e: Event) => {
    setNotice(null);
    setForm({ ...form, [k]: (e.target as HTMLInputElement).value });
  };
  const setFilter = (k: string) => (e: Event) => setForm({ ...form, filters: { ...form.filters, [k]: (e.target as HTMLInputElement).value } });
  const metrics = form.type === 'floor' || form.type === 'drop' ? FLOOR_METRICS : ALERT_METRICS;
  const fields: Record<string, string> = { name: t.rules.name, type: t.rules.type, metric: t.rules.metric, direction: t.rules.direction, value: t.rules.value, amount: t.rules.amount, groupBy: t.rules.groupBy, every: t.rules.every, window: t.rules.window, baseline: t.rules.baseline, severity: t.rules.severity, owner: t.rules.owner, timeZone: t.rules.timeZone };

  return (
    <>
      <form
        class="panel stack"
        onSubmit={(e) => {
          e.preventDefault();
          void backtest.start();
        }}
      >
        <div class="row">
          <label>
            {t.rules.name}
            <input name="name" value={form.name} onInput={set('name')} maxLength={200} />
          </label>
          <label>
            {t.rules.type}
            <select name="type" value={form.type} onChange={set('type')}>
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {t.rules.types[x]}
                </option>
              ))}
            </select>
          </label>
          {['threshold', 'spike', 'floor', 'drop'].includes(form.type) && (
            <label>
              {t.rules.metric}
              <select name="metric" value={form.metric} onChange={set('metric')} required={form.type === 'floor' || form.type === 'drop'}>
                {form.type !== 'floor' && form.type !== 'drop' && <option value="">{t.rules.byDefault(t.metrics.count!)}</option>}
                {(form.type === 'floor' || form.type === 'drop') && <option value="" />}
                {metrics.map((m) => (
                  <option key={m} value={m}>
                    {t.metrics[m]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {form.type === 'spike' && (
            <label>
              {t.rules.direction}
              <select name="direction" value={form.direction} onChange={set('direction')}>
                {['up', 'down', 'both'].map((d) => (
                  <option key={d} value={d}>
                    {t.rules.directions[d]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {form.type === 'threshold' && (
            <label>
              {t.rules.op}
              <select name="op" value={form.op} onChange={set('op')}>
                <option value="">{t.rules.byDefault(t.rules.ops.above)}</option>
                <option value="below">{t.rules.ops.below}</option>
              </select>
            </label>
          )}
          {(form.type === 'threshold' || form.type === 'floor') && (
            <label>
              {t.rules.value}
              <input name="value" type="number" step="any" value={form.value} onInput={set('value')} required={form.type === 'threshold'} />
            </label>
          )}
          {form.type === 'drop' && (
            <label>
              {t.rules.amount}
              <input name="amount" type="number" step="any" min="0" value={form.amount} onInput={set('amount')} />
            </label>
          )}
          <label>
            {t.rules.groupBy}
            <select name="groupBy" value={form.groupBy} onChange={set('groupBy')}>
              <option value="">{t.rules.noGroup}</option>
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t.dimensions[g]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset>
          <legend>{t.rules.filters}</legend>
          <p class="small muted">{t.rules.filterHint}</p>
          <div class="row">
            {FILTERS.map((f) => (
              <label key={f}>
                {f === 'q' ? t.search.query : t.dimensions[f]}
                <input name={`filter-${f}`} value={form.filters[f] ?? ''} onInput={setFilter(f)} />
              </label>
            ))}
          </div>
        </fieldset>
        <div class="row">
          {(['every', 'window', 'baseline'] as const).map((k) => (
            <label key={k}>
              {t.rules[k]}
              <input name={k} value={form[k]} onInput={set(k)} placeholder={k === 'every' ? '15m' : k === 'baseline' ? '28d' : ''} aria-describedby="duration-hint" size={8} />
            </label>
          ))}
          <label>
            {t.rules.severity}
            <select name="severity" value={form.severity} onChange={set('severity')}>
              <option value="">{t.rules.byDefault(t.rules.severities.medium!)}</option>
              {SEVERITIES.filter((s) => s !== 'medium').map((s) => (
                <option key={s} value={s}>
                  {t.rules.severities[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.rules.owner}
            <input name="owner" value={form.owner} onInput={set('owner')} maxLength={200} />
          </label>
          <label>
            {t.rules.timeZone}
            <input name="timeZone" value={form.timeZone} onInput={set('timeZone')} />
          </label>
        </div>
        <p id="duration-hint" class="small muted">
          {t.rules.durationHint}
        </p>
        <details open={form.advanced !== ''}>
          <summary>{t.rules.advanced}</summary>
          <textarea name="advanced" rows={6} value={form.advanced} onInput={set('advanced')} spellcheck={false} placeholder='{"notify": [{"channel": "slack", "url": "https://hooks.slack.com/…"}]}' />
        </details>
        {specError !== undefined && <ErrorMessage error={specError} />}
        <div class="row">
          <label>
            {t.rules.backtestDays}
            <input name="days" type="number" min={1} max={90} value={days} onInput={(e) => setDays(Math.max(1, Math.min(90, Number((e.target as HTMLInputElement).value) || 14)))} size={4} />
          </label>
          <button type="submit" disabled={backtest.busy || spec === null || !writable}>
            {t.rules.backtest}
          </button>
          <button type="button" class="primary" disabled={!previewed || save.busy || !writable} onClick={() => void save.start()} aria-describedby="save-hint">
            {t.common.save}
          </button>
          {stored && writable && (
            <button type="button" class="danger" disabled={remove.busy} onClick={() => void remove.start()}>
              {t.common.delete}
            </button>
          )}
        </div>
        <p id="save-hint" class="small muted">
          {preview && !previewed ? t.rules.staleBacktest : t.rules.backtestIntro}
        </p>
        <ErrorMessage error={backtest.error ?? save.error ?? remove.error} fields={fields} />
        {notice && (
          <p class="success" role="status">
            {notice}
          </p>
        )}
        {stored && (
          <p class="small muted">
            {t.rules.version} {stored.version} · {t.rules.updated} {fmt.dateTime(stored.updatedAt)}
          </p>
        )}
      </form>
      {backtest.busy && <Loading />}
      {preview && <Backtest result={preview.result} metric={String(preview.result.rule.metric ?? 'count')} stale={!previewed} />}
    </>
  );
}
