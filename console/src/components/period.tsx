// The period and the product/segment filters that the overview and trends pages share.
// They live in the address (`days=30`, or `from`/`to` as local dates; `product`, `segment`).
import { useEffect, useState } from 'preact/hooks';
import type { PeriodFilters } from '../api/client.ts';
import { localDate } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';

export type Period = { days: number } | { from: string; to: string };
const PRESETS = [7, 30, 90];
const isDate = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s);

export function periodOf(params: URLSearchParams): Period {
  const from = params.get('from');
  const to = params.get('to');
  if (isDate(from) && isDate(to)) return { from, to };
  const days = Number(params.get('days'));
  return { days: PRESETS.includes(days) ? days : 30 };
}

/** The API's period parameters: local dates in the reader's zone, `to` inclusive. */
export function periodQuery(period: Period, timeZone: string, today = new Date()): { from: string; to: string; tz: string } {
  if ('from' in period) return { from: period.from, to: period.to, tz: timeZone };
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (period.days - 1));
  return { from: localDate(start), to: localDate(today), tz: timeZone };
}

/** The period and the product and segment filters, as the analytics endpoints take them. */
export function periodFilters(period: Period, timeZone: string, product: string, segment: string): PeriodFilters {
  return { ...periodQuery(period, timeZone), productName: product ? [product] : undefined, segment: segment ? [segment] : undefined };
}

export function periodParams(period: Period): Record<string, string | undefined> {
  return 'from' in period ? { from: period.from, to: period.to, days: undefined } : { days: String(period.days), from: undefined, to: undefined };
}

export function PeriodPicker(props: { period: Period; onChange(period: Period): void }) {
  const { t } = useI18n();
  const custom = 'from' in props.period;
  const [draft, setDraft] = useState(() => periodQuery(props.period, 'UTC'));
  const [choice, setChoice] = useState<string>(custom ? 'custom' : String((props.period as { days: number }).days));
  useEffect(() => {
    setChoice('from' in props.period ? 'custom' : String(props.period.days));
    setDraft(periodQuery(props.period, 'UTC'));
  }, ['from' in props.period ? `${props.period.from}/${props.period.to}` : props.period.days]);

  return (
    <div class="period" role="group" aria-label={t.period.label}>
      <label>
        {t.period.label}
        <select
          value={choice}
          onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            setChoice(v);
            if (v !== 'custom') props.onChange({ days: Number(v) });
          }}
        >
          {PRESETS.map((d) => (
            <option key={d} value={String(d)}>
              {t.period.last(d)}
            </option>
          ))}
          <option value="custom">{t.period.custom}</option>
        </select>
      </label>
      {choice === 'custom' && (
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.from && draft.to) props.onChange({ from: draft.from, to: draft.to });
          }}
        >
          <label>
            {t.period.from}
            <input type="date" name="from" required value={draft.from} onInput={(e) => setDraft({ ...draft, from: (e.target as HTMLInputElement).value })} />
          </label>
          <label>
            {t.period.to}
            <input type="date" name="to" required value={draft.to} onInput={(e) => setDraft({ ...draft, to: (e.target as HTMLInputElement).value })} />
          </label>
          <button type="submit">{t.common.apply}</button>
        </form>
      )}
    </div>
  );
}

/** Product and segment choices: the period's busiest values (a split of the item count), so executives need no search rights to pick them. */
export function ProductSegmentFilters(props: { base: PeriodFilters; product: string; segment: string; onChange(next: { product?: string; segment?: string }): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const key = JSON.stringify([props.base.from, props.base.to, props.base.tz]);
  const options = useLoad(
    async (signal) => {
      const [products, segments] = await Promise.all([
        api.trends({ ...props.base, metric: 'count', split: 'productName', top: 20, interval: 'month' }, signal),
        api.trends({ ...props.base, metric: 'count', split: 'segment', top: 20, interval: 'month' }, signal),
      ]);
      const keys = (r: typeof products) => (r.split?.series ?? []).filter((s) => !s.other).map((s) => s.key);
      return { products: keys(products), segments: keys(segments) };
    },
    [key],
  );
  const withCurrent = (list: string[] | undefined, current: string) => (current && !(list ?? []).includes(current) ? [current, ...(list ?? [])] : (list ?? []));
  return (
    <>
      <label>
        {t.filters.product}
        <select name="product" value={props.product} onChange={(e) => props.onChange({ product: (e.target as HTMLSelectElement).value })}>
          <option value="">{t.filters.allProducts}</option>
          {withCurrent(options.data?.products, props.product).map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.filters.segment}
        <select name="segment" value={props.segment} onChange={(e) => props.onChange({ segment: (e.target as HTMLSelectElement).value })}>
          <option value="">{t.filters.allSegments}</option>
          {withCurrent(options.data?.segments, props.segment).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
