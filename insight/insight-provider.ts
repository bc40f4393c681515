// What the tagging steps need that can change while a processor runs: the active issue
// taxonomy (reloaded when a newer version was saved through the API) and the trained
// model named by MODEL_FILE. Steps read the current matcher on every batch, so a new
// taxonomy applies from the next batch on without a restart.
import { readFile } from 'node:fs/promises';
import type { Client } from '@elastic/elasticsearch';
import type { InsightConfig } from '../core/config/config.ts';
import { loadActiveTaxonomy } from './taxonomy/taxonomy-store.ts';
import { deserialize } from './classifier/model-file.ts';
import type { ClassifierModel } from './classifier/classifier.types.ts';
import { createIssueMatcher, type IssueMatcher } from './taxonomy/issue-matcher.ts';
import { loadTaxonomy } from './taxonomy/taxonomy.schema.ts';
import type { Logger } from '../core/observability/logger.ts';
import type { TextAnalyzer } from '../core/text/text-analyzer.ts';

export type InsightProvider = {
  matcher(): IssueMatcher;
  model(): ClassifierModel | undefined;
  /** Loads the active taxonomy now; true when it changed. */
  refresh(): Promise<boolean>;
  stop(): void;
};

export async function loadModel(file: string | undefined): Promise<ClassifierModel | undefined> {
  return file ? deserialize(await readFile(file, 'utf8')) : undefined;
}

/** A provider fixed to a taxonomy file and model (`voc tag`, benchmarks, tests). */
export async function createStaticInsightProvider(deps: { analyzer: TextAnalyzer; taxonomyFile?: string; modelFile?: string }): Promise<InsightProvider> {
  const matcher = createIssueMatcher(await loadTaxonomy(deps.taxonomyFile), { analyzer: deps.analyzer });
  const model = await loadModel(deps.modelFile);
  return { matcher: () => matcher, model: () => model, refresh: async () => false, stop: () => undefined };
}

/** The processor's provider: the taxonomy saved through the API, else the configured file. */
export async function createLiveInsightProvider(config: InsightConfig, deps: { client: Client; indexPrefix: string; analyzer: TextAnalyzer; logger: Logger }): Promise<InsightProvider> {
  const log = deps.logger.child({ component: 'insight' });
  const model = await loadModel(config.modelFile);
  let matcher = createIssueMatcher((await loadActiveTaxonomy(deps.client, deps.indexPrefix, config.taxonomyFile)).taxonomy, { analyzer: deps.analyzer });
  log.info({ taxonomyVersion: matcher.version, modelVersion: model?.modelVersion }, 'insight loaded');

  async function refresh(): Promise<boolean> {
    const { taxonomy } = await loadActiveTaxonomy(deps.client, deps.indexPrefix, config.taxonomyFile);
    // Compiling costs ~100 ms: only when the version moved.
    if (`${taxonomy.id}@${taxonomy.version}` === matcher.version) return false;
    const next = createIssueMatcher(taxonomy, { analyzer: deps.analyzer });
    log.info({ from: matcher.version, to: next.version }, 'taxonomy changed');
    matcher = next;
    return true;
  }
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => log.warn({ err: (error as Error).message }, 'could not check for a newer taxonomy; keeping the current one'));
  }, config.taxonomyRefreshS * 1000);
  timer.unref();
  return { matcher: () => matcher, model: () => model, refresh, stop: () => clearInterval(timer) };
}
