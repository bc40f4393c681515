// `npm run eval:stats [-- --json] [-- --permutations N] [-- --seed S] [-- --airline NAME]`:
// checks voc's significance test (analytics/statistics.ts) on real counts it did not make,
// the airline tweets in ../shared/data/twitter_us_airline_sentiment/dev.csv. One tweet per
// tweet_id (a later duplicate record overwrites an earlier one, as an import with the id as
// sourceId would); each non-empty negativereason is an issue; the exposure of a period is
// every tweet in it; calendar days are America/Los_Angeles days.
//   1. Agreement with scipy: for each airline and for all airlines together, each reason,
//      each pair of consecutive days and first half vs second half of the whole range,
//      compareRates against scipy's binomtest / proportion_ci('exact') on the same counts
//      (peers/scipy_rate_test.py), and benjaminiHochberg against false_discovery_control
//      on the same p-values (per family of reasons, and all p-values at once). Passes when
//      p and q agree within 1e-9 absolute and the ratio bounds within 1e-9 relative, of
//      proportion_ci or, where its root finder's tolerance is what differs, of the same
//      bound in closed form (scipy's beta.ppf); both are reported.
//   2. A known null: the tweets' dates are shuffled among them (each keeps its reason), and
//      the top-issues decision for first half vs second half is made as in
//      analytics/top-issues.ts; every call is a false alarm.
//   3. The same decision on the real, unshuffled halves: figures only.
// Prints figures (or one JSON object with --json) on stdout, progress on stderr. Exits 0
// when the data is absent (saying so), 1 when voc and scipy disagree, 2 on a usage error.
import { createCipheriv, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { parse } from 'csv-parse/sync';
import { ALPHA, benjaminiHochberg, callChanges, clopperPearson, MIN_EVENTS, type ChangeCall } from '../../analytics/statistics.ts';
import { formatInZone } from '../../core/trends/time-buckets.ts';
import { dataAvailable, defaultDataDir } from './datasets.ts';
import { ensurePythonEnv, runPythonJson } from './python-env.ts';

const FOLDER = 'twitter_us_airline_sentiment';
const ZONE = 'America/Los_Angeles';
const TOLERANCE = 1e-9;
const ALL = 'all airlines';

const whole = (what: string, min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${what}: a whole number ≥ ${min}`);
  return n;
};
const program = new Command('eval:stats')
  .description("check voc's significance test on the airline tweets in ../shared/data: agreement with scipy, false alarms under shuffled dates, the calls on the real data")
  .option('--json', 'print one JSON object on stdout instead of the report')
  .option('--permutations <n>', 'shuffles of the dates for the false-alarm check', whole('--permutations', 1), 200)
  .option('--seed <n>', 'seed of the shuffles (the same seed gives the same figures)', whole('--seed', 0), 1)
  .option('--airline <name>', 'make the false-alarm check and the real-data calls for one airline (default: all airlines)')
  .option('--data <dir>', 'data folder', defaultDataDir)
  .addHelpText('after', '\nExample:\n  npm run eval:stats -- --permutations 1000 --seed 7 --airline United --json\n')
  .showHelpAfterError('(run "npm run eval:stats -- --help" for the options)')
  // Usage errors exit 2, as voc's own commands do; 1 is kept for a disagreement with scipy.
  .exitOverride((error) => process.exit(error.exitCode === 1 ? 2 : error.exitCode))
  .parse();
const opts = program.opts<{ json?: boolean; permutations: number; seed: number; airline?: string; data: string }>();
const log = (line: string) => process.stderr.write(`${line}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);

const file = join(opts.data, FOLDER, 'dev.csv');
if (!dataAvailable(opts.data) || !existsSync(file)) {
  const message = `significance evaluation skipped: ${file} not found (the evaluation data lives outside the repository; --data names its folder)`;
  if (opts.json) out(JSON.stringify({ skipped: message }));
  else log(message);
  process.exit(0);
}

type Tweet = { airline: string; reason: string; at: number; day: string };

function loadTweets(path: string): { records: number; tweets: Tweet[] } {
  const records = parse(readFileSync(path), { columns: true, bom: true, relax_quotes: true }) as Array<Record<string, string>>;
  const byId = new Map<string, Tweet>();
  for (const r of records) {
    // "2015-02-24 11:35:52 -0800"
    const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(r.tweet_created ?? '');
    const at = m ? Date.parse(`${m[1]}T${m[2]}${m[3]}:${m[4]}`) : Number.NaN;
    if (!r.tweet_id || !r.airline || Number.isNaN(at)) throw new Error(`${path}: a row without tweet_id, airline or a readable tweet_created: ${JSON.stringify(r.tweet_id)}`);
    byId.set(r.tweet_id, { airline: r.airline, reason: r.negativereason ?? '', at, day: formatInZone(at, ZONE).slice(0, 10) });
  }
  return { records: records.length, tweets: [...byId.values()] };
}

/** A way of cutting tweets into before (0) and after (1); tweets in neither are undefined. */
type Split = { name: string; side: (t: Tweet) => 0 | 1 | undefined };
type Counts = { n: [number, number]; x: Map<string, [number, number]> };

function count(tweets: readonly Tweet[], reasons: readonly string[], side: (t: Tweet, i: number) => 0 | 1 | undefined): Counts {
  const c: Counts = { n: [0, 0], x: new Map(reasons.map((r) => [r, [0, 0]])) };
  tweets.forEach((t, i) => {
    const s = side(t, i);
    if (s === undefined) return;
    c.n[s]++;
    if (t.reason) c.x.get(t.reason)![s]++;
  });
  return c;
}

type Call = ChangeCall & { reason: string; x1: number; x2: number };

/** voc's own decision (analytics/statistics.ts callChanges, as top issues make it) over every reason mentioned in either period. */
function callReasons(c: Counts): Call[] {
  const compared = [...c.x].filter(([, [x1, x2]]) => x1 + x2 > 0);
  const calls = callChanges(compared.map(([, [x1, x2]]) => ({ before: x1, now: x2 })), c.n[0], c.n[1]);
  return compared.map(([reason, [x1, x2]], k) => ({ ...calls[k]!, reason, x1, x2 }));
}

/** Seeded integers in [0, bound): the AES-128-CTR keystream of a key made from the seed, read as 32-bit words, the same on every machine. The bias of floor(u·bound) is below bound / 2³², nothing at these sizes. */
function seededInts(seed: number): (bound: number) => number {
  const key = createHash('sha256').update(`eval:stats seed ${seed}`).digest().subarray(0, 16);
  const keystream = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  let block = Buffer.alloc(0);
  let at = 0;
  return (bound) => {
    if (at === block.length) {
      block = keystream.update(Buffer.alloc(1 << 16));
      at = 0;
    }
    const word = block.readUInt32LE(at);
    at += 4;
    return Math.floor((word / 2 ** 32) * bound);
  };
}

const { records, tweets } = loadTweets(file);
const airlines = [...new Set(tweets.map((t) => t.airline))].sort();
const reasons = [...new Set(tweets.map((t) => t.reason).filter(Boolean))].sort();
if (opts.airline !== undefined && !airlines.includes(opts.airline)) program.error(`error: --airline ${JSON.stringify(opts.airline)} is not in the data; known: ${airlines.join(', ')}`);
const days = [...new Set(tweets.map((t) => t.day))].sort();
const calendar: string[] = [];
for (let d = days[0]!; d <= days.at(-1)!; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) calendar.push(d);
// The range runs from the first tweet to just after the last (times are to the second), halved like voc's period and the previous one of equal length.
const from = Math.min(...tweets.map((t) => t.at));
const to = Math.max(...tweets.map((t) => t.at)) + 1000;
const middle = from + (to - from) / 2;
const halfOf = (t: Tweet): 0 | 1 => (t.at < middle ? 0 : 1);
const splits: Split[] = [
  ...calendar.slice(1).map((b, i): Split => ({ name: `${calendar[i]} → ${b}`, side: (t) => (t.day === calendar[i] ? 0 : t.day === b ? 1 : undefined) })),
  { name: 'first half → second half', side: halfOf },
];
log(`${FOLDER}: ${tweets.length} tweets, ${airlines.length} airlines, ${reasons.length} reasons, ${calendar.length} days`);

// 1. Agreement with scipy.
type Family = { label: string; calls: Call[]; n: [number, number] };
const families: Family[] = [];
let untestable = 0;
for (const segment of [ALL, ...airlines]) {
  const inSegment = segment === ALL ? tweets : tweets.filter((t) => t.airline === segment);
  for (const split of splits) {
    const c = count(inSegment, reasons, split.side);
    const calls = callReasons(c);
    const label = `${segment} · ${split.name}`;
    untestable += reasons.length - calls.length;
    if (c.n[0] && c.n[1]) families.push({ label, calls, n: c.n });
    else untestable += calls.length;
  }
}
const comparisons = families.flatMap((f) => f.calls.map((call) => ({ label: `${f.label} · ${call.reason}`, call, n: f.n })));
type Pair = { at: string; voc: number | null; scipy: number | null };
type Worst = Pair & { diff: number };
/** A bound passes within the tolerance of proportion_ci, or of beta.ppf when proportion_ci's root finder is what differs. */
type BoundCheck = { proportionCi: Worst; betaPpf: Worst; beyondProportionCi: number; withinBetaPpf: number };
type Agreement =
  | { unavailable: string }
  | { scipy: string; comparisons: number; untestable: number; families: number; tolerance: number; p: Worst; q: Worst; lower: BoundCheck; upper: BoundCheck; pass: boolean };
type ScipyAnswer = { scipy: string; p: number[]; low: Bound[]; high: Bound[]; low_ppf: Bound[]; high_ppf: Bound[]; q: number[][] };
type Bound = number | null;

const absolute = (a: Bound, b: Bound) => (a === null || b === null ? (a === b ? 0 : Number.POSITIVE_INFINITY) : Math.abs(a - b));
const relative = (a: Bound, b: Bound) => (a === b ? 0 : a === null || b === null ? Number.POSITIVE_INFINITY : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
function worst(pairs: Pair[], diff: (a: Bound, b: Bound) => number): Worst {
  let w: Worst = { diff: 0, at: '', voc: null, scipy: null };
  for (const p of pairs) {
    const d = diff(p.voc, p.scipy);
    if (d > w.diff || !w.at) w = { diff: d, ...p };
  }
  return w;
}
function checkBounds(voc: Bound[], ci: Bound[], ppf: Bound[]): BoundCheck {
  const pairs = (ref: Bound[]) => comparisons.map((c, i): Pair => ({ at: c.label, voc: voc[i]!, scipy: ref[i]! }));
  const beyond = voc.flatMap((v, i) => (relative(v, ci[i]!) > TOLERANCE ? [i] : []));
  return { proportionCi: worst(pairs(ci), relative), betaPpf: worst(pairs(ppf), relative), beyondProportionCi: beyond.length, withinBetaPpf: beyond.filter((i) => relative(voc[i]!, ppf[i]!) <= TOLERANCE).length };
}

function agreement(): Agreement {
  const env = ensurePythonEnv(['scipy'], log);
  if ('unavailable' in env) return env;
  log(`scipy: ${comparisons.length} comparisons, ${families.length + 1} families of p-values`);
  const pValues = comparisons.map((c) => c.call.p!);
  // Both BH implementations get voc's p-values, so a difference in q is BH's own.
  const allQ = benjaminiHochberg(pValues);
  const sci = runPythonJson<ScipyAnswer>(env, 'scipy_rate_test.py', {
    comparisons: comparisons.map(({ call, n }) => [call.x1, n[0], call.x2, n[1]]),
    families: [...families.map((f) => f.calls.map((c) => c.p!)), pValues],
  });
  const p = worst(comparisons.map((c, i) => ({ at: c.label, voc: c.call.p, scipy: sci.p[i]! })), absolute);
  const q = worst(
    [
      ...families.flatMap((f, k) => f.calls.map((c, i) => ({ at: `${f.label} · ${c.reason} (within its family)`, voc: c.q, scipy: sci.q[k]![i]! }))),
      ...comparisons.map((c, i) => ({ at: `${c.label} (all p-values at once)`, voc: allQ[i]!, scipy: sci.q[families.length]![i]! })),
    ],
    absolute,
  );
  const lower = checkBounds(comparisons.map((c) => c.call.interval![0]), sci.low, sci.low_ppf);
  const upper = checkBounds(comparisons.map((c) => c.call.interval![1]), sci.high, sci.high_ppf);
  const pass = p.diff <= TOLERANCE && q.diff <= TOLERANCE && [lower, upper].every((b) => b.beyondProportionCi === b.withinBetaPpf);
  return { scipy: sci.scipy, comparisons: comparisons.length, untestable, families: families.length + 1, tolerance: TOLERANCE, p, q, lower, upper, pass };
}

// 2. and 3.: first half against second half, for the chosen segment.
const segment = opts.airline ?? ALL;
const chosen = opts.airline ? tweets.filter((t) => t.airline === opts.airline) : tweets;
const real = count(chosen, reasons, halfOf);

function falseAlarms() {
  log(`${opts.permutations} permutations of the dates (${segment})`);
  // Shuffling which half each tweet's date falls in is shuffling the dates, as far as the halves can tell.
  const side = chosen.map(halfOf);
  const next = seededInts(opts.seed);
  let alarmed = 0;
  let falseCalls = 0;
  let most = 0;
  for (let k = 0; k < opts.permutations; k++) {
    for (let i = side.length - 1; i > 0; i--) {
      const j = next(i + 1);
      [side[i], side[j]] = [side[j]!, side[i]!];
    }
    const calls = callReasons(count(chosen, reasons, (_, i) => side[i])).filter((c) => c.significant).length;
    if (calls) alarmed++;
    falseCalls += calls;
    most = Math.max(most, calls);
  }
  const interval = clopperPearson(alarmed, opts.permutations);
  return { segment, permutations: opts.permutations, seed: opts.seed, permutationsWithAlarm: alarmed, familywiseFalseAlarmRate: alarmed / opts.permutations, interval, meanFalseCalls: falseCalls / opts.permutations, mostFalseCalls: most };
}

const check = agreement();
const nullRun = falseAlarms();
const calls = callReasons(real);
const allHalves = count(tweets, reasons, halfOf).n;
const period = (a: number, b: number) => ({ from: formatInZone(a, ZONE), to: formatInZone(b, ZONE) });
const report = {
  data: {
    file,
    records,
    tweets: tweets.length,
    airlines,
    reasons,
    timeZone: ZONE,
    days: calendar,
    halves: [{ ...period(from, middle), tweets: allHalves[0] }, { ...period(middle, to), tweets: allHalves[1] }],
  },
  test: { alpha: ALPHA, minEvents: MIN_EVENTS },
  agreement: check,
  falseAlarms: nullRun,
  real: {
    segment,
    tweets: { before: real.n[0], after: real.n[1] },
    // The mix of airlines can differ between the halves; all-airline rates move with it.
    byAirline: Object.fromEntries(airlines.map((a) => [a, count(tweets.filter((t) => t.airline === a), reasons, halfOf).n])),
    reasons: calls.map((c) => ({ reason: c.reason, before: c.x1, after: c.x2, rateRatio: c.rateRatio, interval: c.interval, p: c.p, q: c.q, significant: c.significant })),
  },
};
if ('pass' in check && !check.pass) process.exitCode = 1;

if (opts.json) {
  // JSON has no infinity: a difference that is infinite (one side has no bound) is written as null.
  out(JSON.stringify(report, (_, v: unknown) => (v === Number.POSITIVE_INFINITY ? null : v), 2));
} else {
  const g = (x: number | null, digits = 3) => (x === null ? '∞' : x === 0 ? '0' : Math.abs(x) < 1e-3 ? x.toExponential(1) : x.toPrecision(digits));
  const d = report.data;
  out(`voc's significance test on ${d.file}`);
  out(`  ${d.tweets.toLocaleString('en-US')} tweets (${d.records.toLocaleString('en-US')} records, one per tweet_id), ${d.airlines.length} airlines, ${d.reasons.length} reasons, days ${d.days[0]} … ${d.days.at(-1)} (${ZONE})`);
  out(`  halves: ${d.halves[0]!.from} … ${d.halves[0]!.to} (${d.halves[0]!.tweets} tweets), then … ${d.halves[1]!.to} (${d.halves[1]!.tweets} tweets)`);
  out(`  significant: q < ${ALPHA} (Benjamini–Hochberg across the reasons compared) and at least ${MIN_EVENTS} mentions in both periods together`);
  out('\n1. agreement with scipy (binomtest, proportion_ci exact, false_discovery_control)');
  if ('unavailable' in check) out(`  not checked: ${check.unavailable}`);
  else {
    out(`  scipy ${check.scipy}; ${check.comparisons} comparisons (all airlines and each airline × reason × consecutive days or the halves; ${check.untestable} more had nothing to test: no mention, or no tweets on a day), ${check.families} families of q-values`);
    const line = (name: string, w: Worst) => out(`  ${name.padEnd(24)} ${g(w.diff).padStart(8)}  ${w.diff ? `${w.at}: voc ${g(w.voc, 17)}, scipy ${g(w.scipy, 17)}` : 'identical everywhere'}`);
    line('max |Δp|', check.p);
    line('max |Δq|', check.q);
    for (const [name, b] of [['lower', check.lower], ['upper', check.upper]] as const) {
      out(`  ${name} bound of the rate ratio, max relative Δ`);
      line('  vs proportion_ci', b.proportionCi);
      line('  vs beta.ppf', b.betaPpf);
    }
    out(`  ${check.pass ? 'PASS' : 'FAIL'} at ${TOLERANCE} (absolute for p and q, relative for the bounds)`);
    for (const [name, b] of [['lower', check.lower], ['upper', check.upper]] as const) {
      if (!b.beyondProportionCi) continue;
      out(`    ${b.beyondProportionCi} ${name} bound(s) beyond ${TOLERANCE} of proportion_ci, ${b.withinBetaPpf} of them within it of beta.ppf (the same interval in closed form; proportion_ci`);
      out(`    solves for it with brentq, xtol 2e-12 on the proportion, which the odds magnify as the proportion nears 1)`);
    }
  }
  const f = report.falseAlarms;
  out(`\n2. false alarms with the dates shuffled (${f.segment}, first half → second half, ${f.permutations} permutations, seed ${f.seed})`);
  out(`  permutations with at least one significant reason  ${f.permutationsWithAlarm} of ${f.permutations} = ${g(f.familywiseFalseAlarmRate)} (95% CI ${g(f.interval[0])}–${g(f.interval[1])})`);
  out(`  false calls per permutation                        mean ${g(f.meanFalseCalls)}, most ${f.mostFalseCalls}`);
  const r = report.real;
  const called = r.reasons.filter((c) => c.significant);
  out(`\n3. real data (${r.segment}), first half (${r.tweets.before} tweets) → second half (${r.tweets.after} tweets): ${called.length} of ${r.reasons.length} reasons significant`);
  if (called.length) {
    out(`  ${'reason'.padEnd(28)} ${'before'.padStart(6)} ${'after'.padStart(6)} ${'ratio'.padStart(6)}  ${'95% interval'.padEnd(16)} ${'q'.padStart(8)}`);
    for (const c of called) {
      const interval = c.interval ? `${g(c.interval[0])}–${g(c.interval[1])}` : '';
      out(`  ${c.reason.padEnd(28)} ${String(c.before).padStart(6)} ${String(c.after).padStart(6)} ${(c.rateRatio === null ? 'new' : g(c.rateRatio)).padStart(6)}  ${interval.padEnd(16)} ${g(c.q).padStart(8)}`);
    }
  }
  const rest = r.reasons.filter((c) => !c.significant);
  if (!opts.airline) out(`  tweets per airline: ${Object.entries(r.byAirline).map(([a, [b, c]]) => `${a} ${b}→${c}`).join(', ')}`);
  if (rest.length) out(`  not significant: ${rest.map((c) => `${c.reason} ${c.before}→${c.after}`).join(', ')}`);
}
