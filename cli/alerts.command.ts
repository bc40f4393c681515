// `voc alerts detect`: runs one alert rule's detector offline over a plain series (CSV
// `timestamp,value[,volume]`) and prints one JSON line per state transition: for trying a
// rule on an exported series, and for measuring detectors on data of any origin. No
// server is needed. Exit codes: 0 ran (whether or not anything fired), 2 bad input (the
// rule's fields and the series' lines are named), 1 anything else.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { detect } from '../alerts/detect.ts';
import { metricTraits, parseRule, ruleMetric, ruleTypes, windowProblem } from '../alerts/rule.ts';
import { formatInterval, parseSeriesCsv, SeriesError } from '../alerts/series.ts';
import { EXIT_USAGE } from './exit-codes.ts';

const examples = `
The series: a CSV with the header "timestamp,value" or "timestamp,value,volume", one row
per bucket at one regular interval (inferred). Timestamps are ISO 8601 or epoch
milliseconds; without an offset they read as UTC. Shares and means (negativeShare, csat,
meanSentiment, nps, ces, meanRating) need the volume: the responses behind each value.

The rule: a JSON file, or the JSON itself. Only "type" is needed (and "direction" for a
spike, "metric" for floor and drop); every other field has a default. Types: ${ruleTypes.join(', ')}.

Output: one JSON line per transition, {"at","state","value","baseline","score","reason"},
state being pending, firing, resolved or ok (pending cleared before firing). --evaluations
prints every evaluation instead. "score" is −log10 of the test's p-value.

Examples:
  voc alerts detect --series complaints.csv --rule '{"type":"spike","direction":"up"}'
  voc alerts detect --series nps.csv --rule '{"type":"drop","metric":"nps","amount":15}'
  voc alerts detect --series orders.csv --rule rules/silence.json --evaluations
  some-export | voc alerts detect --series - --rule '{"type":"flatline","timeZone":"Asia/Shanghai"}'
`;

function readInput(path: string): string {
  return path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
}

export function alertsCommand(): Command {
  const alerts = new Command('alerts').description('alert rules and their detectors');
  alerts
    .command('detect')
    .description('run a rule offline over a series (CSV timestamp,value[,volume]) and print its state transitions as JSON lines')
    .requiredOption('--series <file>', 'CSV file with the header timestamp,value[,volume] ("-" reads stdin)')
    .requiredOption('--rule <file|json>', 'the rule as a JSON file or as JSON text')
    .option('--evaluations', 'print every evaluation (breach, value, baseline, score, reason) instead of the transitions')
    .addHelpText('after', examples)
    .showHelpAfterError('(run "voc alerts detect --help" for the options)')
    .exitOverride((error) => {
      throw error.exitCode === 1 ? new CommanderError(EXIT_USAGE, error.code, error.message) : error;
    })
    .action((opts: { series: string; rule: string; evaluations?: boolean }, command: Command) => {
      const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: EXIT_USAGE, code: 'voc.alerts.usage' });
      let ruleInput: unknown;
      const ruleText = opts.rule.trimStart().startsWith('{') ? opts.rule : (() => {
        try {
          return readFileSync(opts.rule, 'utf8');
        } catch (error) {
          return usage(`--rule ${opts.rule}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }
      })();
      try {
        ruleInput = JSON.parse(ruleText);
      } catch (error) {
        usage(`--rule: not valid JSON (${(error as Error).message})`);
      }
      const parsed = parseRule(ruleInput);
      if ('problems' in parsed) return usage(`--rule: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n       ')}`);
      const rule = parsed.rule;
      const window = windowProblem(rule);
      if (window) return usage(`--rule: ${window.path}: ${window.message}`);
      const kind = metricTraits[ruleMetric(rule)].kind;
      let text: string;
      try {
        text = readInput(opts.series);
      } catch (error) {
        return usage(`--series ${opts.series}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      }
      let series;
      try {
        series = parseSeriesCsv(text, { counted: kind === 'count' || kind === 'amount' });
      } catch (error) {
        if (error instanceof SeriesError) return usage(`--series ${opts.series}: ${error.message}`);
        throw error;
      }
      if ((kind === 'share' || kind === 'mean') && series.buckets.some((b) => b.value !== null && b.volume === undefined)) {
        return usage(`--series ${opts.series}: metric ${ruleMetric(rule)} needs a volume column (responses per bucket), so that small samples can be held back`);
      }
      const result = detect(rule, series);
      process.stderr.write(`${series.buckets.length} buckets of ${formatInterval(series.interval)}, ${result.evaluations.filter((e) => e.breach !== null).length} judged, ${result.transitions.filter((t) => t.state === 'firing').length} fired\n`);
      const lines = opts.evaluations ? result.evaluations.map((e) => ({ ...e, t: new Date(e.t).toISOString() })) : result.transitions;
      process.stdout.write(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    });
  return alerts;
}
