// `voc dlq list|replay`: what the processors refused, and sending it through again once the
// cause is fixed (see processors/dlq/dead-letters.ts). Listings show details and a preview
// of the message redacted like any text voc shows: the original bytes stay in Kafka.
import { Command } from 'commander';
import Table from 'cli-table3';
import { createElasticsearchClient } from '../core/elasticsearch/elasticsearch.client.ts';
import { createKafka } from '../core/kafka/kafka.client.ts';
import { deadLetterTopic, rawTopics } from '../core/names.ts';
import { redactPii } from '../insight/pii/redact-pii.ts';
import { readDeadLetters, replayDeadLetters, type DeadLetterRecord } from '../processors/dlq/dead-letters.ts';
import { cliConfig, cliLogger } from './context.ts';

const preview = (d: DeadLetterRecord, n: number) => redactPii((d.value ?? Buffer.alloc(0)).toString('utf8')).text.replace(/\s+/g, ' ').slice(0, n);

function view(d: DeadLetterRecord) {
  return { partition: d.partition, offset: d.offset, at: d.at, reason: d.reason, step: d.step, detail: redactPii(d.detail).text, source: d.source, bytes: d.value?.length ?? 0, preview: preview(d, 200) };
}

export function dlqCommand(): Command {
  const dlq = new Command('dlq').description('the dead-letter topic: messages the processors refused');
  const filters = (c: Command) => c.option('--reason <reason>', 'only dead letters with this reason (e.g. invalid-json, invalid-feedback, mapper_parsing_exception)').option('--step <step>', 'only those refused by this step (decode, a pipeline step, elasticsearch-sink)');

  filters(dlq.command('list').description('list dead letters, oldest first, with reason, step, origin and a redacted preview'))
    .option('--json', 'one JSON object per line')
    .option('--limit <n>', 'at most this many (the newest)', (v) => Number.parseInt(v, 10), 100)
    .action(async (opts: { reason?: string; step?: string; json?: boolean; limit: number }) => {
      const config = cliConfig();
      const letters = await readDeadLetters(createKafka(config.kafka, cliLogger()), deadLetterTopic(config.kafka.topicPrefix), opts);
      const shown = letters.slice(-Math.max(1, opts.limit));
      if (opts.json) return void process.stdout.write(shown.map((d) => JSON.stringify(view(d))).join('\n') + (shown.length ? '\n' : ''));
      if (shown.length === 0) return void process.stderr.write('voc: no dead letters match\n');
      const byReason = new Map<string, number>();
      for (const d of letters) byReason.set(d.reason, (byReason.get(d.reason) ?? 0) + 1);
      const table = new Table({ head: ['at', 'dlq', 'reason', 'step', 'from', 'detail', 'message'], colWidths: [22, 10, 20, 12, 30, 40, 40], wordWrap: true });
      for (const d of shown) table.push([d.at.slice(0, 19).replace('T', ' '), `${d.partition}/${d.offset}`, d.reason, d.step, `${d.source.topic}/${d.source.partition}@${d.source.offset}`, redactPii(d.detail).text.slice(0, 120), preview(d, 120)]);
      process.stdout.write(`${table.toString()}\n${letters.length} dead letters (${[...byReason].map(([r, n]) => `${r} ${n}`).join(', ')})${shown.length < letters.length ? `; the newest ${shown.length} shown` : ''}\n`);
    });

  filters(dlq.command('replay').description('publish dead letters again to the raw topic they came from (each once; run it after fixing the cause)'))
    .option('--dry-run', 'say what would be replayed, replay nothing')
    .action(async (opts: { reason?: string; step?: string; dryRun?: boolean }) => {
      const config = cliConfig();
      const kafka = createKafka(config.kafka, cliLogger());
      const letters = await readDeadLetters(kafka, deadLetterTopic(config.kafka.topicPrefix), opts);
      const es = createElasticsearchClient(config.elasticsearch);
      try {
        const raw = new Set(rawTopics(config.kafka.topicPrefix));
        const report = await replayDeadLetters({ kafka, client: es, indexPrefix: config.elasticsearch.indexPrefix, letters, dryRun: opts.dryRun, topicOk: (t) => raw.has(t) });
        process.stdout.write(`${JSON.stringify({ matched: letters.length, ...report, ...(opts.dryRun ? { dryRun: true } : {}) })}\n`);
      } finally {
        await es.close();
      }
    });
  return dlq;
}
