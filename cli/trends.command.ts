// `voc trends`: one metric over time as a table in the terminal, optionally split, with
// the totals of the period, the previous period of equal length and the change; `--json`
// prints the same result the API's GET /v1/trends returns. Parameters go through the very
// schema the API validates with, so both refuse the same input with the same words.
// Exit codes: 0 printed, 2 usage errors (named by their option), 1 anything else
// (Elasticsearch unreachable, say).
import Table from 'cli-table3';
import { Command, CommanderError, Option } from 'commander';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { readAlias } from '../core/names.ts';
import { dimensions, filterFields } from '../core/query/feedback-filter.ts';
import { resolveSpec, SpecError, trendParamsSchema } from '../core/trends/metric-spec.ts';
import { describeMetric, metricNames, type MetricName } from '../core/trends/metrics.ts';
import { intervals } from '../core/trends/time-buckets.ts';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { createIssueCatalog } from '../insight/taxonomy/taxonomy-store.ts';
import { runTrend, type ComparedSeries, type TrendResult } from '../analytics/trends.ts';
import { cliConfig } from './context.ts';
import { EXIT_USAGE } from './exit-codes.ts';

type Opts = { metric: string; split?: string; top?: string; interval: string; from?: string; to?: string; tz: string; q?: string; filter: string[]; json?: boolean };

const examples = `
Filters take the search API's names, one --filter per dimension, values comma-separated:
  ${Object.keys(filterFields).join(', ')}
Metrics:
${metricNames.map((m) => `  ${m.padEnd(13)} ${describeMetric(m)}`).join('\n')}

A plain-date --to includes that day. Without --from and --to: the last 30 days of the zone.

Examples:
  voc trends
  voc trends --metric nps --split segment --from 2026-11-01 --to 2026-11-30 --tz Asia/Shanghai
  voc trends --metric valueAtRisk --split product --top 3 --filter language=zh --json
  voc trends --metric count --split issue --filter issueKind=problem --filter product=nimbus-x2 --interval week
`;

const collect = (value: string, previous: string[]) => [...previous, value];
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function trendsCommand(): Command {
  return new Command('trends')
    .description('print a metric over time (optionally split by a dimension) as a table, with the previous period and the change')
    .addOption(new Option('--metric <name>', 'what to measure').choices(metricNames).default('count'))
    .addOption(new Option('--split <dimension>', 'one series per value of this dimension (the top values and "other")').choices(dimensions))
    .option('--top <n>', 'how many split values get their own series (1–20)', '5')
    .addOption(new Option('--interval <interval>', 'bucket size; auto keeps about a hundred buckets or fewer').choices(['auto', ...intervals]).default('auto'))
    .option('--from <date>', 'start: 2026-11-01 (midnight in --tz) or an ISO date-time with offset')
    .option('--to <date>', 'end, exclusive; a plain date includes that whole day (default: now)')
    .option('--tz <zone>', 'IANA time zone whose days and weeks the buckets follow', localZone())
    .option('--q <text>', 'only items whose text matches (as in search)')
    .option('--filter <dimension=values>', 'only items with one of these values, e.g. product=nimbus-x2,aurora-buds (repeatable)', collect, [])
    .option('--json', 'print the result as JSON (the API response)')
    .addHelpText('after', examples)
    .showHelpAfterError('(run "voc trends --help" for the options)')
    .exitOverride((error) => {
      throw error.exitCode === 1 ? new CommanderError(EXIT_USAGE, error.code, error.message) : error;
    })
    .action(async (opts: Opts, command: Command) => {
      const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: EXIT_USAGE, code: 'voc.trends.usage' });
      const params: Record<string, unknown> = { metric: opts.metric, interval: opts.interval, tz: opts.tz, top: opts.top };
      for (const key of ['split', 'from', 'to', 'q'] as const) if (opts[key] !== undefined) params[key] = opts[key];
      for (const f of opts.filter) {
        const [name, values] = f.split(/=(.*)/s);
        if (!name || !values) usage(`--filter ${f}: expected dimension=value[,value…]`);
        if (!(name! in filterFields)) usage(`--filter ${f}: unknown dimension "${name}"; one of ${Object.keys(filterFields).join(', ')}`);
        params[name!] = values;
      }
      const parsed = trendParamsSchema.safeParse(params);
      if (!parsed.success) {
        usage(parsed.error.issues.map((i) => `${optionOf(String(i.path[0] ?? ''))}: ${i.message}`).join('\n       '));
        return;
      }
      let spec;
      try {
        spec = resolveSpec(parsed.data);
      } catch (error) {
        if (error instanceof SpecError) usage(`${optionOf(error.path)}: ${error.message}`);
        throw error;
      }
      const config = cliConfig();
      const client = createElasticsearchClient(config.elasticsearch, { requestTimeoutMs: 30_000 });
      try {
        const result = await runTrend(
          { client, index: readAlias(config.elasticsearch.indexPrefix), analyzer: createTextAnalyzer(), issues: createIssueCatalog(client, config.elasticsearch.indexPrefix, config.insight.taxonomyFile) },
          spec,
        );
        process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderTrend(result));
      } finally {
        await client.close();
      }
    });
}

/** The option a schema path came from: filters are given as --filter name=…. */
function optionOf(path: string): string {
  if (path in filterFields) return `--filter ${path}`;
  return path === 'tz' ? '--tz' : `--${path || 'options'}`;
}

/** A figure as people read it: counts whole, shares in %, money with separators, means to two places. */
export function formatValue(metric: MetricName, value: number | null, approximate?: boolean): string {
  if (value === null) return '–';
  const mark = approximate ? '~' : '';
  switch (metric) {
    case 'count':
    case 'customers':
      return `${mark}${Math.round(value).toLocaleString('en')}`;
    case 'negativeShare':
    case 'valueShare':
      return `${mark}${(value * 100).toFixed(1)}%`;
    case 'valueAtRisk':
      return `${mark}${Math.round(value).toLocaleString('en')}`;
    case 'nps':
    case 'csat':
      return `${mark}${value.toFixed(1)}`;
    default:
      return `${mark}${value.toFixed(2)}`;
  }
}

function bucketLabel(t: string, interval: TrendResult['interval']): string {
  if (interval === 'month') return t.slice(0, 7);
  if (interval === 'day' || interval === 'week') return t.slice(0, 10);
  return `${t.slice(0, 10)} ${t.slice(11, 16)}`;
}

function changeText(metric: MetricName, s: ComparedSeries): string {
  const { absolute, relative } = s.change;
  if (absolute === null) return '–';
  const sign = absolute > 0 ? '+' : '';
  const abs = metric === 'negativeShare' || metric === 'valueShare' ? `${sign}${(absolute * 100).toFixed(1)} pts` : `${sign}${formatValue(metric, absolute)}`;
  return relative === null ? abs : `${abs} (${relative > 0 ? '+' : ''}${(relative * 100).toFixed(0)}%)`;
}

export function renderTrend(r: TrendResult): string {
  const metric = r.metric;
  const columns = r.split ? [...r.split.series, r.total] : [r.total];
  const name = (s: ComparedSeries) => (s === r.total ? (r.split ? 'all' : metric) : s.other ? '(other)' : s.key);
  const table = new Table({
    head: [r.interval, ...columns.map(name)],
    style: { head: [], border: [] },
    colAligns: ['left', ...columns.map(() => 'right' as const)],
    // One line per bucket: no rule between rows.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  r.total.points.forEach((p, i) => {
    table.push([bucketLabel(p.t, r.interval), ...columns.map((s) => formatValue(metric, s.points[i]?.value ?? null, s.points[i]?.approximate))]);
  });
  table.push(['period', ...columns.map((s) => formatValue(metric, s.summary.value, s.summary.approximate))]);
  table.push(['n', ...columns.map((s) => s.summary.n.toLocaleString('en'))]);
  table.push(['previous', ...columns.map((s) => formatValue(metric, s.previous.value, s.previous.approximate))]);
  table.push(['change', ...columns.map((s) => changeText(metric, s))]);
  const head = `${metric}${r.split ? ` by ${r.split.dimension}` : ''}, ${r.from} → ${r.to} (${r.timeZone}), previous period ${r.previous.from} → ${r.previous.to}`;
  return `${head}\n${table.toString()}\n${metric}: ${r.definition}\n`;
}
