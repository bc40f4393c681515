// `npm run eval:alerts [-- --json] [-- --streams N] [-- --seed S]`: the alert detectors
// (alerts/detectors) measured offline, through the same code `voc alerts detect` runs.
//   1. Known answers: for each rule type, N generated six-week hourly streams with
//      incidents at known times (bench/eval/alerts/synthetic-streams.ts says which and how
//      big), each rule with its defaults except what its type needs. Reported per type:
//      recall (overall, small and large incidents), precision, false alarms and the median
//      detection delay in evaluation intervals. Targets: recall ≥ 0.95, precision ≥ 0.90,
//      median delay ≤ 2 intervals.
//   2. Real data: the airline tweets of ../shared/data replayed hour by hour (negative
//      tweets per airline, and per negative reason); what fired and why, next to each
//      airline's negative tweets per day. Skipped, saying so, without the data folder.
// Prints a report (or one JSON object with --json) on stdout, progress on stderr; exits 0
// when every target is met, 1 when one is not, 2 on a usage error.
import { Command, InvalidArgumentError } from 'commander';
import { detect } from '../../alerts/detect.ts';
import { windowBuckets } from '../../alerts/detectors/detectors.ts';
import { parseRule, type Rule } from '../../alerts/rule.ts';
import { airlineFile, replayAirlines } from './alerts/airline-replay.ts';
import { emptyScore, scoreStream, summary } from './alerts/scoring.ts';
import { families } from './alerts/synthetic-streams.ts';
import { defaultDataDir } from './datasets.ts';

const TARGETS = { recall: 0.95, precision: 0.9, medianDelayIntervals: 2 };

const whole = (what: string, min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${what}: a whole number ≥ ${min}`);
  return n;
};
const opts = new Command('eval:alerts')
  .description('recall, precision and delay of the alert detectors on generated streams with known incidents, and what they call on the airline tweets')
  .option('--json', 'print one JSON object on stdout instead of the report')
  .option('--streams <n>', 'generated streams per rule type', whole('--streams', 1), 60)
  .option('--seed <n>', 'seed of the first stream (the same seed gives the same figures)', whole('--seed', 1), 1)
  .option('--data <dir>', 'data folder', defaultDataDir)
  .addHelpText('after', '\nExample:\n  npm run eval:alerts -- --streams 200 --json > alerts-eval.json\n')
  .showHelpAfterError('(run "npm run eval:alerts -- --help" for the options)')
  .exitOverride((error) => process.exit(error.exitCode === 1 ? 2 : error.exitCode))
  .parse()
  .opts<{ json?: boolean; streams: number; seed: number; data: string }>();

const log = (line: string) => process.stderr.write(`${line}\n`);
const out = (line = '') => process.stdout.write(`${line}\n`);

function rule(input: object): Rule {
  const r = parseRule(input);
  if ('problems' in r) throw new Error(`bad rule ${JSON.stringify(input)}: ${JSON.stringify(r.problems)}`);
  return r.rule;
}

const started = performance.now();
const types = families.map((family) => {
  const r = rule(family.rule);
  const score = emptyScore();
  let evaluations = 0;
  for (let k = 0; k < opts.streams; k++) {
    const stream = family.make(opts.seed + k);
    const result = detect(r, stream.series);
    evaluations += result.evaluations.filter((e) => e.breach !== null).length;
    scoreStream(score, result.transitions, stream.incidents, stream.series.interval, windowBuckets(r, stream.series.interval) * stream.series.interval);
  }
  const s = summary(score);
  const met = (s.recall ?? 0) >= TARGETS.recall && (s.precision ?? 0) >= TARGETS.precision && s.medianDelayIntervals !== null && s.medianDelayIntervals <= TARGETS.medianDelayIntervals;
  log(`${family.name}: ${opts.streams} streams, ${evaluations.toLocaleString('en')} judged evaluations`);
  return { type: family.name, rule: family.rule, streams: opts.streams, evaluations, ...s, met };
});

const replayRule = { type: 'spike', direction: 'up', baseline: '4d' };
const file = airlineFile(opts.data);
const replay = file ? replayAirlines(file, rule(replayRule)) : undefined;
const seconds = Math.round((performance.now() - started) / 100) / 10;
const allMet = types.every((t) => t.met);

if (opts.json) {
  out(JSON.stringify({ targets: TARGETS, seed: opts.seed, seconds, types, met: allMet, airlineReplay: replay ? { rule: replayRule, ...replay } : { skipped: `${opts.data}/twitter_us_airline_sentiment/dev.csv not found` } }, null, 2));
} else {
  out(`alert detectors on generated streams (hourly over six weeks; daily over four months for NPS; ${opts.streams} per type, seeds ${opts.seed}–${opts.seed + opts.streams - 1}; ${seconds} s)`);
  out();
  const pct = (x: number | null) => (x === null ? '–' : x.toFixed(3));
  out(`${'rule type'.padEnd(38)}${'incidents'.padStart(10)}${'recall'.padStart(8)}${'small'.padStart(7)}${'large'.padStart(7)}${'firings'.padStart(9)}${'false'.padStart(7)}${'precision'.padStart(11)}${'delay'.padStart(7)}   targets`);
  for (const t of types) {
    out(`${t.type.padEnd(38)}${String(t.incidents).padStart(10)}${pct(t.recall).padStart(8)}${pct(t.recallSmall).padStart(7)}${pct(t.recallLarge).padStart(7)}${String(t.firings).padStart(9)}${String(t.falseAlarms).padStart(7)}${pct(t.precision).padStart(11)}${String(t.medianDelayIntervals ?? '–').padStart(7)}   ${t.met ? 'met' : 'NOT met'}`);
  }
  out(`targets: recall ≥ ${TARGETS.recall}, precision ≥ ${TARGETS.precision}, median delay ≤ ${TARGETS.medianDelayIntervals} intervals: ${allMet ? 'met by every type' : 'NOT met by ' + types.filter((t) => !t.met).map((t) => t.type).join(', ')}`);
  out();
  if (!replay) out(`airline replay skipped: ${opts.data}/twitter_us_airline_sentiment/dev.csv not found (the evaluation data lives outside the repository; --data names its folder)`);
  else {
    out(`airline tweets replayed by the hour, ${replay.from} to ${replay.to} (${replay.hours} hours), rule ${JSON.stringify(replayRule)}: ${replay.series} series, ${replay.judged.toLocaleString('en')} judged evaluations, ${replay.firings.length} firings`);
    out(`negative tweets per day (UTC)    ${replay.days.map((d) => d.slice(5)).join('  ')}`);
    for (const [airline, counts] of Object.entries(replay.dailyNegative)) out(`  ${airline.padEnd(31)}${counts.map((c) => String(c).padStart(5)).join('  ')}`);
    out();
    for (const f of replay.firings) out(`  ${f.at.slice(0, 13).replace('T', ' ')}h  ${f.series}: ${f.reason}`);
  }
}
process.exitCode = allMet ? 0 : 1;
