// Numbers and dates in the reader's language and time zone (Intl). Pure: the tests import it.
export type Lang = 'en' | 'zh';

export const metricNames = ['count', 'customers', 'negativeShare', 'meanSentiment', 'nps', 'csat', 'ces', 'meanRating', 'valueAtRisk', 'valueShare'] as const;
export type MetricName = (typeof metricNames)[number];

/** Whether a rise of the metric is good news (true), bad news (false) or neither (null). */
export const riseIsGood: Record<MetricName, boolean | null> = {
  count: null,
  customers: null,
  negativeShare: false,
  meanSentiment: true,
  nps: true,
  csat: true,
  ces: false,
  meanRating: true,
  valueAtRisk: false,
  valueShare: null,
};

const locales: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

export function formatters(lang: Lang, timeZone?: string) {
  const locale = locales[lang];
  const zone = timeZone ? { timeZone } : {};
  const dateTimeF = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone });
  const dateF = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zone });
  const monthF = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', ...zone });
  const hourF = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', ...zone });
  const numberF = new Map<string, Intl.NumberFormat>();
  const nf = (min: number, max: number, extra: Intl.NumberFormatOptions = {}) => {
    const key = `${min}:${max}:${JSON.stringify(extra)}`;
    let f = numberF.get(key);
    if (!f) numberF.set(key, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max, ...extra })));
    return f;
  };
  const none = '–';

  const number = (v: number | null | undefined, digits = 0) => (v === null || v === undefined || !Number.isFinite(v) ? none : nf(0, digits).format(v));
  const fixed = (v: number | null | undefined, digits: number) => (v === null || v === undefined || !Number.isFinite(v) ? none : nf(digits, digits).format(v));
  const signed = (v: number | null | undefined, digits: number) => (v === null || v === undefined || !Number.isFinite(v) ? none : nf(digits, digits, { signDisplay: 'exceptZero' }).format(v));
  const percent = (share: number | null | undefined, digits = 1) => (share === null || share === undefined || !Number.isFinite(share) ? none : nf(0, digits, { style: 'percent' }).format(share));
  const signedPercent = (share: number | null | undefined, digits = 0) =>
    share === null || share === undefined || !Number.isFinite(share) ? none : nf(0, digits, { style: 'percent', signDisplay: 'exceptZero' }).format(share);

  /** A metric's figure, in the metric's own unit. */
  const metric = (name: string, v: number | null | undefined): string => {
    switch (name) {
      case 'count':
      case 'customers':
      case 'valueAtRisk':
        return number(v, 0);
      case 'negativeShare':
      case 'valueShare':
        return percent(v, 1);
      case 'meanSentiment':
        return signed(v, 2);
      case 'nps':
        return signed(v, 1);
      case 'csat':
        return v === null || v === undefined ? none : `${fixed(v, 1)}%`;
      case 'ces':
      case 'meanRating':
        return fixed(v, 2);
      default:
        return number(v, 2);
    }
  };
  /** A change of a metric: shares in percentage points, the rest in the metric's unit. */
  const metricChange = (name: string, v: number | null | undefined): string => {
    if (v === null || v === undefined) return none;
    switch (name) {
      case 'negativeShare':
      case 'valueShare':
        return `${signed(v * 100, 1)} pp`;
      case 'count':
      case 'customers':
      case 'valueAtRisk':
        return signed(v, 0);
      case 'meanSentiment':
      case 'ces':
      case 'meanRating':
        return signed(v, 2);
      default:
        return signed(v, 1);
    }
  };

  const parse = (iso: string) => new Date(iso);
  return {
    locale,
    none,
    number,
    fixed,
    signed,
    percent,
    signedPercent,
    metric,
    metricChange,
    dateTime: (iso: string | undefined | null) => (iso ? dateTimeF.format(parse(iso)) : none),
    date: (iso: string | undefined | null) => (iso ? dateF.format(parse(iso)) : none),
    /** A bucket's start, as fine as its interval. */
    bucket: (iso: string, interval: string) => (interval === 'month' ? monthF : interval === 'day' || interval === 'week' ? dateF : hourF).format(parse(iso)),
  };
}
export type Formatters = ReturnType<typeof formatters>;

/** The browser's IANA time zone, sent as `tz` so days and weeks are the reader's. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `YYYY-MM-DD` of a date in the browser's zone. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The start of a local day (`YYYY-MM-DD`) as an ISO instant, and the end of one (the next day's start minus 1 ms): the search's inclusive range. */
export function dayStart(date: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).toISOString() : undefined;
}
export function dayEnd(date: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? new Date(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime() - 1).toISOString() : undefined;
}
