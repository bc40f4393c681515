// `voc tag`: feedback JSON lines on stdin → the same lines enriched on stdout, one output
// line per input line, in order, and nothing else on stdout. The tagging is the
// processor's own pipeline (redaction, language, sentiment, issues, keyphrases, model), so
// what `voc tag` says is what the indexed documents say. An invalid line yields
// {"error": …} on its line and the rest go on.
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { sources, type Source } from '../core/feedback/feedback.schema.ts';
import { createTextAnalyzer } from '../core/text/text-analyzer.ts';
import { decodeMessage } from '../processors/decode-message.ts';
import type { MessageRef } from '../core/kafka/message-ref.ts';
import { runSteps, type Item } from '../insight/steps/step.ts';
import { createStaticInsightProvider } from '../insight/insight-provider.ts';
import { createStepDeps, createSteps } from '../insight/steps/pipeline.ts';

type TagOptions = { model?: string; taxonomy?: string; source: Source; batch: number };

const BATCH = 256;

export function tagCommand(): Command {
  return new Command('tag')
    .description('tag feedback JSON lines from stdin and write the enriched lines to stdout, in order')
    .option('--model <file>', 'also predict with a model written by `voc train` (adds "prediction")')
    .option('--taxonomy <file>', 'issue taxonomy YAML (default: the shipped taxonomy)')
    .option('--source <source>', `source for lines without one (${sources.join(', ')})`, 'review')
    .addHelpText(
      'after',
      `
Each output line is the input object plus: language, sentiment {score, label, sentences},
issues [{id, label, parent, confidence, evidence, start, end, sentiment}], keyphrases,
redactions (counts of e-mails, phones, … replaced), taxonomyVersion and, with --model,
prediction {label, confidence} and modelVersion. When personal data was redacted,
"redactedText" holds the text the tags (and evidence offsets) refer to.

Example:
  echo '{"source":"review","text":"Arrived late and the box was crushed"}' | voc tag
`,
    )
    .action(async (opts: TagOptions) => {
      if (!(sources as readonly string[]).includes(opts.source)) throw new Error(`--source must be one of ${sources.join(', ')}`);
      const analyzer = createTextAnalyzer();
      const insight = await createStaticInsightProvider({ analyzer, taxonomyFile: opts.taxonomy, modelFile: opts.model });
      const steps = createSteps(createStepDeps(analyzer, insight));
      const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
      let batch: string[] = [];
      let lineNo = 0;
      for await (const line of lines) {
        batch.push(line);
        if (batch.length >= BATCH) {
          await write(tagBatch(batch, lineNo, steps, opts.source));
          lineNo += batch.length;
          batch = [];
        }
      }
      if (batch.length) await write(tagBatch(batch, lineNo, steps, opts.source));
    });
}

function write(lines: string[]): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(lines.join('\n') + '\n')) resolve();
    else process.stdout.once('drain', resolve);
  });
}

export function tagBatch(lines: readonly string[], firstLine: number, steps: ReturnType<typeof createSteps>, defaultSource: Source): string[] {
  const out: string[] = new Array(lines.length);
  const items: Item<MessageRef>[] = [];
  const inputs = new Map<string, { index: number; input: Record<string, unknown> }>();
  lines.forEach((line, i) => {
    const lineNumber = firstLine + i + 1;
    let input: unknown;
    try {
      input = JSON.parse(line);
    } catch (error) {
      out[i] = JSON.stringify({ error: { line: lineNumber, reason: 'invalid-json', detail: (error as Error).message } });
      return;
    }
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      out[i] = JSON.stringify({ error: { line: lineNumber, reason: 'not-an-object', detail: 'each line must be one JSON object' } });
      return;
    }
    // Only a line without a source needs serialising again; the others go in as read.
    const value = 'source' in input ? Buffer.from(line) : Buffer.from(JSON.stringify({ source: defaultSource, ...(input as Record<string, unknown>) }));
    const ref: MessageRef = { topic: 'stdin', partition: 0, offset: String(i), key: null, value, headers: {}, timestamp: String(Date.now()) };
    const decoded = decodeMessage(ref, undefined);
    if (!decoded.ok) {
      out[i] = JSON.stringify({ error: { line: lineNumber, reason: decoded.reason, detail: decoded.detail } });
      return;
    }
    inputs.set(ref.offset, { index: i, input: input as Record<string, unknown> });
    items.push(decoded.item);
  });
  const { ok, rejected } = runSteps(steps, items);
  for (const r of rejected) {
    const at = inputs.get(r.ref.offset)!;
    out[at.index] = JSON.stringify({ ...at.input, error: { line: firstLine + at.index + 1, reason: r.reason, step: r.step, detail: r.detail } });
  }
  for (const item of ok) {
    const at = inputs.get(item.ref.offset)!;
    const d = item.doc;
    const redacted = Object.keys(d.redactions ?? {}).length > 0;
    out[at.index] = JSON.stringify({
      ...at.input,
      id: d.id,
      language: d.language,
      sentiment: d.sentiment,
      issues: d.issues ?? [],
      keyphrases: d.keyphrases ?? [],
      redactions: d.redactions ?? {},
      ...(redacted ? { redactedText: d.text } : {}),
      taxonomyVersion: d.taxonomyVersion,
      ...(d.prediction ? { prediction: d.prediction, modelVersion: d.modelVersion } : {}),
    });
  }
  return out;
}
