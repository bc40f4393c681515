// The detectors: for each evaluation of a rule over a series, whether its condition holds
// (`breach`), the figures behind the call and a sentence saying why. `breach` is null when
// the evaluation cannot judge (too little history, too few responses, no data): the
// alert's state then stays as it is. Pure functions: a series and a rule in, evaluations
// out; the live scheduler and `voc alerts detect` call the same code.
import { defaultWindow, effectiveAlpha, metricTraits, ruleMetric, type Rule } from '../rule.ts';
import { formatInterval, type Bucket, type Series } from '../series.ts';
import { countBaseline, createHistoryReader, meanBaseline, rareRate, shareBaseline, type History } from './baseline.ts';
import { binomialTail, normalTail, poissonTail, surprise, type Side } from './significance.ts';
import { rollingWindows, type WindowFigure } from './windows.ts';

export type Evaluation = {
  /** The evaluated bucket's start, epoch milliseconds. */
  t: number;
  breach: boolean | null;
  value: number | null;
  volume: number;
  baseline: number | null;
  /** −log10 of the test's p-value, where the rule tests; null for plain thresholds. */
  score: number | null;
  reason: string;
};

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const fmt = (x: number) => String(round(x, 2));

type Call = Omit<Evaluation, 't' | 'value' | 'volume'>;

const unjudged = (reason: string, baseline: number | null = null): Call => ({ breach: null, baseline, score: null, reason });

/** The window length in buckets: the rule's window (default one evaluation interval), at least one bucket. */
export function windowBuckets(rule: Rule, interval: number): number {
  if (interval <= 0) return 1;
  return Math.max(1, Math.round(defaultWindow(rule, interval) / interval));
}

const notEnough = (h: History) => (h.learning ? 'learning the weekly rhythm: a week of history is needed before judging' : `not enough history: ${h.windows.length} earlier windows, 3 needed`);

type Ctx = {
  rule: Rule;
  w: WindowFigure;
  history: History;
  span: string;
  windowMs: number;
  alpha: number;
  /** The window `k` windows before this one, and its history (for runs such as a silence). */
  earlier: (k: number) => { w: WindowFigure | null; history: History } | undefined;
};

/** How many windows back a silence is followed. */
const MAX_SILENT_WINDOWS = 48;

const WEEK = 7 * 86_400_000;

function volumeGuard(ctx: Ctx & { rule: { minVolume: number } }): Call | undefined {
  if (ctx.w.volume < ctx.rule.minVolume) return unjudged(`${ctx.w.volume} responses in the window, fewer than the ${ctx.rule.minVolume} a judgement needs`);
  return undefined;
}

/** Counts (and money): against the seasonal median, by a Poisson test scaled for dispersion (money by a robust z). */
function countChange(ctx: Ctx, sides: readonly Side[], guards: { minCount: number; minRatio: number }): Call {
  const metric = ruleMetric(ctx.rule);
  const base = countBaseline(ctx.history);
  if (!base) return unjudged(notEnough(ctx.history));
  const x = ctx.w.value!;
  const b = base.expected;
  const money = metricTraits[metric].kind === 'amount';
  const tests = sides.map((side) => {
    // Counts: x against the K earlier windows as the conditional test of two Poisson rates,
    // X | X + S ~ Binomial(X + S, f / (f + K)), with S = K × the median (so the baseline's
    // own uncertainty counts: four earlier days convince less than twenty-eight).
    const p = money ? normalTail((x - b) / Math.max(base.spread, 0.1 * b, 1), side) : binomialTail(x, x + base.windows * (b / base.factor), base.factor / (base.factor + base.windows), side, base.phi);
    const big = side === 'up' ? x >= guards.minCount && x >= b * guards.minRatio : b >= guards.minCount && x <= b / guards.minRatio;
    return { side, p: Math.min(1, p * sides.length), big };
  });
  const best = tests.reduce((a, c) => (c.p < a.p ? c : a));
  const breach = best.big && best.p < ctx.alpha;
  const how = money ? 'robust z against the spread of earlier windows' : `conditional Poisson test${base.phi > 1 ? `, dispersion ${fmt(base.phi)}` : ''}`;
  const against = `${metric} ${fmt(x)} in ${ctx.span} against a usual ${fmt(b)} (${ctx.history.rhythm === 'none' ? 'previous windows' : `same ${ctx.history.rhythm}`}, ${ctx.history.windows.length} of them)`;
  let reason: string;
  if (breach) reason = `${best.side === 'up' ? 'spike' : 'drop'}: ${against}; p = ${best.p.toPrecision(2)} by ${how}`;
  else if (!best.big) reason = best.side === 'up' && x < guards.minCount ? `${against}; fewer than ${guards.minCount}, too few to call` : `${against}; a change under ×${guards.minRatio}, too small to call`;
  else reason = `${against}; p = ${best.p.toPrecision(2)}, not below ${ctx.alpha.toPrecision(2)}`;
  return { breach, baseline: round(b), score: round(surprise(best.p)), reason };
}

/** Shares and means: against the median of earlier windows, by a binomial or normal test, with a minimum effect. */
function rateChange(ctx: Ctx & { rule: { minVolume: number } }, sides: readonly Side[], minDelta: number): Call {
  const metric = ruleMetric(ctx.rule);
  const traits = metricTraits[metric];
  const guard = volumeGuard(ctx);
  const x = ctx.w.value;
  if (x === null) return unjudged('no responses in the window');
  let b: number;
  let test: (side: Side) => number;
  let how: string;
  if (traits.kind === 'share') {
    const scale = traits.scale ?? 1;
    const base = shareBaseline({ ...ctx.history, windows: ctx.history.windows.map((w) => ({ ...w, value: w.value / scale })) });
    if (!base) return unjudged('not enough history: fewer than 7 earlier windows with responses');
    b = base.share * scale;
    test = (side) => binomialTail((x / scale) * ctx.w.volume, ctx.w.volume, base.share, side, base.phi);
    how = `binomial test${base.phi > 1 ? `, dispersion ${fmt(base.phi)}` : ''}`;
  } else {
    const base = meanBaseline(ctx.history, 0.05 * (traits.range ?? 1));
    if (!base) return unjudged('not enough history: fewer than 7 earlier windows with responses');
    b = base.mean;
    test = (side) => normalTail(((x - base.mean) * Math.sqrt(ctx.w.volume)) / base.sigma, side);
    how = `z test, σ ${fmt(base.sigma)} per response from earlier windows`;
  }
  if (guard) return { ...guard, baseline: round(b) };
  const tests = sides.map((side) => ({ side, p: Math.min(1, test(side) * sides.length), big: side === 'up' ? x - b >= minDelta : b - x >= minDelta }));
  const best = tests.reduce((a, c) => (c.p < a.p ? c : a));
  const breach = best.big && best.p < ctx.alpha;
  const against = `${metric} ${fmt(x)} over ${ctx.w.volume} responses in ${ctx.span} against a usual ${fmt(b)}`;
  let reason: string;
  if (breach) reason = `${best.side === 'up' ? 'rise' : 'fall'}: ${against}; p = ${best.p.toPrecision(2)} by ${how}`;
  else if (!best.big) reason = `${against}; a change under ${minDelta}, too small to call`;
  else reason = `${against}; p = ${best.p.toPrecision(2)}, not below ${ctx.alpha.toPrecision(2)}`;
  return { breach, baseline: round(b), score: round(surprise(best.p)), reason };
}

function call(rule: Rule, ctx: Ctx): Call {
  const metric = ruleMetric(rule);
  const traits = metricTraits[metric];
  const x = ctx.w.value;
  switch (rule.type) {
    case 'threshold': {
      if (x === null) return unjudged('no data in the window');
      if ((traits.kind === 'share' || traits.kind === 'mean') && ctx.w.volume < rule.minVolume) return volumeGuard({ ...ctx, rule })!;
      const breach = rule.op === 'above' ? x > rule.value : x < rule.value;
      return { breach, baseline: null, score: null, reason: `${metric} ${fmt(x)} in ${ctx.span}, ${breach ? '' : 'not '}${rule.op} ${rule.value}` };
    }
    case 'floor': {
      if (x === null) return unjudged('no responses in the window');
      const floor = rule.value ?? traits.floor!;
      const guard = volumeGuard({ ...ctx, rule });
      if (guard) return guard;
      if (x >= floor) return { breach: false, baseline: null, score: 0, reason: `${metric} ${fmt(x)} over ${ctx.w.volume} responses in ${ctx.span}, not below the floor ${floor}` };
      // Below the floor, but is the true value? One-sided: shares binomially, means by z with
      // the per-response spread of earlier windows (or, without them, the widest a bounded
      // response can have: half its range).
      let p: number;
      if (traits.kind === 'share') {
        const scale = traits.scale ?? 1;
        const base = shareBaseline({ ...ctx.history, windows: ctx.history.windows.map((w) => ({ ...w, value: w.value / scale })) });
        p = binomialTail((x / scale) * ctx.w.volume, ctx.w.volume, floor / scale, 'down', base?.phi ?? 1);
      } else {
        const sigma = meanBaseline(ctx.history, 0.05 * (traits.range ?? 1))?.sigma ?? (traits.range ?? 2) / 2;
        p = normalTail(((x - floor) * Math.sqrt(ctx.w.volume)) / sigma, 'down');
      }
      const breach = p < ctx.alpha;
      const what = `${metric} ${fmt(x)} over ${ctx.w.volume} responses in ${ctx.span}, below the floor ${floor}`;
      return { breach, baseline: null, score: round(surprise(p)), reason: breach ? `${what}; p = ${p.toPrecision(2)} that the true value is at or above it` : `${what}, but not surely (p = ${p.toPrecision(2)})` };
    }
    case 'spike': {
      if (x === null) return unjudged('no data in the window');
      const sides: Side[] = rule.direction === 'both' ? ['up', 'down'] : [rule.direction];
      if (traits.kind === 'share' || traits.kind === 'mean') return rateChange({ ...ctx, rule }, sides, rule.minDelta ?? traits.minDelta!);
      return countChange(ctx, sides, rule);
    }
    case 'drop':
      return rateChange({ ...ctx, rule }, ['down'], rule.amount ?? traits.minDelta!);
    case 'flatline': {
      const base = countBaseline(ctx.history);
      if (!base) return unjudged(notEnough(ctx.history));
      const usual = `a usual ${fmt(base.expected)} (${ctx.history.rhythm === 'none' ? 'previous windows' : `same ${ctx.history.rhythm}`})`;
      if (x !== 0) return { breach: false, baseline: round(base.expected), score: 0, reason: `${fmt(x!)} items in ${ctx.span}: not silent` };
      // The silence so far: this window and the silent ones before it, each with what it
      // usually holds; the chance of so long a silence is exp(−Σ usual ÷ φ).
      let expected = base.expected;
      let phi = base.phi;
      let windows = 1;
      for (let k = 1; k < MAX_SILENT_WINDOWS; k++) {
        const before = ctx.earlier(k);
        if (!before?.w || before.w.value !== 0) break;
        const b = countBaseline(before.history);
        if (!b) break;
        expected += b.expected;
        phi = Math.max(phi, b.phi);
        windows += 1;
      }
      const p = poissonTail(0, expected, 'down', phi);
      const breach = p < ctx.alpha;
      const silence = windows === 1 ? `no items in ${ctx.span}` : `no items for ${windows} windows of ${ctx.span}`;
      const against = windows === 1 ? usual : `${fmt(expected)} usual over them`;
      const reason = breach ? `silent: ${silence} against ${against}; p = ${p.toPrecision(2)} of that by chance` : `${silence}, but ${against} makes the silence unremarkable so far (p = ${p.toPrecision(2)})`;
      return { breach, baseline: round(expected), score: round(surprise(p)), reason };
    }
    case 'emerging': {
      const rare = rareRate(ctx.history);
      // "New" means something only against a long enough past.
      if (!rare || ctx.history.windows.length * ctx.windowMs < WEEK) return unjudged('not enough history: a term is new or emerging only against at least a week of the past');
      // The conditional test of two Poisson rates: now against all earlier windows together (plus half a mention).
      const k = ctx.history.windows.length;
      const p = binomialTail(x!, x! + rare.seen + 0.5, 1 / (k + 1), 'up');
      const breach = x! >= rule.minCount && x! >= rare.rate * rule.minRatio && p < ctx.alpha;
      const before = rare.seen === 0 ? `absent from the ${ctx.history.windows.length} earlier windows` : `${fmt(rare.seen)} in the ${ctx.history.windows.length} earlier windows`;
      const reason = breach ? `${rare.seen === 0 ? 'new' : 'emerging'}: ${fmt(x!)} in ${ctx.span}, ${before}; p = ${p.toPrecision(2)}` : `${fmt(x!)} in ${ctx.span}, ${before}; ${x! < rule.minCount ? `fewer than ${rule.minCount}` : 'not unusual'}`;
      return { breach, baseline: round(rare.rate), score: round(surprise(p)), reason };
    }
  }
}

/** Evaluates the rule at every bucket of the series. */
export function evaluateSeries(rule: Rule, series: Series): Evaluation[] {
  const metric = ruleMetric(rule);
  const kind = metricTraits[metric].kind;
  const buckets: readonly Bucket[] = series.buckets;
  if (buckets.length === 0) return [];
  const size = windowBuckets(rule, series.interval);
  const windows = rollingWindows(buckets, size, kind);
  const history = createHistoryReader({ buckets, windows, interval: series.interval, windowBuckets: size, span: rule.baseline, timeZone: rule.timeZone, kind, rhythm: rule.type !== 'emerging' && (kind === 'count' || kind === 'amount') });
  const span = formatInterval(size * series.interval);
  return buckets.map((b, i) => {
    const w = windows[i];
    const at = { t: b.t, value: w?.value ?? null, volume: w?.volume ?? 0 };
    if (!w) return { ...at, ...unjudged(`the ${span} window reaches before the series starts`) };
    const earlier = (k: number) => {
      const j = i - k * size;
      return j < 0 ? undefined : { w: windows[j] ?? null, history: history(j) };
    };
    return { ...at, ...call(rule, { rule, w, history: history(i), span, windowMs: size * series.interval, alpha: effectiveAlpha(rule, size * series.interval), earlier }) };
  });
}
